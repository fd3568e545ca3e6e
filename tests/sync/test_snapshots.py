"""The server's one serializer per engine (sync/server/snapshots.py).

On SQLite a snapshot's JSON is written by SQLite itself; it must be the very text the
serializer of PostgreSQL writes (SQLAlchemy Core rows and orjson), which runs on
SQLite too for this comparison. A stored value outside SQLAlchemy's form is a clear
error naming the case, never quietly served. And the texts a pull keeps (made ahead
of the pulls for the cases just pushed) are the very texts a pull makes on the spot.
"""
from __future__ import annotations

import asyncio

import pytest

from sync.protocol import CASE_FIELDS, EVENT_FIELDS, PAGE_FORMATS, loads, row_to_snapshot
from sync.server.casebook import Caller
from sync.server.pull import Pulls
from sync.server.snapshots import StoredFormError, snapshot_texts, texts_by_python, texts_by_sqlite

from .pull_data import TRICKY, _filled, _tamper

# these compare with the serializer of SQLite: they run on SQLite only (not parametrized, not skipped)
SQLITE_ONLY = pytest.mark.parametrize("central", ["sqlite"], indirect=True)


def _ids(central) -> list[str]:
    with central.db.read() as conn:
        return [r[0] for r in conn.exec_driver_sql("SELECT id FROM cases")]


@SQLITE_ONLY
def test_both_serializers_write_the_same_text(central, consoles):
    maker = consoles("maker", central.url)
    numbers = _filled(central, maker)
    _tamper(central, numbers)
    ids = _ids(central)
    with central.db.read() as conn:
        made = {fmt: (texts_by_sqlite(conn, ids, fmt), texts_by_python(conn, ids, fmt)) for fmt in PAGE_FORMATS}
        assert sorted(snapshot_texts(conn, ids, "rows")) == sorted(made["rows"][0])  # SQLite's own, on SQLite
    for by_sql, by_python in made.values():
        assert len(by_sql) == len(numbers)
        assert sorted(by_sql) == sorted(by_python)  # the same bytes, case by case
    # a row is the snapshot's values in field order, each payload its JSON text
    by_id = {case_id: loads(text) for case_id, _, text in made["objects"][0]}
    for case_id, _, text in made["rows"][0]:
        assert row_to_snapshot(loads(text), CASE_FIELDS, EVENT_FIELDS) == by_id[case_id]
    snaps = {s["number"]: s for s in by_id.values()}
    assert snaps[numbers[0]]["assist_departments"] == ["HRSS", "URBAN"] and snaps[numbers[0]]["confidential"] is True
    assert snaps[numbers[5]]["satisfied"] is True and snaps[numbers[5]]["resolved"] is False
    assert snaps[numbers[6]]["events"][0]["payload"] == {}
    assert snaps[numbers[4]]["deadline"] and any(len(s["deadline"] or "") == 19 for s in snaps.values())
    assert any(TRICKY[3] in s["description"] for s in snaps.values())


def _one_case(central, consoles) -> None:
    maker = consoles("maker", central.url)
    maker.log("路灯不亮")

    async def push():
        await maker.client.sync_once()
        await maker.client.aclose()
    asyncio.run(push())


@SQLITE_ONLY
def test_a_time_stored_without_its_fraction_is_written_as_python_writes_it(central, consoles):
    _one_case(central, consoles)
    with central.db.write() as conn:  # what SQLAlchemy reads too, though it never writes it
        conn.exec_driver_sql("UPDATE cases SET created_at = substr(created_at, 1, 19)")
    ids = _ids(central)
    with central.db.read() as conn:
        by_sql = texts_by_sqlite(conn, ids, "objects")
        assert by_sql == texts_by_python(conn, ids, "objects")
    assert len(loads(by_sql[0][2])["created_at"]) == 19


@SQLITE_ONLY
def test_a_stored_value_outside_the_form_is_a_clear_error(central, consoles):
    _one_case(central, consoles)
    with central.db.write() as conn:  # no time at all, where a time belongs
        conn.exec_driver_sql("UPDATE cases SET closed_at = '王先生 13800138000'")
        conn.exec_driver_sql("UPDATE cases SET version = version + 1")
    ids = _ids(central)
    with central.db.read() as conn, pytest.raises(StoredFormError) as caught:
        snapshot_texts(conn, ids, "rows")
    assert ids[0] in str(caught.value) and "13800138000" not in str(caught.value)


def test_pushed_cases_are_serialized_ahead_of_the_pulls(central, consoles):
    maker = consoles("maker", central.url)
    numbers = [maker.log(f"路灯不亮{i}") for i in range(3)]
    maker.act(numbers[0], "dispatch", lead_department="URBAN")
    maker.client.pull_format = "objects"  # its own pull after the push leaves the rows texts to the warmer

    async def push():
        await maker.client.sync_once()
        await maker.client.aclose()
    asyncio.run(push())
    book = central.app.state.book
    book.close()  # as the server stops: what the push gave the warmer is serialized
    reader = Caller("op02", "operator")
    on_the_spot = Pulls(central.db).page(reader, 0, 1000, None, "rows")  # a cache of its own, empty
    assert len(loads(on_the_spot)["cases"]) == 3
    # a row changed behind the server's back (same version): the texts made ahead are served
    with central.db.write() as conn:
        conn.exec_driver_sql("UPDATE cases SET description = 'changed behind its back'")
    assert book.pull_text(reader, 0, 1000, None, "rows") == on_the_spot
