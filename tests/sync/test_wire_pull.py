"""The pull's SQL paths give exactly what the Python paths give.

- Server: on SQLite a snapshot's JSON is written by SQLite's json_object
  (`casebook._sqlite_wire_texts`); it must be the very text the Python rows path
  writes, and a stored value outside the form it relies on sends the rows the
  Python way.

The console's side (one pull path) is tested in test_pull_path.py.
"""
from __future__ import annotations

import asyncio
import uuid

import pytest

from sync.protocol import CASE_FIELDS, EVENT_FIELDS, loads, row_to_snapshot
from sync.server.casebook import Caller, _sqlite_wire_texts
from tests.console.test_rollups import db_snapshot as rollups

TRICKY = ['引号"双"和\'单\'', "反斜杠\\n不是换行", "真换行\n制表\t回车\r", "控制\x01\x1f字符", "emoji 🚦🙂",
          "</script>&amp;", "   前后空格   "]


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


def _sqlite_only(central) -> None:
    if central.db.is_postgres:
        pytest.skip("the json_object path is SQLite's; PostgreSQL keeps the rows path")


def test_sqlite_writes_the_snapshot_text_python_writes(central, consoles):
    _sqlite_only(central)
    maker = consoles("maker", central.url)
    numbers = _filled(central, maker)
    _tamper(central, numbers)
    book = central.app.state.book
    with central.db.read() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM cases")]
        by_sql = _sqlite_wire_texts(conn, ids)
        by_rows = book._wire_texts_rows(conn, ids)
        rows_by_sql = _sqlite_wire_texts(conn, ids, "rows")
        rows_by_python = book._wire_texts_rows(conn, ids, "rows")
    assert len(by_rows) == len(numbers)
    assert sorted(by_sql) == sorted(by_rows)  # the same bytes, case by case
    assert sorted(rows_by_sql) == sorted(rows_by_python)
    # a row is the snapshot's values in field order, each payload its JSON text
    by_id = {case_id: loads(text) for case_id, _, text in by_sql}
    for case_id, _, text in rows_by_sql:
        assert row_to_snapshot(loads(text), CASE_FIELDS, EVENT_FIELDS) == by_id[case_id]
    snaps = {s["number"]: s for s in (loads(t) for _, _, t in by_sql)}
    assert snaps[numbers[0]]["assist_departments"] == ["HRSS", "URBAN"] and snaps[numbers[0]]["confidential"] is True
    assert snaps[numbers[5]]["satisfied"] is True and snaps[numbers[5]]["resolved"] is False
    assert snaps[numbers[6]]["events"][0]["payload"] == {}
    assert snaps[numbers[4]]["deadline"] and any(len(s["deadline"] or "") == 19 for s in snaps.values())
    assert any(TRICKY[3] in s["description"] for s in snaps.values())


def test_a_stored_value_outside_the_form_goes_the_python_way(central, consoles):
    _sqlite_only(central)
    maker = consoles("maker", central.url)
    maker.log("路灯不亮")

    async def push():
        await maker.client.sync_once()
        await maker.client.aclose()
    asyncio.run(push())
    book = central.app.state.book
    with central.db.write() as conn:  # a time written without its fraction (an older writer)
        conn.exec_driver_sql("UPDATE cases SET created_at = substr(created_at, 1, 19)")
    with central.db.read() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM cases")]
        assert _sqlite_wire_texts(conn, ids) is None
        assert book._wire_texts(conn, ids) == book._wire_texts_rows(conn, ids)
        assert len(loads(book._wire_texts(conn, ids)[0][2])["created_at"]) == 19



def test_pushed_cases_are_serialized_ahead_of_the_pulls(central, consoles):
    import time
    maker = consoles("maker", central.url)
    numbers = [maker.log(f"路灯不亮{i}") for i in range(3)]
    maker.act(numbers[0], "dispatch", lead_department="URBAN")
    maker.client.pull_format = "objects"  # its own pull after the push leaves the rows texts to the warmer

    async def push():
        await maker.client.sync_once()
        await maker.client.aclose()
    asyncio.run(push())
    book = central.app.state.book
    for _ in range(200):
        if not book._warming:
            break
        time.sleep(0.05)
    with central.db.read() as conn:
        heads = conn.exec_driver_sql("SELECT id, version FROM cases").all()
    assert len(heads) == 3 and all((case_id, version, "rows") in book._wire_cache for case_id, version in heads)
    reader = Caller("op02", "operator")
    warm = book.pull_text(reader, 0, 1000, None, "rows")
    book._wire_cache.clear()
    assert book.pull_text(reader, 0, 1000, None, "rows") == warm  # the same page as one made on the spot
