"""Efficiency assessment against the hand-counted set (tests/console/monitor_fixture.py)."""
from __future__ import annotations

import pytest

from console import efficiency
from console.clock import to_stored
from tests.conftest import local
from tests.console.monitor_fixture import build

NOW = to_stored(local("2026-12-03T12:00:00"))


def _value(a, name):
    return a.indicators[name].numerator, a.indicators[name].denominator


@pytest.fixture
def built(profile, clock):
    return build(profile, clock)


def test_each_indicator_of_november_by_hand(profile, built):
    rows = {a.key: a for a in efficiency.assess(profile.db, "2026-11", now=NOW)}
    urban, eco = rows["URBAN"], rows["ECO"]
    # URBAN in November: C, D, E dispatched; E returned; C signed on time, D late (11-26); C replied on
    # time (D's reply came on 12-01); C's callback satisfied and resolved (E's came under ECO)
    assert urban.dispatched == 3
    assert _value(urban, "sign_on_time") == (1, 2)
    assert _value(urban, "reply_on_time") == (1, 1)
    assert _value(urban, "resolution") == (1, 1) and _value(urban, "satisfaction") == (1, 1)
    assert _value(urban, "return_rate") == (1, 3)
    assert _value(urban, "extension_rate") == (0, 3) and _value(urban, "repeat_rate") == (0, 3)
    assert _value(urban, "instructions_on_time") == (0, 0)
    # reply deadlines in November: D's (a consultation: 3 working days from 11-24; replied 12-01, late);
    # C is a complaint: 13 working days, due in December
    assert _value(urban, "overdue_rate") == (1, 1) and urban.overdue == 1
    # E under ECO: dispatched, signed and replied on time, called back unsatisfied and not resolved
    assert (eco.dispatched, _value(eco, "sign_on_time"), _value(eco, "reply_on_time")) == (1, (1, 1), (1, 1))
    assert _value(eco, "resolution") == (0, 1) and _value(eco, "satisfaction") == (0, 1)
    assert _value(eco, "overdue_rate") == (0, 1)
    # the score: weighted mean of the indicators with data (instructions have none: its 5 points drop out)
    assert urban.score == pytest.approx(100 * (10 * .5 + 20 + 20 + 20 + 5 * (2 / 3) + 5 + 5 + 0) / 95, abs=0.01)
    assert eco.score == pytest.approx(100 * (10 + 20 + 0 + 0 + 5 + 5 + 5 + 10) / 95, abs=0.01)
    assert (urban.rank, eco.rank) == (1, 2)
    assert urban.previous_score is None and urban.change is None  # nothing in October


def test_units_with_nothing_to_assess_are_listed_unranked_after_the_ranked(profile, built):
    rows = efficiency.assess(profile.db, "2026-11", now=NOW)
    ranked = [a for a in rows if a.rank is not None]
    assert [a.key for a in ranked] == ["URBAN", "ECO"]
    idle = rows[len(ranked):]
    assert idle and all(a.score is None and a.rank is None and a.dispatched == 0 for a in idle)
    assert all(r.value is None for a in idle for r in a.indicators.values())


def test_a_partial_month_and_the_change_from_the_last(profile, built):
    # December so far: D's late reply (12-01) and its callback (unsatisfied, resolved), under URBAN;
    # C's reply deadline (in mid-December) has not come yet on 12-03: not counted as due
    rows = {a.key: a for a in efficiency.assess(profile.db, "2026-12", now=NOW)}
    urban = rows["URBAN"]
    assert _value(urban, "reply_on_time") == (0, 1)
    assert _value(urban, "resolution") == (1, 1) and _value(urban, "satisfaction") == (0, 1)
    assert urban.indicators["sign_on_time"].value is None and urban.dispatched == 0
    assert _value(urban, "overdue_rate") == (0, 0)
    assert urban.score == pytest.approx(100 * (0 + 20 + 0) / 60, abs=0.01)
    assert urban.previous_score == pytest.approx(82.46, abs=0.01) and urban.previous_rank == 1
    # at the month's end C's deadline has passed: due, and met (C was replied on 11-24)
    later = {a.key: a for a in efficiency.assess(profile.db, "2026-12", now=to_stored(local("2026-12-31T12:00:00")))}
    assert _value(later["URBAN"], "overdue_rate") == (0, 1)
    assert urban.change == pytest.approx(urban.score - urban.previous_score)
    assert rows["ECO"].score is None and rows["ECO"].previous_rank == 2


def test_by_district(profile, built):
    rows = {a.key: a for a in efficiency.assess(profile.db, "2026-11", by="district", now=NOW)}
    # QY's cases D and E: dispatched to URBAN (D, E) and again to ECO (E); E returned once
    assert rows["QY"].dispatched == 3 and _value(rows["QY"], "return_rate") == (1, 3)
    assert rows["JJ"].dispatched == 1  # C


def test_weights_come_from_the_config_and_bad_ones_are_refused(tmp_path):
    weights = efficiency.load_weights()
    assert sum(w.weight for w in weights.values()) == 100 and weights["return_rate"].better == "lower"
    bad = tmp_path / "e.toml"
    bad.write_text('[indicators.speed]\nweight = 5\n')
    with pytest.raises(ValueError, match="unknown indicator"):
        efficiency.load_weights(bad)
    bad.write_text('[indicators.reply_on_time]\nweight = 5\nbetter = "up"\n')
    with pytest.raises(ValueError, match="better"):
        efficiency.load_weights(bad)


def test_report_efficiency_writes_every_format(qapp, profile, built, tmp_path, capsys):
    import csv

    from main import main
    folder = str(profile.data_dir)
    profile.close()
    for fmt in ("csv", "xlsx", "pdf"):
        out = tmp_path / f"e.{fmt}"
        assert main(["report", "efficiency", "--month", "2026-11", "--out", str(out), "--data-dir", folder]) == 0
        assert out.stat().st_size > 0
    with (tmp_path / "e.csv").open(encoding="utf-8-sig") as fh:
        table = list(csv.DictReader(fh))
    units = [r for r in table if r["level"] == "unit" and r["rank"]]
    assert [r["name"] for r in units] == ["市城市管理委员会", "市生态环境局"]
    assert [r["level"] for r in table].count("district") >= 2
    from openpyxl import load_workbook
    assert load_workbook(tmp_path / "e.xlsx").sheetnames == ["units", "districts"]
    from pypdf import PdfReader
    assert len(PdfReader(str(tmp_path / "e.pdf")).pages) >= 2
    assert main(["report", "efficiency", "--month", "11/2026", "--out", str(tmp_path / "x.csv"),
                 "--data-dir", folder]) == 2


def test_units_are_ranked_within_their_level(profile, built):
    from console import refdata
    level = {d.code: d.level for d in refdata.departments(profile.db)}
    city = efficiency.assess(profile.db, "2026-11", now=NOW, level="city")
    assert {a.key for a in city} == {c for c, lv in level.items() if lv == "city"}
    assert [a.key for a in city if a.rank is not None] == ["URBAN", "ECO"]
    streets = efficiency.assess(profile.db, "2026-11", now=NOW, level="street")
    assert streets and all(level[a.key] == "street" and a.rank is None for a in streets)  # none had a case
    with pytest.raises(ValueError, match="level"):
        efficiency.assess(profile.db, "2026-11", by="district", now=NOW, level="city")
