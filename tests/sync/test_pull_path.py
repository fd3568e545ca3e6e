"""One pull path on the console (issue 13, point 1): whatever the page's format and
size, and for acknowledgements too, a pulled case is decoded once (sync/decode.py),
checked once, and written by one set-based writer (new cases) or one rebase (cases
the console has). The oracle here is the server's snapshot read value by value in
Python and stored the way SQLAlchemy stores it."""
from __future__ import annotations

import asyncio
import copy
import sqlite3
import threading
import uuid
from datetime import datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, select

from models import Case, CaseEvent, Category, Department, District
from models.storage_forms import sql_stored_time_from_wire
from sync import bulk
from sync.protocol import CASE_FIELDS, TIME_FIELDS, SnapshotRows, loads, parse_wire_time
from sync.rawsql import raw_value
from sync.server.casebook import Caller
from sync.store import LocalSyncStore
from tests.sync.pull_data import TRICKY, _everything, _filled, _table, _tamper

READER = Caller("op02", "operator")



def _pull(central, caller, cursor, limit, epoch, fmt="objects") -> dict:
    """A page as the server serves it (its JSON text, read back)."""
    return loads(central.app.state.book.pull_text(caller, cursor, limit, epoch, fmt))

def _expected(central, db) -> dict:
    """Every case the server has, as this console must hold it: the snapshot's values
    parsed one by one in Python, with the console's rules (codes it lacks taken out, a
    merge into a case it lacks forgotten)."""
    snaps = _pull(central, READER, 0, 1000, None)["cases"]
    with db.session() as s:
        cats, dists = set(s.scalars(select(Category.code))), set(s.scalars(select(District.code)))
        depts = set(s.scalars(select(Department.code)))
    ids = {uuid.UUID(snap["id"]) for snap in snaps}
    out = {}
    for snap in snaps:
        case = {}
        for f in CASE_FIELDS:
            v = snap[f]
            if f in TIME_FIELDS:
                v = parse_wire_time(v)
            elif f == "id" or (f == "merged_into_id" and v):
                v = uuid.UUID(v)
            out_of = {"category_code": cats, "district_code": dists, "lead_department": depts}.get(f)
            if out_of is not None and v not in out_of:
                v = None
            case[f] = v
        case["assist_departments"] = [d for d in snap["assist_departments"] or [] if d in depts]
        if case["merged_into_id"] not in ids:
            case["merged_into_id"] = None
        case["events"] = [(uuid.UUID(e["id"]), e["seq"], e["kind"], e["actor"], e["actor_role"],
                           parse_wire_time(e["at"]), e["from_state"], e["to_state"], e["reason"] or "",
                           e["payload"] or {}) for e in snap["events"]]
        out[case["id"]] = case
    return out


def _forgotten_merges(central, expected: dict, console) -> dict:
    """A case merged into one that comes on a later page of the same pull is kept without
    that link (the link must name a case the console has when the page commits)."""
    here, forgotten, cursor = set(), set(), 0
    while True:
        page = _pull(central, READER, cursor, console.client.pull_limit, None)
        ids = {uuid.UUID(snap["id"]) for snap in page["cases"]}
        here |= ids
        for snap in page["cases"]:
            cid = uuid.UUID(snap["id"])
            forgotten.discard(cid)
            if snap["merged_into_id"] and uuid.UUID(snap["merged_into_id"]) not in here:
                forgotten.add(cid)
        cursor = page["next_cursor"]
        if not page["more"]:
            break
    return {cid: case | {"merged_into_id": None} if cid in forgotten else case for cid, case in expected.items()}


def _held(db) -> dict:
    """The console's cases read back through SQLAlchemy, and each stored time's raw text."""
    out = {}
    with db.session() as s:
        for c in s.scalars(select(Case)):
            out[c.id] = {f: getattr(c, f) for f in CASE_FIELDS} | {"events": [
                (e.id, e.seq, e.kind, e.actor, e.actor_role, e.at, e.from_state, e.to_state, e.reason, e.payload)
                for e in s.scalars(select(CaseEvent).where(CaseEvent.case_id == c.id).order_by(CaseEvent.seq))]}
    return out


def _raw_times_are_sqlalchemys(db, expected: dict) -> None:
    times = [f for f in CASE_FIELDS if f in TIME_FIELDS]
    for row in _table(db, f"SELECT id, {', '.join(times)} FROM cases"):
        case = expected[uuid.UUID(hex=row[0])]
        assert list(row[1:]) == [raw_value(case[f]) for f in times]


