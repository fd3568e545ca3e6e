"""Intake validation, caller history, repeat callers, duplicate hints and merge."""
import pytest
from sqlalchemy import func, select

from console.callers import caller_history, duplicate_hints, similarity
from console.intake import CallRecord, IntakeError, validate
from console.workflow import WorkflowError
from models import Case, Outbox
from tests.conftest import LEAD


def complaint(**kw):
    base = dict(caller_phone="13800138000", caller_name="张先生", type="complaint", category_code="0104",
                district="JJ", address="东大街100号", description="楼下工地半夜还在打桩，吵得睡不着")
    base.update(kw)
    return CallRecord(**base)


def _n_cases(profile):
    with profile.db.session() as s:
        return s.scalar(select(func.count()).select_from(Case))


def test_a_valid_call_becomes_a_received_case(profile, operator, clock):
    case = profile.intake.log_call(complaint(), operator)
    assert case.state == "received"
    assert case.number == f"CD-{profile.cases.station}-20261124-0001"
    assert case.caller_phone == "13800138000"
    assert case.deadline is not None  # the hotline's own dispatch step is due
    second = profile.intake.log_call(complaint(caller_phone="+86 139 0000 1111"), operator)
    assert second.number == f"CD-{profile.cases.station}-20261124-0002"


def test_all_wrong_fields_are_named_at_once(profile, operator, clock):
    with pytest.raises(IntakeError) as err:
        profile.intake.log_call(CallRecord(caller_phone="1234", type="complaint", description="x"), operator)
    assert set(err.value.errors) >= {"caller_phone", "category_code", "district", "address", "description"}
    assert err.value.errors["description"].code == "too_short"
    assert _n_cases(profile) == 0


def test_a_100kb_description_is_refused_with_its_size_and_nothing_is_saved(profile, operator, clock):
    with pytest.raises(IntakeError) as err:
        profile.intake.log_call(complaint(description="噪" * 102_400), operator)
    e = err.value.errors["description"]
    assert e.code == "too_long" and e.limit == 5000 and "102,400" in e.message
    assert _n_cases(profile) == 0


def test_required_fields_depend_on_the_request_type(profile):
    validate(CallRecord(type="consultation", category_code="0401", description="养老保险怎么交"))
    validate(CallRecord(type="praise", description="表扬社区网格员服务热情"))
    with pytest.raises(IntakeError) as err:
        validate(CallRecord(type="help", category_code="0106", description="家里停水了"))
    assert set(err.value.errors) == {"district"}
    with pytest.raises(IntakeError) as err:
        validate(CallRecord(type="", description="随便问问"))
    assert err.value.errors["type"].code == "required"


def test_unknown_codes_are_refused(profile, operator):
    with pytest.raises(IntakeError) as err:
        profile.intake.log_call(complaint(category_code="9999", district="XX", lead_department="NOPE"), operator)
    assert {"category_code", "district", "lead_department"} <= set(err.value.errors)


def test_anonymous_callers_are_allowed(profile, operator, clock):
    case = profile.intake.log_call(complaint(caller_phone="", caller_name=""), operator)
    assert case.caller_phone == "" and not case.repeat_caller


def test_emergency_is_transferred_and_logged(profile, operator, clock):
    with pytest.raises(IntakeError) as err:
        profile.intake.log_call(complaint(urgency="emergency"), operator)
    assert "transfer_to" in err.value.errors
    case = profile.intake.log_call(complaint(urgency="emergency", transfer_to="119"), operator)
    detail = profile.cases.get(case.number)
    assert case.state == "closed"
    assert [e.kind for e in detail.events] == ["receive", "transfer"]
    assert detail.events[1].payload == {"to": "119"}


def test_dispatch_and_direct_answer_at_intake(profile, operator, clock):
    d = profile.intake.log_call(complaint(lead_department="HOUSING", assist_departments=["GOV-JJ"]), operator)
    assert d.state == "dispatched" and d.lead_department == "HOUSING" and d.assist_departments == ["GOV-JJ"]
    assert d.deadline == d.sign_deadline and d.reply_deadline > d.sign_deadline
    a = profile.intake.log_call(CallRecord(type="consultation", category_code="0401", description="社保怎么交",
                                           answer="可在人社App缴纳", article_id="KB-0001"), operator)
    assert a.state == "answered" and a.knowledge_article_id == "KB-0001" and a.deadline is None
    with pytest.raises(IntakeError, match="either answered directly or dispatched"):
        profile.intake.log_call(complaint(lead_department="HOUSING", answer="x"), operator)


