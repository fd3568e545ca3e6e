"""Callbacks that count: three satisfaction levels, not reached, review, closing without a
callback, extensions only when requested; and every way a replied case ends stays in the
resolution and satisfaction rates (docs/metrics.md)."""
from __future__ import annotations

from datetime import date

import pytest

from console import metrics
from console.intake import CallRecord
from console.metrics import Scope
from console.workflow import WorkflowError
from tests.conftest import LEAD, LIAISON, local

DAY = Scope(date(2026, 11, 24), date(2026, 11, 25))


def _replied(profile, operator, phone="13800138000"):
    """A complaint dispatched to URBAN, signed for and replied the same morning."""
    case = profile.intake.log_call(CallRecord(caller_phone=phone, type="complaint", category_code="1301",
                                              district="JJ", address="东大街100号", description="店铺占道经营影响通行"),
                                   operator)
    cs = profile.cases
    cs.act(case.number, "dispatch", operator, payload={"lead_department": "URBAN"})
    cs.act(case.number, "accept", LIAISON)
    cs.act(case.number, "reply", LIAISON, payload={"result": "已清理占道摊位"})
    return case.number


def _refused(code, fn, *args, **kw):
    with pytest.raises(WorkflowError) as err:
        fn(*args, **kw)
    assert err.value.code == code, err.value
    return err.value


def test_satisfied_and_basically_satisfied_close_and_both_count_as_satisfied(profile, operator, clock):
    cs = profile.cases
    a, b = _replied(profile, operator), _replied(profile, operator, "13800138001")
    done = cs.act(a, "callback", operator, payload={"satisfaction": "satisfied", "resolved": True})
    basic = cs.act(b, "callback", operator, payload={"satisfaction": "basically_satisfied", "resolved": False})
    assert (done.state, done.satisfaction, done.satisfied) == ("closed", "satisfied", True)
    assert (basic.state, basic.satisfaction, basic.satisfied) == ("closed", "basically_satisfied", True)
    r = metrics.rates(profile.db, DAY)
    assert (r.satisfaction.numerator, r.satisfaction.denominator) == (2, 2)
    assert (r.resolution.numerator, r.resolution.denominator) == (1, 2)
    assert r.counts["basic_satisfied"] == 1


def test_a_dissatisfied_callback_goes_to_review_never_straight_to_closed(profile, operator, clock):
    cs = profile.cases
    n = _replied(profile, operator)
    review = cs.act(n, "callback", operator, "处理不彻底", {"satisfaction": "dissatisfied", "resolved": False})
    assert review.state == "review" and review.closed_at is None if hasattr(review, "closed_at") else True
    assert cs.get(n).case.state == "review"
    # only a team lead decides; an operator may neither reopen nor close it from review
    _refused("role_not_allowed", cs.act, n, "review_close", operator, "已解释")
    _refused("reason_required", cs.act, n, "review_reopen", LEAD, "")
    again = cs.act(n, "review_reopen", LEAD, "请城管再次核实")
    assert again.state == "reopened" and again.deadline is not None
    cs.act(n, "dispatch", operator, payload={"lead_department": "URBAN"})
    cs.act(n, "accept", LIAISON)
    cs.act(n, "reply", LIAISON, payload={"result": "已再次清理"})
    cs.act(n, "callback", operator, "还是没解决", {"satisfaction": "dissatisfied", "resolved": False})
    closed = cs.act(n, "review_close", LEAD, "诉求超出政策范围，已向市民解释")
    assert closed.state == "closed"
    r = metrics.rates(profile.db, DAY)
    # two callbacks, both dissatisfied: counted twice, never dropped
    assert (r.satisfaction.numerator, r.satisfaction.denominator) == (0, 2)
    assert r.counts["reopened"] == 1
    assert metrics.reasons(profile.db, DAY) == [("处理不彻底", 1), ("还是没解决", 1)]


def test_not_reached_retries_then_closes_as_unreachable_counted_on_its_own(profile, operator, clock):
    cs = profile.cases
    n = _replied(profile, operator)
    attempts = profile.cases.policy.callback_attempts
    assert attempts == 3  # resources/sla_policy.toml [callback] attempts
    for i in range(1, attempts):
        tried = cs.act(n, "callback_unreached", operator)
        assert (tried.state, tried.callback_attempts) == ("callback", i)
        assert tried.deadline is not None  # still due a callback
    last = cs.act(n, "callback_unreached", operator)
    assert (last.state, last.callback_attempts, last.deadline) == ("closed", attempts, None)
    assert cs.get(n).events[-1].to_state == "closed"
    r = metrics.rates(profile.db, DAY)
    assert r.counts["unreachable"] == 1 and r.counts["callbacks"] == 0
    # the case stays in both rates, as neither resolved nor satisfied
    assert (r.resolution.numerator, r.resolution.denominator) == (0, 1)
    assert (r.satisfaction.numerator, r.satisfaction.denominator) == (0, 1)


