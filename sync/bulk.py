"""The wire tables of a pulled page, and the set-based writer of the cases it brings.

A page (sync/decode.py) becomes two tables of a small in-memory database made
for it (WireBuilder, in the thread that prepares the page, while the page
before it is written): its values as they came on the wire, no Python object
per value. One query there checks that every time, id, sequence, version and
payload is in the exact form the server writes (`datetime.isoformat()`,
`str(uuid)`, a JSON object's text); the SQL expressions below turn them into
their stored forms (models.storage_forms). The writing connection takes the
database's bytes as its attached schema `wire`.

From there every case of the page is written by SQL: the events of the cases
this console has are upserted (`upsert_events`, their case rows then rebased
in Python: sync/rebase.py), and the cases it has never seen go into `cases` /
`case_events` with one INSERT ... SELECT each (`insert_new`): SQLite keeps its
cursors on the thirty queue indexes of `cases` open for the whole page instead
of opening them again for every row.

The monitoring rollups (console.rollups) are kept by row triggers on those two
tables. For the new rows the triggers are set aside inside the page's
transaction and the very same counts are added set-based: the same SQL
expressions the triggers evaluate (console.rollups builds both), over the new
events joined to their case rows as written (a trigger on a pulled event reads
the case row written just before it, the final snapshot). Sums are additive, so
grouping the page's events gives what the row-by-row upserts give (floats up
to rounding in the last digits). The triggers are put back, with their own
stored text, before the transaction commits, so no other connection ever sees
the tables without them. When the installed triggers are not the ones the
current console.rollups would write (an older or newer schema), nothing is set
aside and the triggers count as usual.
"""
from __future__ import annotations

import sqlite3
import threading
from typing import cast

from sqlalchemy import Connection, column, text

from console import rollups
from models import Case
from models.storage_forms import sql_stored_time_from_wire, sql_stored_uuid_from_wire

from .protocol import CASE_FIELDS, TIME_FIELDS

# the row triggers the set-based counting below replaces: name -> the table they fire on
_REPLACED = {"trg_rollup_event": "case_events", "trg_rollup_open_ins": "cases"}

WIRE_CASES = "wire.sync_wire_cases"
WIRE_EVENTS = "wire.sync_wire_events"
# a case row on the wire: its id as stored (32 hex digits), then CASE_FIELDS as sent;
# `seen` is set when the page is written (the console has the case: it is rebased)
WIRE_CASE_COLUMNS = ("hid",) + CASE_FIELDS
WIRE_EVENT_COLUMNS = ("case_id", "id", "seq", "kind", "actor", "actor_role", "at", "from_state", "to_state",
                      "reason", "payload")
_LOCAL_ONLY = ("caller_id", "operator_id")

_D = "[0-9]"
_WIRE_TIME = f"{_D * 4}-{_D * 2}-{_D * 2}T{_D * 2}:[0-5]{_D}:[0-5]{_D}"  # datetime.isoformat(), no fraction
_WIRE_UUID = "-".join("[0-9a-f]" * n for n in (8, 4, 4, 4, 12))  # str(uuid.UUID)


def _time_ok(x: str) -> str:
    """SQL: `x` has the shape of a time as the server writes it (isoformat: seconds, or
    microseconds); its date part is checked against the calendar once per page (CHECK_SQL)."""
    return (f"(CASE length({x}) WHEN 26 THEN {x} GLOB '{_WIRE_TIME}.{_D * 6}' WHEN 19 THEN {x} GLOB '{_WIRE_TIME}' "
            f"ELSE 0 END AND substr({x}, 12, 2) < '24')")


