"""What a bulk load (the demo's) sets aside, written down so that a killed load loses
nothing: the indexes and triggers it drops, and the rollup counts it parks.

A load drops DDL and records it in the same transaction (`set_aside`) and makes it
again when it ends (`restore`); `recover`, run whenever a profile is opened, makes
again whatever a killed load could not, and folds the rollup counts it parked
(console.rollups.fold_pending). The cursors here are DB-API cursors outside any
transaction; each step is a transaction of its own.
"""
from __future__ import annotations

import json
import logging

from . import rollups

log = logging.getLogger(__name__)

_KEY = "bulk_load_dropped_ddl"


def set_aside(cur, objects: list[tuple[str, str, str]]) -> list[str]:
    """Drop (kind, name, sql) objects, recording their DDL in the same transaction; returns the DDL."""
    ddl = [sql for _kind, _name, sql in objects]
    if objects:
        cur.execute("BEGIN")
        _record(cur, _recorded(cur) + ddl)
        for kind, name, _sql in objects:
            cur.execute(f'DROP {kind.upper()} "{name}"')
        cur.execute("COMMIT")
    return ddl


def restore(cur, ddl: list[str]) -> None:
    """Make the set-aside objects again, each in the transaction that strikes it from the
    record; `ddl` empties as they are made."""
    while ddl:
        sql = ddl[0]
        cur.execute("BEGIN")
        if not _exists(cur, sql):
            cur.execute(sql)
        _record(cur, [s for s in _recorded(cur) if s != sql])
        cur.execute("COMMIT")
        ddl.pop(0)


def recover(cur) -> None:
    """After a load that was killed: make its recorded DDL again, write the callers and case
    number counters it writes only at its end, and fold its parked counts."""
    recorded = _recorded(cur)
    if recorded:  # a load was running: it always sets the rollup triggers aside
        log.warning("a bulk load of this profile was interrupted: rebuilding the %d indexes and triggers "
                    "it set aside, its callers and its rollup counts", len(recorded))
        cur.execute("BEGIN")
        _repair_callers_and_numbers(cur)
        cur.execute("COMMIT")
    restore(cur, recorded)
    if cur.execute("SELECT 1 FROM rollup_pending LIMIT 1").fetchone():
        cur.execute("BEGIN")
        rollups.fold_pending(cur)
        cur.execute("COMMIT")


def _repair_callers_and_numbers(cur) -> None:
    cur.execute("INSERT INTO callers (id, phone, name, first_seen, case_count) "
                "SELECT caller_id, caller_phone, max(caller_name), min(created_at), 0 FROM cases "
                "WHERE caller_id IS NOT NULL AND caller_id NOT IN (SELECT id FROM callers) GROUP BY caller_id "
                "ON CONFLICT DO NOTHING")
    cur.execute("UPDATE callers SET case_count = (SELECT count(*) FROM cases WHERE caller_id = callers.id)")
    # CD-A01-20261127-0042: the day is the 8 digits before the last '-', the counter after it
    cur.execute("INSERT INTO case_number_seq (station, day, last) "
                "SELECT station, substr(p, length(p) - 8, 8), max(CAST(substr(number, length(p) + 1) AS INTEGER)) "
                "FROM (SELECT station, number, rtrim(number, '0123456789') AS p FROM cases "
                "      WHERE number NOT LIKE '%~%') WHERE p LIKE '%-' GROUP BY 1, 2 "
                "ON CONFLICT(station, day) DO UPDATE SET last = max(last, excluded.last)")


def _recorded(cur) -> list[str]:
    row = cur.execute("SELECT value FROM settings WHERE key = ?", (_KEY,)).fetchone()
    return json.loads(row[0]) if row else []


def _record(cur, ddl: list[str]) -> None:
    if ddl:
        cur.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (_KEY, json.dumps(ddl)))
    else:
        cur.execute("DELETE FROM settings WHERE key = ?", (_KEY,))


def _exists(cur, sql: str) -> bool:
    """Whether the object a stored 'CREATE [UNIQUE] INDEX|TRIGGER name ...' makes is there."""
    words = sql.split()
    name = words[words.index("INDEX" if "INDEX" in words[:3] else "TRIGGER") + 1].strip('"')
    return cur.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None
