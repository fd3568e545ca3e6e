"""The pull's SQL paths give exactly what the Python paths give.

(The server's serializers are tested in test_snapshots.py.)
- Console: a pulled page goes through the wire tables (sync/bulk.py, values
  turned into their stored forms by SQL); the rows, versions, counts and
  rollups must be those of the value-by-value Python path
  (`LocalSyncStore.wire_sql = False`), and a page with a value outside the
  server's exact form goes the Python way.
"""
from __future__ import annotations

import asyncio
import copy
import sqlite3
import uuid
from datetime import datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sync import bulk
from sync.protocol import SnapshotRows, loads, parse_wire_time
from sync.rawsql import raw_value
from sync.server.casebook import Caller
from sync.store import LocalSyncStore
from tests.console.test_rollups import db_snapshot as rollups

TRICKY = ['引号"双"和\'单\'', "反斜杠\\n不是换行", "真换行\n制表\t回车\r", "控制\x01\x1f字符", "emoji 🚦🙂", "</script>&amp;",
          "   前后空格   "]


async def _fill(central, maker) -> list[str]:
    """Cases with every kind of value a snapshot carries."""
    numbers = []
    for i, text in enumerate(TRICKY):
        numbers.append(maker.log(f"路灯{text}", caller_name=f"王{text}"[:30], address=f"春熙路{i}号{text}"[:60],
                                 confidential=i % 2 == 0))
    maker.act(numbers[0], "dispatch", lead_department="URBAN", assist_departments=["HRSS", "URBAN"])
    maker.act(numbers[1], "answer", answer='已答复："政策"\\见附件')
    maker.act(numbers[2], "merge", "重复来电", into=numbers[3])
    maker.act(numbers[4], "dispatch", lead_department="URBAN")
    await maker.client.sync_once()
    book = central.app.state.book
    urban = Caller("urban", "liaison", "URBAN")
    book.act(urban, numbers[4], "accept")
    book.act(urban, numbers[4], "reply", "", {"result": "已处理，\"见\"\\附件\n第二行"})
    return numbers


def _filled(central, maker) -> list[str]:
    async def go():
        try:
            return await _fill(central, maker)
        finally:
            await maker.client.aclose()
    return asyncio.run(go())


def _tamper(central, numbers: list[str]) -> None:
    """Values the server's own code would not write but a snapshot may still carry
    (reference codes this console lacks, a merge into a case it never had, no payload)."""
    with central.db.write() as conn:
        def change(number: str, sql: str, *args) -> None:
            case_id = conn.exec_driver_sql("SELECT id FROM cases WHERE number = ?", (number,)).scalar()
            conn.exec_driver_sql(sql.replace(":id", "?"), (*args, case_id))
            # a new version, as every change the server makes (its snapshot texts are kept per version)
            conn.exec_driver_sql("UPDATE cases SET version = version + 1 WHERE id = ?", (case_id,))
            conn.exec_driver_sql("INSERT INTO changes (case_id, lead_department) VALUES (?, NULL)", (case_id,))
        change(numbers[5], "UPDATE cases SET category_code = '9999', district_code = 'XX', lead_department = 'NOPE', "
                           "assist_departments = '[\"NOPE\", \"URBAN\"]', satisfied = 1, resolved = 0 WHERE id = :id")
        change(numbers[6], "UPDATE cases SET merged_into_id = ?, knowledge_article_id = 'kb-1' WHERE id = :id",
               str(uuid.uuid4()))
        change(numbers[6], "UPDATE case_events SET payload = 'null' WHERE case_id = :id AND seq = 1")
        # a time with no fraction (isoformat then writes none), whatever the hour the test runs at
        change(numbers[4], "UPDATE cases SET deadline = '2026-12-07 01:00:00.000000' WHERE id = :id")


def _table(db, sql: str) -> list:
    raw = db.engine.raw_connection()
    try:
        return raw.cursor().execute(sql).fetchall()
    finally:
        raw.close()


def _everything(db) -> dict:
    return {"cases": _table(db, "SELECT * FROM cases ORDER BY id"),
            "events": _table(db, "SELECT * FROM case_events ORDER BY id"),
            "versions": _table(db, "SELECT * FROM sync_case_versions ORDER BY case_id"),
            "counts": _table(db, "SELECT * FROM state_counts WHERE n != 0 ORDER BY state"),
            "rollups": rollups(db)}


