"""`unit_contacted`: the hotline reached the 24-hour contact of a unit on an urgent case."""
from __future__ import annotations

import pytest

from console.intake import CallRecord
from console.workflow import WorkflowError
from tests.conftest import LIAISON


def _urgent(profile, operator, **kw):
    data = dict(caller_phone="13800138000", caller_name="张先生", type="help", category_code="0108", district="JN",
                address="抚琴西路", description="楼道里闻到很重的燃气味", urgency="urgent",
                lead_department="JN-HOUSING", assist_departments=["GAS"]) | kw
    return profile.intake.log_call(CallRecord(**data), operator)


def test_the_contact_is_recorded_with_who_and_when_and_the_state_stays(profile, operator, clock):
    case = _urgent(profile, operator)
    clock.advance(minutes=3)
    after = profile.cases.act(case.number, "unit_contacted", operator, "", {"unit": "JN-HOUSING", "person": "刘值班"})
    assert after.state == case.state == "dispatched"
    assert after.unit_contacted_at == clock.now
    event = profile.cases.get(case.number).events[-1]
    assert (event.kind, event.payload, event.at, event.actor) == (
        "unit_contacted", {"unit": "JN-HOUSING", "person": "刘值班"}, clock.now, "op01")
    # an assisting unit's contact too; the time is the latest contact
    clock.advance(minutes=2)
    again = profile.cases.act(case.number, "unit_contacted", operator, "", {"unit": "GAS", "person": "燃气抢修"})
    assert again.unit_contacted_at == clock.now
    assert again.to_json()["unit_contacted_at"] == "2026-11-24T10:05:00+08:00"  # 10:00 local, plus 3 and 2 minutes


@pytest.mark.parametrize("payload, code", [
    ({"unit": "URBAN", "person": "某人"}, "unit_not_on_case"),
    ({"unit": "JN-HOUSING", "person": "  "}, "unit_contact_invalid"),
    ({"unit": "JN-HOUSING", "person": "长" * 65}, "unit_contact_invalid"),
    ({"unit": ["JN-HOUSING"], "person": "某人"}, "unit_contact_invalid"),
])
def test_a_unit_off_the_case_or_no_person_is_refused(profile, operator, payload, code):
    case = _urgent(profile, operator)
    with pytest.raises(WorkflowError) as info:
        profile.cases.act(case.number, "unit_contacted", operator, "", payload)
    assert info.value.code == code
    assert profile.cases.get(case.number).case.unit_contacted_at is None


def test_nothing_to_contact_before_a_dispatch_and_only_the_hotline_records_it(profile, operator):
    case = _urgent(profile, operator, lead_department="", assist_departments=[])
    with pytest.raises(WorkflowError) as info:
        profile.cases.act(case.number, "unit_contacted", operator, "", {"unit": "JN-HOUSING", "person": "某人"})
    assert info.value.code == "unit_not_on_case"
    dispatched = _urgent(profile, operator, lead_department="URBAN", assist_departments=[])
    with pytest.raises(WorkflowError):
        profile.cases.act(dispatched.number, "unit_contacted", LIAISON, "", {"unit": "URBAN", "person": "某人"})