def test_reached_after_an_unreached_try_counts_once_as_a_callback(profile, operator, clock):
    cs = profile.cases
    n = _replied(profile, operator)
    cs.act(n, "callback_unreached", operator)
    done = cs.act(n, "callback", operator, payload={"satisfaction": "satisfied", "resolved": True})
    assert done.state == "closed"
    r = metrics.rates(profile.db, DAY)
    assert r.counts["unreachable"] == 0 and (r.satisfaction.numerator, r.satisfaction.denominator) == (1, 1)


def test_closing_without_a_callback_needs_a_team_lead_and_a_reason_and_is_counted(profile, operator, clock):
    cs = profile.cases
    n = _replied(profile, operator)
    _refused("wrong_state", cs.act, n, "close", operator)  # `close` is for a direct answer only
    _refused("role_not_allowed", cs.act, n, "close_without_callback", operator, "市民要求不回访")
    _refused("reason_required", cs.act, n, "close_without_callback", LEAD, " ")
    closed = cs.act(n, "close_without_callback", LEAD, "市民明确要求不回访")
    assert closed.state == "closed"
    r = metrics.rates(profile.db, DAY)
    assert r.counts["closed_no_callback"] == 1
    assert (r.satisfaction.numerator, r.satisfaction.denominator) == (0, 1)
    assert (r.resolution.numerator, r.resolution.denominator) == (0, 1)


def test_every_path_to_the_end_stays_in_the_rates(profile, operator, clock):
    """One replied case down each path; the denominators hold all of them."""
    cs = profile.cases
    paths = {}
    for i, name in enumerate(("satisfied", "basic", "dissatisfied_closed", "unreachable", "no_callback")):
        paths[name] = _replied(profile, operator, f"1390000000{i}")
    cs.act(paths["satisfied"], "callback", operator, payload={"satisfaction": "satisfied", "resolved": True})
    cs.act(paths["basic"], "callback", operator, payload={"satisfaction": "basically_satisfied", "resolved": True})
    cs.act(paths["dissatisfied_closed"], "callback", operator, "没人来", {"satisfaction": "dissatisfied",
                                                                       "resolved": False})
    cs.act(paths["dissatisfied_closed"], "review_close", LEAD, "已解释")
    for _ in range(cs.policy.callback_attempts):
        cs.act(paths["unreachable"], "callback_unreached", operator)
    cs.act(paths["no_callback"], "close_without_callback", LEAD, "市民拒绝回访")
    assert {cs.get(n).case.state for n in paths.values()} == {"closed"}
    r = metrics.rates(profile.db, DAY)
    assert (r.satisfaction.numerator, r.satisfaction.denominator) == (2, 5)
    assert (r.resolution.numerator, r.resolution.denominator) == (2, 5)
    assert (r.counts["callbacks"], r.counts["unreachable"], r.counts["closed_no_callback"]) == (3, 1, 1)


def test_an_extension_is_approved_only_when_requested_and_bad_values_are_refused(profile, operator, clock):
    cs = profile.cases
    case = profile.intake.log_call(CallRecord(type="complaint", category_code="1301", district="JJ",
                                              address="东大街1号", description="占道经营很严重",
                                              lead_department="URBAN"), operator)
    cs.act(case.number, "accept", LIAISON)
    _refused("extension_not_requested", cs.act, case.number, "approve_extension", LEAD, payload={"extra": "5wd"})
    _refused("extension_not_requested", cs.act, case.number, "reject_extension", LEAD, "不必延期")
    err = _refused("bad_duration", cs.act, case.number, "request_extension", LIAISON, "需要协调", {"extra": "five"})
    assert err.params == {"value": "five"}
    _refused("bad_duration", cs.act, case.number, "request_extension", LIAISON, "需要协调", {"extra": "0wd"})
    cs.act(case.number, "request_extension", LIAISON, "需要协调多个部门", {"extra": "5wd"})
    assert cs.get(case.number).case.extension_requested == "5wd"
    _refused("bad_duration", cs.act, case.number, "approve_extension", LEAD, payload={"extra": "2 weeks"})
    approved = cs.act(case.number, "approve_extension", LEAD)
    assert approved.state == "extended" and approved.extension_requested is None
    _refused("extension_not_requested", cs.act, case.number, "approve_extension", LEAD)


