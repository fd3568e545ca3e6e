"""Who may take each action: a table of role x action -> the department relations
under which it is allowed, and which roles may act through which path.

Pure data, like `console.workflow` beside it: the workflow says what an action
does and from which states; this table says who may do it. The central server
authorizes every write with `authorize` (the account comes from the credential,
never from a request body); the console can ask `permitted` to offer only
the actions the signed-in account may take.
"""
from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from .workflow import ACTIONS, Role, State, WorkflowError, allowed_actions, binding_refusal, check


class Relation(StrEnum):
    """A department's relation to a case."""

    LEAD = "lead"  # the case's lead department (主办单位)
    ASSISTING = "assisting"  # one of its assisting departments (协办单位)
    NONE = "none"


class Path(StrEnum):
    """The ways a write reaches the central server."""

    PUSH = "push"  # a console's outbox (/sync/push)
    API = "api"  # the case API (/cases/{ref}/actions/{action})
    OPEN311 = "open311"  # an Open311 POST with an API key


class Account(Protocol):
    login: str
    role: str
    department: str | None


ANY = frozenset(Relation)  # a hotline role: the department relation does not apply
LEAD = frozenset({Relation.LEAD})
ASSISTING = frozenset({Relation.ASSISTING})
LEAD_OR_ASSISTING = frozenset({Relation.LEAD, Relation.ASSISTING})
NEVER: frozenset[Relation] = frozenset()

COLUMNS = (Role.OPERATOR, Role.TEAM_LEAD, Role.LIAISON, Role.ADMIN, Role.OPEN311)
TABLE: dict[str, tuple[frozenset[Relation], ...]] = {
    #                          operator team_lead liaison             admin open311
    "receive":                (ANY,     ANY,      NEVER,              ANY,  ANY),
    "answer":                 (ANY,     ANY,      NEVER,              ANY,  NEVER),
    "dispatch":               (ANY,     ANY,      NEVER,              ANY,  NEVER),
    "accept":                 (NEVER,   NEVER,    LEAD,               ANY,  NEVER),
    "return":                 (NEVER,   NEVER,    LEAD,               ANY,  NEVER),
    "approve_return":         (NEVER,   ANY,      NEVER,              ANY,  NEVER),
    "reject_return":          (NEVER,   ANY,      NEVER,              ANY,  NEVER),
    "decide_dispute":         (NEVER,   ANY,      NEVER,              ANY,  NEVER),
    "assist_opinion":         (NEVER,   NEVER,    ASSISTING,          NEVER, NEVER),
    "sub_dispatch":           (NEVER,   NEVER,    LEAD,               ANY,  NEVER),
    "progress_contact":       (ANY,     ANY,      LEAD,               ANY,  NEVER),
    "request_extension":      (NEVER,   NEVER,    LEAD,               ANY,  NEVER),
    "approve_extension":      (NEVER,   ANY,      NEVER,              ANY,  NEVER),
    "reject_extension":       (NEVER,   ANY,      NEVER,              ANY,  NEVER),
    "reply":                  (NEVER,   NEVER,    LEAD,               ANY,  NEVER),
    "queue_callback":         (ANY,     ANY,      NEVER,              ANY,  NEVER),
    "callback":               (ANY,     ANY,      NEVER,              ANY,  NEVER),
    "callback_unreached":     (ANY,     ANY,      NEVER,              ANY,  NEVER),
    "reopen":                 (ANY,     ANY,      NEVER,              ANY,  NEVER),
    "review_reopen":          (NEVER,   ANY,      NEVER,              ANY,  NEVER),
    "review_close":           (NEVER,   ANY,      NEVER,              ANY,  NEVER),
    "close":                  (ANY,     ANY,      NEVER,              ANY,  NEVER),
    "close_without_callback": (NEVER,   ANY,      NEVER,              ANY,  NEVER),
    "cancel":                 (NEVER,   ANY,      NEVER,              ANY,  NEVER),
    "transfer":               (ANY,     ANY,      NEVER,              ANY,  NEVER),
    "merge":                  (ANY,     ANY,      NEVER,              ANY,  NEVER),
    "supervise":              (NEVER,   ANY,      NEVER,              ANY,  NEVER),
    "instruct":               (NEVER,   ANY,      NEVER,              ANY,  NEVER),
    "pick":                   (NEVER,   ANY,      NEVER,              ANY,  NEVER),
    "edit":                   (ANY,     ANY,      NEVER,              ANY,  NEVER),
    "note":                   (ANY,     ANY,      LEAD_OR_ASSISTING,  ANY,  NEVER),
    "attach":                 (ANY,     ANY,      LEAD_OR_ASSISTING,  ANY,  ANY),
    "unit_contacted":         (ANY,     ANY,      NEVER,              ANY,  NEVER),
}

