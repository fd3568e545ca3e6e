"""The cases behind each efficiency and instruction figure, against the hand-counted set."""
from __future__ import annotations

import pytest

from console import efficiency, figure_cases
from console.clock import to_stored
from console.report import instructions
from tests.conftest import local
from tests.console.monitor_fixture import build
from tests.console.test_instructions_report import month  # noqa: F401 (a fixture)

NOW = to_stored(local("2026-12-03T12:00:00"))


@pytest.fixture
def built(profile, clock):
    return build(profile, clock)


def _cases(profile, key, indicator, part, by="department", month_="2026-11"):
    return figure_cases.efficiency_cases(profile.db, month_, by, key, indicator, part, NOW)


def test_each_part_of_each_indicator_names_the_hand_counted_cases(profile, built):
    n = built.numbers
    C, D, E = n["C"], n["D"], n["E"]
    # URBAN in November: C, D, E dispatched; E returned; C signed on time, D late; C replied on time
    assert _cases(profile, "URBAN", "return_rate", "denominator") == sorted([C, D, E])
    assert _cases(profile, "URBAN", "return_rate", "numerator") == [E]
    assert _cases(profile, "URBAN", "sign_on_time", "numerator") == [C]
    assert _cases(profile, "URBAN", "sign_on_time", "missed") == [D]
    assert _cases(profile, "URBAN", "reply_on_time", "denominator") == [C]
    assert _cases(profile, "URBAN", "resolution", "numerator") == [C]
    assert _cases(profile, "URBAN", "overdue_rate", "numerator") == [D]
    assert _cases(profile, "URBAN", "overdue_rate", "missed") == [D]
    # E, re-dispatched: its later steps count under ECO (the replayed case), its callback unresolved
    assert _cases(profile, "ECO", "return_rate", "denominator") == [E]
    assert _cases(profile, "ECO", "sign_on_time", "numerator") == [E]
    assert _cases(profile, "ECO", "resolution", "missed") == [E]
    assert _cases(profile, "ECO", "satisfaction", "numerator") == []
    # December: D's late reply and its callback (resolved, not satisfied), under URBAN
    assert _cases(profile, "URBAN", "reply_on_time", "missed", month_="2026-12") == [D]
    assert _cases(profile, "URBAN", "satisfaction", "missed", month_="2026-12") == [D]
    # by district: QY's dispatches are D's and E's two
    assert _cases(profile, "QY", "return_rate", "denominator", by="district") == sorted([D, E])


def test_every_figure_of_the_month_has_as_many_cases_as_it_counts(profile, built):
    # a figure counts events, a case at most once in the list: per unit in this set no case has two
    # events of one counter in a month (cases == events); per district E's two dispatches are one case
    for by in ("department", "district"):
        for a in efficiency.assess(profile.db, "2026-11", by=by, now=NOW):
            for name, rate in a.indicators.items():
                num = _cases(profile, a.key, name, "numerator", by=by)
                den = _cases(profile, a.key, name, "denominator", by=by)
                missed = _cases(profile, a.key, name, "missed", by=by)
                if by == "department" or name not in ("return_rate", "extension_rate", "repeat_rate"):
                    assert (len(num), len(den)) == (rate.numerator, rate.denominator), (by, a.key, name)
                else:
                    assert len(num) <= rate.numerator and len(den) <= rate.denominator
                if name not in ("overdue_rate", "return_rate", "extension_rate"):  # events of one kind
                    assert set(missed) == set(den) - set(num), (by, a.key, name)


def test_bad_parts_are_refused_with_a_message(profile, built):
    with pytest.raises(ValueError, match="part"):
        _cases(profile, "URBAN", "return_rate", "most")
    with pytest.raises(ValueError, match="indicator|no events"):
        _cases(profile, "URBAN", "score", "numerator")


def test_the_cases_behind_each_instruction_cell(profile, month):  # noqa: F811 (the fixture)
    n = month.numbers
    report = instructions.build(profile.db, "2026-11", now=NOW)
    for kind, rows in (("level", report.by_level), ("unit", report.by_unit)):
        for row in rows:
            for column, value in (("received", row.received), ("on_time", row.on_time),
                                  ("overdue", row.overdue), ("open", row.open)):
                assert len(instructions.cases(profile.db, "2026-11", kind, row.key, column, NOW)) == value
    assert instructions.cases(profile.db, "2026-11", "level", "city", "on_time", NOW) == [n["P"]]
    assert instructions.cases(profile.db, "2026-11", "unit", "URBAN", "overdue", NOW) == sorted([n["Q"], n["K"]])
    assert instructions.cases(profile.db, "2026-11", "unit", "", "open", NOW) == sorted([n["G"], n["H"]])