class WireBuilder:
    """Makes a page's wire tables, checked, as the bytes of a small in-memory database.

    One per LocalSyncStore, used by one thread at a time (a lock says so): the sync
    client prepares page k+1 with it while page k is written on the profile's connection.
    The driver binds every value here, in the preparing thread, and the check runs here
    too, so the writing thread only copies the bytes in (`attach`)."""

    def __init__(self) -> None:
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def build(self, cases: list, events: list) -> bytes | None:
        """The wire database of these rows, or None when a value is not in the exact form
        the server writes (or one the driver can't take as it is)."""
        with self._lock:
            conn = self._connection()
            try:
                conn.execute("DELETE FROM sync_wire_cases")
                conn.execute("DELETE FROM sync_wire_events")
                conn.executemany(f"INSERT INTO sync_wire_cases ({', '.join(WIRE_CASE_COLUMNS)}) "
                                 f"VALUES ({', '.join('?' * len(WIRE_CASE_COLUMNS))})", cases)
                if events:
                    conn.executemany(
                        f"INSERT INTO sync_wire_events VALUES ({', '.join('?' * len(WIRE_EVENT_COLUMNS))})", events)
            except (sqlite3.InterfaceError, sqlite3.ProgrammingError, OverflowError):
                return None
            if conn.execute(CHECK_SQL).fetchone()[0] != 0:
                return None
            return conn.serialize()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            conn.execute(f"CREATE TABLE sync_wire_cases ({', '.join(WIRE_CASE_COLUMNS)}, seen INTEGER DEFAULT 0)")
            conn.execute(f"CREATE TABLE sync_wire_events ({', '.join(WIRE_EVENT_COLUMNS)})")
            self._conn = conn
        return self._conn


def raw(conn: Connection) -> sqlite3.Connection:
    """The profile connection's own sqlite3 connection (the pysqlite driver's)."""
    return cast(sqlite3.Connection, conn.connection.dbapi_connection)


def attach(raw: sqlite3.Connection, wire: bytes) -> None:
    """Make `wire` (WireBuilder.build) the connection's schema `wire`; outside a transaction."""
    if not _attached(raw):
        raw.execute("ATTACH DATABASE ':memory:' AS wire")
    raw.deserialize(wire, name="wire")


def detach(raw: sqlite3.Connection) -> None:
    """Let go of the last page's wire tables (outside a transaction)."""
    if not raw.in_transaction and _attached(raw):
        raw.execute("DETACH DATABASE wire")


def _attached(raw: sqlite3.Connection) -> bool:
    return any(row[1] == "wire" for row in raw.execute("PRAGMA database_list"))


_CASE_TIMES = [f for f in CASE_FIELDS if f in TIME_FIELDS]


def _check_sql() -> str:
    return (
        "SELECT (SELECT count(*) FROM sync_wire_cases WHERE NOT ("
        + " AND ".join([f"({f} IS NULL OR {_time_ok(f)})" for f in _CASE_TIMES] + ["typeof(version) = 'integer'"])
        + ")) + (SELECT count(*) FROM sync_wire_events WHERE NOT ("
        f"id GLOB '{_WIRE_UUID}' AND typeof(seq) = 'integer' AND at IS NOT NULL AND {_time_ok('at')} "
        "AND typeof(reason) IN ('text', 'null') "
        "AND typeof(payload) = 'text' AND json_valid(payload) AND substr(payload, 1, 1) = '{'"
        ")) + (SELECT count(*) FROM ("
        + " UNION ".join([f"SELECT substr({f}, 1, 10) AS d FROM sync_wire_cases" for f in _CASE_TIMES]
                         + ["SELECT substr(at, 1, 10) FROM sync_wire_events"])
        + ") WHERE d IS NOT NULL AND (d < '0001' OR date(d, '+0 days') IS NOT d))")  # each date once: a real one


CHECK_SQL = _check_sql()
"""SQL on a page's wire tables: how many values are not in the server's exact form (0: all are)."""


def _stored(f: str) -> str:
    """SQL: the wire case column `f` in its stored form."""
    if f == "id":
        return "hid"
    if f in TIME_FIELDS:
        return f"CASE WHEN {f} IS NOT NULL THEN {sql_stored_time_from_wire(f)} END"
    return f  # merged_into_id, codes and assist_departments come checked (sync/decode.py)


_CASE_COLS = ", ".join(CASE_FIELDS + _LOCAL_ONLY)
_CASE_EXPRS = ", ".join([_stored(f) for f in CASE_FIELDS] + ["NULL"] * len(_LOCAL_ONLY))
_EVENT_COLS = ", ".join(WIRE_EVENT_COLUMNS)
_EVENT_EXPRS = ", ".join(["case_id", sql_stored_uuid_from_wire("id"), "seq", "kind", "actor", "actor_role",
                          sql_stored_time_from_wire("at"), "from_state", "to_state", "coalesce(reason, '')",
                          "payload"])
_SEEN = f"(SELECT hid FROM {WIRE_CASES} WHERE seen)"
# the server's case rows of the cases this console has, read back typed as `cases` stores them
_READ_SEEN = text(f"SELECT {', '.join(f'{_stored(f)} AS {f}' for f in CASE_FIELDS)} FROM {WIRE_CASES} WHERE seen"
                  ).columns(*[column(f, Case.__table__.c[f].type) for f in CASE_FIELDS])


