"""The demo generator: every state, events that replay to the case row, maintained counts right."""
import sqlite3
from collections import Counter
from types import SimpleNamespace

import pytest

from console.deadlines import load_policy
from console.demo import fill
from console.lifecycle import apply_action
from console.workflow import State, check
from models import Case, CaseEvent
from tests.conftest import local


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from console.profile import open_profile
    prof = open_profile(tmp_path_factory.mktemp("demo") / "p")
    # a fixed "now" in the afternoon: what is still open depends on the time of day
    # (returned is the rarest state, about 1 case in 2,000: the seed is one that has some)
    stats = fill(prof.db, 6000, seed=12, workers=0, now=local("2026-11-24T15:30:00"))
    yield prof, stats
    prof.close()


def _rows(prof, sql, *args):
    con = sqlite3.connect(prof.db.path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_every_state_but_draft_is_present(demo_db):
    prof, stats = demo_db
    states = {s for (s,) in _rows(prof, "SELECT DISTINCT state FROM cases")}
    assert states == {s.value for s in State} - {"draft"}
    assert stats["cases"] == 6000 and stats["events"] > 6000 * 3


def test_events_replay_to_the_case_row(demo_db):
    prof, _ = demo_db
    policy = load_policy()
    with prof.db.session() as s:
        cases = s.query(Case).order_by(Case.created_at).limit(1500).all()
        fields = ("state", "deadline", "sign_deadline", "reply_deadline", "lead_department", "closed_at",
                  "satisfied", "resolved", "supervised", "instruction_level", "return_count", "extension_count",
                  "version")
        for case in cases:
            replay = SimpleNamespace(type=case.type, urgency=case.urgency, state="draft", version=0,
                                     **{f: None for f in fields if f not in ("state", "version")})
            replay.supervised = replay.return_count = replay.extension_count = 0
            events = s.query(CaseEvent).filter_by(case_id=case.id).order_by(CaseEvent.seq).all()
            for e in events:
                payload = dict(e.payload)
                if e.kind == "merge":
                    payload["into_id"] = case.merged_into_id
                assert e.from_state == replay.state
                after = check(replay.state, e.kind, e.actor_role, e.reason, payload)
                apply_action(replay, e.kind, after, payload, e.at, policy)
                assert e.to_state == replay.state
            for f in fields:
                assert getattr(replay, f) == getattr(case, f), (case.number, f)


def test_closed_cases_walked_the_whole_loop(demo_db):
    prof, _ = demo_db
    paths = _rows(prof, "SELECT group_concat(kind, ',') FROM (SELECT c.id, e.kind FROM cases c JOIN case_events e "
                        "ON e.case_id = c.id WHERE c.state = 'closed' ORDER BY c.id, e.seq) GROUP BY id")
    called_back = [p.split(",") for (p,) in paths if p.endswith("callback")]
    assert len(called_back) > 1000
    for kinds in called_back:
        assert kinds[0] == "receive"
        for needed in ("dispatch", "accept", "reply", "queue_callback"):
            assert needed in kinds


def test_maintained_counts_and_numbers(demo_db):
    prof, _ = demo_db
    counted = dict(_rows(prof, "SELECT state, count(*) FROM cases GROUP BY state"))
    assert prof.cases.state_counts() == counted
    numbers = [n for (n,) in _rows(prof, "SELECT number FROM cases ORDER BY created_at")]
    assert len(set(numbers)) == len(numbers)
    by_day = Counter(n.rsplit("-", 1)[0] for n in numbers)
    last = dict(_rows(prof, "SELECT 'CD-' || station || '-' || day, last FROM case_number_seq"))
    assert by_day == Counter(last)


def test_callers_and_repeat_flags(demo_db):
    prof, _ = demo_db
    (repeats,), = _rows(prof, "SELECT count(*) FROM cases WHERE repeat_caller")
    (callers,), = _rows(prof, "SELECT count(*) FROM callers")
    (mismatch,), = _rows(prof, "SELECT count(*) FROM callers WHERE case_count != "
                               "(SELECT count(*) FROM cases WHERE caller_phone = callers.phone)")
    assert 0 < repeats < 6000 and 1000 < callers < 6000 and mismatch == 0


def test_new_cases_can_be_logged_after_a_demo_load(demo_db):
    from console.intake import CallRecord
    prof, _ = demo_db
    case = prof.intake.log_call(CallRecord(type="consultation", category_code="0401", description="社保卡怎么补办"),
                                prof.actor("op01"))
    assert case.number.startswith(f"CD-{prof.cases.station}-") and case.state == "received"


def test_worker_processes_make_the_same_kind_of_data(tmp_path):
    from console.profile import open_profile
    prof = open_profile(tmp_path / "p")
    try:
        stats = fill(prof.db, 900, seed=5, workers=2, chunk=300)
        assert stats["cases"] == 900
        (n,), = _rows(prof, "SELECT count(*) FROM cases")
        (orphans,), = _rows(prof, "SELECT count(*) FROM case_events e LEFT JOIN cases c ON c.id = e.case_id "
                                  "WHERE c.id IS NULL")
        (fk,) = [len(_rows(prof, "PRAGMA foreign_key_check"))]
        assert n == 900 and orphans == 0 and fk == 0
        assert not list(prof.data_dir.glob("demo-*.db"))  # chunk files are removed
        # the load ran with a rollback journal; the profile is back in WAL for everyone else
        assert _rows(prof, "PRAGMA journal_mode") == [("wal",)]
        assert not prof.db.path.with_name(prof.db.path.name + "-journal").exists()
    finally:
        prof.close()
