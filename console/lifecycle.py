"""What each action does to a case's derived fields.

`apply_action` works on any object with the Case attributes (the console's
ORM row, the central server's row, a SimpleNamespace in a test), so the case
state is derived the same way everywhere from the same events.
"""
from __future__ import annotations

from datetime import datetime

from .deadlines import Duration, SlaPolicy
from .workflow import INSTRUCTION_LEVELS, State, WorkflowError, binding_refusal, check_duration, satisfaction_of

_LEVEL_RANK = {lvl: i for i, lvl in enumerate(reversed(INSTRUCTION_LEVELS))}  # township < district < city


def apply_action(case, action: str, new_state: State, payload: dict, at: datetime, policy: SlaPolicy) -> None:
    """Mutate `case` for `action` (already validated by workflow.check) at stored time `at`.

    Raises WorkflowError (having changed nothing) when the case's own data refuses the
    action: an extension approved or rejected that nobody requested. The state after
    the action is `case.state` afterwards: `callback_unreached` closes the case when
    it was the policy's last allowed try."""
    t, u = case.type, case.urgency
    due = policy.due
    _refuse_early(case, action, payload)
    since = getattr(case, "updated_at", None)  # when the step in progress began, for a returned case
    before = str(case.state)
    case.state = new_state.value
    case.updated_at = at
    case.version = (case.version or 0) + 1
    if action == "receive":
        case.contact_deadline = due("contact", t, u, at)
        case.contacted_at = None
        case.deadline = _with_contact(case, due("dispatch", t, u, at))
    elif action == "dispatch":
        case.lead_department = payload["lead_department"]
        _dispatch(case, payload["lead_department"], payload, at, policy)
    elif action == "accept":
        case.accepted_at = at
        case.deadline = _with_contact(case, case.reply_deadline)
    elif action == "return":
        if case.return_count:  # returned before (by this unit or another): the team lead decides who
            case.state = State.DISPUTE.value
        case.return_count = (case.return_count or 0) + 1
        case.returned_from = before
        case.suggested_unit = str(payload.get("suggested_unit") or "").strip() or None
        case.deadline = _with_contact(case, due("dispatch", t, u, at))
    elif action == "approve_return":
        case.returned_from = None  # the suggested unit stays: the re-dispatch offers it first
    elif action == "reject_return":
        case.state = getattr(case, "returned_from", None) or State.DISPATCHED.value
        case.returned_from = case.suggested_unit = None
        step = case.sign_deadline if case.state == State.DISPATCHED else case.reply_deadline
        case.deadline = _with_contact(case, step)  # the deadlines the department had
    elif action == "decide_dispute":
        _dispatch(case, payload["unit"], payload, at, policy)
        case.binding_unit = payload["unit"]
    elif action == "sub_dispatch":
        above = [c for c in (getattr(case, "upper_units", None) or "").split(",") if c] + [case.lead_department]
        case.upper_units = ",".join(dict.fromkeys(above))
        case.lead_department = payload["unit"]
        case.assist_departments = [a for a in (case.assist_departments or []) if a != payload["unit"]]
        case.accepted_at = None  # the unit below signs for it; the case's deadlines stay
        step = case.sign_deadline if before == State.DISPATCHED else case.reply_deadline
        case.deadline = _with_contact(case, step)
    elif action == "progress_contact":
        if case.contacted_at is None:
            step = case.deadline
            case.contacted_at = at
            if step is not None and step == case.contact_deadline:
                step = _step_deadline(case, policy, since)
            case.deadline = step
    elif action == "request_extension":
        case.extension_requested = str(payload["extra"]).strip()
    elif action == "approve_extension":
        extra = Duration.parse(payload.get("extra") or case.extension_requested)
        if policy.extension_max and _longer(extra, policy.extension_max, policy):
            extra = policy.extension_max
        base = case.reply_deadline or at
        case.reply_deadline = policy.calendar.add(base, extra)
        case.extension_count = (case.extension_count or 0) + 1
        case.extension_requested = None
        case.deadline = _with_contact(case, case.reply_deadline)
    elif action == "reject_extension":
        case.extension_requested = None
    elif action == "reply":
        case.replied_at = at
        case.extension_requested = None
        case.callback_attempts = 0
        case.deadline = due("callback", t, u, at)
    elif action == "callback":
        level = satisfaction_of(payload)
        case.satisfaction = level
        case.satisfied = level != "dissatisfied"
        case.resolved = bool(payload["resolved"])
        if new_state == State.CLOSED:
            case.closed_at = at
        case.deadline = None
    elif action == "callback_unreached":
        case.callback_attempts = (case.callback_attempts or 0) + 1
        if case.callback_attempts >= policy.callback_attempts:
            case.state = State.CLOSED.value  # unreachable: counted on its own (docs/metrics.md)
            case.closed_at = at
            case.deadline = None
    elif action in ("reopen", "review_reopen"):
        case.closed_at = None
        case.replied_at = None
        case.reply_deadline = due("reply", t, u, at)
        case.deadline = case.reply_deadline
    elif action in ("close", "cancel", "transfer", "close_without_callback", "review_close"):
        case.closed_at = at
        case.deadline = None
    elif action == "merge":
        case.merged_into_id = payload["into_id"]
        case.closed_at = at
        case.deadline = None
    elif action == "answer":
        if getattr(case, "contacted_at", None) is None and getattr(case, "contact_deadline", None) is not None:
            case.contacted_at = at  # answered on the line: the citizen has heard how it is going
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
    elif action == "unit_contacted":
        case.unit_contacted_at = at
    elif action == "edit":
        for name, value in payload["fields"].items():
            setattr(case, name, value)
    if action in ("transfer", "merge", "cancel") and getattr(case, "contacted_at", None) is None:
        case.contact_deadline = None  # handled by 110/119/120/122 or under another case: nothing owed here


