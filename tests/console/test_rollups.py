"""The maintained rollups: triggers and the rebuild agree, SQL working time equals the calendar's."""
from __future__ import annotations

import ast
import importlib.util
import json
import random
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from console import rollups
from console.deadlines import load_policy, parse_policy
from console.demo import fill
from console.dto import Actor
from console.intake import CallRecord
from models.rollup import DAILY_METRICS, GRAINS
from models.storage_forms import stored_time
from tests.conftest import LEAD, LIAISON, local
from tests.console.monitor_fixture import build

# every grain must agree too: the triggers write each one, the rebuild derives the coarse ones
TABLES = {**{t: ", ".join(("day",) + keys) for t, keys in GRAINS.items()}, "rollup_operator": "day, operator",
          "rollup_reasons": "day, department, reason", "rollup_open": "department, state"}


def snapshot(profile) -> dict:
    return db_snapshot(profile.db)


def db_snapshot(db) -> dict:
    """Every rollup table's non-zero rows, in key order (also used by the sync tests)."""
    raw = db.engine.raw_connection()
    try:
        out = {}
        for table, key in TABLES.items():
            rows = raw.cursor().execute(f"SELECT * FROM {table} ORDER BY {key}").fetchall()
            # zero rows are what a decrement leaves behind; floats compared rounded
            out[table] = [tuple(round(v, 6) if isinstance(v, float) else v for v in r) for r in rows
                          if any(isinstance(v, (int, float)) and v for v in r)]
        return out
    finally:
        raw.close()


def run_rebuild(profile) -> None:
    raw = profile.db.engine.raw_connection()
    try:
        cur = raw.cursor()
        rollups.rebuild(cur)
        raw.commit()
    finally:
        raw.close()


def test_triggers_and_rebuild_agree_including_returns_reopens_and_extensions(profile, clock):
    built = build(profile, clock)
    cases = profile.cases
    # a reopened case: the second reply is judged against the reopen's deadline, the first against its own
    op = profile.actor("op01")
    clock.now = local("2026-12-02T09:30:00")
    n = built.numbers["C"]
    cases.act(n, "reopen", op, "市民不满意")
    cases.act(n, "dispatch", op, payload={"lead_department": "ECO"})
    clock.now = local("2026-12-02T10:00:00")
    from tests.console.monitor_fixture import ECO
    cases.act(n, "accept", ECO)
    cases.act(n, "request_extension", ECO, "需要现场勘查", {"extra": "2wd"})
    cases.act(n, "approve_extension", LEAD, payload={"extra": "2wd"})
    cases.act(built.numbers["G"], "pick", LEAD)
    cases.act(built.numbers["G"], "supervise", LEAD, "请加快")
    clock.now = local("2026-12-10T10:00:00")
    cases.act(n, "reply", ECO, payload={"result": "再次处理"})
    reviews_and_disputes(profile, clock)
    live = snapshot(profile)
    assert live["rollup_daily"]  # the triggers wrote something
    assert day_department(profile, "2026-12-14", "HOUSING")["disputes_decided"] == 1
    run_rebuild(profile)
    assert snapshot(profile) == live


HOUSING = Actor("housing", "liaison", "住建联络员", department="HOUSING")
HRSS = Actor("hrss", "liaison", "人社联络员", department="HRSS")