def test_every_intake_writes_outbox_rows_in_the_same_transaction(profile, operator, clock):
    profile.intake.log_call(complaint(lead_department="HOUSING"), operator)
    with profile.db.session() as s:
        kinds = [o.payload["event"]["kind"] for o in s.scalars(select(Outbox).order_by(Outbox.seq))]
        seqs = list(s.scalars(select(Outbox.seq).order_by(Outbox.seq)))
    assert kinds == ["receive", "dispatch"]
    assert seqs == sorted(seqs) and len(set(seqs)) == 2


def test_from_dict_refuses_unknown_fields():
    with pytest.raises(IntakeError, match="unknown field 'descripton'"):
        CallRecord.from_dict({"type": "consultation", "descripton": "typo"})
    with pytest.raises(IntakeError):
        CallRecord.from_dict(["not", "an", "object"])


def test_caller_history_and_repeat_flag(profile, operator, clock):
    first = profile.intake.log_call(complaint(), operator)
    assert not first.repeat_caller
    clock.advance(days=2)
    again = complaint(caller_phone="138-0013-8000", description="又来问工地噪音的事")
    second = profile.intake.log_call(again, operator)
    assert second.repeat_caller
    clock.advance(days=40)
    third = profile.intake.log_call(complaint(description="小区门口乱停车"), operator)
    assert not third.repeat_caller  # the earlier calls are more than 30 days old
    hist = caller_history(profile.cases, "+86 138 0013 8000")
    assert hist.case_count == 3 and hist.name == "张先生"
    assert [c.number for c in hist.recent] == [third.number, second.number, first.number]
    assert caller_history(profile.cases, "not a phone") is None
    assert caller_history(profile.cases, "13900000000").case_count == 0


def test_duplicate_hint_three_tickets_in_three_days(profile, operator, clock):
    original = profile.intake.log_call(complaint(caller_phone="13900000001"), operator)
    clock.advance(days=1)
    hints = duplicate_hints(profile.cases, "JJ", "0104", "工地半夜打桩太吵了睡不着觉")
    assert [h.case.number for h in hints] == [original.number]
    assert hints[0].similarity >= 0.3
    assert duplicate_hints(profile.cases, "WH", "0104", "工地半夜打桩太吵了睡不着觉") == []  # other district
    assert duplicate_hints(profile.cases, "JJ", "0104", "请问社保卡怎么补办") == []  # other matter
    clock.advance(days=3)
    assert duplicate_hints(profile.cases, "JJ", "0104", "工地半夜打桩太吵了睡不着觉") == []  # too old


def test_merge_links_the_repeat_to_the_original(profile, operator, clock):
    original = profile.intake.log_call(complaint(caller_phone="13900000001"), operator)
    repeat = profile.intake.log_call(complaint(caller_phone="13900000002"), operator)
    merged = profile.cases.act(repeat.number, "merge", operator, "同一工地噪音", {"into": original.number})
    assert merged.state == "merged" and merged.deadline is None
    detail = profile.cases.get(repeat.number)
    assert detail.case.merged_into == original.number
    assert detail.events[-1].payload["into"] == original.number
    with pytest.raises(WorkflowError, match="itself"):
        profile.cases.act(original.number, "merge", operator, "x", {"into": original.number})
    with pytest.raises(WorkflowError):
        profile.cases.act(repeat.number, "merge", operator, "again", {"into": original.number})
    with pytest.raises(WorkflowError, match="reason is required"):
        third = profile.intake.log_call(complaint(caller_phone="13900000003"), operator)
        profile.cases.act(third.number, "merge", LEAD, "", {"into": original.number})


def test_similarity_is_symmetric_and_bounded():
    assert similarity("停车难", "停车难") == 1.0
    assert similarity("", "abc") == 0.0
    a, b = "小区门口乱停车", "门口有人乱停车"
    assert similarity(a, b) == similarity(b, a) and 0 < similarity(a, b) < 1