def test_the_cases_replayed_are_the_ones_the_rebuild_replays(profile, built):
    # figure_cases applies rollups' rule for "returned or reopened" per candidate case: the two agree
    from console import rollups
    with profile.db.engine.connect() as conn:
        conn.exec_driver_sql("CREATE TEMP TABLE figure_cand AS SELECT id FROM cases")
        mine = set(conn.exec_driver_sql(figure_cases._COMPLEX).scalars())
        theirs = set(conn.exec_driver_sql(rollups._complex_cases_sql()).scalars())
        number = dict(conn.exec_driver_sql("SELECT id, number FROM cases").all())
    assert mine == theirs and {number[i] for i in mine} == {built.numbers["E"]}


def test_on_a_demo_month_the_events_found_are_the_events_counted(profile):
    """On generated cases (returns, reopens, extensions, callbacks of every kind), for the busiest
    units and districts: the events figure_cases finds for each indicator add up to the figure."""
    from console.deadlines import load_policy
    from console.demo import fill
    fill(profile.db, 3000, seed=21, workers=0, now=local("2026-11-24T15:30:00"))
    now = to_stored(local("2026-11-24T15:30:00"))
    with profile.db.engine.connect() as conn:  # some of the month's cases were returned or reopened: replayed
        assert conn.exec_driver_sql(
            "SELECT count(DISTINCT c.id) FROM cases c JOIN case_events e ON e.case_id = c.id WHERE e.at >= ? "
            "AND e.at < ? AND (c.return_count > 0 OR e.kind = 'reopen')",
            (local("2026-10-01T00:00:00").isoformat(" "), local("2026-11-01T00:00:00").isoformat(" "))).scalar() > 5
    checked = 0
    for by in ("department", "district"):
        rows = sorted(efficiency.assess(profile.db, "2026-10", by=by, now=now), key=lambda a: -a.dispatched)[:3]
        for a in rows:
            for name, (num, dens) in efficiency.RATIOS.items():
                events = figure_cases._events(profile.db, "2026-10", by, a.key, (num, *dens), load_policy())
                mine = [e for e in events if e.key == a.key]
                rate = a.indicators[name]
                assert sum(e.values[num] for e in mine) == rate.numerator, (by, a.key, name)
                assert sum(e.values[d] for e in mine for d in dens) == rate.denominator, (by, a.key, name)
                checked += rate.denominator > 0
    assert checked >= 30


def test_a_case_passed_down_counts_under_each_unit_for_its_own_steps(profile, clock):
    """HRSS signs for a case and passes it down to its office HRSS-JIANCHA, which signs and replies:
    the triggers count the first sign-for under HRSS and the rest under the office; the rebuild and
    the click-throughs agree with them."""
    from console.dto import Actor
    from tests.console.test_returns import HRSS, _dispatched
    from tests.console.test_rollups import run_rebuild, snapshot
    jiancha = Actor("jiancha", "liaison", "监察联络员", department="HRSS-JIANCHA")
    clock.now = local("2026-11-24T10:00:00")
    number = _dispatched(profile, profile.actor("op01"), lead="HRSS")
    profile.cases.act(number, "accept", HRSS)
    clock.now = local("2026-11-24T14:00:00")
    profile.cases.act(number, "sub_dispatch", HRSS, payload={"unit": "HRSS-JIANCHA"})
    profile.cases.act(number, "accept", jiancha)
    clock.now = local("2026-11-25T10:00:00")
    profile.cases.act(number, "reply", jiancha, payload={"result": "已处理"})
    now = to_stored(local("2026-12-03T12:00:00"))
    rows = {a.key: a for a in efficiency.assess(profile.db, "2026-11", now=now)}
    assert _value_of(rows["HRSS"], "sign_on_time") == (1, 1) and rows["HRSS"].dispatched == 1
    assert _value_of(rows["HRSS-JIANCHA"], "sign_on_time") == (1, 1)
    assert _value_of(rows["HRSS-JIANCHA"], "reply_on_time") == (1, 1)
    assert _value_of(rows["HRSS"], "reply_on_time") == (0, 0)
    for key, indicator, part in (("HRSS", "sign_on_time", "numerator"), ("HRSS", "return_rate", "denominator"),
                                 ("HRSS-JIANCHA", "sign_on_time", "numerator"),
                                 ("HRSS-JIANCHA", "reply_on_time", "numerator")):
        assert figure_cases.efficiency_cases(profile.db, "2026-11", "department", key, indicator, part, now) \
            == [number], (key, indicator)
    assert figure_cases.efficiency_cases(profile.db, "2026-11", "department", "HRSS", "reply_on_time",
                                         "denominator", now) == []
    live = snapshot(profile)
    run_rebuild(profile)
    assert snapshot(profile) == live


