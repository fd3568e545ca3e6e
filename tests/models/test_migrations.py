"""Schema migrations: a new file is built by the migrations, an old one upgraded,
a foreign or damaged file refused with a plain message."""
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from console.intake import CallRecord
from console.profile import open_profile
from models import Base
from models.db import StoreError, head_revisions, open_database

DATA = Path(__file__).resolve().parent / "data"
RELEASED = sorted(DATA.glob("schema_*.db"))


def _heads(path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT version_num FROM alembic_version")}
    finally:
        con.close()


def test_a_new_database_is_created_at_the_heads_with_the_pragmas(tmp_path):
    db = open_database(tmp_path / "new.db")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.close()
    assert _heads(tmp_path / "new.db") == head_revisions()


def test_migrations_match_the_models(tmp_path):
    db = open_database(tmp_path / "new.db")
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.close()
    # Objects that migrations make in raw SQL are not declared on the models: FTS tables and
    # their shadow tables, rollup tables, and the queue's partial indexes (whose WHERE text must
    # match the queries' text). Everything the models declare must exist as declared.
    diff = [d for d in diff if d[0] not in ("remove_table", "remove_index")]
    assert diff == []


@pytest.mark.parametrize("released", RELEASED, ids=[p.stem for p in RELEASED])
def test_each_released_schema_upgrades_and_keeps_its_data(tmp_path, released):
    folder = tmp_path / "old"
    folder.mkdir()
    shutil.copy(released, folder / "console.db")
    prof = open_profile(folder)
    try:
        assert _heads(folder / "console.db") == head_revisions()
        old = prof.cases.get("CD-A01-20261101-0001")
        assert old.case.state == "dispatched" and [e.kind for e in old.events] == ["receive", "dispatch"]
        new = prof.intake.log_call(CallRecord(type="complaint", category_code="1301", district="JJ",
                                              address="东大街2号", description="又有人占道摆摊"), prof.actor("op01"))
        assert new.state == "received"
    finally:
        prof.close()


def test_there_is_a_file_for_the_first_schema():
    assert (DATA / "schema_0001_initial.db").exists()


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    bad = tmp_path / "console.db"
    bad.write_bytes(b"this is a spreadsheet, not a database" * 100)
    with pytest.raises(StoreError, match="not an SQLite database"):
        open_database(bad)
    assert bad.read_bytes().startswith(b"this is a spreadsheet")  # untouched


def test_an_sqlite_file_of_another_program_is_refused(tmp_path):
    other = tmp_path / "console.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="another program"):
        open_database(other)


def test_a_damaged_file_is_refused(tmp_path):
    db = open_database(tmp_path / "console.db")
    db.close()
    path = tmp_path / "console.db"
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError):
        open_database(path)


def test_a_newer_schema_is_refused(tmp_path):
    db = open_database(tmp_path / "console.db")
    db.close()
    con = sqlite3.connect(tmp_path / "console.db")
    con.execute("DELETE FROM alembic_version")
    con.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer release"):
        open_database(tmp_path / "console.db")
