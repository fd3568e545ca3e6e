"""Leaders' instructions of a month, per level and unit, against hand-counted cases."""
from __future__ import annotations

import pytest

from console.clock import to_stored
from console.intake import CallRecord
from console.report.instructions import build
from console.workflow import WorkflowError
from tests.conftest import LEAD, LIAISON, local
from tests.console.monitor_fixture import build as build_set

NOW = to_stored(local("2026-12-03T12:00:00"))


@pytest.fixture
def month(profile, clock):
    built = build_set(profile, clock)  # G: city-level instruction, H: district-level, both never dispatched
    cases, op = profile.cases, profile.actor("op01")

    def help_call(phone):  # a help request dispatched to URBAN on 11-24 10:00: due in 3 working days
        clock.now = local("2026-11-24T10:00:00")
        return profile.intake.log_call(CallRecord(caller_phone=phone, caller_name="吴十", type="help",
                                                  district="JJ", category_code="0101", address="东大街12号",
                                                  description="路面塌陷", lead_department="URBAN"), op).number

    p, q, k = help_call("13700000011"), help_call("13700000012"), help_call("13700000013")
    clock.now = local("2026-11-24T11:00:00")
    cases.act(p, "instruct", LEAD, "请督促办理", {"level": "city", "leader": "王某某", "title": "市长"})
    cases.act(q, "instruct", LEAD, "请跟进", {"level": "district", "leader": "张某某", "title": "区长"})
    cases.act(k, "instruct", LEAD, "请立即处置", {"level": "township", "leader": "陈某某", "title": "街道办事处主任"})
    for n in (p, q, k):
        cases.act(n, "accept", LIAISON)
    clock.now = local("2026-11-25T10:00:00")
    cases.act(p, "reply", LIAISON, payload={"result": "已修复"})  # on time
    clock.now = local("2026-11-30T10:00:00")
    cases.act(q, "reply", LIAISON, payload={"result": "已修复"})  # after the 11-27 deadline
    built.numbers.update(P=p, Q=q, K=k)  # K is never replied
    return built


def test_per_level_per_unit_and_the_overdue_list(profile, month):
    r = build(profile.db, "2026-11", now=NOW)
    levels = {c.key: (c.received, c.on_time, c.overdue, c.open) for c in r.by_level}
    assert levels == {"city": (2, 1, 0, 1), "district": (2, 0, 1, 1), "township": (1, 0, 1, 0)}
    units = {c.key: (c.received, c.on_time, c.late, c.overdue_open, c.open) for c in r.by_unit}
    assert units == {"URBAN": (3, 1, 1, 1, 0), "": (2, 0, 0, 0, 2)}
    assert r.by_unit[0].key == "URBAN"  # the most overdue first
    assert [(o.number, o.level, o.leader, o.title, o.replied != "") for o in r.overdue] == [
        (month.numbers["Q"], "district", "张某某", "区长", True),
        (month.numbers["K"], "township", "陈某某", "街道办事处主任", False)]
    # before K's deadline passed, K was open, not overdue
    early = build(profile.db, "2026-11", now=to_stored(local("2026-11-25T12:00:00")))
    assert {c.key: c.overdue_open for c in early.by_level}["township"] == 0


def test_an_instruction_names_its_leader_in_a_short_text(profile, month):
    n = month.numbers["G"]
    with pytest.raises(WorkflowError, match="leader"):
        profile.cases.act(n, "instruct", LEAD, "x", {"level": "city", "leader": "王" * 41})
    with pytest.raises(WorkflowError, match="title"):
        profile.cases.act(n, "instruct", LEAD, "x", {"level": "city", "title": ["市长"]})


def test_the_monthly_report_carries_them(qapp, profile, month, tmp_path):
    from console.report import build_monthly
    from console.report.tables import write_csv
    r = build_monthly(profile.db, "2026-11")
    assert r.instructions is not None and [o.number for o in r.instructions.overdue] == [
        month.numbers["Q"], month.numbers["K"]]
    text = write_csv(r, tmp_path / "r.csv").read_text("utf-8-sig")
    assert "instructions_overdue" in text and "张某某" in text and "街道办事处主任" in text
