"""The one serializer of case snapshots, for pulls, push acknowledgements and case reads.

A snapshot is a case's row (CASE_FIELDS) and its events (EVENT_FIELDS), written as the
JSON text of a page format (protocol.PAGE_FORMATS): an object per case, or a row of
values. Each engine has one serializer: on SQLite, SQLite writes the JSON itself
(json_object / json_array straight from the stored values, no Python object per
value); on PostgreSQL the rows are read with SQLAlchemy Core and written by orjson.
Both write the very same bytes (tests/sync/test_snapshots.py), and both splice each
event's stored payload in as the JSON text it is.

The caller reads within one transaction (CentralDB.read or .write), so a case row and
its events always agree: version N comes with events 1..N.
"""
from __future__ import annotations

import orjson
from sqlalchemy import Connection, Text, select, type_coerce

from models.storage_forms import sql_is_stored_time, sql_wire_time_from_stored

from ..protocol import CASE_FIELDS, EVENT_FIELDS, PAGE_FORMATS, TIME_FIELDS, dumps_text, loads, snapshot_to_row
from .case_rows import CASES, EVENTS

Texts = list[tuple[str, int, str]]  # (case id, version, JSON text)
CHUNK = 900  # ids in one IN list (SQLite allows 999 parameters)
_EVENT_KEYS = [f for f in EVENT_FIELDS if f != "payload"]
_TIME_KEYS = [f for f in CASE_FIELDS if f in TIME_FIELDS]
_BOOL_FIELDS = frozenset({"satisfied", "resolved", "repeat_caller", "confidential", "leader_pick"})


class StoredFormError(ValueError):
    """A stored value is not in the form SQLAlchemy writes (the message names the case, no value)."""


def snapshot_texts(conn: Connection, ids: list[str], fmt: str = "objects") -> Texts:
    """(id, version, JSON text) of each case of `ids` that exists, in page format `fmt`,
    by the serializer of the connection's engine."""
    if fmt not in PAGE_FORMATS:
        raise ValueError(f"unknown page format {fmt!r}")
    serialize = texts_by_sqlite if conn.dialect.name == "sqlite" else texts_by_python
    out: Texts = []
    for i in range(0, len(ids), CHUNK):
        out += serialize(conn, ids[i:i + CHUNK], fmt)
    return out


def snapshots(conn: Connection, ids: list[str]) -> list[dict]:
    """The snapshots of `ids` (those that exist, in that order) as JSON values: what a
    push acknowledgement and a case read carry, the very snapshot a pull serves."""
    by_id = {case_id: text for case_id, _, text in snapshot_texts(conn, ids)}
    return [loads(by_id[c]) for c in dict.fromkeys(ids) if c in by_id]


# -- PostgreSQL: rows read with SQLAlchemy Core, written by orjson --------------------------
_CASE_COLUMNS = [CASES.c[f] for f in CASE_FIELDS]
_EVENT_COLUMNS = [EVENTS.c.case_id, *(EVENTS.c[f] for f in _EVENT_KEYS), type_coerce(EVENTS.c.payload, Text)]


def texts_by_python(conn: Connection, ids: list[str], fmt: str) -> Texts:
    """The serializer of PostgreSQL (it runs on SQLite as well, for the comparison)."""
    events: dict[str, list] = {}
    for case_id, *values, payload in conn.execute(select(*_EVENT_COLUMNS).where(EVENTS.c.case_id.in_(ids))
                                                  .order_by(EVENTS.c.case_id, EVENTS.c.seq)):
        e = dict(zip(_EVENT_KEYS, values, strict=True))
        e["id"], e["at"], e["reason"] = str(e["id"]), e["at"].isoformat(), e["reason"] or ""
        if isinstance(payload, str):  # the stored JSON text (SQLite)
            e["payload"] = payload if payload not in ("null", "") else "{}"
        else:  # PostgreSQL's driver reads the json column itself
            e["payload"] = dumps_text(payload or {})
        events.setdefault(case_id, []).append(e)
    out = []
    for case_row in conn.execute(select(*_CASE_COLUMNS).where(CASES.c.id.in_(ids))):
        snap = dict(zip(CASE_FIELDS, case_row, strict=True))
        for f in _TIME_KEYS:
            if snap[f] is not None:
                snap[f] = snap[f].isoformat()
        snap["id"] = str(snap["id"])
        if snap["merged_into_id"] is not None:
            snap["merged_into_id"] = str(snap["merged_into_id"])
        snap["assist_departments"] = list(snap["assist_departments"] or [])
        snap["events"] = events.get(snap["id"], [])
        if fmt == "rows":  # a row carries each payload as its JSON text
            out.append((snap["id"], snap["version"], dumps_text(snapshot_to_row(snap))))
            continue
        for e in snap["events"]:  # an object carries the payload itself: the stored text spliced in
            e["payload"] = orjson.Fragment(e["payload"])
        out.append((snap["id"], snap["version"], dumps_text(snap)))
    return out


