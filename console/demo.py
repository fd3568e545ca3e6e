"""Synthetic demo data: believable cases over the last 90 days in every state.

Each case walks the real lifecycle (console.demo_walk: workflow.check + lifecycle.apply_action on
a light in-memory record), so a closed case was dispatched, signed for,
replied and called back, with deadlines from the real SLA policy.

A large load walks its chunks in two worker processes, which write their own
chunks (cases, events, rollup counts) one transaction each. On an empty
profile the secondary indexes with keys in random order are dropped for the
load and built once at the end; the rollup triggers are always set aside and
the walks count the rollups themselves (rollups.Accumulator), parking each
chunk's daily counters in its transaction for the load to add up once at its
end. What a load sets aside is recorded (console.bulkload), so a profile whose
load was killed is made whole when it is next opened.
"""
from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import random
import sqlite3
import time
from collections import defaultdict, deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from models import Case, Operator
from models.db import Database, set_bulk_load_pragmas
from models.storage_forms import stored_uuid

from . import bulkload, gcpause, refdata, rollups
from .clock import CITY_TZ, utcnow
from .deadlines import SlaPolicy
from .demo_callers import CallerPlan
from .demo_text import Material
from .demo_walk import _EPOCH, CASE_COLUMNS, EVENT_COLUMNS, Walker, _Draw, urandom
from .stations import current_station

_OFFSET = CITY_TZ.utcoffset(None)
HOUR_WEIGHTS = [1, 1, 0.5, 0.5, 0.5, 1, 2, 4, 8, 12, 13, 12, 8, 8, 11, 12, 11, 10, 7, 6, 5, 4, 3, 2]


@dataclass
class Progress:
    """Reports progress and lets a caller cancel (checked between chunks)."""

    report: Callable[[int, int], None] = lambda done, total: None
    cancelled: Callable[[], bool] = lambda: False



