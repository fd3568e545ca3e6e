"""Every rate on a hand-counted set of cases (tests/console/monitor_fixture.py)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from console import metrics
from console.metrics import Scope
from tests.console.monitor_fixture import build

WEEKS = Scope(date(2026, 11, 23), date(2026, 12, 8))


@pytest.fixture
def built(profile, clock):
    return build(profile, clock)


def frac(rate):
    return (rate.numerator, rate.denominator)


def test_every_rate_over_the_whole_period(profile, built):
    r = metrics.rates(profile.db, WEEKS)
    # 8 calls, one transferred to 110: 7 hotline cases, A and F answered directly
    assert frac(r.direct_answer) == (2, 7)
    # signed: C (11:00, due 11-25 10:00) on time, E (ECO, 11:30) on time, D (11-26, due 11-25) late
    assert frac(r.sign_on_time) == (2, 3)
    # replies: C and E on the day, D on 12-01 past its 3-working-day deadline (11-27 10:00)
    assert frac(r.reply_on_time) == (2, 3)
    # callbacks C (satisfied, resolved), E (neither), D (resolved, not satisfied)
    assert frac(r.resolution) == (2, 3)
    assert frac(r.satisfaction) == (1, 3)
    # dispatch events: C, D, E, E again = 4; one return
    assert frac(r.return_rate) == (1, 4)
    assert frac(r.repeat_request) == (1, 8)
    # working minutes dispatch->reply: C 10:00-12:00 = 120; E 11:00-14:00 less lunch = 120;
    # D Tue 11-24 10:00 -> Tue 12-01 10:00 = 5 working days = 2400
    assert r.avg_reply_working_days == pytest.approx((120 + 120 + 2400) / 3 / 480)
    assert r.instructions == {"city": 1, "district": 1, "township": 0}


def test_a_single_day_counts_only_that_days_events(profile, built):
    r = metrics.rates(profile.db, Scope(date(2026, 11, 24), date(2026, 11, 25)))
    assert frac(r.sign_on_time) == (2, 2)
    assert frac(r.reply_on_time) == (2, 2)
    assert frac(r.satisfaction) == (1, 2)
    assert r.avg_reply_working_days == pytest.approx(240 / 2 / 480)


def test_district_category_and_department_scopes(profile, built):
    qy = metrics.rates(profile.db, Scope(WEEKS.start, WEEKS.end, district="QY"))
    # QY: D, E, G; D and E replied, D late
    assert frac(qy.reply_on_time) == (1, 2)
    assert frac(qy.direct_answer) == (0, 3)
    noise = metrics.rates(profile.db, Scope(WEEKS.start, WEEKS.end, category="0204"))
    assert frac(noise.direct_answer) == (1, 3)  # C, D, F; F answered
    assert frac(noise.repeat_request) == (1, 3)
    top = metrics.rates(profile.db, Scope(WEEKS.start, WEEKS.end, category="02"))  # 0201 + 0204
    assert frac(top.direct_answer) == (2, 4)  # A, C, D, F (B transferred)
    urban = metrics.rates(profile.db, Scope(WEEKS.start, WEEKS.end, department="URBAN"))
    # URBAN had C, D and E's first dispatch; it returned E; signed C on time and D late
    assert frac(urban.return_rate) == (1, 3)
    assert frac(urban.sign_on_time) == (1, 2)
    assert frac(urban.satisfaction) == (1, 2)
    eco = metrics.rates(profile.db, Scope(WEEKS.start, WEEKS.end, department="ECO"))
    assert frac(eco.reply_on_time) == (1, 1)
    assert frac(eco.resolution) == (0, 1)


def test_empty_scope_has_no_value_not_zero(profile, built):
    r = metrics.rates(profile.db, Scope(date(2025, 1, 1), date(2025, 2, 1)))
    assert all(rate.value is None for rate in r.as_list())
    assert r.avg_reply_working_days is None


def test_operator_figures_and_own_only(profile, built):
    figs = {f.login: f for f in metrics.operator_figures(profile.db, date(2026, 11, 24), date(2026, 11, 25))}
    # op01 logged A B C E G F (6), answered A F, dispatched C, E, E again; op02 logged D H
    assert (figs["op01"].intake, figs["op01"].answered, figs["op01"].dispatched) == (6, 2, 3)
    assert (figs["op02"].intake, figs["op02"].dispatched) == (2, 1)
    assert figs["op01"].callbacks == 2
    # none of these cases came from a timed call: no handling time, not a false 0.0
    assert figs["op01"].handled == 0 and figs["op01"].avg_handling_minutes is None
    own = metrics.operator_figures(profile.db, date(2026, 11, 24), date(2026, 12, 8), login="op02")
    assert [f.login for f in own] == ["op02"] and own[0].callbacks == 1


def test_reasons_and_breakdowns(profile, built):
    assert dict(metrics.reasons(profile.db, WEEKS)) == {"问题没有解决": 1, "没有人到现场": 1}
    by_dept = {g.key: g.counts for g in metrics.breakdown(profile.db, WEEKS, "department", ("dispatched", "returned"))}
    assert by_dept["URBAN"] == {"dispatched": 3, "returned": 1} and by_dept["ECO"]["dispatched"] == 1
    cells = metrics.cross(profile.db, WEEKS)
    assert cells == {("JJ", "02"): 4, ("JJ", "01"): 1, ("QY", "02"): 1, ("QY", "01"): 2}


def test_month_scope_and_previous():
    s = metrics.month_scope("2026-10")
    assert (s.start, s.end) == (date(2026, 10, 1), date(2026, 11, 1))
    assert (s.previous().start, s.previous().end) == (date(2026, 9, 1), date(2026, 10, 1))
    assert metrics.month_scope("2026-01").previous().start == date(2025, 12, 1)
    with pytest.raises(ValueError, match="2026-10"):
        metrics.month_scope("October")


def test_handling_time_runs_from_the_calls_answer_to_its_save(profile, operator):
    """平均处理时长: the call's answer -> save (console.calls), counted by the trigger and by a rebuild alike."""
    from console import rollups
    from console.intake import CallRecord
    for seconds in (120, 240, None):  # the third came by another channel: not timed
        profile.intake.log_call(CallRecord(caller_phone="13800138000", type="consultation", category_code="0101",
                                           description="问社保卡补办的地点"), operator, handle_seconds=seconds)
    today = profile.cases.clock().date()
    span = (today - timedelta(days=1), today + timedelta(days=2))
    fig = next(f for f in metrics.operator_figures(profile.db, *span) if f.login == "op01")
    assert (fig.intake, fig.handled) == (3, 2) and fig.avg_handling_minutes == pytest.approx(3.0)
    raw = profile.db.engine.raw_connection()
    try:
        rollups.rebuild(raw.cursor())
        raw.commit()
    finally:
        raw.close()
    again = next(f for f in metrics.operator_figures(profile.db, *span) if f.login == "op01")
    assert (again.handled, again.avg_handling_minutes) == (2, pytest.approx(3.0))
