"""The bulk path of a pull: a page of cases this console has never seen (a first
sync, a full resync), written with a few set-based statements.

Rows go through a temporary table first and then into `cases` / `case_events`
with one INSERT ... SELECT each: SQLite then keeps its cursors on the thirty
queue indexes of `cases` open for the whole page instead of opening them again
for every row.

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

from sqlalchemy import Connection

from console import rollups

from .rawsql import raw_insert

# the row triggers the set-based counting below replaces: name -> the table they fire on
_REPLACED = {"trg_rollup_event": "case_events", "trg_rollup_open_ins": "cases"}


def insert_new(conn: Connection, cases: list[dict], events: list[dict], periods) -> None:
    """Insert new cases and their events (all of them new) and count them in the
    rollups exactly as the row triggers would."""
    if not cases and not events:
        return
    conn.exec_driver_sql("DROP TABLE IF EXISTS temp.sync_new_cases")
    conn.exec_driver_sql("DROP TABLE IF EXISTS temp.sync_new_events")
    conn.exec_driver_sql("CREATE TEMP TABLE sync_new_cases AS SELECT * FROM main.cases WHERE 0")
    conn.exec_driver_sql("CREATE TEMP TABLE sync_new_events AS SELECT * FROM main.case_events WHERE 0")
    if cases:
        raw_insert(conn, "temp.sync_new_cases", cases)
    if events:
        raw_insert(conn, "temp.sync_new_events", events)
    aside = _set_triggers_aside(conn, periods)
    try:
        if cases:
            cols = ", ".join(cases[0])
            conn.exec_driver_sql(f"INSERT INTO main.cases ({cols}) SELECT {cols} FROM temp.sync_new_cases")
        if events:
            cols = ", ".join(events[0])
            conn.exec_driver_sql(f"INSERT INTO main.case_events ({cols}) SELECT {cols} FROM temp.sync_new_events")
        if aside:
            _count(conn, periods)
    finally:
        for sql in aside:
            conn.exec_driver_sql(sql)
    conn.exec_driver_sql("DROP TABLE temp.sync_new_cases")
    conn.exec_driver_sql("DROP TABLE temp.sync_new_events")


def _set_triggers_aside(conn: Connection, periods) -> list[str]:
    """Drop the replaced triggers when they are exactly what console.rollups writes;
    return their CREATE statements ([] when nothing was set aside)."""
    installed = dict(conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (%s)"
        % ", ".join(f"'{n}'" for n in _REPLACED)).all())
    if set(installed) != set(_REPLACED):
        return []  # no rollups here (or a bulk load has them down): nothing counts these rows
    expected = {n: sql for sql in rollups.trigger_ddl(periods) for n in _REPLACED if f"TRIGGER {n} " in sql}
    if any(installed[n] != expected.get(n) for n in _REPLACED):
        return []  # not the triggers this code knows how to replace: let them count
    for name in _REPLACED:
        conn.exec_driver_sql(f"DROP TRIGGER {name}")
    return [installed[n] for n in _REPLACED]


def _count(conn: Connection, periods) -> None:
    """What trg_rollup_event and trg_rollup_open_ins add for the rows in the temp tables."""
    # a trigger on a pulled event reads the case row written just before it: the final snapshot
    rollups.add_events(conn.exec_driver_sql, "temp.sync_new_events e JOIN main.cases c ON c.id = e.case_id", periods)
    conn.exec_driver_sql(
        "INSERT INTO rollup_open (department, state, n) SELECT coalesce(lead_department, '') AS k0, state AS k1, "
        "count(*) FROM temp.sync_new_cases WHERE true GROUP BY k0, k1 "
        "ON CONFLICT(department, state) DO UPDATE SET n = n + excluded.n")