class DemoGenerator:
    """Writes `n` synthetic cases into an open profile.

    The main process plans what needs global order (creation times, case
    numbers, callers and repeat flags); the walks through the lifecycle run in
    worker processes for large loads, one chunk each with its own seed, and
    each worker writes its own chunks (SQLite takes them one at a time).
    """

    def __init__(self, db: Database, seed: int = 12345, policy: SlaPolicy | None = None,
                 now: datetime | None = None, days: int = 90, station: str | None = None, prefix: str = "CD"):
        self.db = db
        self.seed = seed
        self.rng = _Draw(seed)
        self.policy = policy
        self.now = now or utcnow()
        self.days = days
        if not station:  # the profile's own: cases logged after the load go on from its numbers
            with db.session() as s:
                station = current_station(s)
        self.station = station
        self.prefix = prefix

    def run(self, n: int, progress: Progress | None = None, chunk: int = 20000, workers: int | None = None) -> dict:
        """Generate and insert `n` cases; returns counts and timings."""
        # the plan's million tuples would make the cycle collector run through them over and over
        with gcpause.paused():
            return self._run(n, progress or Progress(), chunk, workers)

    def _run(self, n: int, progress: Progress, chunk: int, workers: int | None) -> dict:
        started = time.perf_counter()
        with self.db.session() as s:
            found = s.execute(select(Operator.id, Operator.login).where(Operator.role == "operator")).all()
            existing = s.scalar(select(Case.id).limit(1)) is not None
        if not found:
            raise RuntimeError("the profile has no operators; install the reference data first")
        ops = [(stored_uuid(uid), login) for uid, login in found]
        day_counter: dict[str, int] = defaultdict(int)
        with self.db.engine.connect() as conn:
            # numbers go on from the station's counters; a caller already on file keeps its id
            day_counter.update(conn.exec_driver_sql("SELECT day, last FROM case_number_seq WHERE station = ?",
                                                    (self.station,)).all())
            known = {phone: (cid.hex if hasattr(cid, "hex") else cid, name) for cid, phone, name in
                     conn.exec_driver_sql("SELECT id, phone, name FROM callers").all()}
        on_file = set(known)
        new_callers: dict[str, list] = {}
        chunks = self._plan(n, chunk, day_counter, known, new_callers)  # a generator: workers start on the first chunk
        if workers is None:
            workers = min(2, os.cpu_count() or 1) if n >= 50000 else 0
        # the triggers are dropped for the load and the walks count the monitoring rollups of their own
        # chunks instead (counts add up: every case is in one chunk, and the profile's own are kept)
        init = (self.seed, self.now, self.station, ops, self.policy, str(self.db.path))
        # an empty profile loads with a rollback journal: the pages it adds are new, so the journal
        # stays small, where WAL would write every page twice (into the log, then the checkpoint).
        # Changing the journal needs the only connection to the file.
        rollback_journal = not existing
        if rollback_journal:
            self.db.engine.dispose()
        raw = self.db.engine.raw_connection()
        dropped: list[str] = []
        n_events = 0
        merged: list[int] = []
        try:
            cur = raw.cursor()
            if rollback_journal:
                cur.execute("PRAGMA journal_mode=DELETE")
            set_bulk_load_pragmas(cur)
            dropped = self._drop_indexes(cur, ("trigger",) if existing else ("index", "trigger"))
            if not existing:
                cur.execute("BEGIN")
                for table in (*rollups.GRAINS, "rollup_operator", "rollup_reasons", "rollup_open", "rollup_pending"):
                    cur.execute(f"DELETE FROM {table}")
                cur.execute("COMMIT")
            daily: dict[tuple, list] = {}  # the daily rollup counters of the chunks written, summed
            for index, n_ev, parked in _walk_chunks(chunks, init, workers, progress, raw):
                n_events += n_ev
                rollups.merge_daily(daily, parked)
                merged.append(index)
                progress.report(min((index + 1) * chunk, n), n)
            cur.execute("PRAGMA temp_store=FILE")  # sorts from here on (see the index builds below)
            cur.execute("BEGIN")
            # the callers, each once, with how many of the new cases they made
            cur.executemany("INSERT INTO callers (id, phone, name, first_seen, case_count) VALUES (?,?,?,?,?) "
                            "ON CONFLICT(phone) DO UPDATE SET case_count = case_count + excluded.case_count",
                            list(new_callers.values()))
            if len(merged) < -(-n // chunk):  # cancelled: the plan ran ahead of what was written
                cur.execute("UPDATE callers SET case_count = (SELECT count(*) FROM cases "
                            "WHERE caller_phone = callers.phone)")
                cur.executemany("DELETE FROM callers WHERE phone = ? AND case_count = 0",
                                [(phone,) for phone in new_callers if phone not in on_file])
            for day, count in day_counter.items():
                cur.execute("INSERT INTO case_number_seq (station, day, last) VALUES (?,?,?) "
                            "ON CONFLICT(station, day) DO UPDATE SET last = max(last, excluded.last)",
                            (self.station, day, count))
            # the chunks' daily counters, parked in their transactions, go into the rollups at once;
            # a chunk whose result never came back (running when the load was cancelled) is folded
            cur.executemany("DELETE FROM rollup_pending WHERE chunk = ?", [(i,) for i in merged])
            rollups.fold_pending(cur)
            rollups.write_daily(cur, daily)
            cur.execute("COMMIT")
            loaded = time.perf_counter()
            # CREATE INDEX sorts faster in small runs merged by a helper thread than in one big
            # in-memory list: with a 4 MB cache and sorter threads the 14 indexes built after a
            # 1M load take about 40 % less time than with the load's 1 GB cache, and with the
            # sorter's runs in temporary files (which the OS caches) rather than in the
            # profile's in-memory temp store another 40 % less (29 s -> 18 s for 1M cases)
            cur.execute(f"PRAGMA threads={min(os.cpu_count() or 1, 4)}")
            cur.execute("PRAGMA cache_size=-4000")
            bulkload.restore(cur, dropped)
            cur.execute("PRAGMA cache_size=-1000000")
            cur.execute("BEGIN")
            cur.execute("DELETE FROM state_counts")
            cur.execute("INSERT INTO state_counts (state, n) SELECT state, count(*) FROM cases GROUP BY state")
            rollups.fill_calendar(cur, self.policy)
            cur.execute("COMMIT")
            cur.execute("PRAGMA analysis_limit=2000")  # sampled statistics: seconds, not minutes
            cur.execute("ANALYZE")
            cur.close()
        finally:
            try:  # a failed or cancelled load keeps what it committed (rollups included) and its indexes
                if raw.in_transaction:
                    raw.rollback()
                bulkload.recover(raw.cursor())  # the dropped DDL, and the counts of the chunks committed
                if rollback_journal:
                    raw.cursor().execute("PRAGMA journal_mode=WAL")
            finally:
                raw.invalidate()  # not back to the pool with the load's pragmas: a new connection gets the profile's
        done = time.perf_counter()
        return {"cases": n, "events": n_events, "callers": sum(1 for phone in new_callers if phone not in on_file),
                "seconds": round(done - started, 2), "index_seconds": round(done - loaded, 2)}

    def _plan(self, n: int, chunk: int, day_counter: dict[str, int], known: dict[str, tuple[str, str]],
              callers: dict[str, list]):
        """Yield (index, planned cases) chunk by chunk, in creation order: what needs the global
        order (creation times, case numbers, callers and their matters, repeat flags). `known`
        maps the callers on file to (id, name); `callers` collects the caller rows of the load,
        with their case counts (console.demo_callers).

        Times are plain epoch seconds here (cheap to sort and to send to a worker).
        """
        rng = self.rng
        texts = refdata.seed("demo_texts")
        now = self.now.replace(tzinfo=UTC).timestamp()
        offset = _OFFSET.total_seconds()
        local_midnight = (now + offset) // 86400 * 86400 - offset  # today's 00:00 city time, in UTC seconds
        first_day = local_midnight - self.days * 86400
        hours = rng.choices(range(24), weights=HOUR_WEIGHTS, k=n)
        rand = rng.random
        span = self.days + 1
        created = sorted(first_day + int(rand() * span) * 86400 + (h + rand()) * 3600 for h in hours)
        # a time later today than now moves to the same hour of an earlier day: squeezing them into
        # the last hour would draw a spike no hotline has
        created = sorted(t if t < now else t - 86400 * rng.randint(1, self.days) for t in created)
        given = ["先生", "女士"] * 20 + texts["given_names"]
        plan_callers = CallerPlan(n, rng, Material(random.Random(self.seed)), (texts["surnames"], given), known,
                                  callers, urandom)
        day_names: dict[int, str] = {}
        prefix = f"{self.prefix}-{self.station}-"
        for index, lo in enumerate(range(0, n, chunk)):
            plan = []
            for t in created[lo:lo + chunk]:
                phone, name, repeat, caller_id, matter, follow = plan_callers.next(t)
                d = int((t + offset) // 86400)
                day = day_names.get(d)
                if day is None:
                    day = day_names[d] = (_EPOCH + timedelta(days=d)).strftime("%Y%m%d")
                day_counter[day] += 1
                plan.append((t, f"{prefix}{day}-{day_counter[day]:04d}", phone, name, repeat, caller_id, matter,
                             follow))
            yield index, plan

    @staticmethod
    def _drop_indexes(cur, kinds: tuple[str, ...]) -> list[str]:
        """Drop the secondary indexes and/or triggers of the bulk-loaded tables; returns their DDL.

        Building an index afterwards (one scan of the table and a sort) beats
        inserting into it row by row when its keys come in random order. Two
        kinds stay: indexes whose keys grow with the load's order (creation
        time, case id and event sequence: appends at the B-tree's end), and
        the partial indexes, which hold only the few open cases but would cost
        a full scan of the table each to build; the workers keep them up in
        parallel (see _write_chunk).

        The triggers keep the monitoring rollups; during the load the walks
        count them instead (rollups.Accumulator), which is cheaper than firing
        per row and, unlike triggers reading finished case rows, sees each
        event's deadlines and department as they were.
        """
        objects = []
        for table in ("cases", "case_events", "callers"):
            for kind, name, sql in cur.execute(
                    f"SELECT type, name, sql FROM sqlite_master WHERE type IN ({','.join('?' * len(kinds))}) "
                    "AND tbl_name=? AND sql IS NOT NULL", (*kinds, table)).fetchall():
                if kind == "index" and (name in _APPEND_INDEXES or " WHERE " in sql.upper()):
                    continue
                objects.append((kind, name, sql))
        return bulkload.set_aside(cur, objects)  # recorded: a killed load's profile gets them back when opened


def _walk_chunks(chunks, init, workers: int, progress: Progress, raw):
    """Walk the chunks and write each in a transaction of its own (cases, events and their
    rollup counts); yield (index, events, the parked daily counters) as they are done. In this process the rows go
    through `raw`; with workers, each worker process writes its chunks into the profile
    itself (SQLite takes the writers one at a time, while the other walks), at most a few
    chunks in flight."""
    if workers <= 1:
        walker = Walker(*init)
        for index, part in chunks:
            if progress.cancelled():
                return
            cur = raw.cursor()
            try:
                n_ev, parked = _write_chunk(cur, walker, index, part, "BEGIN")
            finally:
                cur.execute("DROP TABLE IF EXISTS temp.demo_cases")
                cur.execute("DROP TABLE IF EXISTS temp.demo_events")
                cur.close()
            yield index, n_ev, parked
        return
    ctx = multiprocessing.get_context("spawn")  # never fork a process that may hold Qt or SQLite state
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=init) as pool:
        for _ in range(workers):  # the workers start (imports, calendar) while the plan sorts its times
            pool.submit(int)
        pending: deque[Future] = deque()
        todo = iter(chunks)
        for item in itertools.islice(todo, workers * 2):
            pending.append(pool.submit(_work, item))
        while pending:
            result = pending.popleft().result()
            if progress.cancelled():  # what is running finishes (and is kept); the rest never starts
                for f in pending:
                    f.cancel()
                return
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(pool.submit(_work, nxt))
            yield result


_WALKER = None
_CONN: sqlite3.Connection | None = None


def _init_worker(*init) -> None:
    global _WALKER, _CONN
    _WALKER = Walker(*init)
    # the profile is in rollback-journal mode for the load (or WAL when it had cases); a
    # writer waits for the other's transaction
    _CONN = sqlite3.connect(_WALKER.db_path, isolation_level=None, timeout=600)
    set_bulk_load_pragmas(_CONN, cache_kib=200_000)


def _work(item):
    index, part = item
    cur = _CONN.cursor()
    try:
        return (index, *_write_chunk(cur, _WALKER, index, part, "BEGIN IMMEDIATE"))
    finally:
        cur.close()


def _write_chunk(cur, walker: Walker, index: int, part: list, begin: str) -> tuple[int, list]:
    """Walk a chunk and write it (cases, events, rollup counts) in one transaction; returns the
    event count and the chunk's daily rollup counters, which it parks (rollups.Accumulator.park)
    for the load to add up at its end.

    The rows go through temporary tables without types or indexes and into the profile with
    one INSERT ... SELECT each, which costs about 40 % less than executemany into the real
    tables; above all, the queue's partial indexes stay in place during a load, and their
    `state IN (...)` condition is cheap once per statement but costs about 5 µs per index
    and row when every row is a statement of its own. Walking and staging happen before the
    profile's write lock is taken, so the other worker writes meanwhile."""
    case_rows, ev_rows = walker.rows(index, part)
    daily = walker.acc.park()
    parked = json.dumps(daily, ensure_ascii=False)
    cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS demo_cases ({','.join(CASE_COLUMNS)})")
    cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS demo_events ({','.join(EVENT_COLUMNS)})")
    cur.execute("BEGIN")
    cur.execute("DELETE FROM temp.demo_cases")
    cur.execute("DELETE FROM temp.demo_events")
    cur.executemany(_STAGE_SQL, case_rows)
    cur.executemany(_STAGE_EVENTS_SQL, ev_rows)
    cur.execute("COMMIT")
    cur.execute(begin)
    try:
        cur.execute(f"INSERT INTO main.cases ({','.join(CASE_COLUMNS)}) SELECT * FROM temp.demo_cases")
        cur.execute(f"INSERT INTO main.case_events ({','.join(EVENT_COLUMNS)}) SELECT * FROM temp.demo_events")
        walker.acc.write(cur, parked=(index, parked))
        cur.execute("COMMIT")
    except BaseException:
        cur.execute("ROLLBACK")
        raise
    return len(ev_rows), daily


# indexes whose keys arrive in ascending order during a load: cheap to keep up (see _drop_indexes)
_APPEND_INDEXES = frozenset({"ix_cases_created_at", "ix_case_events_case_seq"})
_STAGE_SQL = f"INSERT INTO temp.demo_cases VALUES ({','.join('?' * len(CASE_COLUMNS))})"
_STAGE_EVENTS_SQL = f"INSERT INTO temp.demo_events VALUES ({','.join('?' * len(EVENT_COLUMNS))})"





def fill(db: Database, n: int, seed: int = 12345, progress: Progress | None = None, workers: int | None = None,
         chunk: int = 20000, **kw) -> dict:
    """Fill the profile with `n` synthetic cases (see DemoGenerator)."""
    return DemoGenerator(db, seed, **kw).run(n, progress, chunk=chunk, workers=workers)