def _value_of(a, name):
    return a.indicators[name].numerator, a.indicators[name].denominator


def _replayed_month(db, month_, policy):
    """A plain per-case reading: every case's events, each case replayed through the lifecycle
    from its first event (no candidate cases, no index on the events' time, no SQL rule), counted
    one event at a time as the rollups count it. (number, department, district, counts by metric)
    for each event of the month."""
    from console.metrics import month_scope
    from console.rollups import REPLAY_COLUMNS, Accumulator, replayed
    from models.rollup import DAILY_METRICS
    scope = month_scope(month_)
    with db.engine.connect() as conn:
        numbers = dict(conn.exec_driver_sql("SELECT id, number FROM cases").all())
        rows = conn.exec_driver_sql(f"SELECT {REPLAY_COLUMNS} FROM cases c JOIN case_events e ON e.case_id = c.id "
                                    "ORDER BY c.id, e.seq").all()
    out = []
    for cid, sim, kind, actor, at, from_state, reason, data in replayed(rows, policy):
        if scope.created_from <= at < scope.created_to:
            one = Accumulator(policy)
            one.event(sim, kind, actor, at, from_state, reason, data)
            for (_day, district, _category, department), counts in one.daily.items():
                out.append((numbers[cid], department, district, dict(zip(DAILY_METRICS, counts, strict=True))))
    return out


def test_on_a_demo_month_each_click_finds_the_cases_a_per_case_replay_finds(profile):
    """Every part of every indicator, for the busiest units and districts of a month between two
    others (the units led cases before and after it) and for units whose events of the month
    belong to cases another unit leads now (returned or passed on): the cases the click lists are
    the cases whose events of the month a replay of each whole case counts in that part."""
    from console.deadlines import load_policy
    from console.demo import fill
    fill(profile.db, 3000, seed=5, workers=0, now=local("2026-11-24T15:30:00"))
    now = to_stored(local("2026-11-24T15:30:00"))
    events = _replayed_month(profile.db, "2026-10", load_policy())
    with profile.db.engine.connect() as conn:
        lead = dict(conn.exec_driver_sql("SELECT number, coalesce(lead_department, '') FROM cases").all())
        replayed = set(conn.exec_driver_sql(
            "SELECT number FROM cases WHERE return_count > 0 OR upper_units IS NOT NULL OR id IN "
            "(SELECT case_id FROM case_events WHERE kind IN ('reopen', 'review_reopen'))").scalars())
    left = sorted({e[1] for e in events if e[1] and e[1] != lead[e[0]] and any(e[3].values())})
    assert len(left) >= 5  # units with counted events of cases now led by another
    listed: set[str] = set()
    nonempty = 0
    for by, column in (("department", 1), ("district", 2)):
        rows = sorted(efficiency.assess(profile.db, "2026-10", by=by, now=now), key=lambda a: -a.dispatched)
        keys = [a.key for a in rows[:3]] + (left[:6] if by == "department" else [rows[-1].key])
        for key in keys:
            mine = [(e[0], e[3]) for e in events if e[column] == key]
            for name, (num, dens) in efficiency.RATIOS.items():
                for part in figure_cases.PARTS:
                    want = sorted({number for number, v in mine if (
                        v[num] > 0 if part == "numerator" else
                        any(v[d] > 0 for d in dens) and (part == "denominator" or not v[num] > 0))})
                    got = _cases(profile, key, name, part, by=by, month_="2026-10")
                    assert got == want, (by, key, name, part, sorted(set(got) ^ set(want))[:5])
                    listed.update(got)
                    nonempty += bool(got)
    assert nonempty >= 40 and len(listed & replayed) >= 5  # the replayed cases are among those compared
