"""Maintained aggregates (models/rollup.py): the SQL of their triggers and a rebuild.

Every event is counted once, on the city-local day it happened, under the
case's district and category and the lead department in charge at that
moment (the hotline's own steps, intake/answer/transfer/merge, under no
department; a dispatch or a dispute's decision under the unit its payload
names, whatever the case row says when the trigger reads it). The triggers
run inside the writer's transaction, so the figures can never disagree with
the events, whichever path wrote them.

`Accumulator` counts events in memory exactly as the triggers do; the demo's
bulk load (which drops the triggers for speed) counts each chunk with it in
its worker and adds the chunks up. `rebuild` recomputes everything from the
tables, as a repair: plain SQL for the cases that went through one dispatch
cycle, and for the few that were returned or reopened a replay of their
events through console.lifecycle and the Accumulator, which gives the
deadlines and the department in force at each event exactly as the triggers
saw them.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from datetime import datetime
from types import SimpleNamespace
from typing import overload

from models.case import REROUTED
from models.rollup import DAILY_METRICS, GRAINS, OPERATOR_METRICS

from .clock import CITY_TZ
from .deadlines import SlaPolicy, load_policy
from .lifecycle import apply_action
from .rollup_rules import (
    DAILY_KINDS,
    DAILY_RULES,
    HOTLINE_STEPS,
    OPERATOR_KINDS,
    OPERATOR_RULES,
    UNIT_IN_PAYLOAD,
    by_kind,
)
from .rollup_rules import sql as rule_sql
from .workflow import State, satisfaction_of

_OFFSET = CITY_TZ.utcoffset(None)
COUNTED = DAILY_KINDS
TRIGGERS = ("trg_rollup_event", "trg_rollup_open_ins", "trg_rollup_open_upd", "trg_rollup_open_del")


def position_sql(x: str) -> str:
    """SQL for policy.calendar.position of the stored time `x`: working minutes since the table's
    origin, from the tables `fill_calendar` writes (work_days, work_periods)."""
    local = f"{x}, '+8 hours'"
    m = f"((julianday({local}) - julianday(date({local}))) * 1440.0)"
    into = f"(SELECT sum(max(0, min({m}, p.end_min) - p.start_min)) FROM work_periods p)"
    return (f"(SELECT w.cum + CASE WHEN w.day = date({local}) THEN {into} ELSE 0 END "
            f"FROM work_days w WHERE w.day >= date({local}) ORDER BY w.day LIMIT 1)")


def _daily_exprs(e: str, c: str) -> list[str]:
    """One SQL expression per DAILY_METRICS column for event alias `e` on case alias `c`."""
    return [rule_sql(r, e, c, position_sql) for r in DAILY_RULES]


def _dept_expr(e: str, c: str) -> str:
    """SQL of the department an event counts under (rollup_rules: HOTLINE_STEPS, UNIT_IN_PAYLOAD)."""
    hotline = ", ".join(f"'{s}'" for s in HOTLINE_STEPS)
    sent = "".join(f" WHEN {e}.kind = '{kind}' THEN coalesce(json_extract({e}.payload, '$.{key}'), '')"
                   for kind, key in UNIT_IN_PAYLOAD.items())
    return f"CASE WHEN {e}.kind IN ({hotline}) THEN ''{sent} ELSE coalesce({c}.lead_department, '') END"


def _operator_exprs(e: str, c: str) -> list[str]:
    return [rule_sql(r, e, c, position_sql) for r in OPERATOR_RULES]


def _upsert(table: str, keys: tuple[str, ...], cols: tuple[str, ...]) -> str:
    sets = ", ".join(f"{col} = {col} + excluded.{col}" for col in cols)
    return f"ON CONFLICT({', '.join(keys)}) DO UPDATE SET {sets}"


_DAILY_KEYS = ("day", "district", "category", "department")
_COUNTED_SQL = ", ".join(f"'{k}'" for k in COUNTED)
# a dissatisfied callback gives its reason to rollup_reasons (workflow.satisfaction_of; the same test in SQL)
_UNSATISFIED = ("(NEW.kind = 'callback' AND NOT coalesce(json_extract(NEW.payload, '$.satisfaction') IN "
                "('satisfied', 'basically_satisfied'), json_extract(NEW.payload, '$.satisfied'), 1))")


_OPERATOR_KINDS_SQL = ", ".join(f"'{k}'" for k in OPERATOR_KINDS)


def trigger_ddl() -> list[str]:
    """CREATE TRIGGER statements keeping the rollups current, generated from the rule table.

    The migration that creates the triggers holds a frozen copy of this text
    (the latest that makes them, 0018_rollups_for_reviews); tests/console/test_rollups.py checks the two
    are equal."""
    daily = ", ".join(_daily_exprs("NEW", "c"))
    ops = ", ".join(_operator_exprs("NEW", "c"))
    dims = {"district": "coalesce(c.district_code, '')", "category": "coalesce(c.category_code, '')",
            "department": _dept_expr("NEW", "c")}
    grains = "\n".join(
        f"  INSERT INTO {table} ({', '.join(('day',) + keys + DAILY_METRICS)})\n"
        f"  SELECT date(NEW.at, '+8 hours'), {''.join(dims[k] + ', ' for k in keys)}{daily}\n"
        f"  FROM cases c WHERE c.id = NEW.case_id\n  {_upsert(table, ('day',) + keys, DAILY_METRICS)};"
        for table, keys in GRAINS.items())
    return [
        f"""CREATE TRIGGER trg_rollup_event AFTER INSERT ON case_events WHEN NEW.kind IN ({_COUNTED_SQL})
