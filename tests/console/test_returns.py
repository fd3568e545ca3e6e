"""Returns under review, disputes, assist opinions and sub-dispatch on a real profile:
what each action does to the case (console/lifecycle.py) and what it refuses."""

import pytest

from console.dto import Actor
from console.intake import CallRecord
from console.workflow import WorkflowError
from tests.conftest import LEAD, LIAISON

HOUSING = Actor("housing", "liaison", "住建联络员", department="HOUSING")
HRSS = Actor("hrss", "liaison", "人社联络员", department="HRSS")


def _dispatched(profile, operator, lead="URBAN", assist=()):
    case = profile.intake.log_call(CallRecord(caller_phone="13800138000", type="complaint", category_code="1301",
                                              district="JJ", address="东大街100号", description="店铺占道经营影响通行"),
                                   operator)
    profile.cases.act(case.number, "dispatch", operator,
                      payload={"lead_department": lead, "assist_departments": list(assist)})
    return case.number


def test_a_return_waits_for_review_and_a_rejection_restores_the_case(profile, operator, clock):
    cs = profile.cases
    number = _dispatched(profile, operator)
    signed = cs.act(number, "accept", LIAISON)
    clock.advance(hours=2)
    returned = cs.act(number, "return", LIAISON, "不属于本单位职责", {"suggested_unit": "HOUSING"})
    assert returned.state == "return_review" and returned.return_count == 1
    assert returned.returned_from == "accepted" and returned.suggested_unit == "HOUSING"
    assert returned.lead_department == "URBAN"  # still named until a team lead decides
    clock.advance(hours=1)
    back = cs.act(number, "reject_return", LEAD, "属于城管执法职责范围")
    assert back.state == "accepted" and back.returned_from is None and back.suggested_unit is None
    # the deadlines the department had, unchanged
    assert (back.sign_deadline, back.reply_deadline) == (signed.sign_deadline, signed.reply_deadline)
    assert back.deadline == signed.deadline
    events = cs.get(number).events
    assert [(e.kind, e.from_state, e.to_state) for e in events[-2:]] == [
        ("return", "accepted", "return_review"), ("reject_return", "return_review", "accepted")]


def test_a_return_rejected_before_sign_for_goes_back_to_be_signed_for(profile, operator, clock):
    cs = profile.cases
    number = _dispatched(profile, operator)
    before = cs.get(number).case
    cs.act(number, "return", LIAISON, "不属于本单位职责")
    back = cs.act(number, "reject_return", LEAD, "请先签收办理")
    assert back.state == "dispatched" and back.deadline == before.deadline
    assert back.sign_deadline == before.sign_deadline


def test_an_approved_return_is_redispatched_to_the_suggested_unit(profile, operator, clock):
    cs = profile.cases
    number = _dispatched(profile, operator)
    cs.act(number, "return", LIAISON, "属于住建部门职责", {"suggested_unit": "HOUSING"})
    approved = cs.act(number, "approve_return", LEAD, "同意退单")
    assert approved.state == "returned" and approved.suggested_unit == "HOUSING"
    again = cs.act(number, "dispatch", operator, payload={"lead_department": approved.suggested_unit})
    assert again.state == "dispatched" and again.lead_department == "HOUSING"


def test_review_needs_a_reason_and_a_team_lead(profile, operator, clock):
    cs = profile.cases
    number = _dispatched(profile, operator)
    cs.act(number, "return", LIAISON, "不属于本单位职责")
    with pytest.raises(WorkflowError) as err:
        cs.act(number, "approve_return", LEAD, " ")
    assert err.value.code == "reason_required"
    with pytest.raises(WorkflowError) as err:
        cs.act(number, "approve_return", operator, "同意")
    assert err.value.code == "role_not_allowed"
    with pytest.raises(WorkflowError) as err:  # nothing to sign for while the return is under review
        cs.act(number, "accept", LIAISON)
    assert err.value.code == "wrong_state"


