"""What each action does to a case's derived fields.

`apply_action` works on any object with the Case attributes (the console's
ORM row, the central server's row, a SimpleNamespace in a test), so the case
state is derived the same way everywhere from the same events.
"""
from __future__ import annotations

from datetime import datetime

from .deadlines import Duration, SlaPolicy
from .workflow import INSTRUCTION_LEVELS, State

_LEVEL_RANK = {lvl: i for i, lvl in enumerate(reversed(INSTRUCTION_LEVELS))}  # township < district < city


def apply_action(case, action: str, new_state: State, payload: dict, at: datetime, policy: SlaPolicy) -> None:
    """Mutate `case` for `action` (already validated by workflow.check) at stored time `at`."""
    t, u = case.type, case.urgency
    due = policy.due
    case.state = new_state.value
    case.updated_at = at
    case.version = (case.version or 0) + 1
    if action == "receive":
        case.deadline = due("contact", t, u, at) or due("dispatch", t, u, at)
    elif action == "dispatch":
        case.lead_department = payload["lead_department"]
        case.assist_departments = list(payload.get("assist_departments") or [])
        case.dispatched_at = at
        case.accepted_at = None
        case.sign_deadline = due("sign", t, u, at)
        case.reply_deadline = due("reply", t, u, at)
        case.deadline = case.sign_deadline
    elif action == "accept":
        case.accepted_at = at
        case.deadline = case.reply_deadline
    elif action == "return":
        case.return_count = (case.return_count or 0) + 1
        case.deadline = due("dispatch", t, u, at)
    elif action == "approve_extension":
        extra = Duration.parse(payload["extra"])
        if policy.extension_max and _longer(extra, policy.extension_max, policy):
            extra = policy.extension_max
        base = case.reply_deadline or at
        case.reply_deadline = policy.calendar.add(base, extra)
        case.extension_count = (case.extension_count or 0) + 1
        case.deadline = case.reply_deadline
    elif action == "reply":
        case.replied_at = at
        case.deadline = due("callback", t, u, at)
    elif action == "callback":
        case.satisfied = bool(payload["satisfied"])
        case.resolved = bool(payload["resolved"])
        case.closed_at = at
        case.deadline = None
    elif action == "reopen":
        case.closed_at = None
        case.replied_at = None
        case.reply_deadline = due("reply", t, u, at)
        case.deadline = case.reply_deadline
    elif action in ("close", "cancel", "transfer"):
        case.closed_at = at
        case.deadline = None
    elif action == "merge":
        case.merged_into_id = payload["into_id"]
        case.closed_at = at
        case.deadline = None
    elif action == "answer":
        case.answer = payload["answer"]
        case.knowledge_article_id = payload.get("article_id")
        case.deadline = None
    elif action == "supervise":
        case.supervised = (case.supervised or 0) + 1
    elif action == "instruct":
        level = payload["level"]
        if case.instruction_level is None or _LEVEL_RANK[level] > _LEVEL_RANK[case.instruction_level]:
            case.instruction_level = level
    elif action == "pick":
        case.leader_pick = True
    elif action == "edit":
        for name, value in payload["fields"].items():
            setattr(case, name, value)


def _longer(a: Duration, b: Duration, policy: SlaPolicy) -> bool:
    def minutes(d: Duration) -> float:
        per = {"m": 1, "h": 60, "wh": 60, "d": 1440, "wd": policy.calendar.day_minutes}[d.unit]
        return d.amount * per
    return minutes(a) > minutes(b)