def test_every_format_and_page_size_writes_what_the_server_holds(central, consoles):
    maker = consoles("maker", central.url)
    numbers = _filled(central, maker)
    if not central.db.is_postgres:
        _tamper(central, numbers)  # codes this console lacks, a merge into a case it never had, no payload
    readers = []
    for name, page_format, limit in (("r1000", "rows", 1000), ("r3", "rows", 3), ("o1000", "objects", 1000),
                                     ("o3", "objects", 3)):
        c = consoles(name, central.url, login="op02", pull_limit=limit)
        c.client.pull_format = page_format
        readers.append(c)

    book = central.app.state.book
    seen = []

    async def scenario():
        for c in readers:
            await c.client.sync_once()
        seen.append(_expected(central, readers[0].db))
        seen.append([_held(c.db) for c in readers])
        for c in readers:
            _raw_times_are_sqlalchemys(c.db, seen[0])
        # the cases again, changed: now each is rebased on every console
        book.act(Caller("lead01", "team_lead"), numbers[4], "pick")
        book.act(Caller("lead01", "team_lead"), numbers[0], "supervise", "督办")
        for c in readers:
            await c.client.sync_once()
            await c.client.aclose()
    asyncio.run(scenario())
    expected, held = seen
    assert len(expected) == len(numbers)
    for c, got in zip(readers, held, strict=True):
        assert got == _forgotten_merges(central, expected, c)
    expected = _expected(central, readers[0].db)
    first = _everything(readers[0].db)
    assert first["rollups"]["rollup_daily"] and len(first["cases"]) == len(numbers)
    changed = [cid for cid, case in expected.items() if case["number"] in (numbers[0], numbers[4])]
    for c in readers:
        got = _held(c.db)
        assert [got[cid] for cid in changed] == [expected[cid] for cid in changed]
        if c.client.pull_limit == readers[0].client.pull_limit:
            assert _everything(c.db) == first  # rows, versions, state counts and rollups alike


def test_a_page_outside_the_servers_form_is_read_value_by_value(central, consoles):
    maker = consoles("maker", central.url)
    _filled(central, maker)
    page = _pull(central, READER, 0, 1000, None)
    exact = LocalSyncStore(consoles("exact", central.url).db)
    exact.apply_page(copy.deepcopy(page["cases"]), page["next_cursor"], page["epoch"])
    # what datetime.fromisoformat takes but the server never writes: an offset, a short fraction
    first, second = page["cases"][0], page["cases"][1]
    first["created_at"] = first["created_at"][:19] + "+08:00"
    second["events"][0]["at"] = second["events"][0]["at"][:19] + ".5"
    store = LocalSyncStore(consoles("odd", central.url).db)
    store.apply_page(page["cases"], page["next_cursor"], page["epoch"])
    held, reference = _held(store.db), _held(exact.db)
    case = uuid.UUID(first["id"])
    assert held[case]["created_at"] == parse_wire_time(first["created_at"])  # to UTC
    assert held[uuid.UUID(second["id"])]["events"][0][5] == parse_wire_time(second["events"][0]["at"])
    for cid in reference:  # everything else as the exact page has it
        if cid != case:
            assert held[cid]["number"] == reference[cid]["number"]
    assert len(held) == len(reference)


def test_a_rows_page_outside_the_servers_form_is_read_value_by_value(central, consoles):
    maker = consoles("maker", central.url)
    _filled(central, maker)
    page = _pull(central, READER, 0, 1000, None, "rows")
    rows = page["cases"]
    rows[0][-1][0][-1] = ' {"spaced": "out"} '  # valid JSON, but not the text the server writes
    rows[1][-1][0][-1] = {"not": "text"}
    store = LocalSyncStore(consoles("odd", central.url).db)
    store.apply_page(SnapshotRows(copy.deepcopy(rows), page["case_fields"], page["event_fields"]),
                     page["next_cursor"], page["epoch"])
    payloads = [p for p, in _table(store.db, "SELECT payload FROM case_events")]
    assert '{"spaced":"out"}' in payloads and '{"not":"text"}' in payloads

    # a row short of a value, an event without its time: a clear error, nothing written, the cursor where it was
    for name, spoil, message in (("short", lambda b: b[2].__delitem__(3), "a case row of"),
                                 ("timeless", lambda b: b[2][-1][0].__setitem__(5, None), "without its time")):
        store = LocalSyncStore(consoles(name, central.url).db)
        broken = copy.deepcopy(rows)
        spoil(broken)
        with pytest.raises(ValueError, match=message):
            store.apply_page(SnapshotRows(broken, page["case_fields"], page["event_fields"]), page["next_cursor"],
                             page["epoch"])
        assert _table(store.db, "SELECT count(*) FROM cases") == [(0,)] and store.get("cursor") is None


