"""The case lifecycle as one table-driven state machine.

Pure data in, pure data out: no session, no clock, no Qt. The console and the
reference central server validate every transition with this same code.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    DRAFT = "draft"
    RECEIVED = "received"
    ANSWERED = "answered"
    DISPATCHED = "dispatched"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    EXTENDED = "extended"
    REPLIED = "replied"
    CALLBACK = "callback"
    REOPENED = "reopened"
    CLOSED = "closed"
    MERGED = "merged"


class Role(StrEnum):
    OPERATOR = "operator"
    TEAM_LEAD = "team_lead"
    LIAISON = "liaison"  # a department's liaison
    ADMIN = "admin"
    SYSTEM = "system"  # imports, the server's own automatic steps
    OPEN311 = "open311"  # another civic system filing through Open311 with an API key


REQUEST_TYPES = ("consultation", "help", "complaint", "report", "suggestion", "praise", "other")
URGENCIES = ("normal", "urgent", "emergency")
CHANNELS = ("phone", "mailbox", "web", "app", "walk_in")
INSTRUCTION_LEVELS = ("city", "district", "township")

S, R = State, Role
HOTLINE = frozenset({R.OPERATOR, R.TEAM_LEAD, R.ADMIN, R.SYSTEM})
LEADS = frozenset({R.TEAM_LEAD, R.ADMIN})
DEPARTMENT = frozenset({R.LIAISON, R.ADMIN, R.SYSTEM})
OPEN_STATES = frozenset({S.RECEIVED, S.DISPATCHED, S.ACCEPTED, S.RETURNED, S.EXTENDED, S.REPLIED,
                         S.CALLBACK, S.REOPENED})
TERMINAL_STATES = frozenset({S.CLOSED, S.MERGED})


@dataclass(frozen=True)
class Action:
    """One row of the table: who may do it, from where, to where, what it needs."""

    name: str
    sources: frozenset[State]
    target: State | None  # None: a flag that leaves the state as it is
    roles: frozenset[Role]
    reason_required: bool = False
    needs: tuple[str, ...] = ()  # payload keys that must be present and non-empty


def _a(name, sources, target, roles, reason=False, needs=()):
    return Action(name, frozenset(sources), target, frozenset(roles), reason, tuple(needs))


ACTIONS: dict[str, Action] = {a.name: a for a in [
    _a("receive", {S.DRAFT}, S.RECEIVED, HOTLINE | {R.OPEN311}),
    _a("answer", {S.RECEIVED, S.RETURNED}, S.ANSWERED, HOTLINE, needs=("answer",)),
    _a("dispatch", {S.RECEIVED, S.RETURNED, S.REOPENED}, S.DISPATCHED, HOTLINE, needs=("lead_department",)),
    _a("accept", {S.DISPATCHED}, S.ACCEPTED, DEPARTMENT),
    _a("return", {S.DISPATCHED, S.ACCEPTED}, S.RETURNED, DEPARTMENT, reason=True),
    _a("request_extension", {S.ACCEPTED, S.EXTENDED, S.REOPENED}, None, DEPARTMENT, reason=True, needs=("extra",)),
    _a("approve_extension", {S.ACCEPTED, S.EXTENDED, S.REOPENED}, S.EXTENDED, LEADS | {R.SYSTEM}, needs=("extra",)),
    _a("reject_extension", {S.ACCEPTED, S.EXTENDED, S.REOPENED}, None, LEADS | {R.SYSTEM}, reason=True),
    _a("reply", {S.ACCEPTED, S.EXTENDED, S.REOPENED}, S.REPLIED, DEPARTMENT, needs=("result",)),
    _a("queue_callback", {S.REPLIED, S.ANSWERED}, S.CALLBACK, HOTLINE),
    _a("callback", {S.CALLBACK, S.REPLIED}, S.CLOSED, HOTLINE, needs=("satisfied", "resolved")),
    _a("reopen", {S.CALLBACK, S.REPLIED, S.CLOSED}, S.REOPENED, HOTLINE, reason=True),
    _a("close", {S.ANSWERED, S.REPLIED, S.CALLBACK}, S.CLOSED, HOTLINE),
    _a("cancel", {S.RECEIVED, S.RETURNED}, S.CLOSED, LEADS | {R.SYSTEM}, reason=True),
    _a("transfer", {S.RECEIVED}, S.CLOSED, HOTLINE, needs=("to",)),
    _a("merge", {S.RECEIVED, S.DISPATCHED, S.RETURNED, S.ANSWERED}, S.MERGED, HOTLINE, reason=True,
       needs=("into",)),
    _a("supervise", OPEN_STATES, None, LEADS | {R.SYSTEM}, reason=True),
    _a("instruct", OPEN_STATES | {S.ANSWERED}, None, LEADS | {R.SYSTEM}, reason=True, needs=("level",)),
    _a("pick", OPEN_STATES, None, LEADS | {R.SYSTEM}),
    _a("edit", OPEN_STATES | {S.ANSWERED}, None, HOTLINE, needs=("fields",)),
    _a("note", OPEN_STATES | {S.ANSWERED, S.CLOSED}, None, HOTLINE | DEPARTMENT, needs=("text",)),
]}

# Fields an `edit` may change; the rest belong to the workflow.
EDITABLE_FIELDS = ("description", "address", "caller_name", "answer")
TRANSFER_TARGETS = ("110", "119", "120", "122")


class WorkflowError(Exception):
    """A refused transition. Nothing has been written when this is raised."""

    def __init__(self, state: str, action: str, why: str):
        self.state, self.action, self.why = state, action, why
        super().__init__(f"cannot {action} a case that is {state}: {why}")


def allowed_actions(state: str, role: str) -> list[str]:
    """The actions `role` may take on a case in `state`, in table order."""
    return [a.name for a in ACTIONS.values() if state in a.sources and role in a.roles]


def check(state: str, action: str, role: str, reason: str = "", payload: dict | None = None) -> State:
    """Validate one transition; return the state after it or raise WorkflowError."""
    payload = payload or {}
    spec = ACTIONS.get(action)
    if spec is None:
        raise WorkflowError(state, action, "there is no such action")
    try:
        role = Role(role)
    except ValueError:
        raise WorkflowError(state, action, f"unknown role {role!r}") from None
    if state not in spec.sources:
        allowed = ", ".join(sorted(spec.sources)) or "no state"
        raise WorkflowError(state, action, f"only a case that is {allowed} can be {_past(action)}")
    if role not in spec.roles:
        who = ", ".join(sorted(r.value for r in spec.roles))
        raise WorkflowError(state, action, f"the role {role.value} may not do this (allowed: {who})")
    if spec.reason_required and not str(reason or "").strip():
        raise WorkflowError(state, action, "a reason is required")
    for key in spec.needs:
        value = payload.get(key)
        if value is None or (isinstance(value, str | list | dict) and not value):
            raise WorkflowError(state, action, f"{key} is required")
    if action == "edit":
        bad = set(payload["fields"]) - set(EDITABLE_FIELDS)
        if bad:
            raise WorkflowError(state, action, f"not editable: {', '.join(sorted(bad))}")
    if action == "transfer" and payload["to"] not in TRANSFER_TARGETS:
        raise WorkflowError(state, action, f"transfer goes to one of {', '.join(TRANSFER_TARGETS)}")
    if action == "instruct" and payload["level"] not in INSTRUCTION_LEVELS:
        raise WorkflowError(state, action, f"level is one of {', '.join(INSTRUCTION_LEVELS)}")
    if action == "instruct":
        for key in ("leader", "title"):  # who gave the instruction (the reports name them)
            value = payload.get(key, "")
            if not isinstance(value, str) or len(value) > 40:
                raise WorkflowError(state, action, f"{key} is a text of at most 40 characters")
    return State(spec.target) if spec.target else State(state)


def _past(action: str) -> str:
    return {"return": "returned", "reopen": "reopened", "queue_callback": "queued for callback",
            "callback": "called back", "accept": "signed for", "reply": "replied to",
            "merge": "merged", "dispatch": "dispatched", "answer": "answered", "transfer": "transferred",
            "cancel": "cancelled", "close": "closed"}.get(action, f"given '{action}'")