def reviews_and_disputes(profile, clock) -> dict[str, str]:
    """Issue 14's steps, each case on a day of its own (city time):

    R (12-11) dispatched to URBAN, returned, the return rejected: back to URBAN, which replies
    S (12-12) dispatched to HRSS, passed down to HRSS-JIANCHA, which signs for it
    T (12-14) dispatched to URBAN, returned, approved, re-dispatched to HOUSING (12-13), returned
      again: a dispute, decided for HOUSING (12-14), which signs for it
    """
    op, cases = profile.actor("op01"), profile.cases
    jiancha = Actor("jiancha", "liaison", "劳动监察联络员", department="HRSS-JIANCHA")

    def case(day: str, lead: str) -> str:
        clock.now = local(f"{day}T09:00:00")
        return profile.intake.log_call(CallRecord(caller_phone=f"139{day[-2:]}000009", caller_name="李四",
                                                  type="complaint", district="JJ", category_code="0204",
                                                  address=f"西大街{day[-2:]}号", description=f"测试工单 {day}",
                                                  lead_department=lead), op).number

    r = case("2026-12-11", "URBAN")
    clock.now = local("2026-12-11T10:00:00")
    cases.act(r, "accept", LIAISON)
    cases.act(r, "return", LIAISON, "不属于本单位职责", {"suggested_unit": "HOUSING"})
    cases.act(r, "reject_return", LEAD, "属于城管职责")
    clock.now = local("2026-12-11T15:00:00")
    cases.act(r, "reply", LIAISON, payload={"result": "已处理"})
    s = case("2026-12-12", "HRSS")
    clock.now = local("2026-12-12T10:00:00")
    cases.act(s, "sub_dispatch", HRSS, payload={"unit": "HRSS-JIANCHA"})
    cases.act(s, "accept", jiancha)
    t = case("2026-12-13", "URBAN")
    clock.now = local("2026-12-13T10:00:00")
    cases.act(t, "return", LIAISON, "属于住建部门职责", {"suggested_unit": "HOUSING"})
    cases.act(t, "approve_return", LEAD, "同意退单")
    cases.act(t, "dispatch", op, payload={"lead_department": "HOUSING"})
    cases.act(t, "return", HOUSING, "属于城管执法职责", {"suggested_unit": "URBAN"})
    clock.now = local("2026-12-14T10:00:00")
    cases.act(t, "decide_dispute", LEAD, "房屋安全属住建职责", {"unit": "HOUSING"})
    cases.act(t, "accept", HOUSING)
    return {"R": r, "S": s, "T": t}


def day_department(profile, day: str, department: str) -> dict[str, float]:
    with profile.db.engine.connect() as conn:
        row = conn.exec_driver_sql(f"SELECT {', '.join(DAILY_METRICS)} FROM rollup_day_department "
                                   "WHERE day = ? AND department = ?", (day, department)).one_or_none()
    return dict(zip(DAILY_METRICS, row or [0] * len(DAILY_METRICS), strict=True))


def test_a_dispute_decision_is_a_dispatch_to_the_unit_it_binds(profile, clock):
    numbers = reviews_and_disputes(profile, clock)
    housing = day_department(profile, "2026-12-14", "HOUSING")
    # the decision is the day's one dispatch, to HOUSING, which signs for it the same day
    assert (housing["dispatched"], housing["disputes_decided"], housing["signed"]) == (1, 1, 1)
    assert day_department(profile, "2026-12-14", "URBAN")["dispatched"] == 0
    # 12-13: URBAN's return approved (under URBAN, the unit that returned it), the re-dispatch and return at HOUSING
    urban, housing = day_department(profile, "2026-12-13", "URBAN"), day_department(profile, "2026-12-13", "HOUSING")
    assert (urban["dispatched"], urban["returned"], urban["returns_approved"]) == (1, 1, 1)
    assert (housing["dispatched"], housing["returned"], housing["returns_approved"]) == (1, 1, 0)
    # 12-11: a rejected return stays with the unit that returned it, which then replies
    urban = day_department(profile, "2026-12-11", "URBAN")
    assert (urban["dispatched"], urban["returned"], urban["returns_rejected"], urban["replied"]) == (1, 1, 1, 1)
    # 12-12: a pass-down is no dispatch from the hotline: one dispatch (to HRSS); the unit below signs
    hrss, below = day_department(profile, "2026-12-12", "HRSS"), day_department(profile, "2026-12-12", "HRSS-JIANCHA")
    assert (hrss["dispatched"], hrss["signed"], below["dispatched"], below["signed"]) == (1, 0, 0, 1)
    assert numbers.keys() == {"R", "S", "T"}
    # the recount (a replay through the lifecycle and the Accumulator the demo counts with) agrees
    live = snapshot(profile)
    run_rebuild(profile)
    assert snapshot(profile) == live