def test_old_yes_no_callbacks_still_read_as_levels(profile, operator, clock):
    cs = profile.cases
    a, b = _replied(profile, operator), _replied(profile, operator, "13800138009")
    assert cs.act(a, "callback", operator, payload={"satisfied": True, "resolved": True}).satisfaction == "satisfied"
    no = cs.act(b, "callback", operator, "不满意", {"satisfied": False, "resolved": True})
    assert (no.state, no.satisfaction) == ("review", "dissatisfied")
    _refused("bad_satisfaction", cs.act, _replied(profile, operator, "13800138008"), "callback", operator,
             payload={"satisfaction": "so-so", "resolved": True})


def test_the_one_hour_rule_survives_dispatch_and_is_counted(profile, operator, clock):
    cs = profile.cases
    clock.now = local("2026-10-02T03:39:00")  # a gas leak at night in the National Day week
    case = profile.intake.log_call(CallRecord(caller_phone="13800138000", type="report", urgency="urgent",
                                              category_code="1301", district="JJ", address="东大街1号",
                                              description="楼道里有很重的煤气味"), operator)
    assert case.contact_deadline == local("2026-10-02T04:39:00") == case.deadline
    clock.now = local("2026-10-02T03:50:00")
    sent = cs.act(case.number, "dispatch", operator, payload={"lead_department": "URBAN"})
    # sign-for due 05:50 on the clock, but the contact is due sooner and stays the deadline
    assert sent.sign_deadline == local("2026-10-02T05:50:00")
    assert sent.deadline == sent.contact_deadline == local("2026-10-02T04:39:00")
    clock.now = local("2026-10-02T04:00:00")
    assert metrics.contact_figures(profile.db, clock.now, Scope(date(2026, 10, 2), date(2026, 10, 3))).pending == 1
    clock.now = local("2026-10-02T04:45:00")
    late = metrics.contact_figures(profile.db, clock.now, Scope(date(2026, 10, 2), date(2026, 10, 3)))
    assert (late.pending, late.overdue, late.missed) == (0, 1, 1)
    contacted = cs.act(case.number, "progress_contact", LIAISON)
    assert contacted.contacted_at == clock.now and contacted.deadline == contacted.sign_deadline
    done = metrics.contact_figures(profile.db, clock.now, Scope(date(2026, 10, 2), date(2026, 10, 3)))
    assert (done.overdue, done.due, done.on_time, done.late, done.missed) == (0, 1, 0, 1, 0)


def test_a_normal_case_owes_no_progress_contact(profile, operator, clock):
    case = profile.intake.log_call(CallRecord(type="complaint", category_code="1301", district="JJ",
                                              address="东大街1号", description="占道经营"), operator)
    assert case.contact_deadline is None


def test_merges_remember_their_cases_and_callers_and_refuse_closed_targets(profile, operator, clock):
    cs = profile.cases
    first = _replied(profile, operator, "13800000001")
    rec = dict(type="complaint", category_code="1301", district="JJ", address="东大街100号", description="占道经营")
    second = profile.intake.log_call(CallRecord(caller_phone="13800000002", caller_name="李四", **rec), operator)
    third = profile.intake.log_call(CallRecord(caller_phone="13800000003", **rec), operator)
    _refused("reason_required", cs.act, second.number, "merge", operator, "", {"into": first})
    cs.act(second.number, "merge", operator, "同一事项", {"into": first})
    cs.act(third.number, "merge", operator, "同一事项", {"into": first})
    detail = cs.get(first)
    assert [m.number for m in detail.merged] == [second.number, third.number]
    assert [m.reason for m in detail.merged] == ["同一事项", "同一事项"]
    assert [p for p, _ in detail.callers_to_call_back()] == ["13800000001", "13800000002", "13800000003"]
    cs.act(first, "callback", operator, payload={"satisfaction": "satisfied", "resolved": True})
    fourth = profile.intake.log_call(CallRecord(caller_phone="13800000004", **rec), operator)
    err = _refused("merge_target_closed", cs.act, fourth.number, "merge", operator, "同一事项", {"into": first})
    assert err.params == {"number": first}
    _refused("merge_into_itself", cs.act, fourth.number, "merge", operator, "同一事项", {"into": fourth.number})
    _refused("merge_target_merged", cs.act, fourth.number, "merge", operator, "同一事项", {"into": second.number})
    _refused("merge_target_unknown", cs.act, fourth.number, "merge", operator, "同一事项", {"into": "CD-X-1"})
