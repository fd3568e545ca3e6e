"""Demo data that looks like a city (issue 16.5): each figure measured on a demo profile, within
the tolerance docs/demo-data.md states.

The figures are computed from the profile as anyone would read it (the case rows, the events,
the reference tables, the shipped knowledge articles and console.metrics for the published
rates), not from the generator's own tables. `python -m tests.console.test_demo_realism` prints
them for a fresh profile.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from console.clock import CITY_TZ
from console.deadlines import load_policy
from console.knowledge import shipped_files
from console.metrics import Scope, rates
from tests.conftest import local

NOW = "2026-11-24T15:30:00"
CASES = 12_000
SEED_RESOLUTION, SEED_SATISFACTION = 0.8751, 0.9006  # the seed's published figures

# the test's own reading of a text's speech act (not the generator's lists)
PRAISE = re.compile(r"表扬|感谢|点个赞|点赞")
QUESTION = re.compile(r"[？?]|请问|想问|咨询|想知道|怎么|哪里|哪个|多久|吗")
SUGGESTION = re.compile(r"建议|希望|能不能|增加|加密|多建|多设")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from console.demo import fill
    from console.profile import open_profile
    prof = open_profile(tmp_path_factory.mktemp("realism") / "p")
    fill(prof.db, CASES, seed=16, workers=0, now=local(NOW))
    yield prof
    prof.close()


def _rows(prof, sql, *args):
    con = sqlite3.connect(prof.db.path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def _local(stored: str) -> datetime:
    return datetime.fromisoformat(stored) + CITY_TZ.utcoffset(None)


# -- the figures ------------------------------------------------------------------------------
def unit_districts(prof) -> dict[str, str | None]:
    """Each unit's district: its `district_code` where the table has one, else the district
    whose name its own name starts with (金牛区人民政府 -> JN); None for a city-wide unit."""
    cols = {r[1] for r in _rows(prof, "PRAGMA table_info(departments)")}
    if "district_code" in cols:
        return dict(_rows(prof, "SELECT code, district_code FROM departments"))
    names = dict(_rows(prof, "SELECT name, code FROM districts"))
    out = {}
    for code, name in _rows(prof, "SELECT code, name FROM departments"):
        out[code] = next((d for n, d in names.items() if name.startswith(n)), None)
    return out


def dispatches(prof) -> list[tuple[str, list[str], str]]:
    """(lead unit, assisting units, the case's district) of every dispatch event."""
    out = []
    for payload, district in _rows(prof, "SELECT e.payload, c.district_code FROM case_events e "
                                         "JOIN cases c ON c.id = e.case_id WHERE e.kind = 'dispatch'"):
        p = json.loads(payload)
        out.append((p["lead_department"], list(p.get("assist_departments") or []), district))
    return out


def out_of_jurisdiction(prof) -> int:
    """Dispatches (and a team lead's dispute decisions) naming a unit, lead or assisting, of
    another district than the case's."""
    units = unit_districts(prof)
    decided = [(json.loads(p)["unit"], district) for p, district in _rows(
        prof, "SELECT e.payload, c.district_code FROM case_events e JOIN cases c ON c.id = e.case_id "
              "WHERE e.kind = 'decide_dispute'")]
    named = [(u, district) for lead, assist, district in dispatches(prof) for u in (lead, *assist)] + decided
    return sum(1 for u, district in named if units.get(u) not in (None, district))


def local_share(prof) -> float:
    """Dispatches whose lead unit is below the city (a district's bureau, government, street office...)."""
    units = unit_districts(prof)
    found = dispatches(prof)
    return sum(1 for lead, _, _ in found if units.get(lead)) / len(found)


def assist_share(prof) -> float:
    found = dispatches(prof)
    return sum(1 for _, assist, _ in found if assist) / len(found)


def text_mismatches(prof) -> Counter:
    """Cases whose words do not fit their type: praise outside 表扬感谢 or without praise, praise
    words in another type, a consultation that asks nothing, a suggestion that suggests nothing."""
    bad: Counter = Counter()
    for rtype, category, text in _rows(prof, "SELECT type, category_code, description FROM cases"):
        if rtype == "praise" and (category != "1503" or not PRAISE.search(text)):
            bad["praise"] += 1
        elif rtype != "praise" and PRAISE.search(text):
            bad[f"{rtype} praising"] += 1
        elif rtype == "consultation" and not QUESTION.search(text):
            bad["consultation"] += 1
        elif rtype == "suggestion" and not SUGGESTION.search(text):
            bad["suggestion"] += 1
    return bad


def articles() -> dict[str, tuple[str, date, date]]:
    out = {}
    for path in shipped_files():
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                a = json.loads(line)
                out[a["id"]] = (a.get("category_code"),
                                date.fromisoformat(a["effective_date"]) if a.get("effective_date") else date.min,
                                date.fromisoformat(a["expiry_date"]) if a.get("expiry_date") else date.max)
    return out


def direct_answers(prof) -> tuple[int, int]:
    """(answers citing an article of the case's own category in force that day, all answers)."""
    arts = articles()
    good = total = 0
    for payload, category, at in _rows(prof, "SELECT e.payload, c.category_code, e.at FROM case_events e "
                                             "JOIN cases c ON c.id = e.case_id WHERE e.kind = 'answer'"):
        total += 1
        art = arts.get(json.loads(payload).get("article_id"))
        if art and art[0] == category and art[1] <= _local(at).date() <= art[2]:
            good += 1
    return good, total


def department_hours(prof) -> tuple[float, float]:
    """Of the departments' steps on normal cases: (share in working time on the SLA calendar,
    share between 09:00 and 18:00 on any day)."""
    cal = load_policy().calendar
    working = set(cal.working_days)
    in_work = in_day = total = 0
    for (at,) in _rows(prof, "SELECT e.at FROM case_events e JOIN cases c ON c.id = e.case_id "
                             "WHERE e.actor_role = 'liaison' AND c.urgency = 'normal'"):
        t = _local(at)
        minute = t.hour * 60 + t.minute
        total += 1
        in_day += 9 * 60 <= minute < 18 * 60
        in_work += t.date() in working and any(a <= minute < b for a, b in cal.periods)
    return in_work / total, in_day / total


def channel_shares(prof) -> dict[str, float]:
    counts = dict(_rows(prof, "SELECT channel, count(*) FROM cases GROUP BY channel"))
    return {k: v / CASES for k, v in counts.items()}


def instructions(prof) -> tuple[float, dict[str, float], int]:
    """(share of cases with an instruction, share of each level, instructions without leader or title)."""
    found = [json.loads(p) for (p,) in _rows(prof, "SELECT payload FROM case_events WHERE kind = 'instruct'")]
    (cases,), = _rows(prof, "SELECT count(DISTINCT case_id) FROM case_events WHERE kind = 'instruct'")
    levels = Counter(p["level"] for p in found)
    unnamed = sum(1 for p in found if not p.get("leader") or not p.get("title"))
    return cases / CASES, {k: v / len(found) for k, v in levels.items()}, unnamed


def published(prof):
    """The published rates over the whole demo, as console.metrics computes them."""
    today = (local(NOW) + CITY_TZ.utcoffset(None)).date()
    return rates(prof.db, Scope(today - timedelta(days=100), today + timedelta(days=1)))


# -- the checks, with their tolerances ----------------------------------------------------------
def test_dispatches_stay_in_the_case_s_district(demo):
    assert len(dispatches(demo)) > CASES // 3
    assert local_share(demo) >= 0.2  # not only city bureaus: the check below has something to check
    assert out_of_jurisdiction(demo) == 0


def test_about_one_dispatch_in_ten_has_an_assisting_unit(demo):
    assert 0.07 <= assist_share(demo) <= 0.13


def test_texts_fit_type_and_category(demo):
    assert text_mismatches(demo) == Counter()
    types = dict(_rows(demo, "SELECT type, count(*) FROM cases GROUP BY type"))
    assert set(types) == {"consultation", "help", "complaint", "report", "suggestion", "praise", "other"}
    assert not _rows(demo, "SELECT 1 FROM cases WHERE type = 'praise' AND category_code = '0101'")


def test_direct_answers_cite_an_article_of_the_case_s_category(demo):
    good, total = direct_answers(demo)
    assert total > CASES // 10
    assert good == total


def test_department_steps_are_mostly_in_working_hours(demo):
    in_work, in_day = department_hours(demo)
    assert in_work >= 0.85 and in_day >= 0.85


def test_channels_phone_most_then_mailbox_web_app_walk_in(demo):
    shares = channel_shares(demo)
    order = ["phone", "mailbox", "web", "app", "walk_in"]
    assert [shares.get(c, 0) for c in order] == sorted((shares.get(c, 0) for c in order), reverse=True)
    assert 0.6 <= shares["phone"] <= 0.8 and shares["walk_in"] > 0


def test_instructions_share_levels_and_leaders(demo):
    share, levels, unnamed = instructions(demo)
    assert 0.005 <= share <= 0.011
    assert 0.01 <= levels.get("city", 0) <= 0.13
    assert 0.70 <= levels.get("district", 0) <= 0.90
    assert 0.06 <= levels.get("township", 0) <= 0.22
    assert unnamed == 0


def test_repeat_caller_rate_is_plausible(demo):
    assert 0.11 <= published(demo).repeat_request.value <= 0.18


def test_resolution_and_satisfaction_near_the_seed_s_figures(demo):
    r = published(demo)
    assert abs(r.resolution.value - SEED_RESOLUTION) <= 0.015
    assert abs(r.satisfaction.value - SEED_SATISFACTION) <= 0.015


def figures(prof) -> dict:
    """Every figure above, for docs/demo-data.md."""
    r = published(prof)
    good, total = direct_answers(prof)
    share, levels, unnamed = instructions(prof)
    return {"dispatches": len(dispatches(prof)), "local_share": local_share(prof),
            "out_of_jurisdiction": out_of_jurisdiction(prof),
            "assist_share": assist_share(prof), "text_mismatches": dict(text_mismatches(prof)),
            "answers_own_category": f"{good}/{total}", "department_hours": department_hours(prof),
            "channels": channel_shares(prof), "instructed": share, "levels": levels, "unnamed": unnamed,
            "repeat": r.repeat_request.value, "resolution": r.resolution.value,
            "satisfaction": r.satisfaction.value, "direct_answer": r.direct_answer.value,
            "types": dict(_rows(prof, "SELECT type, count(*) FROM cases GROUP BY type"))}


if __name__ == "__main__":
    import sys
    import tempfile
    from pathlib import Path

    from console.demo import fill
    from console.profile import open_profile
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 16
    p = open_profile(Path(tempfile.mkdtemp()) / "p")
    fill(p.db, CASES, seed=seed, workers=0, now=local(NOW))
    for k, v in figures(p).items():
        print(f"{k}: {v}")
    p.close()