def test_a_decision_written_before_its_case_row_still_counts_for_the_unit_it_names(profile, clock):
    # a pulled event of a case this console has is written before its case row is rebased
    # (sync/bulk.upsert_events, then sync/rebase.py): the trigger reads the row as it was
    number = reviews_and_disputes(profile, clock)["T"]
    with profile.db.engine.begin() as conn:
        case_id = conn.exec_driver_sql("SELECT id FROM cases WHERE number = ?", (number,)).scalar()
        conn.exec_driver_sql("DELETE FROM case_events WHERE case_id = ? AND kind IN ('decide_dispute', 'accept')",
                             (case_id,))
        conn.exec_driver_sql("UPDATE cases SET state = 'dispute', lead_department = 'HOUSING' WHERE id = ?",
                             (case_id,))
        for table in (*GRAINS, "rollup_operator", "rollup_reasons", "rollup_open"):
            conn.exec_driver_sql(f"DELETE FROM {table}")
        # the case row still names the unit that returned it last when the decision's event arrives
        conn.exec_driver_sql("UPDATE cases SET lead_department = 'URBAN' WHERE id = ?", (case_id,))
        seq = conn.exec_driver_sql("SELECT max(seq) + 1 FROM case_events WHERE case_id = ?", (case_id,)).scalar()
        conn.exec_driver_sql(
            "INSERT INTO case_events (id, case_id, seq, kind, actor, actor_role, at, from_state, to_state, reason, "
            "payload) VALUES (?, ?, ?, 'decide_dispute', 'lead01', 'team_lead', ?, 'dispute', 'dispatched', "
            "'经研判', ?)", (uuid.uuid4().hex, case_id, seq, stored_time(local("2026-12-14T10:00:00")),
                             json.dumps({"unit": "HOUSING"})))
        conn.exec_driver_sql("UPDATE cases SET lead_department = 'HOUSING', state = 'dispatched' WHERE id = ?",
                             (case_id,))
    housing, urban = day_department(profile, "2026-12-14", "HOUSING"), day_department(profile, "2026-12-14", "URBAN")
    assert (housing["dispatched"], housing["disputes_decided"]) == (1, 1)
    assert (urban["dispatched"], urban["disputes_decided"]) == (0, 0)


def test_the_accumulator_counts_a_decision_for_the_unit_it_names_whatever_the_case_says():
    acc = rollups.Accumulator(load_policy())
    case = SimpleNamespace(district_code="JJ", category_code="0204", repeat_caller=True, lead_department="URBAN",
                           sign_deadline=None, reply_deadline=None, dispatched_at=None, created_at=None,
                           state="dispatched", instruction_level=None)
    acc.event(case, "decide_dispute", "lead01", local("2026-12-14T10:00:00"), "dispute", "经研判", {"unit": "HOUSING"})
    (key, row), = acc.daily.items()
    counted = dict(zip(DAILY_METRICS, row, strict=True))
    assert key[3] == "HOUSING"
    assert {m: v for m, v in counted.items() if v} == {"dispatched": 1, "repeat_dispatched": 1, "disputes_decided": 1}


def test_rollups_follow_every_write_and_open_counts_move(profile, clock):
    build(profile, clock)
    snap = snapshot(profile)
    open_urban = {s: n for d, s, n in snap["rollup_open"] if d == "URBAN"}
    # URBAN still holds D (dissatisfied at the callback: a team lead reviews it) and C (closed); E moved to ECO
    assert open_urban == {"closed": 1, "review": 1}
    counts = {s: n for _, s, n in snap["rollup_open"]}
    assert counts.get("received", 0) == 2  # G and H