def test_returned_twice_goes_to_dispute_and_the_decision_binds(profile, operator, clock):
    cs = profile.cases
    number = _dispatched(profile, operator)
    cs.act(number, "return", LIAISON, "属于住建部门职责", {"suggested_unit": "HOUSING"})
    cs.act(number, "approve_return", LEAD, "同意退单")
    cs.act(number, "dispatch", operator, payload={"lead_department": "HOUSING"})
    disputed = cs.act(number, "return", HOUSING, "属于城管执法职责", {"suggested_unit": "URBAN"})
    assert disputed.state == "dispute" and disputed.return_count == 2
    with pytest.raises(WorkflowError) as err:  # a dispute is decided, not approved
        cs.act(number, "approve_return", LEAD, "同意")
    assert err.value.code == "wrong_state"
    with pytest.raises(WorkflowError) as err:
        cs.act(number, "decide_dispute", LEAD, "  ", {"unit": "HOUSING"})
    assert err.value.code == "reason_required"
    with pytest.raises(WorkflowError) as err:
        cs.act(number, "decide_dispute", LEAD, "经研判", {"unit": "HOUSING", "assist_departments": ["HOUSING"]})
    assert err.value.code == "lead_also_assists"
    clock.advance(hours=1)
    decided = cs.act(number, "decide_dispute", LEAD, "房屋安全属住建职责，城管协办",
                     {"unit": "HOUSING", "assist_departments": ["URBAN"]})
    assert decided.state == "dispatched" and decided.binding_unit == "HOUSING"
    assert decided.lead_department == "HOUSING" and decided.assist_departments == ["URBAN"]
    assert decided.sign_deadline > clock()  # a fresh dispatch
    with pytest.raises(WorkflowError) as err:
        cs.act(number, "return", HOUSING, "仍不属于本单位")
    assert err.value.code == "binding_decision" and err.value.params == {"unit": "HOUSING"}
    assert cs.get(number).case.state == "dispatched"  # nothing written
    assert cs.act(number, "accept", HOUSING).state == "accepted"


def test_a_second_return_after_a_rejection_is_a_dispute_too(profile, operator, clock):
    cs = profile.cases
    number = _dispatched(profile, operator)
    cs.act(number, "return", LIAISON, "不属于本单位职责")
    cs.act(number, "reject_return", LEAD, "属于本单位")
    assert cs.act(number, "return", LIAISON, "确实不属于").state == "dispute"


def test_an_assist_opinion_changes_nothing_but_is_recorded(profile, operator, clock):
    cs = profile.cases
    number = _dispatched(profile, operator, assist=("HRSS",))
    before = cs.get(number).case
    after = cs.act(number, "assist_opinion", HRSS, payload={"text": "涉及欠薪部分由人社协助核查"})
    assert after.state == before.state and after.deadline == before.deadline
    assert cs.get(number).events[-1].payload == {"text": "涉及欠薪部分由人社协助核查"}
    with pytest.raises(WorkflowError) as err:
        cs.act(number, "assist_opinion", HRSS, payload={"text": ""})
    assert err.value.code == "field_required"


def test_sub_dispatch_goes_one_level_down_and_keeps_the_deadlines(profile, operator, clock):
    cs = profile.cases
    number = _dispatched(profile, operator, lead="HRSS", assist=("URBAN",))
    signed = cs.act(number, "accept", HRSS)
    with pytest.raises(WorkflowError) as err:  # not below HRSS
        cs.act(number, "sub_dispatch", HRSS, payload={"unit": "URBAN-ZHIFA"})
    assert err.value.code == "not_below_lead" and err.value.params["lead"] == "HRSS"
    with pytest.raises(WorkflowError) as err:
        cs.act(number, "sub_dispatch", HRSS, payload={"unit": "HRSS"})
    assert err.value.code == "not_below_lead"
    clock.advance(hours=3)
    down = cs.act(number, "sub_dispatch", HRSS, payload={"unit": "HRSS-JIANCHA"})
    assert down.state == "dispatched" and down.lead_department == "HRSS-JIANCHA"
    assert down.upper_units == ("HRSS",)
    assert (down.sign_deadline, down.reply_deadline) == (signed.sign_deadline, signed.reply_deadline)
    assert down.deadline == signed.reply_deadline  # signed for in time above: the reply is what is due
    jiancha = Actor("jiancha", "liaison", "监察联络员", department="HRSS-JIANCHA")
    assert cs.act(number, "accept", jiancha).state == "accepted"
    # a dispatch by the hotline starts over: the unit above is out of it
    cs.act(number, "return", jiancha, "不属于本单位职责")
    cs.act(number, "approve_return", LEAD, "同意")
    assert cs.act(number, "dispatch", operator, payload={"lead_department": "URBAN"}).upper_units == ()


def test_bad_unit_codes_are_refused(profile, operator, clock):
    cs = profile.cases
    number = _dispatched(profile, operator)
    with pytest.raises(WorkflowError) as err:
        cs.act(number, "return", LIAISON, "不属于", {"suggested_unit": "X" * 40})
    assert err.value.code == "bad_unit" and err.value.params == {"field": "suggested_unit"}
    with pytest.raises(WorkflowError) as err:
        cs.act(number, "return", LIAISON, "不属于", {"suggested_unit": ["HOUSING"]})
    assert err.value.code == "bad_unit"
    assert cs.get(number).case.state == "dispatched"