def mark_seen(conn: Connection) -> int:
    """Mark the page's cases this console has, or has pending operations for; how many."""
    return conn.exec_driver_sql(
        f"UPDATE {WIRE_CASES} SET seen = 1 WHERE EXISTS (SELECT 1 FROM main.cases c WHERE c.id = hid) "
        "OR EXISTS (SELECT 1 FROM main.outbox o WHERE o.case_id = hid AND o.status = 'pending')").rowcount


def seen_cases(conn: Connection) -> dict:
    """{case id: the server's row (CASE_FIELDS, stored types)} of the cases marked seen."""
    return {r.id: dict(r._mapping) for r in conn.execute(_READ_SEEN)}


def upsert_events(conn: Connection) -> None:
    """Write the server's events of the cases marked seen with its ids, numbering, times
    and states: new ones inserted, the ones this console has (its own, pushed) updated."""
    sets = ", ".join(f"{c} = excluded.{c}" for c in WIRE_EVENT_COLUMNS if c != "id")
    conn.exec_driver_sql(f"INSERT INTO main.case_events ({_EVENT_COLS}) SELECT {_EVENT_EXPRS} FROM {WIRE_EVENTS} "
                         f"WHERE case_id IN {_SEEN} ON CONFLICT(id) DO UPDATE SET {sets}")


def insert_new(conn: Connection) -> dict[str, int]:
    """Insert the page's cases not marked seen and their events (all of them new), count
    them in the rollups exactly as the row triggers would; return the new cases per state."""
    first_case = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM main.cases").scalar() or 0
    first_event = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM main.case_events").scalar() or 0
    aside = _set_triggers_aside(conn)
    try:
        conn.exec_driver_sql(f"INSERT INTO main.cases ({_CASE_COLS}) SELECT {_CASE_EXPRS} FROM {WIRE_CASES} "
                             "WHERE NOT seen")
        conn.exec_driver_sql(f"INSERT INTO main.case_events ({_EVENT_COLS}) SELECT {_EVENT_EXPRS} FROM {WIRE_EVENTS} "
                             f"WHERE case_id NOT IN {_SEEN}")
        if aside:
            _count(conn, "main.case_events e JOIN main.cases c ON c.id = e.case_id",
                   f"e.rowid > {int(first_event)}", f"main.cases WHERE rowid > {int(first_case)}")
    finally:
        for sql in aside:
            conn.exec_driver_sql(sql)
    return dict(conn.exec_driver_sql(f"SELECT state, count(*) FROM {WIRE_CASES} WHERE NOT seen GROUP BY state").all())


def _set_triggers_aside(conn: Connection) -> list[str]:
    """Drop the replaced triggers when they are exactly what console.rollups writes;
    return their CREATE statements ([] when nothing was set aside)."""
    names = ", ".join(f"'{n}'" for n in _REPLACED)
    installed: dict[str, str] = dict(conn.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({names})").all())
    if set(installed) != set(_REPLACED):
        return []  # no rollups here (or a bulk load has them down): nothing counts these rows
    expected = {n: sql for sql in rollups.trigger_ddl() for n in _REPLACED if f"TRIGGER {n} " in sql}
    if any(installed[n] != expected.get(n) for n in _REPLACED):
        return []  # not the triggers this code knows how to replace: let them count
    for name in _REPLACED:
        conn.exec_driver_sql(f"DROP TRIGGER {name}")
    return [installed[n] for n in _REPLACED]


def _count(conn: Connection, events: str, where: str, cases: str) -> None:
    """What trg_rollup_event and trg_rollup_open_ins add for the new rows: `events` the FROM
    clause of the events `e` joined to their cases `c`, `where` picks the new events,
    `cases` (FROM ... WHERE) the new cases."""
    # a trigger on a pulled event reads the case row written just before it: the final snapshot
    rollups.add_events(conn.exec_driver_sql, events, where)
    conn.exec_driver_sql(
        "INSERT INTO rollup_open (department, state, n) SELECT coalesce(lead_department, '') AS k0, state AS k1, "
        f"count(*) FROM {cases} GROUP BY k0, k1 "
        "ON CONFLICT(department, state) DO UPDATE SET n = n + excluded.n")