def test_sql_working_time_matches_the_calendar(profile):
    policy = load_policy()
    sql = rollups.position_sql(":t")
    rng = random.Random(4)
    base = datetime(2026, 9, 25)  # spans the National Day holiday and its adjusted working days
    with profile.db.engine.connect() as conn:
        from sqlalchemy import text
        for _ in range(300):
            a = base + timedelta(minutes=rng.randrange(60 * 24 * 40), microseconds=rng.randrange(10**6))
            got = conn.execute(text(f"SELECT {sql}"), {"t": a.isoformat(" ", "microseconds")}).scalar()
            want = policy.calendar.position(a + timedelta(hours=8))
            assert got == pytest.approx(want, abs=0.01), a  # julianday keeps milliseconds


def approx_snapshot(snap: dict) -> dict:
    """The snapshot with floats to compare approximately: the load sums working minutes in Python,
    the rebuild partly in SQL, where julianday keeps milliseconds (under 1 ms per event)."""
    return {t: [tuple(pytest.approx(v, rel=1e-9, abs=0.01) if isinstance(v, float) else v for v in r) for r in rows]
            for t, rows in snap.items()}


@pytest.mark.parametrize("workers, chunk", [(0, 20000), (2, 150)], ids=["in-process", "two-workers"])
def test_bulk_load_counts_the_rollups_the_rebuild_would(profile, workers, chunk):
    fill(profile.db, 400, seed=5, workers=workers, chunk=chunk)
    loaded = snapshot(profile)
    raw = profile.db.engine.raw_connection()
    try:
        total = raw.cursor().execute("SELECT sum(intake) FROM rollup_daily").fetchone()[0]
        triggers = {r[0] for r in raw.cursor().execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    finally:
        raw.close()
    assert total == 400
    assert sum(n for _, _, n in loaded["rollup_open"]) == 400
    assert set(rollups.TRIGGERS) <= triggers  # the load put them back
    assert_decisions_counted(profile)
    run_rebuild(profile)
    assert snapshot(profile) == approx_snapshot(loaded)


def test_a_load_into_a_profile_with_cases_is_counted_by_the_triggers(profile):
    fill(profile.db, 120, seed=5, workers=0)
    fill(profile.db, 80, seed=6, workers=0)  # the triggers stay in place for this one
    loaded = snapshot(profile)
    assert sum(n for _, _, n in loaded["rollup_open"]) == 200
    with profile.db.engine.connect() as conn:
        # callers of both loads are on file once, with the count of their cases, and every case points at one
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM callers WHERE case_count != "
            "(SELECT count(*) FROM cases WHERE caller_phone = callers.phone)").scalar() == 0
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM cases WHERE caller_phone != '' AND caller_id NOT IN (SELECT id FROM callers)"
        ).scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM cases WHERE caller_phone != ''").scalar() > 150
    assert_decisions_counted(profile, disputes=False)  # the second load's by the triggers (no dispute in 200)
    run_rebuild(profile)
    assert snapshot(profile) == approx_snapshot(loaded)


def assert_decisions_counted(profile, disputes: bool = True) -> None:
    """The demo's returns and disputes are in the rollups: each decision once, a dispute's
    decision as a dispatch too, under the unit each names (`disputes`: the load made some)."""
    with profile.db.engine.connect() as conn:
        events = dict(conn.exec_driver_sql("SELECT kind, count(*) FROM case_events GROUP BY kind").all())
        sums = dict(zip(("dispatched", "approved", "decided"), conn.exec_driver_sql(
            "SELECT sum(dispatched), sum(returns_approved), sum(disputes_decided) FROM rollup_day").one(), strict=True))
        bound = dict(conn.exec_driver_sql(
            "SELECT json_extract(payload, '$.unit'), count(*) FROM case_events WHERE kind = 'decide_dispute' "
            "GROUP BY 1").all())
        by_unit = {d: n for d, n in conn.exec_driver_sql(
            "SELECT department, sum(disputes_decided) FROM rollup_day_department GROUP BY 1").all() if n}
    assert events.get("approve_return", 0) > 0 and (events.get("decide_dispute", 0) > 0 or not disputes)
    events.setdefault("decide_dispute", 0)
    assert sums == {"dispatched": events["dispatch"] + events["decide_dispute"],
                    "approved": events["approve_return"], "decided": events["decide_dispute"]}
    assert by_unit == bound