BEGIN
{grains}
  INSERT INTO rollup_operator (day, operator, {', '.join(OPERATOR_METRICS)})
  SELECT date(NEW.at, '+8 hours'), NEW.actor, {ops}
  FROM cases c WHERE c.id = NEW.case_id AND NEW.kind IN ({_OPERATOR_KINDS_SQL})
  {_upsert('rollup_operator', ('day', 'operator'), OPERATOR_METRICS)};
  INSERT INTO rollup_reasons (day, department, reason, n)
  SELECT date(NEW.at, '+8 hours'), coalesce(c.lead_department, ''), substr(trim(NEW.reason), 1, 200), 1
  FROM cases c WHERE c.id = NEW.case_id AND {_UNSATISFIED}
  ON CONFLICT(day, department, reason) DO UPDATE SET n = n + 1;
END""",
        """CREATE TRIGGER trg_rollup_open_ins AFTER INSERT ON cases BEGIN
  INSERT INTO rollup_open (department, state, n) VALUES (coalesce(NEW.lead_department, ''), NEW.state, 1)
  ON CONFLICT(department, state) DO UPDATE SET n = n + 1;
END""",
        """CREATE TRIGGER trg_rollup_open_upd AFTER UPDATE OF state, lead_department ON cases
WHEN OLD.state IS NOT NEW.state OR OLD.lead_department IS NOT NEW.lead_department BEGIN
  UPDATE rollup_open SET n = n - 1 WHERE department = coalesce(OLD.lead_department, '') AND state = OLD.state;
  INSERT INTO rollup_open (department, state, n) VALUES (coalesce(NEW.lead_department, ''), NEW.state, 1)
  ON CONFLICT(department, state) DO UPDATE SET n = n + 1;
END""",
        """CREATE TRIGGER trg_rollup_open_del AFTER DELETE ON cases BEGIN
  UPDATE rollup_open SET n = n - 1 WHERE department = coalesce(OLD.lead_department, '') AND state = OLD.state;