@pytest.mark.parametrize("limit,page_format", [(1000, "rows"), (3, "rows"), (1000, "objects"), (3, "objects")])
def test_the_wire_tables_write_what_the_python_way_writes(central, consoles, limit, page_format):
    maker = consoles("maker", central.url)
    numbers = _filled(central, maker)
    if not central.db.is_postgres:
        _tamper(central, numbers)
    fast = consoles("fast", central.url, login="op02", pull_limit=limit)
    slow = consoles("slow", central.url, login="op02", pull_limit=limit)
    fast.client.pull_format = page_format
    slow.client.pull_format = "objects"
    slow.client.store.wire_sql = False
    pages = []
    real_apply = fast.client.store.apply_page
    fast.client.store.apply_page = lambda page, *a: (pages.append(type(page.snaps)), real_apply(page, *a))[1]
    taken = []
    for name, c in (("fast", fast), ("slow", slow)):
        real = c.client.store._apply_rows
        c.client.store._apply_rows = lambda *a, _real=real, _name=name: (taken.append(_name), _real(*a))[1]

    async def scenario():
        await fast.client.sync_once()
        await slow.client.sync_once()
        # one more round: a change to a case both already have goes the row-by-row way on both
        book = central.app.state.book
        book.act(Caller("lead01", "team_lead"), numbers[4], "pick")
        await fast.client.sync_once()
        await slow.client.sync_once()
        for c in (fast, slow):
            await c.client.aclose()
    asyncio.run(scenario())
    assert "fast" not in taken and "slow" in taken
    assert set(pages) == {SnapshotRows if page_format == "rows" else list}
    got = _everything(fast.db)
    assert got == _everything(slow.db)
    assert len(got["cases"]) == len(numbers) and got["rollups"]["rollup_daily"]


def _both_ways_python(central, consoles, page: dict, cases) -> list[LocalSyncStore]:
    """Apply the page (`cases()` makes a fresh copy) with and without the wire tables;
    both must go the Python way and write the same. Returns the two stores."""
    stores = []
    for name, wire in (("fast", True), ("slow", False)):
        store = LocalSyncStore(consoles(name, central.url).db)
        store.wire_sql = wire
        fell_back = []
        real = store._apply_rows
        store._apply_rows = lambda *a, _real=real: (fell_back.append(1), _real(*a))[1]
        store.apply_page(cases(), page["next_cursor"], page["epoch"])
        assert fell_back
        stores.append(store)
    assert _everything(stores[0].db) == _everything(stores[1].db)
    return stores


def test_a_page_outside_the_servers_form_goes_the_python_way(central, consoles):
    maker = consoles("maker", central.url)
    _filled(central, maker)
    page = loads(central.app.state.book.pull_text(Caller("op02", "operator"), 0, 1000, None))
    # what datetime.fromisoformat takes but the server never writes: an offset, a short fraction
    page["cases"][0]["created_at"] = page["cases"][0]["created_at"][:19] + "+08:00"
    page["cases"][1]["events"][0]["at"] = page["cases"][1]["events"][0]["at"][:19] + ".5"
    stores = _both_ways_python(central, consoles, page, lambda: copy.deepcopy(page["cases"]))
    created = _table(stores[0].db, "SELECT created_at FROM cases WHERE number = '%s'" % page["cases"][0]["number"])
    assert created[0][0].endswith(":%s.000000" % page["cases"][0]["created_at"][17:19])  # to UTC, as before


def test_a_rows_page_outside_the_servers_form_goes_the_python_way(central, consoles):
    maker = consoles("maker", central.url)
    _filled(central, maker)
    page = loads(central.app.state.book.pull_text(Caller("op02", "operator"), 0, 1000, None, "rows"))
    rows = page["cases"]
    rows[0][-1][0][-1] = ' {"spaced": "out"} '  # valid JSON, but not the text the server writes
    rows[1][-1][0][-1] = {"not": "text"}
    stores = _both_ways_python(central, consoles, page,
                               lambda: SnapshotRows(copy.deepcopy(rows), page["case_fields"], page["event_fields"]))
    payloads = [p for p, in _table(stores[0].db, "SELECT payload FROM case_events")]
    assert '{"spaced":"out"}' in payloads and '{"not":"text"}' in payloads

    # a row short of a value: a clear error, nothing written, the cursor where it was
    store = LocalSyncStore(consoles("short", central.url).db)
    broken = copy.deepcopy(rows)
    del broken[2][3]
    with pytest.raises(ValueError, match="a case row of"):
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
    """bulk's check takes exactly the times the server writes (isoformat), and its SQL stores
    them as parse_wire_time + SQLAlchemy would; anything else it leaves to Python."""
    db = sqlite3.connect(":memory:")
    try:
        db.execute(f"CREATE TEMP TABLE sync_wire_cases ({', '.join(bulk.WIRE_CASE_COLUMNS)})")
        db.execute(f"CREATE TEMP TABLE sync_wire_events ({', '.join(bulk.WIRE_EVENT_COLUMNS)})")
        for text in (moment.isoformat(), other, other[:10] + moment.isoformat()[10:], moment.isoformat()[:10] + other):
            db.execute("DELETE FROM temp.sync_wire_events")
            db.execute("INSERT INTO temp.sync_wire_events VALUES (?, ?, 1, 'receive', 'op01', 'operator', ?, NULL, "
                       "NULL, '', '{}')", (uuid.uuid4().hex, str(uuid.uuid4()), text))
            ok = db.execute(bulk._CHECK_SQL).fetchone()[0] == 0
            stored = db.execute(f"SELECT {bulk._stored_time('?1')}", (text,)).fetchone()[0]
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

    def spy(*a):
        raw = store._pull_conn.connection.dbapi_connection
        used.append(raw)
        out = real(*a)
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
    assert set(levels) == {2} and store._pull_conn is None
    # the pages went through their wire tables, let go of before the connection went back to the pool
    assert attached and all(attached)
    assert "wire" not in [row[1] for row in connections[0].execute("PRAGMA database_list")]
    assert len(_table(reader.db, "SELECT id FROM cases")) == len(TRICKY)
