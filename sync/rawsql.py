"""Rows straight to the SQLite driver, in the form SQLAlchemy stores values there:
the bulk paths of sync (a pulled page on the console, a pushed batch on the
central server) where SQLAlchemy's per-row parameter processing would cost
more than the insert itself."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection

from models.storage_forms import stored_time, stored_uuid

from .protocol import dumps_text


def raw_value(v):
    """A value in the form SQLAlchemy stores it in SQLite (Uuid as 32 hex digits,
    DateTime as ISO text with a space, JSON as text, bool as 0/1)."""
    if isinstance(v, uuid.UUID):
        return stored_uuid(v)
    if isinstance(v, datetime):
        return stored_time(v)
    if isinstance(v, (dict, list)):
        return dumps_text(v)
    if isinstance(v, bool):
        return int(v)
    return v


# the conversion raw_value makes, by the exact type of the value (subclasses go raw_value's way)
_BY_TYPE: dict[type, Callable[[Any], Any]] = {uuid.UUID: stored_uuid, datetime: stored_time, dict: dumps_text,
                                               list: dumps_text, bool: int}


def raw_insert(conn: Connection, table: str, rows: list[dict]) -> None:
    """executemany straight on the driver (no per-row parameter processing); only the
    columns that hold values SQLite can't take as they are (uuids, times, JSON,
    booleans) are converted."""
    cols = list(rows[0])
    convert = []
    for i, c in enumerate(cols):
        sample = next((r[c] for r in rows if r[c] is not None), None)
        if sample is not None and type(sample) not in (str, int, float):
            convert.append(i)
    get = itemgetter(*cols)
    if convert:
        values = []
        by_type = _BY_TYPE.get
        for r in rows:
            v = list(get(r))
            for i in convert:
                x = v[i]
                if x is not None:
                    f = by_type(type(x))
                    v[i] = f(x) if f is not None else raw_value(x)
            values.append(v)
    else:
        values = [get(r) for r in rows]
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    cursor = conn.connection.cursor()  # the transaction's own DB-API connection
    try:
        cursor.executemany(sql, values)
    finally:
        cursor.close()