def _dispatch(case, lead: str, payload: dict, at: datetime, policy: SlaPolicy) -> None:
    """A (re-)dispatch by the hotline: a dispatch, or a dispute's binding decision."""
    t, u = case.type, case.urgency
    case.lead_department = lead
    case.assist_departments = list(payload.get("assist_departments") or [])
    case.upper_units = None  # a unit that passed the case down earlier is out of it now
    case.returned_from = None
    case.dispatched_at = at
    case.accepted_at = None
    case.sign_deadline = policy.due("sign", t, u, at)
    case.reply_deadline = policy.due("reply", t, u, at)
    case.deadline = _with_contact(case, case.sign_deadline)


def _refuse_early(case, action: str, payload: dict) -> None:
    state = str(case.state)
    binding_refusal(case, action)
    if action in ("approve_extension", "reject_extension") and not getattr(case, "extension_requested", None):
        raise WorkflowError(state, action, "no extension was requested", "extension_not_requested")
    if action == "approve_extension" and payload.get("extra") is not None:
        check_duration(state, action, payload["extra"])
    if action == "unit_contacted":
        _check_unit_contact(case, state, payload)


def _check_unit_contact(case, state: str, payload: dict) -> None:
    unit, person = payload.get("unit"), payload.get("person")
    if not isinstance(unit, str) or not isinstance(person, str) or not person.strip() or len(person) > 64:
        raise WorkflowError(state, "unit_contacted", "name the unit and the person reached (up to 64 characters)",
                            "unit_contact_invalid")
    if unit != case.lead_department and unit not in (case.assist_departments or ()):
        raise WorkflowError(state, "unit_contacted", f"{unit[:32]} is not a unit of this case",
                            "unit_not_on_case", unit=unit[:32])


def _with_contact(case, step: datetime | None) -> datetime | None:
    """The due time of the step in progress, or the pending progress contact when that is sooner:
    the 1-hour rule survives dispatch, sign-for and returns."""
    contact = getattr(case, "contact_deadline", None) if getattr(case, "contacted_at", None) is None else None
    if contact is None or (step is not None and step <= contact):
        return step
    return contact


def _step_deadline(case, policy: SlaPolicy, since: datetime | None) -> datetime | None:
    """The deadline of the step in progress, without the progress contact."""
    state = str(case.state)
    if state == State.DISPATCHED:
        return case.sign_deadline
    if state in (State.ACCEPTED, State.EXTENDED, State.REOPENED):
        return case.reply_deadline
    if state == State.RECEIVED:
        return policy.due("dispatch", case.type, case.urgency, case.created_at)
    if state in (State.RETURNED, State.RETURN_REVIEW, State.DISPUTE):
        return policy.due("dispatch", case.type, case.urgency, since or case.created_at)
    if state in (State.REPLIED, State.CALLBACK) and case.replied_at is not None:
        return policy.due("callback", case.type, case.urgency, case.replied_at)
    return None


def _longer(a: Duration, b: Duration, policy: SlaPolicy) -> bool:
    def minutes(d: Duration) -> float:
        per = {"m": 1, "h": 60, "wh": 60, "d": 1440, "wd": policy.calendar.day_minutes}[d.unit]
        return d.amount * per
    return minutes(a) > minutes(b)