@pytest.mark.parametrize("workers", [0, 2])
def test_a_cancelled_load_keeps_its_chunks_counted_and_its_indexes_and_triggers(profile, workers):
    from console.demo import Progress

    def schema() -> set:
        with profile.db.engine.connect() as conn:
            return set(conn.exec_driver_sql("SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL").all())

    before = schema()
    seen = []
    progress = Progress(report=lambda done, total: seen.append(done), cancelled=lambda: len(seen) >= 2)
    fill(profile.db, 1000, seed=5, workers=workers, chunk=100, progress=progress)
    assert schema() == before
    loaded = snapshot(profile)
    with profile.db.engine.connect() as conn:
        written = conn.exec_driver_sql("SELECT count(*) FROM cases").scalar()
        assert conn.exec_driver_sql("SELECT count(*) FROM rollup_pending").scalar() == 0
    # in process, two chunks made it in; with workers, also those running when it was cancelled
    assert written == 200 if not workers else 200 <= written < 1000
    assert sum(n for _, _, n in loaded["rollup_open"]) == written
    with profile.db.engine.connect() as conn:  # and only their callers, with their counts
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM callers WHERE case_count = 0 OR case_count != "
            "(SELECT count(*) FROM cases WHERE caller_phone = callers.phone)").scalar() == 0
    run_rebuild(profile)
    assert snapshot(profile) == approx_snapshot(loaded)


_KILLED_LOAD = """
import os, signal, sys
sys.path.insert(0, {root!r})
from console.demo import Progress, fill
from console.profile import open_profile
prof = open_profile({folder!r})
seen = []
def report(done, total):
    seen.append(done)
    if len(seen) == 3:  # three chunks committed: their counts are parked, the indexes are down
        os.kill(os.getpid(), signal.SIGKILL)
fill(prof.db, 600, seed=9, workers=0, chunk=100, progress=Progress(report=report))
"""