# The roles whose credential may write through each path. `system` is in none:
# no credential carries it.
PATHS: dict[Path, frozenset[Role]] = {
    # a liaison's console queues its department's actions offline like a seat's; the table above
    # decides per case from the credential's department whether each may be applied
    Path.PUSH: frozenset({Role.OPERATOR, Role.TEAM_LEAD, Role.LIAISON, Role.ADMIN}),
    Path.API: frozenset({Role.OPERATOR, Role.TEAM_LEAD, Role.LIAISON, Role.ADMIN}),
    Path.OPEN311: frozenset({Role.OPEN311}),
}


class Forbidden(WorkflowError):
    """The account may not take this action on this case (nothing has been written)."""


def relation(department: str | None, case) -> Relation:
    """`department`'s relation to `case` (anything with lead_department and assist_departments)."""
    if not department:
        return Relation.NONE
    if getattr(case, "lead_department", None) == department:
        return Relation.LEAD
    if department in (getattr(case, "assist_departments", None) or ()):
        return Relation.ASSISTING
    return Relation.NONE


def permitted(role: str, action: str, rel: Relation | str = Relation.NONE) -> bool:
    """Whether `role` may take `action` on a case its department has relation `rel` to."""
    try:
        grants = TABLE[action][COLUMNS.index(Role(role))]
    except (KeyError, ValueError):
        return False
    return Relation(rel) in grants


def actions_for(account: Account, case) -> list[str]:
    """The actions `account` may take on `case` now (its state, the table, its department's
    relation), in table order: what a window offers, the same rules the server applies."""
    rel = relation(account.department, case) if account.role == Role.LIAISON else Relation.NONE
    return [a for a in allowed_actions(str(case.state), account.role)
            if permitted(account.role, a, rel) and not _bound(case, a)]


def _bound(case, action: str) -> bool:
    try:
        binding_refusal(case, action)
    except WorkflowError:
        return True
    return False


def authorize(account: Account, path: Path | str, action: str, case, reason: str = "",
              payload: dict | None = None) -> State:
    """The one gate of every write: may `account` (as authenticated, never as a body
    claims) take `action` on `case` through `path`? Then the workflow's own check
    (state, reason, payload). Returns the state after the action; raises Forbidden
    or WorkflowError, having written nothing."""
    state = str(getattr(case, "state", None) or State.DRAFT)
    role = str(account.role)
    if action not in ACTIONS:
        raise WorkflowError(state, action, "there is no such action", "no_such_action")
    if role not in PATHS[Path(path)]:
        raise Forbidden(state, action, f"the role {role} may not write through {_PATH_NAMES[Path(path)]}",
                        "path_forbidden", role=role, path=Path(path).value)
    rel = relation(account.department, case) if role == Role.LIAISON else Relation.NONE
    if not permitted(role, action, rel):
        grants = TABLE[action][COLUMNS.index(Role.LIAISON)]
        if role == Role.LIAISON and grants:
            who, code = _ONLY[grants]
            raise Forbidden(state, action, f"{account.department or 'this account'} is "
                                           f"{_RELATION_NAMES[rel]} this case; only {who} may do this",
                            code, department=account.department or "")
        who = ", ".join(r.value for r, grants in zip(COLUMNS, TABLE[action], strict=True) if grants) or "nobody"
        raise Forbidden(state, action, f"the account {account.login} ({role}) may not do this (allowed: {who})",
                        "role_not_allowed", role=role, allowed=who)
    return check(state, action, role, reason, payload)


_ONLY = {LEAD: ("the lead department", "lead_department_only"),
         ASSISTING: ("an assisting department", "assisting_department_only"),
         LEAD_OR_ASSISTING: ("the lead or an assisting department", "department_not_involved")}
_PATH_NAMES = {Path.PUSH: "console sync", Path.API: "the case API", Path.OPEN311: "Open311"}
_RELATION_NAMES = {Relation.LEAD: "the lead department of", Relation.ASSISTING: "only assisting on",
                   Relation.NONE: "not a department of"}
