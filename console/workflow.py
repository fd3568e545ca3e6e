"""The case lifecycle as one table-driven state machine.

Pure data in, pure data out: no session, no clock, no Qt. The console and the
reference central server validate every transition with this same code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .attachment_rules import meta_problem


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
    REVIEW = "review"  # a dissatisfied callback, waiting for a team lead
    RETURN_REVIEW = "return_review"  # 退单审核: a department's return waiting for a team lead
    DISPUTE = "dispute"  # 职责争议: returned twice (or by a second unit), a team lead names the unit
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
# what the citizen said at a callback (满意 / 基本满意 / 不满意); the first two count as satisfied
SATISFACTION_LEVELS = ("satisfied", "basically_satisfied", "dissatisfied")

S, R = State, Role
HOTLINE = frozenset({R.OPERATOR, R.TEAM_LEAD, R.ADMIN, R.SYSTEM})
LEADS = frozenset({R.TEAM_LEAD, R.ADMIN})
DEPARTMENT = frozenset({R.LIAISON, R.ADMIN, R.SYSTEM})
OPEN_STATES = frozenset({S.RECEIVED, S.DISPATCHED, S.ACCEPTED, S.RETURNED, S.EXTENDED, S.REPLIED,
                         S.CALLBACK, S.REVIEW, S.REOPENED, S.RETURN_REVIEW, S.DISPUTE})
# waiting for a team lead's decision: nobody but the hotline acts on the case meanwhile
HELD_STATES = frozenset({S.REVIEW, S.RETURN_REVIEW, S.DISPUTE})
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
    # to the team lead's review queue; a second return (or by a second unit) goes to DISPUTE (lifecycle)
    _a("return", {S.DISPATCHED, S.ACCEPTED}, S.RETURN_REVIEW, DEPARTMENT, reason=True),
    _a("approve_return", {S.RETURN_REVIEW}, S.RETURNED, LEADS, reason=True),
    # back to the state before the return, deadlines unchanged (lifecycle)
    _a("reject_return", {S.RETURN_REVIEW}, None, LEADS, reason=True),
    # binding: the named unit leads, and its own later return is refused (binding_decision)
    _a("decide_dispute", {S.DISPUTE}, S.DISPATCHED, LEADS, reason=True, needs=("unit",)),
    # an assisting unit's opinion for the lead (permissions: assisting units only)
    _a("assist_opinion", OPEN_STATES - HELD_STATES - {S.RECEIVED, S.RETURNED}, None, DEPARTMENT, needs=("text",)),
    # the lead passes the case to a unit directly below it (a district to its street office); deadlines stay
    _a("sub_dispatch", {S.DISPATCHED, S.ACCEPTED}, S.DISPATCHED, DEPARTMENT, needs=("unit",)),
    # the 1-hour rule: the citizen of an urgent case was told how it is going (the hotline or the lead unit)
    _a("progress_contact", OPEN_STATES - {S.REVIEW}, None, HOTLINE | DEPARTMENT),
    _a("request_extension", {S.ACCEPTED, S.EXTENDED, S.REOPENED}, None, DEPARTMENT, reason=True, needs=("extra",)),
    # approve / reject only a pending request (console.lifecycle checks there is one)
    _a("approve_extension", {S.ACCEPTED, S.EXTENDED, S.REOPENED}, S.EXTENDED, LEADS | {R.SYSTEM}),
    _a("reject_extension", {S.ACCEPTED, S.EXTENDED, S.REOPENED}, None, LEADS | {R.SYSTEM}, reason=True),
    _a("reply", {S.ACCEPTED, S.EXTENDED, S.REOPENED}, S.REPLIED, DEPARTMENT, needs=("result",)),
    _a("queue_callback", {S.REPLIED, S.ANSWERED}, S.CALLBACK, HOTLINE),
    # reached: closed, or to review when dissatisfied (see `check`)
    _a("callback", {S.CALLBACK, S.REPLIED}, S.CLOSED, HOTLINE, needs=("resolved",)),
    # not reached: stays for another try; the last allowed try closes it as unreachable (lifecycle)
    _a("callback_unreached", {S.CALLBACK, S.REPLIED}, S.CALLBACK, HOTLINE),
    _a("reopen", {S.CALLBACK, S.REPLIED, S.CLOSED}, S.REOPENED, HOTLINE, reason=True),
    _a("review_reopen", {S.REVIEW}, S.REOPENED, LEADS, reason=True),
    _a("review_close", {S.REVIEW}, S.CLOSED, LEADS, reason=True),
    _a("close", {S.ANSWERED}, S.CLOSED, HOTLINE),
    _a("close_without_callback", {S.REPLIED, S.CALLBACK}, S.CLOSED, LEADS, reason=True),
    _a("cancel", {S.RECEIVED, S.RETURNED}, S.CLOSED, LEADS | {R.SYSTEM}, reason=True),
    _a("transfer", {S.RECEIVED}, S.CLOSED, HOTLINE, needs=("to",)),
    _a("merge", {S.RECEIVED, S.DISPATCHED, S.RETURNED, S.ANSWERED}, S.MERGED, HOTLINE, reason=True,
       needs=("into",)),
    _a("supervise", OPEN_STATES, None, LEADS | {R.SYSTEM}, reason=True),
    _a("instruct", OPEN_STATES | {S.ANSWERED}, None, LEADS | {R.SYSTEM}, reason=True, needs=("level",)),
    _a("pick", OPEN_STATES, None, LEADS | {R.SYSTEM}),
    _a("edit", OPEN_STATES | {S.ANSWERED}, None, HOTLINE, needs=("fields",)),
    _a("note", OPEN_STATES | {S.ANSWERED, S.CLOSED}, None, HOTLINE | DEPARTMENT, needs=("text",)),
    # a photo, PDF or voice note: its metadata (console.attachment_rules); the bytes travel apart.
    # A closed case too: a photo is marked publishable when the case is published, after it closed
    _a("attach", OPEN_STATES | {S.ANSWERED, S.CLOSED}, None, HOTLINE | DEPARTMENT | {R.OPEN311},
       needs=("sha256", "size", "mime", "name")),
    # an urgent case: the hotline reached the 24-hour contact of a unit on the case (its lead or an assisting unit)
    _a("unit_contacted", OPEN_STATES, None, HOTLINE, needs=("unit", "person")),
]}

# Fields an `edit` may change; the rest belong to the workflow.
EDITABLE_FIELDS = ("description", "address", "caller_name", "answer")
TRANSFER_TARGETS = ("110", "119", "120", "122")


class WorkflowError(Exception):
    """A refused transition. Nothing has been written when this is raised.

    `code` is stable (a window translates it, a client may branch on it) and
    `params` fills its text; `why` is the English sentence for logs and the CLI."""

    def __init__(self, state: str, action: str, why: str, code: str = "refused", **params):
        self.state, self.action, self.why = state, action, why
        self.code, self.params = code, {k: str(v) for k, v in params.items()}
        super().__init__(f"cannot {action} a case that is {state}: {why}")

    def to_json(self) -> dict:
        """The refusal as the server sends it and the console reads it back."""
        return {"code": self.code, "params": dict(self.params), "action": self.action, "state": self.state}


def allowed_actions(state: str, role: str) -> list[str]:
    """The actions `role` may take on a case in `state`, in table order."""
    return [a.name for a in ACTIONS.values() if state in a.sources and role in a.roles]


def check(state: str, action: str, role: str, reason: str = "", payload: dict | None = None) -> State:
    """Validate one transition; return the state after it or raise WorkflowError."""
    payload = payload or {}
    spec = ACTIONS.get(action)
    if spec is None:
        raise WorkflowError(state, action, "there is no such action", "no_such_action")
    try:
        role = Role(role)
    except ValueError:
        raise WorkflowError(state, action, f"unknown role {role!r}", "unknown_role", role=role) from None
    if state not in spec.sources:
        allowed = ", ".join(sorted(spec.sources)) or "no state"
        raise WorkflowError(state, action, f"only a case that is {allowed} can be {_past(action)}", "wrong_state",
                            allowed=allowed)
    if role not in spec.roles:
        who = ", ".join(sorted(r.value for r in spec.roles))
        raise WorkflowError(state, action, f"the role {role.value} may not do this (allowed: {who})",
                            "role_not_allowed", role=role.value, allowed=who)
    if spec.reason_required and not str(reason or "").strip():
        raise WorkflowError(state, action, "a reason is required", "reason_required")
    for key in spec.needs:
        value = payload.get(key)
        if value is None or (isinstance(value, str | list | dict) and not value):
            raise WorkflowError(state, action, f"{key} is required", "field_required", field=key)
    if action == "edit":
        bad = set(payload["fields"]) - set(EDITABLE_FIELDS)
        if bad:
            raise WorkflowError(state, action, f"not editable: {', '.join(sorted(bad))}", "not_editable",
                                fields=", ".join(sorted(bad)))
    if action == "transfer" and payload["to"] not in TRANSFER_TARGETS:
        raise WorkflowError(state, action, f"transfer goes to one of {', '.join(TRANSFER_TARGETS)}",
                            "bad_transfer_target", targets=", ".join(TRANSFER_TARGETS))
    if action == "instruct" and payload["level"] not in INSTRUCTION_LEVELS:
        raise WorkflowError(state, action, f"level is one of {', '.join(INSTRUCTION_LEVELS)}", "bad_level")
    if action == "instruct":
        for key in ("leader", "title"):  # who gave the instruction (the reports name them)
            value = payload.get(key, "")
            if not isinstance(value, str) or len(value) > 40:
                raise WorkflowError(state, action, f"{key} is a text of at most 40 characters", "bad_text",
                                    field=key, limit=40)
    if action in _UNIT_KEYS:
        _check_units(state, action, payload)
    if action in ("request_extension", "approve_extension") and payload.get("extra") is not None:
        check_duration(state, action, payload["extra"])
    if action == "attach":
        _check_attachment(state, payload)
    if action == "callback":
        return _callback_target(state, payload)
    return State(spec.target) if spec.target else State(state)


_UNIT_KEYS = {"return": ("suggested_unit",), "decide_dispute": ("unit",), "sub_dispatch": ("unit",)}
UNIT_CODE_MAX = 32


def _check_units(state: str, action: str, payload: dict) -> None:
    """A unit named in a payload is a short code; the assisting units a decision names are
    a list of such codes, without the lead."""
    for key in _UNIT_KEYS[action]:
        value = payload.get(key)
        if value is None or (key == "suggested_unit" and value == ""):
            continue
        if not isinstance(value, str) or not value.strip() or len(value) > UNIT_CODE_MAX:
            raise WorkflowError(state, action, f"{key} is a unit code", "bad_unit", field=key)
    if action == "decide_dispute":
        assist = payload.get("assist_departments") or []
        if not isinstance(assist, list) or not all(isinstance(a, str) and 0 < len(a) <= UNIT_CODE_MAX
                                                    for a in assist):
            raise WorkflowError(state, action, "assist_departments is a list of unit codes", "bad_unit",
                                field="assist_departments")
        if payload["unit"] in assist:
            raise WorkflowError(state, action, "the responsible unit cannot also assist", "lead_also_assists")


def binding_refusal(case, action: str) -> None:
    """Raise WorkflowError when `action` goes against a binding dispute decision: the unit a
    team lead named responsible may not return the case (it may still sub-dispatch it)."""
    binding = getattr(case, "binding_unit", None)
    if action == "return" and binding and getattr(case, "lead_department", None) == binding:
        raise WorkflowError(str(case.state), action, f"{binding} was named responsible by a binding decision",
                            "binding_decision", unit=binding)


def sub_dispatch_refusal(case, unit: str, parent_of_unit: str | None) -> None:
    """Raise WorkflowError unless `unit` is directly below the case's lead unit (`parent_of_unit`
    is the unit above `unit` in the reference data, None when it is unknown or at the top)."""
    lead = getattr(case, "lead_department", None)
    if not lead or parent_of_unit != lead or unit == lead:
        raise WorkflowError(str(case.state), "sub_dispatch", f"{unit} is not a unit directly below {lead}",
                            "not_below_lead", unit=unit, lead=lead or "")


def check_duration(state: str, action: str, text) -> None:
    """Refuse an extension that is not a working-time duration such as 5wd or 16wh."""
    matched = _EXTRA.match(text) if isinstance(text, str) else None
    if matched is None or float(matched.group(1)) <= 0:
        raise WorkflowError(state, action, f"not a duration: {str(text)[:20]!r} (use e.g. 5wd or 16wh)",
                            "bad_duration", value=str(text)[:20])


def _check_attachment(state: str, payload: dict) -> None:
    problem = meta_problem(payload)
    if problem is not None:
        raise WorkflowError(state, "attach", str(problem), f"attachment_{problem.code}", **problem.params)


_EXTRA = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,2})?)\s*(wh|wd)\s*$")


def _callback_target(state: str, payload: dict) -> State:
    given, old = payload.get("satisfaction"), payload.get("satisfied")
    if given is None and old is None:
        raise WorkflowError(state, "callback", "satisfaction is required", "field_required", field="satisfaction")
    if (given is not None and given not in SATISFACTION_LEVELS) or (old is not None and not isinstance(old, bool)):
        raise WorkflowError(state, "callback", f"satisfaction is one of {', '.join(SATISFACTION_LEVELS)}",
                            "bad_satisfaction")
    level = satisfaction_of(payload)
    if not isinstance(payload["resolved"], bool):
        raise WorkflowError(state, "callback", "resolved is true or false", "bad_resolved")
    # a dissatisfied citizen is never closed on the spot: a team lead reviews the case
    return State.REVIEW if level == "dissatisfied" else State.CLOSED


def merge_target_refusal(case, target) -> None:
    """Raise WorkflowError when `target` cannot take `case` in (itself, merged, closed);
    the console and the central server apply the same rule."""
    if target.id == case.id:
        raise WorkflowError(case.state, "merge", "a case cannot be merged into itself", "merge_into_itself")
    if target.state == State.MERGED:
        raise WorkflowError(case.state, "merge", f"{target.number} is itself merged", "merge_target_merged",
                            number=target.number)
    if target.state == State.CLOSED:
        raise WorkflowError(case.state, "merge", f"{target.number} is closed; its callers would never be "
                            "called back", "merge_target_closed", number=target.number)


def satisfaction_of(payload: dict) -> str | None:
    """The level a callback event recorded; events from before the three levels carried only
    `satisfied` (yes/no), read as satisfied / dissatisfied."""
    level = payload.get("satisfaction")
    if level in SATISFACTION_LEVELS:
        return level
    if "satisfied" in payload:
        return "satisfied" if payload["satisfied"] else "dissatisfied"
    return None


def _past(action: str) -> str:
    return {"return": "returned", "reopen": "reopened", "queue_callback": "queued for callback",
            "callback": "called back", "accept": "signed for", "reply": "replied to",
            "merge": "merged", "dispatch": "dispatched", "answer": "answered", "transfer": "transferred",
            "cancel": "cancelled", "close": "closed", "callback_unreached": "called back",
            "close_without_callback": "closed", "review_reopen": "reopened", "review_close": "closed",
            "approve_extension": "extended", "progress_contact": "contacted", "approve_return": "approved",
            "reject_return": "rejected", "decide_dispute": "decided", "sub_dispatch": "sub-dispatched",
            }.get(action, f"given '{action}'")