def test_a_killed_load_is_made_whole_when_the_profile_is_next_opened(tmp_path, template_profile):
    import shutil
    import signal
    import subprocess
    import sys
    from pathlib import Path

    from console.profile import open_profile

    folder = tmp_path / "killed"
    shutil.copytree(template_profile, folder)
    prof = open_profile(folder)
    with prof.db.engine.connect() as conn:
        schema = set(conn.exec_driver_sql("SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL").all())
    prof.close()
    root = str(Path(__file__).resolve().parents[2])
    proc = subprocess.run([sys.executable, "-c", _KILLED_LOAD.format(root=root, folder=str(folder))],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    raw = __import__("sqlite3").connect(folder / "console.db")
    parked = raw.execute("SELECT count(*) FROM rollup_pending").fetchone()[0]
    missing = schema - set(raw.execute("SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL").fetchall())
    raw.close()
    assert parked > 0 and missing  # what the kill left behind

    prof = open_profile(folder)
    try:
        with prof.db.engine.connect() as conn:
            assert set(conn.exec_driver_sql("SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL").all()) \
                == schema
            assert conn.exec_driver_sql("SELECT count(*) FROM rollup_pending").scalar() == 0
            assert conn.exec_driver_sql("SELECT count(*) FROM cases").scalar() == 300
            # the callers and number counters a load writes at its end
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert conn.exec_driver_sql(
                "SELECT count(*) FROM callers WHERE case_count = 0 OR case_count != "
                "(SELECT count(*) FROM cases WHERE caller_id = callers.id)").scalar() == 0
            last = conn.exec_driver_sql("SELECT max(number) FROM cases").scalar()
            day, counter = last.split("-")[-2:]
            assert conn.exec_driver_sql("SELECT last FROM case_number_seq WHERE day = ?", (day,)).scalar() \
                >= int(counter)
        loaded = snapshot(prof)
        assert sum(n for _, _, n in loaded["rollup_open"]) == 300
        run_rebuild(prof)
        assert snapshot(prof) == approx_snapshot(loaded)
    finally:
        prof.close()


# -- one rule table, the triggers frozen in their migration -------------------------------------
ROOT = Path(__file__).resolve().parents[2]
MIGRATION_DIRS = [ROOT / "models" / "migrations" / "versions", ROOT / "sync" / "server" / "migrations" / "versions"]


def _migration(name: str):
    spec = importlib.util.spec_from_file_location(name, MIGRATION_DIRS[0] / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_frozen_trigger_text_is_what_the_rule_table_generates():
    # a rule changed in console/rollup_rules.py needs a new migration with the new text: the last
    # revision that holds trigger text must hold what the rule table generates now
    frozen = [m for m in (_migration(p.stem) for p in sorted(MIGRATION_DIRS[0].glob("0*.py")))
              if hasattr(m, "TRIGGER_DDL")]
    assert frozen[-1].TRIGGER_DDL == rollups.trigger_ddl()


def test_a_profile_runs_the_frozen_triggers(profile):
    with profile.db.engine.connect() as conn:
        installed = dict(conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                              "AND name LIKE 'trg_rollup_%'").all())
    assert sorted(installed.values()) == sorted(rollups.trigger_ddl())


def test_no_migration_imports_live_code():
    live = {"console", "models", "sync", "ui"}
    offenders = []
    for folder in MIGRATION_DIRS:
        for path in folder.glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in live]
    assert offenders == []


def test_editing_the_working_hours_changes_no_trigger_and_follows_the_new_hours(profile):
    text = (ROOT / "resources" / "sla_policy.toml").read_text("utf-8")
    edited = parse_policy(text.replace('["09:00", "12:00"], ["13:00", "18:00"]',
                                       '["08:30", "12:00"], ["14:00", "17:30"]'))
    assert edited.calendar.periods == [(510, 720), (840, 1050)]
    raw = profile.db.engine.raw_connection()
    try:
        before = raw.cursor().execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()
        assert rollups.ensure_current(raw.cursor(), edited) == ["calendar"]
        assert rollups.ensure_current(raw.cursor(), edited) == []  # once
        after = raw.cursor().execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()
        assert after == before
        sql = rollups.position_sql(":t")
        rng = random.Random(9)
        for _ in range(100):
            a = datetime(2026, 9, 25) + timedelta(minutes=rng.randrange(60 * 24 * 40))
            got = raw.cursor().execute(f"SELECT {sql}", {"t": a.isoformat(" ", "microseconds")}).fetchone()[0]
            assert got == pytest.approx(edited.calendar.position(a + timedelta(hours=8)), abs=0.01), a
        assert rollups.ensure_current(raw.cursor(), load_policy()) == ["calendar"]  # and back
    finally:
        raw.close()


def test_a_migration_can_ask_for_a_rebuild(profile, clock):
    build(profile, clock)
    live = snapshot(profile)
    raw = profile.db.engine.raw_connection()
    try:
        cur = raw.cursor()
        for table in (*GRAINS, "rollup_operator", "rollup_reasons", "rollup_open"):
            cur.execute(f"DELETE FROM {table}")
        cur.execute("INSERT INTO rollup_meta (key, value) VALUES ('rebuild', '1')")
        raw.commit()
        assert rollups.ensure_current(raw.cursor()) == ["rebuild"]
        assert raw.cursor().execute("SELECT count(*) FROM rollup_meta WHERE key = 'rebuild'").fetchone()[0] == 0
    finally:
        raw.close()
    assert snapshot(profile) == approx_snapshot(live)
