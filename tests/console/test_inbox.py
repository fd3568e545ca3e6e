"""A department's inbox tabs against a plain reading of every case (an oracle beside the SQL)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from console import inbox
from console.clock import utcnow
from console.demo import fill
from console.queue import QueueService
from console.queue_filter import QueueFilter


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from console.profile import open_profile
    prof = open_profile(tmp_path_factory.mktemp("inbox") / "p")
    fill(prof.db, 800, seed=7)
    walk_one_of_each(prof)
    yield prof
    prof.close()


def walk_one_of_each(prof, lead: str = "URBAN", assist: str = "HRSS") -> dict[str, str]:
    """A case in each tab of `lead`'s inbox (one also assisted by `assist`); tab -> case number."""
    from console.intake import CallRecord
    from tests.conftest import LIAISON, OPERATOR
    op = prof.actor(OPERATOR.login)
    liaison = LIAISON if lead == "URBAN" else LIAISON.__class__("x", "liaison", "x", department=lead)
    made = {}
    for tab, steps in (("to_sign", []), ("in_progress", [("accept", "", {})]),
                       ("extension", [("accept", "", {}), ("request_extension", "需协调施工单位", {"extra": "3wd"})]),
                       ("returned", [("return", "不属于本单位职责", {})]),
                       ("passed_down", [("sub_dispatch", "", {"unit": "URBAN-ZHIFA"})])):
        case = prof.intake.log_call(CallRecord(caller_phone="13800138000", type="complaint", category_code="0203",
                                               district="JJ", address="东大街100号",
                                               description=f"路灯不亮（{tab}）"), op)
        prof.cases.act(case.number, "dispatch", op, "", {"lead_department": lead, "assist_departments": [assist]})
        for action, reason, payload in steps:
            prof.cases.act(case.number, action, liaison, reason, payload)
        made[tab] = case.number
    return made


def _expected(rows, tab: str, unit: str, now) -> set[str]:
    """What a liaison of `unit` must do next, read case by case."""
    out = set()
    for r in rows:
        lead = r.lead_department == unit
        if tab == "to_sign":
            ok = lead and r.state == "dispatched"
        elif tab == "in_progress":
            ok = lead and r.state in ("accepted", "extended", "reopened")
        elif tab == "extension":
            ok = lead and r.state in ("accepted", "extended", "reopened") and r.extension_requested is not None
        elif tab == "returned":
            ok = lead and r.state in ("returned", "return_review", "dispute")
        elif tab == "assisting":
            ok = unit in r.assist and r.state in ("dispatched", "accepted", "extended", "reopened")
        elif tab == "passed_down":
            ok = unit in r.upper and r.state in ("dispatched", "accepted", "extended", "reopened")
        else:
            ok = lead and r.state in ("dispatched", "accepted", "extended", "reopened") and r.deadline is not None \
                and r.deadline < now
        if ok:
            out.add(r.number)
    return out


def _rows(db):
    import json
    from types import SimpleNamespace

    from models.storage_forms import stored_time
    with db.session() as s:
        raw = s.execute(text("SELECT number, state, lead_department, assist_departments, extension_requested, "
                             "deadline, upper_units FROM cases")).all()
    return [SimpleNamespace(number=n, state=st, lead_department=lead, assist=json.loads(a or "[]"),
                            extension_requested=ext, deadline=dl, upper=(up or "").split(","))
            for n, st, lead, a, ext, dl, up in raw], stored_time


def test_every_tab_of_every_unit_matches_the_cases_read_one_by_one(demo):
    now = utcnow() + timedelta(days=3)  # the sign-for deadlines of the walked cases have passed
    q = QueueService(demo.db, clock=lambda: now)
    rows, stored_time = _rows(demo.db)
    units = sorted({r.lead_department for r in rows if r.lead_department} | {a for r in rows for a in r.assist})
    assert len(units) > 5
    seen = {tab: 0 for tab in inbox.TABS}
    for unit in units:
        counts = inbox.counts(q, unit)
        for tab in inbox.TABS:
            f = QueueFilter(view="all", inbox=tab, unit=unit)
            got = [r.number for r in q.page(f, "deadline", False, limit=10_000)]
            want = _expected(rows, tab, unit, stored_time(now))
            assert sorted(got) == sorted(want), (unit, tab)
            assert len(got) == len(set(got)) == counts[tab]
            seen[tab] += len(got)
    # the demo reaches every tab, so none of the comparisons above is empty by construction
    assert all(n > 0 for n in seen.values()), seen


def test_a_code_inside_another_code_is_not_an_assisting_unit(profile, operator):
    from console.intake import CallRecord
    case = profile.intake.log_call(CallRecord(caller_phone="13800138000", type="help", category_code="0203",
                                              district="JJ", address="东大街100号", description="路灯不亮已经三天了"),
                                   operator)
    profile.cases.act(case.number, "dispatch", operator, "", {"lead_department": "URBAN",
                                                             "assist_departments": ["HRSS"]})
    q = QueueService(profile.db)
    assert inbox.counts(q, "HRSS")["assisting"] == 1
    assert inbox.counts(q, "HRS")["assisting"] == 0  # a prefix of the code
    assert inbox.counts(q, "URBAN")["to_sign"] == 1 and inbox.counts(q, "URBAN")["assisting"] == 0


def test_no_unit_has_no_inbox_and_an_unknown_tab_is_refused(demo):
    q = QueueService(demo.db)
    assert inbox.counts(q, None) == {tab: 0 for tab in inbox.TABS}
    with pytest.raises(ValueError, match="unknown inbox tab"):
        q.where(QueueFilter(view="all", inbox="everything", unit="URBAN"))
