"""raw_insert stores each value as SQLAlchemy (raw_value) would, whatever mix a column holds."""
from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import create_engine

from sync.rawsql import raw_insert, raw_value


class Stamp(datetime):
    """A datetime subclass: not the exact type, so it goes raw_value's way."""


def test_raw_insert_stores_what_raw_value_gives():
    rows = [
        {"a": uuid.uuid4(), "b": datetime(2026, 11, 28, 0, 10, 17), "c": {"x": ["北", 1]}, "d": True, "e": "s"},
        {"a": None, "b": Stamp(2026, 11, 28, 0, 10, 17, 5), "c": [1, "2"], "d": False, "e": 3},
        {"a": uuid.uuid4(), "b": None, "c": None, "d": None, "e": None},
        {"a": "plain", "b": date(2026, 11, 28).isoformat(), "c": "text", "d": 1, "e": 2.5},
    ]
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (a, b, c, d, e)")
        raw_insert(conn, "t", rows)
        got = conn.exec_driver_sql("SELECT a, b, c, d, e FROM t ORDER BY rowid").all()
    expected = [tuple(raw_value(v) for v in r.values()) for r in rows]
    assert [tuple(r) for r in got] == expected
    assert got[1][1] == "2026-11-28 00:10:17.000005" and got[0][3] == 1 and isinstance(got[0][3], int)
