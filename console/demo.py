"""Synthetic demo data: believable cases over the last 90 days in every state.

Each case walks the real lifecycle (workflow.check + lifecycle.apply_action on
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

import bisect
import functools
import itertools
import json
import multiprocessing
import operator
import os
import random
import sqlite3
import time
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from models import Case, Operator
from models.db import Database, set_bulk_load_pragmas
from models.storage_forms import stored_time, stored_uuid

from . import bulkload, gcpause, refdata, rollups
from .clock import CITY_TZ, utcnow
from .deadlines import SlaPolicy, load_policy
from .lifecycle import apply_action
from .stations import current_station
from .workflow import check

_OFFSET = CITY_TZ.utcoffset(None)
_EPOCH = datetime(1970, 1, 1)
HOUR_WEIGHTS = [1, 1, 0.5, 0.5, 0.5, 1, 2, 4, 8, 12, 13, 12, 8, 8, 11, 12, 11, 10, 7, 6, 5, 4, 3, 2]
TYPE_WEIGHTS = {"consultation": 38, "help": 15, "complaint": 25, "report": 8, "suggestion": 6, "praise": 3, "other": 5}
MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                   "156", "157", "158", "159", "166", "173", "176", "177", "180", "181", "182", "183", "185",
                   "186", "187", "188", "189", "191", "198", "199"]
CASE_COLUMNS = ["id", "number", "station", "state", "type", "urgency", "channel", "category_code", "district_code",
                "address", "description", "answer", "caller_id", "caller_phone", "caller_name", "lead_department",
                "assist_departments", "operator_id", "knowledge_article_id", "created_at", "updated_at", "deadline",
                "sign_deadline", "reply_deadline", "dispatched_at", "accepted_at", "replied_at", "closed_at",
                "satisfied", "resolved", "merged_into_id", "repeat_caller", "confidential", "supervised",
                "instruction_level", "leader_pick", "return_count", "extension_count", "version",
                "satisfaction", "callback_attempts", "contact_deadline", "contacted_at", "extension_requested",
                "returned_from", "suggested_unit", "binding_unit", "upper_units"]
_TIME_COLUMNS = [CASE_COLUMNS.index(c) for c in ("created_at", "updated_at", "deadline", "sign_deadline",
                                                 "reply_deadline", "dispatched_at", "accepted_at", "replied_at",
                                                 "closed_at", "contact_deadline", "contacted_at")]
_ASSIST = CASE_COLUMNS.index("assist_departments")
EVENT_COLUMNS = ["id", "case_id", "seq", "kind", "actor", "actor_role", "at", "from_state", "to_state", "reason",
                 "payload"]


_UNSET: Any = None


class SimCase:
    """The case attributes lifecycle.apply_action touches, without an ORM.

    Defaults live on the class, so a new record costs no per-field assignment; each
    field holds what the ORM column would (typed Any: a class default cannot be both
    None and the column's type)."""

    id = number = station = state = type = urgency = channel = category_code = district_code = _UNSET
    address = description = caller_id = caller_phone = caller_name = lead_department = operator_id = _UNSET
    knowledge_article_id = created_at = updated_at = deadline = sign_deadline = reply_deadline = _UNSET
    dispatched_at = accepted_at = replied_at = closed_at = satisfied = resolved = merged_into_id = _UNSET
    repeat_caller = confidential = instruction_level = _UNSET
    satisfaction = contact_deadline = contacted_at = extension_requested = _UNSET
    returned_from = suggested_unit = binding_unit = upper_units = _UNSET
    callback_attempts = 0
    answer = ""
    texts: dict = {}
    assist_departments = ()
    supervised = return_count = extension_count = version = 0
    leader_pick = False


_CASE_ROW = operator.attrgetter(*CASE_COLUMNS)
_TYPES = list(TYPE_WEIGHTS)
_TYPE_CUM = list(itertools.accumulate(TYPE_WEIGHTS.values()))
_CHANNELS = ["phone", "mailbox", "web", "app", "walk_in"]
_CHANNEL_CUM = list(itertools.accumulate([80, 6, 6, 6, 2]))
urandom = os.urandom


@functools.lru_cache(maxsize=4096)
def _dumps_items(items: tuple) -> str:
    return json.dumps(dict(items), ensure_ascii=False)


def dumps(payload: dict) -> str:
    """The stored JSON of an event payload (the in-memory `into_id` left out), cached: demo payloads repeat."""
    if not payload:
        return "{}"
    if "into_id" in payload:
        return _dumps_items(tuple((k, v) for k, v in payload.items() if k != "into_id"))
    return _dumps_items(tuple(payload.items()))


@dataclass
class Progress:
    """Reports progress and lets a caller cancel (checked between chunks)."""

    report: Callable[[int, int], None] = lambda done, total: None
    cancelled: Callable[[], bool] = lambda: False


# who gives the demo's instructions: titles of each level, fictional names
_LEADERS = {
    "city": [{"leader": "王某某", "title": "市长"}, {"leader": "李某某", "title": "副市长"}],
    "district": [{"leader": "张某某", "title": "区长"}, {"leader": "刘某某", "title": "副区长"}],
    "township": [{"leader": "陈某某", "title": "街道办事处主任"}, {"leader": "杨某某", "title": "镇长"}],
}


def _ts(dt: datetime | None) -> str | None:
    return None if dt is None else stored_time(dt)


class _PhonePool:
    """`k` distinct made-up numbers, 85 % mobiles and 15 % Chengdu landlines, the i-th made when
    it is drawn (a load of 1,000,000 cases would otherwise build and sort 750,000 first).
    Distinct: i -> (i * A + c) mod 10**d is one-to-one below 10**d for A prime to 10."""

    def __init__(self, k: int):
        if k > 10**7:
            raise ValueError("at most 10,000,000 numbers")
        self.k = k

    def __len__(self) -> int:
        return self.k

    def __getitem__(self, i: int) -> str:
        if not 0 <= i < self.k:
            raise IndexError(i)
        if i % 20 < 3:
            return f"028{'68'[i & 1]}{(i * 7_654_321 + 1_234_567) % 10**7:07d}"
        return MOBILE_PREFIXES[i % len(MOBILE_PREFIXES)] + f"{(i * 48_271_207 + 1) % 10**8:08d}"


class _Draw(random.Random):
    """random.Random with cheaper draws for the walk: one random() each (the stdlib's choice and
    randint loop on getrandbits), same distributions up to 2**-53."""

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def weighted(self, seq, cum: Sequence[float]):
        """One item of `seq` by cumulative weights (like choices(seq, cum_weights=cum)[0])."""
        return seq[bisect.bisect(cum, self.random() * cum[-1], 0, len(cum) - 1)]


class _Material:
    def __init__(self, rng: random.Random):
        texts = refdata.seed("demo_texts")
        self.texts = texts
        cats = refdata.seed("categories")
        self.categories = [c["code"] for top in cats for c in top["children"]]
        self.cat_cum = list(itertools.accumulate(rng.uniform(0.3, 3.0) for _ in self.categories))
        self.districts = refdata.seed("districts")
        self.dist_cum = list(itertools.accumulate(rng.uniform(0.6, 1.6) for _ in self.districts))
        handlers = defaultdict(list)
        for d in refdata.seed("departments"):
            for code in d.get("category_codes", []):
                handlers[code].append(d["code"])
        self.handlers = handlers
        self.all_depts = [d["code"] for d in refdata.seed("departments")]
        descriptions = texts.get("descriptions", {})
        self.descriptions = {c: descriptions.get(c) or [f"来电反映{c}相关问题，请相关部门核实处理。"]
                             for c in self.categories}


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
        order (creation times, case numbers, callers, repeat flags). `known` maps the callers on
        file to (id, name); `callers` collects the caller rows of the load, with their case counts.

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
        pool = _PhonePool(max(n * 3 // 4, 10))
        frequent = _PhonePool(max(len(pool) // 100, 1))  # the first 1 % of the pool call often
        surnames, given = texts["surnames"], ["先生", "女士"] * 20 + texts["given_names"]
        last_by_phone: dict[str, float] = {}
        day_names: dict[int, str] = {}
        choice = rng.choice
        month = 30 * 86400
        prefix = f"{self.prefix}-{self.station}-"
        for index, lo in enumerate(range(0, n, chunk)):
            plan = []
            for t in created[lo:lo + chunk]:
                r = rand()
                phone = None if r < 0.04 else choice(frequent) if r < 0.2 else choice(pool)
                repeat = False
                name = ""
                caller_id = None
                if phone:
                    prev = last_by_phone.get(phone)
                    repeat = prev is not None and t - prev < month
                    last_by_phone[phone] = t
                    entry = known.get(phone)
                    if entry is None:
                        entry = known[phone] = (urandom(16).hex(), choice(surnames) + choice(given))
                    row = callers.get(phone)
                    if row is None:
                        row = callers[phone] = [entry[0], phone, entry[1], _ts(_EPOCH + timedelta(seconds=t)), 0]
                    row[4] += 1
                    caller_id, name = entry
                d = int((t + offset) // 86400)
                day = day_names.get(d)
                if day is None:
                    day = day_names[d] = (_EPOCH + timedelta(days=d)).strftime("%Y%m%d")
                day_counter[day] += 1
                plan.append((t, f"{prefix}{day}-{day_counter[day]:04d}", phone, name, repeat, caller_id))
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
        walker = _Walker(*init)
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
    _WALKER = _Walker(*init)
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


def _write_chunk(cur, walker: _Walker, index: int, part: list, begin: str) -> tuple[int, list]:
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


class _Walker:
    """Walks planned cases through the lifecycle and builds their rows."""

    def __init__(self, seed: int, now: datetime, station: str, ops: list, policy: SlaPolicy | None, db_path: str):
        self.db_path = db_path
        self.seed = seed
        self.now = now
        self.station = station
        self.ops = ops
        self.policy = policy or load_policy()
        self.m = _Material(random.Random(seed))
        self._checks: dict = {}
        self.acc = rollups.Accumulator(self.policy)

    def rows(self, index: int, part: list) -> tuple[list, list]:
        """Walk one chunk: its case rows and event rows (and its rollup counts, in self.acc)."""
        self.rng = _Draw(self.seed * 1_000_003 + index)
        case_rows: list[tuple] = []
        ev_rows: list[tuple] = []
        # the walk makes no reference cycles, but a chunk's hundred thousand rows would make the
        # cycle collector run over and over through everything alive (about 12 % of the walk)
        with gcpause.paused():
            for t, number, phone, name, repeat, caller_id in part:
                case = self._walk(_EPOCH + timedelta(seconds=t), number, phone, name, repeat, ev_rows)
                case.caller_id = caller_id
                self.acc.case(case)
                case_rows.append(self._case_row(case))
        return case_rows, ev_rows

    def _check(self, before, action, role, reason, payload):
        """(new state, its value): workflow.check, cached where the payload's values cannot matter."""
        if action in ("transfer", "instruct", "edit", "approve_extension", "request_extension", "callback"):
            after = check(before, action, role, reason, payload)
            return after, after.value
        key = (before, action, role, bool(reason), tuple(payload))
        found = self._checks.get(key)
        if found is None:
            after = check(before, action, role, reason, payload)
            found = self._checks[key] = (after, after.value)
        return found

    # -- one case ------------------------------------------------------------------
    def _walk(self, at: datetime, number: str, phone: str | None, name: str, repeat: bool, events: list):
        rng, m, pol = self.rng, self.m, self.policy
        pick = rng.weighted
        cat = pick(m.categories, m.cat_cum)
        dist = pick(m.districts, m.dist_cum)
        rtype = pick(_TYPES, _TYPE_CUM)
        u = rng.random()
        urgency = "emergency" if u < 0.003 else "urgent" if u < 0.05 else "normal"
        op_id, op_login = rng.choice(self.ops)
        road = rng.choice(dist["roads"])
        place = {"road": road, "community": rng.choice(dist["communities"]), "street": rng.choice(dist["streets"])}
        desc = rng.choice(m.descriptions[cat])
        try:
            desc = desc.format(**place)
        except (KeyError, IndexError, ValueError):
            pass
        address = (f"{road}{rng.randint(1, 399)}号" if rng.random() < 0.6
                   else f"{place['community']}{rng.randint(1, 30)}栋")
        # time-ordered ids (like UUIDv7: milliseconds first) keep the primary-key
        # B-trees appending at the end instead of splitting pages all over the file
        case_id = f"{int((at - _EPOCH).total_seconds() * 1000):012x}" + urandom(10).hex()
        c = SimCase()
        c.id, c.number, c.station, c.state, c.type, c.urgency = case_id, number, self.station, "draft", rtype, urgency
        c.channel = pick(_CHANNELS, _CHANNEL_CUM)
        c.category_code, c.district_code, c.address, c.description = cat, dist["code"], address, desc
        c.caller_phone, c.caller_name, c.operator_id = phone or "", name, op_id
        c.created_at = c.updated_at = at
        c.repeat_caller, c.confidential = repeat, rng.random() < 0.02
        now = self.now
        count = self.acc.event
        c.texts = texts = {}  # each event's time as text, for the case row's times that are event times

        def step(action: str, when: datetime, actor: str, role: str, reason: str = "",
                 payload: dict | None = None) -> bool:
            if when > now:
                return False
            payload = payload or {}
            before = c.state
            after, after_value = self._check(before, action, role, reason, payload)
            apply_action(c, action, after, payload, when, pol)
            if c.state != after_value:  # the lifecycle's word: a second return is a dispute
                after_value = c.state
            count(c, action, actor, when, before, reason, payload)
            text = texts[when] = when.isoformat(" ", "microseconds")
            events.append((case_id[:-4] + f"{c.version:04x}", case_id, c.version, action, actor, role,
                           text, before, after_value, reason, dumps(payload)))
            return True

        rand = rng.random

        def later(t: datetime, lo_h: float, hi_h: float) -> datetime:
            return t + timedelta(0, 3600 * (lo_h + (hi_h - lo_h) * rand()))

        step("receive", at, op_login, "operator")
        t = at
        r = rng.random()
        if urgency == "emergency":
            step("transfer", later(t, 0.01, 0.05), op_login, "operator",
                 payload={"to": rng.choice(["110", "119", "120"])})
        elif r < 0.02:
            step("merge", later(t, 0.05, 3), op_login, "operator", "同一事项重复来电",
                 {"into": "earlier", "into_id": None})
        elif r < 0.32 and rtype in ("consultation", "help", "other", "praise", "suggestion"):
            t = later(t, 0.02, 0.3)
            if step("answer", t, op_login, "operator", payload={"answer": rng.choice(m.texts["answers"]),
                                                                "article_id": f"KB-{rng.randint(1, 78):04d}"}):
                if rng.random() < 0.8:
                    step("close", later(t, 0.01, 0.2), op_login, "operator")
        else:
            self._dispatched(c, step, later, op_login, t)
        return c

    def _dispatched(self, c, step, later, op_login, t) -> None:
        rng, m = self.rng, self.m
        handlers = m.handlers.get(c.category_code) or m.all_depts
        dept = rng.choice(handlers)
        # most calls are dispatched within the hour; a few wait for a lead to check the department
        t = later(t, 0.05, 1.5) if rng.random() > 0.03 else later(t, 2, 30)
        if not step("dispatch", t, op_login, "operator", payload={"lead_department": dept}):
            return
        if c.contact_deadline is not None:  # the 1-hour rule: most urgent callers hear back within the hour
            step("progress_contact", later(t, 0.05, 0.9 if rng.random() < 0.9 else 3), dept, "liaison")
        if rng.random() < 0.08:  # returned, then re-dispatched elsewhere
            t = later(t, 1, 20)
            if not step("return", t, dept, "liaison", rng.choice(m.texts["return_reasons"])):
                return
            t = later(t, 0.5, 12)  # a team lead reviews the return (退单审核) before the re-dispatch
            if not step("approve_return", t, "lead01", "team_lead", "核实属实，同意退单改派"):
                return
            first, dept = dept, rng.choice(m.all_depts if len(handlers) < 2 else handlers)
            t = later(t, 0.5, 6) if rng.random() < 0.7 else later(t, 6, 96)  # some wait days for a new department
            if not step("dispatch", t, op_login, "operator", payload={"lead_department": dept}):
                return
            if rng.random() < 0.25 and dept != first:  # returned again: a dispute the team lead decides (职责争议)
                t = later(t, 1, 20)
                if not step("return", t, dept, "liaison", rng.choice(m.texts["return_reasons"]),
                            {"suggested_unit": first}):
                    return
                dept = rng.choice([first, dept])
                t = later(t, 4, 72)
                if not step("decide_dispute", t, "lead01", "team_lead", "经研判，明确由该单位承办",
                            {"unit": dept}):
                    return
        t = later(t, 0.3, 30 if rng.random() < 0.9 else 60)
        if not step("accept", t, dept, "liaison"):
            return
        if rng.random() < 0.004:
            level = rng.choice(["city", "district", "district", "township"])
            step("instruct", later(t, 1, 48), "lead01", "team_lead", rng.choice(m.texts["instructions"]),
                 {"level": level, **_LEADERS[level][rng.randrange(len(_LEADERS[level]))]})
        if rng.random() < 0.003:
            step("pick", later(t, 1, 48), "lead01", "team_lead")
        if rng.random() < 0.05:
            t = later(t, 24, 96)
            reason = rng.choice(m.texts["extension_reasons"])
            if not step("request_extension", t, dept, "liaison", reason, {"extra": "5wd"}):
                return
            t = later(t, 1, 10)
            if not step("approve_extension", t, "lead01", "team_lead", payload={"extra": "5wd"}):
                return
        typical = 40 if c.type in ("consultation", "help") else 150
        t = later(t, 2, typical * rng.choice([1, 1, 1, 1.5, 3]))
        if c.deadline and t > c.deadline and rng.random() < 0.5 and self.now > c.deadline + timedelta(hours=24):
            step("supervise", c.deadline + timedelta(hours=rng.uniform(1, 24)), "lead01", "team_lead",
                 "超期未办结，请加快办理")
        top = c.category_code[:2]
        result = rng.choice(m.texts["reply_texts"].get(top) or m.texts["answers"])
        if not step("reply", t, dept, "liaison", payload={"result": result}):
            return
        # a reply waits for the hotline to review it; one that comes in the evening waits overnight
        t = later(t, 0.1, 4) if rng.random() < 0.8 else later(t, 4, 24)
        if not step("queue_callback", t, "system", "system"):
            return
        t = later(t, 2, 60)
        satisfied = rng.random() < 0.9
        resolved = rng.random() < (0.93 if satisfied else 0.45)
        if not satisfied and rng.random() < 0.35:
            if not step("reopen", t, op_login, "operator", rng.choice(m.texts["reopen_reasons"])):
                return
            t = later(t, 24, 120)
            if not step("reply", t, dept, "liaison", payload={"result": rng.choice(m.texts["answers"])}):
                return
            t = later(t, 0.1, 4)
            if not step("queue_callback", t, "system", "system"):
                return
            t = later(t, 2, 48)
            satisfied, resolved = rng.random() < 0.7, rng.random() < 0.75
        level = "dissatisfied" if not satisfied else "basically_satisfied" if rng.random() < 0.15 else "satisfied"
        reason = "" if satisfied else rng.choice(m.texts["dissatisfaction_reasons"])
        if not step("callback", t, op_login, "operator", reason, {"satisfaction": level, "resolved": resolved}):
            return
        if not satisfied:  # a dissatisfied citizen's case goes to a team lead, who closes it with a reason here
            step("review_close", later(t, 1, 24), "lead01", "team_lead", "已向市民解释政策，诉求超出办理范围")

    @staticmethod
    def _case_row(c: SimCase) -> tuple:
        row = list(_CASE_ROW(c))
        texts = c.texts
        for i in _TIME_COLUMNS:
            v = row[i]
            if v is not None:
                row[i] = texts.get(v) or stored_time(v)
        row[_ASSIST] = "[]" if not row[_ASSIST] else json.dumps(row[_ASSIST], ensure_ascii=False)
        return tuple(row)


def fill(db: Database, n: int, seed: int = 12345, progress: Progress | None = None, workers: int | None = None,
         chunk: int = 20000, **kw) -> dict:
    """Fill the profile with `n` synthetic cases (see DemoGenerator)."""
    return DemoGenerator(db, seed, **kw).run(n, progress, chunk=chunk, workers=workers)