END""",
    ]


def calendar_fingerprint(policy: SlaPolicy) -> str:
    """What the working-time tables were filled from: the working periods and the working days."""
    cal = policy.calendar
    digest = hashlib.sha256(json.dumps([cal.periods, [d.isoformat() for d in cal.working_days]]).encode())
    return digest.hexdigest()[:32]


def fill_calendar(cursor, policy: SlaPolicy | None = None) -> None:
    """(Re)write the working-time tables the SQL position() reads (work_days, work_periods) from
    the policy's calendar, and note which calendar they hold."""
    policy = policy or load_policy()
    cal = policy.calendar
    cursor.execute("DELETE FROM work_days")
    cursor.executemany("INSERT INTO work_days (day, cum) VALUES (?, ?)",
                       [(d.isoformat(), cum) for d, cum in zip(cal.working_days, cal.working_day_starts, strict=True)])
    cursor.execute("DELETE FROM work_periods")
    cursor.executemany("INSERT INTO work_periods (start_min, end_min) VALUES (?, ?)", cal.periods)
    cursor.execute("INSERT INTO rollup_meta (key, value) VALUES ('calendar', ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (calendar_fingerprint(policy),))


def ensure_current(cursor, policy: SlaPolicy | None = None) -> list[str]:
    """When a profile is opened: refill the working-time tables if the policy's calendar changed
    (an edited sla_policy.toml, a new year's holidays) and rebuild the rollups if a migration
    asked for it. Returns what it did. Commits its own transaction."""
    policy = policy or load_policy()
    meta = dict(cursor.execute("SELECT key, value FROM rollup_meta").fetchall())
    done = []
    if meta.get("calendar") != calendar_fingerprint(policy) or meta.get("rebuild"):
        cursor.execute("BEGIN IMMEDIATE")
        if meta.get("calendar") != calendar_fingerprint(policy):
            fill_calendar(cursor, policy)
            done.append("calendar")
        if meta.get("rebuild"):
            rebuild(cursor, policy)
            cursor.execute("DELETE FROM rollup_meta WHERE key = 'rebuild'")
            done.append("rebuild")
        cursor.execute("COMMIT")
    return done


def _complex_cases_sql() -> str:
    # cases whose deadlines or department changed between events: returned (re-dispatched), passed
    # down to a unit below (sub_dispatch), or reopened
    return (f"SELECT id FROM cases WHERE {REROUTED} "
            "UNION SELECT case_id FROM case_events WHERE kind IN ('reopen', 'review_reopen')")


def add_events(execute, source: str, where: str = "1") -> None:
    """Add, set-based, what trg_rollup_event adds for each event of `source` matching `where`.

    `source` is an SQL FROM clause naming the events `e` and their case rows `c`
    (the case rows as the trigger would read them); `execute` runs one SQL
    statement (a DB-API cursor's execute, or a Connection's exec_driver_sql).
    The trigger's own expressions are evaluated once per event and summed per
    rollup_daily key into a scratch table (a handful of rows for thousands of
    events); every grain is a plain sum of that. Used by
    `rebuild` and by the sync client's bulk pull (sync/bulk.py).
    """
    dims = ["date(e.at, '+8 hours')", "coalesce(c.district_code, '')", "coalesce(c.category_code, '')",
            _dept_expr("e", "c")]
    picked = ", ".join(f"{x} AS {k}" for x, k in zip(dims, _DAILY_KEYS, strict=True))
    metrics = ", ".join(f"sum({x}) AS {m}" for x, m in zip(_daily_exprs("e", "c"), DAILY_METRICS, strict=True))
    execute("DROP TABLE IF EXISTS temp.rollup_new_daily")
    execute(f"CREATE TEMP TABLE rollup_new_daily AS SELECT {picked}, {metrics} FROM {source} "
            f"WHERE e.kind IN ({_COUNTED_SQL}) AND ({where}) GROUP BY 1, 2, 3, 4")
    add_daily_rows(execute, "temp.rollup_new_daily")
    execute("DROP TABLE temp.rollup_new_daily")
    ops = ", ".join(f"sum({x})" for x in _operator_exprs("e", "c"))
    execute(f"INSERT INTO rollup_operator (day, operator, {', '.join(OPERATOR_METRICS)}) "
            f"SELECT date(e.at, '+8 hours') AS k0, e.actor AS k1, {ops} FROM {source} "
            f"WHERE e.kind IN ({_OPERATOR_KINDS_SQL}) AND ({where}) "
            f"GROUP BY k0, k1 " + _upsert("rollup_operator", ("day", "operator"), OPERATOR_METRICS))
    execute("INSERT INTO rollup_reasons (day, department, reason, n) "
            "SELECT date(e.at, '+8 hours') AS k0, coalesce(c.lead_department, '') AS k1, "
            f"substr(trim(e.reason), 1, 200) AS k2, count(*) FROM {source} "
            f"WHERE {_UNSATISFIED.replace('NEW.', 'e.')} AND ({where}) GROUP BY k0, k1, k2 "
            "ON CONFLICT(day, department, reason) DO UPDATE SET n = n + excluded.n")


def add_daily_rows(execute, source: str) -> None:
    """Add the counter rows of table `source` (rollup_daily's columns, keys may repeat)
    to every grain, summed."""
    sums = ", ".join(f"sum({m})" for m in DAILY_METRICS)
    for table, keys in GRAINS.items():
        names = ", ".join(("day",) + keys)
        execute(f"INSERT INTO {table} ({names}, {', '.join(DAILY_METRICS)}) SELECT {names}, {sums} "
                f"FROM {source} WHERE true GROUP BY {names} " + _upsert(table, ("day",) + keys, DAILY_METRICS))


def fold_pending(cursor) -> int:
    """Add the counts a bulk load parked in rollup_pending (`Accumulator.park`) to every
    grain and strike them; returns how many chunks they were. Runs inside the caller's
    transaction."""
    parked = cursor.execute("SELECT id, counts FROM rollup_pending").fetchall()
    if parked:
        _add_through_scratch(cursor, [row for _id, counts in parked for row in json.loads(counts)])
        cursor.executemany("DELETE FROM rollup_pending WHERE id = ?", [(i,) for i, _ in parked])
    return len(parked)


def _add_through_scratch(cursor, rows: list) -> None:
    """Add rows of (day, district, category, department, *DAILY_METRICS) to every grain: once
    into a scratch table, and from there summed into each grain in SQL."""
    cols = _DAILY_KEYS + DAILY_METRICS
    cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS rollup_scratch ({', '.join(cols)})")
    cursor.execute("DELETE FROM temp.rollup_scratch")
    cursor.executemany(f"INSERT INTO temp.rollup_scratch VALUES ({', '.join('?' * len(cols))})", rows)
    add_daily_rows(cursor.execute, "temp.rollup_scratch")
    cursor.execute("DELETE FROM temp.rollup_scratch")


def write_daily(cursor, daily: dict[tuple, list]) -> None:
    """Add counters at rollup_daily's grain (key -> DAILY_METRICS values) to rollup_daily, in key
    order, and derive the coarser grains again from it. For a bulk load's merged counts: one
    pass over each grain instead of an upsert into each for every chunk."""
    cols = _DAILY_KEYS + DAILY_METRICS
    cursor.executemany(f"INSERT INTO rollup_daily ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                       + _upsert("rollup_daily", _DAILY_KEYS, DAILY_METRICS),
                       [k + tuple(v) for k, v in sorted(daily.items())])
    derive_grains(cursor)


def merge_daily(into: dict[tuple, list], rows: list) -> None:
    """Sum rows of (day, district, category, department, *DAILY_METRICS) into `into`."""
    for row in rows:
        key = tuple(row[:4])
        got = into.get(key)
        if got is None:
            into[key] = list(row[4:])
        else:
            for i, v in enumerate(row[4:]):
                got[i] += v


def rebuild(cursor, policy: SlaPolicy | None = None) -> None:
    """Recompute every rollup table from `cases` and `case_events` with a DB-API cursor.

    Runs inside the caller's transaction.
    """
    policy = policy or load_policy()
    for table in (*GRAINS, "rollup_operator", "rollup_reasons", "rollup_open"):
        cursor.execute(f"DELETE FROM {table}")
    if cursor.execute("SELECT count(*) FROM work_days").fetchone()[0] == 0:
        fill_calendar(cursor, policy)
    cursor.execute("DROP TABLE IF EXISTS temp.rollup_complex")
    cursor.execute(f"CREATE TEMP TABLE rollup_complex AS {_complex_cases_sql()}")
    cursor.execute("CREATE UNIQUE INDEX temp.ix_rollup_complex ON rollup_complex (id)")
    # one dispatch cycle: the final case row has the deadlines and department every event saw
    add_events(cursor.execute, "case_events e JOIN cases c ON c.id = e.case_id",
               "e.case_id NOT IN (SELECT id FROM temp.rollup_complex)")
    _replay_complex(cursor, policy)
    cursor.execute("INSERT INTO rollup_open (department, state, n) "
                   "SELECT coalesce(lead_department, ''), state, count(*) FROM cases GROUP BY 1, 2")
    cursor.execute("DROP TABLE temp.rollup_complex")


def derive_grains(cursor) -> None:
    """Fill the coarser rollups from rollup_daily (their counters are plain sums of it), each
    from the smallest finer grain already filled (day from day x district, not from every
    daily row): about 40 % less work than summing rollup_daily five times."""
    sums = ", ".join(f"sum({m})" for m in DAILY_METRICS)
    done = {"rollup_daily": GRAINS["rollup_daily"]}
    for table, keys in sorted(GRAINS.items(), key=lambda item: -len(item[1])):
        if table in done:
            continue
        source = min((t for t, k in done.items() if set(keys) <= set(k)), key=lambda t: len(done[t]))
        cols = ", ".join(("day",) + keys)
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(f"INSERT INTO {table} ({cols}, {', '.join(DAILY_METRICS)}) "
                       f"SELECT {cols}, {sums} FROM {source} GROUP BY {cols}")
        done[table] = keys


_DAILY_BY_KIND = by_kind(DAILY_RULES)
_OPERATOR_BY_KIND = by_kind(OPERATOR_RULES)


@overload
def _parse_ts(text: None) -> None: ...
@overload
def _parse_ts(text: datetime | str) -> datetime: ...
def _parse_ts(text) -> datetime | None:
    if text is None or isinstance(text, datetime):
        return text
    return datetime.fromisoformat(text)


class Accumulator:
    """Counts events into rollup rows in memory, exactly as the triggers would.

    Call `event` after the action was applied to `case` (the case row the
    trigger reads is the one written with the event). `case` needs
    district_code, category_code, repeat_caller, created_at, lead_department,
    sign_deadline, reply_deadline and dispatched_at. The counts are additive:
    accumulators over disjoint sets of cases merge by summing (`write`
    upserts), which is what lets the demo's workers count their own chunks.
    """

    def __init__(self, policy: SlaPolicy):
        self.cal = policy.calendar
        self.daily: dict[tuple, list] = {}
        self.operator: dict[tuple, list] = {}
        self.reasons: dict[tuple, int] = defaultdict(int)
        self.open: dict[tuple, int] = defaultdict(int)
        self._days: dict[int, str] = {}

    def event(self, case, kind: str, actor: str, at: datetime, from_state: str, reason: str, data: dict) -> None:
        if kind not in _DAILY_BY_KIND:
            return
        local = at + _OFFSET
        day = self._days.get(local.toordinal())
        if day is None:
            day = self._days[local.toordinal()] = local.date().isoformat()
        sent_to = UNIT_IN_PAYLOAD.get(kind)
        dept = "" if kind in HOTLINE_STEPS else (data.get(sent_to) or "") if sent_to else (case.lead_department or "")
        key = (day, case.district_code or "", case.category_code or "", dept)
        row = self.daily.get(key)
        if row is None:
            row = self.daily[key] = [0] * len(DAILY_METRICS)
        wmin = self.cal.working_minutes_between
        for i, rule in _DAILY_BY_KIND[kind]:
            row[i] += rule(case, at, from_state, data, wmin)
        if kind == "callback" and satisfaction_of(data) == "dissatisfied":
            self.reasons[(day, case.lead_department or "", (reason or "").strip()[:200])] += 1
        op_rules = _OPERATOR_BY_KIND.get(kind)
        if op_rules:
            okey = (day, actor)
            op = self.operator.get(okey)
            if op is None:
                op = self.operator[okey] = [0] * len(OPERATOR_METRICS)
            for i, rule in op_rules:
                op[i] += rule(case, at, from_state, data, wmin)

    def case(self, case) -> None:
        """Count a case's final row in rollup_open (what the cases-table triggers keep)."""
        self.open[(case.lead_department or "", case.state)] += 1

    def park(self) -> list:
        """The daily counters as rows, forgotten here: a bulk load stores them in its chunk's
        transaction (`write(cursor, parked=(chunk, their JSON))`) and adds them to the rollups
        once, at its end (`merge_daily`, `write_daily`), instead of upserting six grains per chunk.
        What a killed load parked is folded in when the profile is next opened (fold_pending)."""
        rows = [[*k, *v] for k, v in self.daily.items()]
        self.daily = {}
        return rows

    def write(self, cursor, parked: tuple[int, str] | None = None) -> None:
        """Add the counts to every rollup table (each grain of the daily counters, rollup_operator,
        rollup_reasons, rollup_open) with upserts, as the triggers would, then forget them.
        `parked` is (chunk, the JSON text of `park`'s rows), stored in rollup_pending instead."""
        if parked is not None:
            cursor.execute("INSERT INTO rollup_pending (chunk, counts) VALUES (?, ?)", parked)
        if self.daily:
            _add_through_scratch(cursor, [k + tuple(v) for k, v in self.daily.items()])
        cols = ("day", "operator") + OPERATOR_METRICS
        cursor.executemany(
            f"INSERT INTO rollup_operator ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
            + _upsert("rollup_operator", ("day", "operator"), OPERATOR_METRICS),
            [k + tuple(v) for k, v in self.operator.items()])
        cursor.executemany(
            "INSERT INTO rollup_reasons (day, department, reason, n) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(day, department, reason) DO UPDATE SET n = n + excluded.n",
            [k + (v,) for k, v in self.reasons.items()])
        cursor.executemany(
            "INSERT INTO rollup_open (department, state, n) VALUES (?, ?, ?) "
            "ON CONFLICT(department, state) DO UPDATE SET n = n + excluded.n", [k + (v,) for k, v in self.open.items()])
        self.daily, self.operator = {}, {}
        self.reasons, self.open = defaultdict(int), defaultdict(int)


def _replay_complex(cursor, policy: SlaPolicy) -> None:
    """Count the events of multi-cycle cases by replaying them through the lifecycle."""
    acc = Accumulator(policy)
    rows = cursor.execute(
        f"SELECT {REPLAY_COLUMNS} FROM temp.rollup_complex x JOIN cases c ON c.id = x.id "
        "JOIN case_events e ON e.case_id = c.id ORDER BY c.id, e.seq").fetchall()
    for _cid, sim, kind, actor, at, from_state, reason, data in replayed(rows, policy):
        acc.event(sim, kind, actor, at, from_state, reason, data)
    acc.open.clear()  # rollup_open is counted from the cases table by the caller
    acc.write(cursor)


# what `replayed` reads, per event of a case (ordered by case, then the event's seq)
REPLAY_COLUMNS = ("c.id, c.type, c.urgency, c.district_code, c.category_code, c.repeat_caller, c.created_at, "
                  "e.kind, e.actor, e.at, e.from_state, e.to_state, e.reason, e.payload")


def replayed(rows, policy: SlaPolicy):
    """Rows of REPLAY_COLUMNS ordered by case and seq, replayed through the lifecycle: yields
    (case id, the case as it was right after the event, kind, actor, at, from_state, reason,
    payload), what `Accumulator.event` needs to count the event as the trigger did."""
    current, sim = None, SimpleNamespace()  # a new one for each case (below)
    for (cid, ctype, urgency, district, category, repeat, created, kind, actor, at, from_state, to_state,
         reason, payload) in rows:
        if cid != current:
            current = cid
            sim = SimpleNamespace(type=ctype, urgency=urgency, state="draft", version=0, lead_department=None,
                                  assist_departments=[], deadline=None, sign_deadline=None, reply_deadline=None,
                                  dispatched_at=None, accepted_at=None, replied_at=None, closed_at=None,
                                  satisfied=None, resolved=None, return_count=0, extension_count=0, supervised=0,
                                  satisfaction=None, callback_attempts=0, contact_deadline=None, contacted_at=None,
                                  extension_requested=None, returned_from=None, suggested_unit=None,
                                  binding_unit=None, upper_units=None,
                                  instruction_level=None, leader_pick=False, merged_into_id=None, answer="",
                                  knowledge_article_id=None, updated_at=None, district_code=district,
                                  category_code=category, repeat_caller=repeat, created_at=_parse_ts(created))
        at = at if isinstance(at, datetime) else datetime.fromisoformat(at)  # an event always has its time
        data = payload if isinstance(payload, dict) else json.loads(payload or "{}")
        if kind == "approve_extension" and not sim.extension_requested:
            sim.extension_requested = data.get("extra")  # approved before approvals needed a request
        if kind in ("approve_extension", "dispatch", "accept", "reply", "reopen", "review_reopen", "return",
                    "instruct", "approve_return", "reject_return", "decide_dispute", "sub_dispatch"):
            # only the steps that move deadlines, the department or the instruction matter for the counts
            apply_action(sim, kind, State(to_state), data, at, policy)
        if kind == "callback_unreached":
            sim.state = to_state  # what the unreachable count reads
        yield cid, sim, kind, actor, at, from_state, reason, data
