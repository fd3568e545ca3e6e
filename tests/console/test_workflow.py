"""Every transition of the table, allowed and refused, and that a refusal writes nothing."""
import itertools

import pytest
from sqlalchemy import func, select

from console.intake import CallRecord
from console.workflow import ACTIONS, Role, State, WorkflowError, allowed_actions, check
from models import CaseEvent, Outbox
from tests.conftest import LEAD, LIAISON

GOOD_PAYLOAD = {
    "answer": {"answer": "已告知办理流程"}, "dispatch": {"lead_department": "URBAN"},
    "request_extension": {"extra": "5wd"}, "approve_extension": {"extra": "5wd"},
    "reply": {"result": "已处理"}, "callback": {"satisfaction": "basically_satisfied", "resolved": True},
    "transfer": {"to": "110"}, "merge": {"into": "CD-A01-20261124-0001"}, "instruct": {"level": "city"},
    "edit": {"fields": {"description": "新的描述"}}, "note": {"text": "备注"},
    "return": {"suggested_unit": "HOUSING"}, "decide_dispute": {"unit": "HOUSING"},
    "assist_opinion": {"text": "建议由属地街道牵头"}, "sub_dispatch": {"unit": "HRSS-JIANCHA"},
}
REASON = "原因说明"

EXPECTED = {  # (action, state) -> target, written out by hand from docs/design.md section 2
    ("receive", "draft"): "received",
    **{("answer", s): "answered" for s in ("received", "returned")},
    **{("dispatch", s): "dispatched" for s in ("received", "returned", "reopened")},
    ("accept", "dispatched"): "accepted",
    # a return waits for a team lead's review (a second return goes to dispute: tests/console/test_returns.py)
    **{("return", s): "return_review" for s in ("dispatched", "accepted")},
    ("approve_return", "return_review"): "returned",
    ("reject_return", "return_review"): "return_review",  # check() keeps it; the lifecycle restores the state
    ("decide_dispute", "dispute"): "dispatched",
    **{("assist_opinion", s): s for s in ("dispatched", "accepted", "extended", "replied", "callback", "reopened")},
    **{("sub_dispatch", s): "dispatched" for s in ("dispatched", "accepted")},
    **{("request_extension", s): s for s in ("accepted", "extended", "reopened")},
    **{("approve_extension", s): "extended" for s in ("accepted", "extended", "reopened")},
    **{("reject_extension", s): s for s in ("accepted", "extended", "reopened")},
    **{("reply", s): "replied" for s in ("accepted", "extended", "reopened")},
    **{("queue_callback", s): "callback" for s in ("replied", "answered")},
    **{("progress_contact", s): s for s in ("received", "dispatched", "accepted", "returned", "extended",
                                             "replied", "callback", "reopened", "return_review", "dispute")},
    **{("callback", s): "closed" for s in ("callback", "replied")},
    **{("callback_unreached", s): "callback" for s in ("callback", "replied")},
    **{("reopen", s): "reopened" for s in ("callback", "replied", "closed")},
    ("review_reopen", "review"): "reopened",
    ("review_close", "review"): "closed",
    ("close", "answered"): "closed",
    **{("close_without_callback", s): "closed" for s in ("replied", "callback")},
    **{("cancel", s): "closed" for s in ("received", "returned")},
    ("transfer", "received"): "closed",
    **{("merge", s): "merged" for s in ("received", "dispatched", "returned", "answered")},
}
OPEN = ("received", "dispatched", "accepted", "returned", "extended", "replied", "callback", "review", "reopened",
        "return_review", "dispute")
for s in OPEN:
    EXPECTED[("supervise", s)] = s
    EXPECTED[("pick", s)] = s
for s in OPEN + ("answered",):
    EXPECTED[("instruct", s)] = s
    EXPECTED[("edit", s)] = s
for s in OPEN + ("answered", "closed"):
    EXPECTED[("note", s)] = s


def _role_for(action):
    roles = ACTIONS[action].roles
    for r in (Role.OPERATOR, Role.LIAISON, Role.TEAM_LEAD):
        if r in roles:
            return r
    return Role.ADMIN


@pytest.mark.parametrize("action,state", list(itertools.product(ACTIONS, [s.value for s in State])))
def test_each_action_in_each_state(action, state):
    role = _role_for(action)
    expected = EXPECTED.get((action, state))
    if expected is None:
        with pytest.raises(WorkflowError) as err:
            check(state, action, role, REASON, GOOD_PAYLOAD.get(action, {}))
        assert err.value.state == state and err.value.action == action
        assert state in str(err.value) and action in str(err.value)
    else:
        assert check(state, action, role, REASON, GOOD_PAYLOAD.get(action, {})) == expected