# -- SQLite: the JSON written by SQLite ----------------------------------------------------
def _time_ok_sql(x: str) -> str:
    # SQLAlchemy writes six fraction digits; a time stored without them (it reads those
    # too) is written on the wire the same way, with no fraction
    return f"({sql_is_stored_time(x)} OR {sql_is_stored_time(x + ' || ' + repr('.000000'))})"


def _case_value_sql(f: str) -> str:
    if f in TIME_FIELDS:
        return sql_wire_time_from_stored(f)
    if f in _BOOL_FIELDS:
        return f"json(CASE WHEN {f} IS NULL THEN NULL WHEN {f} THEN 'true' ELSE 'false' END)"
    if f == "assist_departments":
        return "json(CASE WHEN assist_departments IS NULL OR assist_departments = 'null' THEN '[]' " \
               "ELSE assist_departments END)"
    return f


def _case_json_sql(fmt: str) -> str:
    values = [_case_value_sql(f) for f in CASE_FIELDS]
    pairs = ", ".join(f"'{f}', {v}" for f, v in zip(CASE_FIELDS, values, strict=True))
    text = f"json_object({pairs})" if fmt == "objects" else "json_array(" + ", ".join(values) + ")"
    return ("SELECT id, version, " + text + ", "
            + " AND ".join([_time_ok_sql(f) for f in _TIME_KEYS]
                           + ["(assist_departments IS NULL OR substr(assist_departments, 1, 1) IN ('[', 'n'))"])
            + " FROM cases WHERE id IN (%s)")


def _event_json_sql(fmt: str) -> str:
    values = [sql_wire_time_from_stored("at") if f == "at" else "coalesce(reason, '')" if f == "reason" else f
              for f in _EVENT_KEYS]
    payload = "CASE WHEN payload IS NULL OR payload IN ('null', '') THEN '{}' ELSE payload END"
    pairs = ", ".join(f"'{f}', {v}" for f, v in zip(_EVENT_KEYS, values, strict=True))
    # in a row, the payload as its text (a JSON string)
    text = f"json_object({pairs})" if fmt == "objects" else f"json_array({', '.join(values)}, {payload})"
    spliced = payload if fmt == "objects" else "NULL"  # a row carries its payload already
    return ("SELECT case_id, " + text + f", {spliced}, " + _time_ok_sql("at")
            + " AND typeof(payload) IN ('text', 'null') FROM case_events WHERE case_id IN (%s) ORDER BY case_id, seq")


_JSON_SQL = {fmt: (_case_json_sql(fmt), _event_json_sql(fmt)) for fmt in PAGE_FORMATS}


def texts_by_sqlite(conn: Connection, ids: list[str], fmt: str) -> Texts:
    """The serializer of SQLite: each case's JSON written by SQLite's json_object /
    json_array from the stored values, each event's stored payload spliced in as the
    JSON text it is (as a JSON string, in rows). A stored value not in the form
    SQLAlchemy writes raises StoredFormError."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    case_sql, event_sql = _JSON_SQL[fmt]
    if not conn.in_transaction():  # begin it (CentralDB's BEGIN): the cursor below reads in it
        conn.exec_driver_sql("SELECT 1")
    cursor = conn.connection.cursor()  # the rows as the driver's tuples (no Row per value)
    try:
        events: dict[str, list[str]] = {}
        for case_id, text, payload, ok in cursor.execute(event_sql % marks, ids):
            if not ok:
                raise StoredFormError(f"an event of case {case_id} holds a time or payload not in SQLAlchemy's form")
            events.setdefault(case_id, []).append(f'{text[:-1]},"payload":{payload}}}' if fmt == "objects" else text)
        out = []
        for case_id, version, text, ok in cursor.execute(case_sql % marks, ids):
            if not ok:
                raise StoredFormError(f"case {case_id} holds a time or department list not in SQLAlchemy's form")
            tail = f',"events":[{",".join(events.get(case_id, ()))}]}}' if fmt == "objects" else \
                f',[{",".join(events.get(case_id, ()))}]]'
            out.append((case_id, version, text[:-1] + tail))
        return out
    finally:
        cursor.close()

