"""Cases with every kind of value a snapshot carries, and ways to read a profile back whole:
shared by the pull path's tests (test_pull_path.py) and the server's serializer tests
(test_snapshots.py)."""
from __future__ import annotations

import asyncio
import uuid

from sync.server.casebook import Caller
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
