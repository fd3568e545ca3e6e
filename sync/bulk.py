"""The bulk path of a pull: the cases of a page this console has never seen (a
first sync, a full resync), written with a few set-based statements.

The page's values go to the driver as they came on the wire (no Python object
per value: times and ids are turned into their stored forms by SQL, in C), into
two tables of a small in-memory database made for the page (WireBuilder, in
the thread that prepares the page, while the page before it is written). One
query there checks that every time and id is in the exact form the server
writes (`datetime.isoformat()`, `str(uuid)`); when one is not, the page goes
the Python way instead (`LocalSyncStore` parses each value as it always did),
so a stored value never depends on which path wrote it. The writing
connection takes the database's bytes as its attached schema `wire`.

Rows then go into `cases` / `case_events` with one INSERT ... SELECT each:
SQLite keeps its cursors on the thirty queue indexes of `cases` open for the
whole page instead of opening them again for every row.

The monitoring rollups (console.rollups) are kept by row triggers on those two
tables. For these rows the triggers are set aside inside the page's
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

from sqlalchemy import Connection

from console import rollups

from .protocol import CASE_FIELDS, TIME_FIELDS
from .rawsql import raw_insert

# the row triggers the set-based counting below replaces: name -> the table they fire on
_REPLACED = {"trg_rollup_event": "case_events", "trg_rollup_open_ins": "cases"}

# -- the wire tables ------------------------------------------------------------------
# A page's wire tables are made in a database of their own, in memory, by the thread that
# prepares the page (WireBuilder), and handed to the writing connection as its bytes
# (sqlite3's serialize / deserialize), where they are the attached schema `wire`.
WIRE_CASES = "wire.sync_wire_cases"
WIRE_EVENTS = "wire.sync_wire_events"
# a case row on the wire: its id as stored (32 hex digits, made in Python from the
# uuid the old path parsed too), then CASE_FIELDS as sent
WIRE_CASE_COLUMNS = ("hid",) + CASE_FIELDS
WIRE_EVENT_COLUMNS = ("case_id", "id", "seq", "kind", "actor", "actor_role", "at", "from_state", "to_state",
                      "reason", "payload")
_LOCAL_ONLY = ("caller_id", "operator_id")

_D = "[0-9]"
_WIRE_TIME = f"{_D * 4}-{_D * 2}-{_D * 2}T{_D * 2}:[0-5]{_D}:[0-5]{_D}"  # datetime.isoformat(), no fraction
_WIRE_UUID = "-".join("[0-9a-f]" * n for n in (8, 4, 4, 4, 12))  # str(uuid.UUID)


def _time_ok(x: str) -> str:
    """SQL: `x` has the shape of a time as the server writes it (isoformat: seconds, or
    microseconds); its date part is checked against the calendar once per page (_CHECK_SQL)."""
    return (f"(CASE length({x}) WHEN 26 THEN {x} GLOB '{_WIRE_TIME}.{_D * 6}' WHEN 19 THEN {x} GLOB '{_WIRE_TIME}' "
            f"ELSE 0 END AND substr({x}, 12, 2) < '24')")


def _stored_time(x: str) -> str:
    """SQL: the wire time `x` in the stored form, 'YYYY-MM-DD HH:MM:SS.ffffff' (what
    parse_wire_time and SQLAlchemy's DateTime make of it)."""
    return (f"substr({x}, 1, 10) || ' ' || substr({x}, 12, 8) || "
            f"CASE WHEN length({x}) = 19 THEN '.000000' ELSE substr({x}, 20) END")


def _stored_uuid(x: str) -> str:
    return f"replace({x}, '-', '')"


class WireBuilder:
    """Makes a page's wire tables, checked, as the bytes of a small in-memory database.

    One per LocalSyncStore, used by one thread at a time (a lock says so): the sync
    client prepares page k+1 with it while page k is written on the profile's connection.
    The driver binds every value here, in the preparing thread, and the check runs here
    too, so the writing thread only copies the bytes in (`attach`)."""

    def __init__(self) -> None:
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def build(self, cases: list, events: list, payload_texts: bool) -> bytes | None:
        """The wire database of these rows, or None when a value is not in the exact form
        the server writes (or one the driver can't take as it is): the page then goes
        the Python way."""
        with self._lock:
            conn = self._connection()
            try:
                conn.execute("DELETE FROM sync_wire_cases")
                conn.execute("DELETE FROM sync_wire_events")
                conn.executemany(f"INSERT INTO sync_wire_cases VALUES ({', '.join('?' * len(WIRE_CASE_COLUMNS))})",
                                 cases)
                if events:
                    conn.executemany(
                        f"INSERT INTO sync_wire_events VALUES ({', '.join('?' * len(WIRE_EVENT_COLUMNS))})", events)
            except (sqlite3.InterfaceError, sqlite3.ProgrammingError, OverflowError):
                return None
            if conn.execute(_CHECK_TEXTS_SQL if payload_texts else _CHECK_SQL).fetchone()[0] != 0:
                return None
            return conn.serialize()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            conn.execute(f"CREATE TABLE sync_wire_cases ({', '.join(WIRE_CASE_COLUMNS)})")
            conn.execute(f"CREATE TABLE sync_wire_events ({', '.join(WIRE_EVENT_COLUMNS)})")
            self._conn = conn
        return self._conn


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


def _check_sql(payload_texts: bool) -> str:
    # a payload that came as JSON text (a "rows" page) must be a JSON object's text; one that
    # came as an object was written here (raw_value)
    payload = " AND typeof(payload) = 'text' AND json_valid(payload) AND substr(payload, 1, 1) = '{'"
    return (
        "SELECT (SELECT count(*) FROM sync_wire_cases WHERE NOT ("
        + " AND ".join([f"({f} IS NULL OR {_time_ok(f)})" for f in _CASE_TIMES] + ["typeof(version) = 'integer'"])
        + ")) + (SELECT count(*) FROM sync_wire_events WHERE NOT ("
        f"id GLOB '{_WIRE_UUID}' AND typeof(seq) = 'integer' AND at IS NOT NULL AND {_time_ok('at')} "
        "AND typeof(reason) IN ('text', 'null')" + (payload if payload_texts else "") + ")) + (SELECT count(*) FROM ("
        + " UNION ".join([f"SELECT substr({f}, 1, 10) AS d FROM sync_wire_cases" for f in _CASE_TIMES]
                         + ["SELECT substr(at, 1, 10) FROM sync_wire_events"])
        + ") WHERE d IS NOT NULL AND (d < '0001' OR date(d, '+0 days') IS NOT d))")  # each date once: a real one


_CHECK_SQL = _check_sql(False)
_CHECK_TEXTS_SQL = _check_sql(True)


def _case_select() -> tuple[str, str]:
    cols, exprs = [], []
    for f in CASE_FIELDS:
        cols.append(f)
        if f == "id":
            exprs.append("hid")
        elif f in TIME_FIELDS:
            exprs.append(f"CASE WHEN {f} IS NOT NULL THEN {_stored_time(f)} END")
        else:  # merged_into_id, codes and assist_departments come checked from Python
            exprs.append(f)
    cols += _LOCAL_ONLY
    exprs += ["NULL"] * len(_LOCAL_ONLY)
    return ", ".join(cols), ", ".join(exprs)


_CASE_COLS, _CASE_EXPRS = _case_select()
_EVENT_COLS = ", ".join(WIRE_EVENT_COLUMNS)
_EVENT_EXPRS = ", ".join(["case_id", _stored_uuid("id"), "seq", "kind", "actor", "actor_role", _stored_time("at"),
                          "from_state", "to_state", "coalesce(reason, '')", "payload"])


def drop_from_wire(conn: Connection, hids: list[str]) -> None:
    """Take cases (and their events) off the wire tables: they went the row-by-row way."""
    for i in range(0, len(hids), 900):
        chunk = hids[i:i + 900]
        marks = ", ".join("?" * len(chunk))
        conn.exec_driver_sql(f"DELETE FROM {WIRE_CASES} WHERE hid IN ({marks})", tuple(chunk))
        conn.exec_driver_sql(f"DELETE FROM {WIRE_EVENTS} WHERE case_id IN ({marks})", tuple(chunk))


def insert_wire(conn: Connection) -> dict[str, int]:
    """Insert the cases left on the wire tables and their events (all of them new), count
    them in the rollups exactly as the row triggers would; return the new cases per state."""
    first_case = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM main.cases").scalar()
    first_event = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM main.case_events").scalar()
    aside = _set_triggers_aside(conn)
    try:
        conn.exec_driver_sql(f"INSERT INTO main.cases ({_CASE_COLS}) SELECT {_CASE_EXPRS} FROM {WIRE_CASES}")
        conn.exec_driver_sql(f"INSERT INTO main.case_events ({_EVENT_COLS}) SELECT {_EVENT_EXPRS} FROM {WIRE_EVENTS}")
        if aside:
            _count(conn, "main.case_events e JOIN main.cases c ON c.id = e.case_id",
                   f"e.rowid > {int(first_event)}", f"main.cases WHERE rowid > {int(first_case)}")
    finally:
        for sql in aside:
            conn.exec_driver_sql(sql)
    return dict(conn.exec_driver_sql(f"SELECT state, count(*) FROM {WIRE_CASES} GROUP BY state").all())


# -- the Python way (rows already in their stored forms) --------------------------------
def insert_new(conn: Connection, cases: list[dict], events: list[dict]) -> None:
    """Insert new cases and their events (all of them new, rows as dicts of stored
    values) and count them in the rollups exactly as the row triggers would."""
    if not cases and not events:
        return
    first_case = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM main.cases").scalar()
    first_event = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM main.case_events").scalar()
    conn.exec_driver_sql("DROP TABLE IF EXISTS temp.sync_new_cases")
    conn.exec_driver_sql("DROP TABLE IF EXISTS temp.sync_new_events")
    conn.exec_driver_sql("CREATE TEMP TABLE sync_new_cases AS SELECT * FROM main.cases WHERE 0")
    conn.exec_driver_sql("CREATE TEMP TABLE sync_new_events AS SELECT * FROM main.case_events WHERE 0")
    if cases:
        raw_insert(conn, "temp.sync_new_cases", cases)
    if events:
        raw_insert(conn, "temp.sync_new_events", events)
    aside = _set_triggers_aside(conn)
    try:
        if cases:
            cols = ", ".join(cases[0])
            conn.exec_driver_sql(f"INSERT INTO main.cases ({cols}) SELECT {cols} FROM temp.sync_new_cases")
        if events:
            cols = ", ".join(events[0])
            conn.exec_driver_sql(f"INSERT INTO main.case_events ({cols}) SELECT {cols} FROM temp.sync_new_events")
        if aside:
            _count(conn, "main.case_events e JOIN main.cases c ON c.id = e.case_id",
                   f"e.rowid > {int(first_event)}", f"main.cases WHERE rowid > {int(first_case)}")
    finally:
        for sql in aside:
            conn.exec_driver_sql(sql)
    conn.exec_driver_sql("DROP TABLE temp.sync_new_cases")
    conn.exec_driver_sql("DROP TABLE temp.sync_new_events")


def _set_triggers_aside(conn: Connection) -> list[str]:
    """Drop the replaced triggers when they are exactly what console.rollups writes;
    return their CREATE statements ([] when nothing was set aside)."""
    installed = dict(conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (%s)"
        % ", ".join(f"'{n}'" for n in _REPLACED)).all())
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