@pytest.mark.parametrize("action", list(ACTIONS))
def test_wrong_role_is_refused(action):
    spec = ACTIONS[action]
    state = next(iter(spec.sources))
    for role in Role:
        if role not in spec.roles:
            with pytest.raises(WorkflowError, match="may not"):
                check(state, action, role, REASON, GOOD_PAYLOAD.get(action, {}))


@pytest.mark.parametrize("action", [a.name for a in ACTIONS.values() if a.reason_required])
def test_reason_required(action):
    spec = ACTIONS[action]
    with pytest.raises(WorkflowError, match="reason is required"):
        check(next(iter(spec.sources)), action, next(iter(spec.roles)), "  ", GOOD_PAYLOAD.get(action, {}))


def test_missing_payload_and_bad_values():
    with pytest.raises(WorkflowError, match="lead_department is required"):
        check("received", "dispatch", "operator")
    with pytest.raises(WorkflowError, match="not editable: state"):
        check("received", "edit", "operator", payload={"fields": {"state": "closed"}})
    with pytest.raises(WorkflowError, match="110"):
        check("received", "transfer", "operator", payload={"to": "12345"})
    with pytest.raises(WorkflowError, match="unknown role"):
        check("received", "dispatch", "mayor", payload={"lead_department": "X"})
    with pytest.raises(WorkflowError, match="no such action"):
        check("received", "teleport", "operator")


def test_allowed_actions_lists_the_table():
    assert "dispatch" in allowed_actions("received", "operator")
    assert "accept" not in allowed_actions("dispatched", "operator")
    assert "accept" in allowed_actions("dispatched", "liaison")
    assert allowed_actions("merged", "operator") == []


def _counts(profile):
    with profile.db.session() as s:
        return (s.scalar(select(func.count()).select_from(CaseEvent)),
                s.scalar(select(func.count()).select_from(Outbox)))


def test_refused_action_writes_nothing(profile, operator, clock):
    case = profile.intake.log_call(CallRecord(caller_phone="13800138000", type="consultation",
                                              category_code="0401", description="问一下养老保险怎么交"), operator)
    before = _counts(profile)
    with pytest.raises(WorkflowError):
        profile.cases.act(case.number, "accept", operator)
    with pytest.raises(WorkflowError):
        profile.cases.act(case.number, "return", LIAISON, "")
    assert _counts(profile) == before
    assert profile.cases.get(case.number).case.state == "received"


def test_every_change_is_an_event_and_an_outbox_row(profile, operator, clock):
    case = profile.intake.log_call(CallRecord(caller_phone="13800138000", type="complaint", category_code="1301",
                                              district="JJ", address="东大街100号", description="店铺占道经营影响通行"),
                                   operator)
    cs = profile.cases
    cs.act(case.number, "dispatch", operator, payload={"lead_department": "URBAN"})
    cs.act(case.number, "accept", LIAISON)
    cs.act(case.number, "supervise", LEAD, "请加快办理")
    cs.act(case.number, "reply", LIAISON, payload={"result": "已清理"})
    cs.act(case.number, "queue_callback", operator)
    done = cs.act(case.number, "callback", operator, payload={"satisfaction": "satisfied", "resolved": True})
    assert done.state == "closed" and done.satisfied and done.supervised == 1 and done.deadline is None
    detail = cs.get(case.number)
    assert [e.kind for e in detail.events] == ["receive", "dispatch", "accept", "supervise", "reply",
                                               "queue_callback", "callback"]
    assert [e.seq for e in detail.events] == list(range(1, 8))
    assert _counts(profile) == (7, 7)
    assert cs.state_counts() == {"received": 0, "dispatched": 0, "accepted": 0, "replied": 0, "callback": 0,
                                 "closed": 1}
    assert done.satisfaction == "satisfied"


def test_stale_version_is_refused(profile, operator, clock):
    case = profile.intake.log_call(CallRecord(type="consultation", category_code="0401",
                                              description="社保卡丢了怎么补办"), operator)
    profile.cases.act(case.number, "edit", operator, payload={"fields": {"description": "社保卡丢失补办"}})
    with pytest.raises(WorkflowError, match="changed meanwhile"):
        profile.cases.act(case.number, "edit", operator, payload={"fields": {"address": "x"}},
                          expected_version=case.version)