@example(moment=datetime(2026, 11, 28, 0, 10, 17), other="2026-02-29T00:00:00")
@example(moment=datetime(2026, 11, 28, 0, 10, 17), other="2024-02-29T10:00:00")
@example(moment=datetime(2026, 11, 28, 0, 10, 17), other="2026-04-31T10:00:00")
@example(moment=datetime(2026, 11, 28, 0, 10, 17), other="2026-13-01T00:00:00")
@example(moment=datetime(2026, 11, 28, 0, 10, 17), other="0000-01-01T00:00:00")
@example(moment=datetime(2026, 11, 28, 0, 10, 17), other="2026-11-28T24:00:00")
@example(moment=datetime(2026, 11, 28, 0, 10, 17), other="2026-11-28T00:10:17.5")
@example(moment=datetime(2026, 11, 28, 0, 10, 17), other="2026-11-28 00:10:17")
@example(moment=datetime(2026, 11, 28, 0, 10, 17), other="2026-11-28T00:10:17+08:00")
@example(moment=datetime(2026, 11, 28, 0, 10, 17), other="2026-11-00T00:00:00.000000")
@settings(max_examples=300, deadline=None)
@given(moment=st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59, 999999)),
       other=st.text(alphabet="0123456789-T:. +Z", min_size=0, max_size=28))
def test_sql_reads_a_wire_time_as_python_does(moment, other):
    """The wire check takes exactly the times the server writes (isoformat), and the SQL
    stores them as parse_wire_time + SQLAlchemy would; anything else is read in Python."""
    db = sqlite3.connect(":memory:")
    try:
        db.execute(f"CREATE TEMP TABLE sync_wire_cases ({', '.join(bulk.WIRE_CASE_COLUMNS)})")
        db.execute(f"CREATE TEMP TABLE sync_wire_events ({', '.join(bulk.WIRE_EVENT_COLUMNS)})")
        for text in (moment.isoformat(), other, other[:10] + moment.isoformat()[10:], moment.isoformat()[:10] + other):
            db.execute("DELETE FROM temp.sync_wire_events")
            db.execute("INSERT INTO temp.sync_wire_events VALUES (?, ?, 1, 'receive', 'op01', 'operator', ?, NULL, "
                       "NULL, '', '{}')", (uuid.uuid4().hex, str(uuid.uuid4()), text))
            ok = db.execute(bulk.CHECK_SQL).fetchone()[0] == 0
            stored = db.execute(f"SELECT {sql_stored_time_from_wire('?1')}", (text,)).fetchone()[0]
            try:
                parsed = parse_wire_time(text)
            except ValueError:
                parsed = None
            if ok:
                assert parsed is not None and stored == raw_value(parsed), text
            if text == moment.isoformat():
                assert ok, text
    finally:
        db.close()


def test_a_pull_applies_its_pages_on_one_connection_and_puts_it_back_as_it_was(central, consoles):
    maker = consoles("maker", central.url)
    _filled(central, maker)
    reader = consoles("reader", central.url, login="op02", pull_limit=3)
    store = reader.client.store
    used, attached = [], []
    real = store.apply_page
    applying = threading.local()  # the connection a page's transaction began on, in the thread applying it

    def began(conn):
        if getattr(applying, "page", False):
            applying.raw = conn.connection.dbapi_connection
    event.listen(reader.db.engine, "begin", began)

    def spy(*a):
        applying.page, applying.raw = True, None
        try:
            out = real(*a)
        finally:
            applying.page = False
        raw = applying.raw
        assert raw is not None
        used.append(raw)
        used.append(raw.execute("PRAGMA synchronous").fetchone()[0])  # FULL again after each page
        attached.append("wire" in [row[1] for row in raw.execute("PRAGMA database_list")])
        return out
    store.apply_page = spy

    async def go():
        await reader.client.sync_once()
        await reader.client.aclose()
    asyncio.run(go())
    connections, levels = used[0::2], used[1::2]
    assert len(connections) > 2 and all(c is connections[0] for c in connections)
    assert set(levels) == {2} and reader.db.engine.pool.checkedout() == 0
    # the pages went through their wire tables, let go of before the connection went back to the pool
    assert attached and all(attached)
    assert "wire" not in [row[1] for row in connections[0].execute("PRAGMA database_list")]
    assert len(_table(reader.db, "SELECT id FROM cases")) == len(TRICKY)


def test_an_acknowledgement_goes_the_pull_path(central, consoles):
    """The cases a push's answer carries are written like a pulled page: a merged edit the
    server did not record leaves no event; the copy equals the server's."""
    a = consoles("a", central.url)
    number = a.log("噪音扰民", address="春熙路1号")

    async def scenario():
        await a.client.sync_once()
        central.app.state.book.act(Caller("op02", "operator"), number, "edit", "",
                                   {"fields": {"address": "春熙路2号"}})
        a.act(number, "edit", fields={"address": "春熙路3号"})  # every field changed on the server: not recorded
        report = await a.client.sync_once()
        await a.client.aclose()
        return report
    report = asyncio.run(scenario())
    assert report.merged == 1 and report.conflicts == 1
    held = _held(a.db)
    # the server's receive and op02's edit; a's own edit is gone
    assert [(e[2], e[3]) for e in next(iter(held.values()))["events"]] == [("receive", "op01"), ("edit", "op02")]
    assert next(iter(held.values()))["address"] == "春熙路2号"
    assert held == _expected(central, a.db)
