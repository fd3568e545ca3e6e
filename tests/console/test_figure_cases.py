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
