"""Schema migrations: a new file is built by the migrations, an old one upgraded,
a foreign or damaged file refused with a plain message."""
import json
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


def test_old_yes_no_callbacks_and_closes_of_replied_cases_are_carried_into_the_three_levels(tmp_path):
    """0010_callbacks: satisfied yes/no becomes satisfied / dissatisfied; a replied case closed
    without a callback (which older releases allowed anyone to do) is counted as such."""
    folder = tmp_path / "old"
    folder.mkdir()
    shutil.copy(DATA / "schema_0001_initial.db", folder / "console.db")
    con = sqlite3.connect(folder / "console.db")
    old = con.execute("SELECT * FROM cases").fetchone()
    cols = [r[1] for r in con.execute("PRAGMA table_info(cases)")]
    row = dict(zip(cols, old, strict=True))
    for i, (satisfied, kinds) in enumerate(((1, ["reply", "callback"]), (0, ["reply", "callback"]),
                                            (None, ["reply", "close"]))):
        case = {**row, "id": f"{i:032x}", "number": f"CD-A01-20261101-01{i}", "state": "closed",
                "satisfied": satisfied, "resolved": satisfied, "replied_at": "2026-11-01 02:00:00.000000"}
        con.execute(f"INSERT INTO cases ({', '.join(case)}) VALUES ({', '.join('?' * len(case))})",
                    list(case.values()))
        events = [("receive", "draft", "received", "{}"), ("dispatch", "received", "dispatched",
                                                           '{"lead_department": "URBAN"}'),
                  ("accept", "dispatched", "accepted", "{}"), ("reply", "accepted", "replied", '{"result": "ok"}')]
        last = kinds[-1]
        answer = json.dumps({"satisfied": bool(satisfied), "resolved": bool(satisfied)})
        events.append((last, "replied", "closed", answer if last == "callback" else "{}"))
        for seq, (kind, a, b, payload) in enumerate(events, 1):
            con.execute("INSERT INTO case_events (id, case_id, seq, kind, actor, actor_role, at, from_state, "
                        "to_state, reason, payload) VALUES (?, ?, ?, ?, 'op01', 'operator', ?, ?, ?, '', ?)",
                        (f"{i:016x}{seq:016x}", case["id"], seq, kind, f"2026-11-01 0{seq}:00:00.000000", a, b,
                         payload))
    con.commit()
    con.close()
    prof = open_profile(folder)
    try:
        from datetime import date

        from console import metrics
        levels = {n: prof.cases.get(n).case.satisfaction for n in ("CD-A01-20261101-010", "CD-A01-20261101-011",
                                                                   "CD-A01-20261101-012")}
        assert levels == {"CD-A01-20261101-010": "satisfied", "CD-A01-20261101-011": "dissatisfied",
                          "CD-A01-20261101-012": None}
        r = metrics.rates(prof.db, metrics.Scope(date(2026, 11, 1), date(2026, 11, 2)))
        assert (r.counts["callbacks"], r.counts["closed_no_callback"]) == (2, 1)
        assert (r.satisfaction.numerator, r.satisfaction.denominator) == (1, 3)
    finally:
        prof.close()


def test_an_old_profiles_units_get_their_level_and_district_and_an_import_adds_the_rest(tmp_path):
    """0014_units_at_every_level: the district governments become district-level units of their
    district; an import (`refdata import --sample` for the sample city) then adds the units below."""
    from console import refdata
    from console.unit_file import import_units
    folder = tmp_path / "old"
    folder.mkdir()
    shutil.copy(DATA / "schema_0001_initial.db", folder / "console.db")
    con = sqlite3.connect(folder / "console.db")  # the file has URBAN only; a district government as released
    con.execute("INSERT INTO departments (code, name, parent_code, kind, contact_phone, contact_person, "
                "responsibilities, category_codes) VALUES ('GOV-JJ', '锦江区人民政府', NULL, 'district', "
                "'028-87752109', '张德华', '[]', '[\"1301\"]')")
    con.commit()
    con.close()
    prof = open_profile(folder)
    try:
        units = {u.code: u for u in refdata.departments(prof.db)}
        assert set(units) == {"URBAN", "GOV-JJ"}
        assert (units["GOV-JJ"].level, units["GOV-JJ"].district_code) == ("district", "JJ")
        assert (units["URBAN"].level, units["URBAN"].district_code) == ("city", None)
        # no responsibility list yet: each listed category leads, with no line to show
        assert refdata.routing(prof.db, "1301", "JJ").lead[0].code == "GOV-JJ"
        # (this small file has a few categories only: a unit file for them, as the sample would be)
        units_file = tmp_path / "units.json"
        units_file.write_text(json.dumps([
            {"code": "URBAN", "name": "市城市管理委员会", "level": "city", "contact_person": "王主任",
             "contact_phone": "028-61880000", "duties": [{"category": "1301", "role": "assist", "duty": "指导"}]},
            {"code": "GOV-JJ", "name": "锦江区人民政府", "level": "district", "district": "JJ",
             "contact_person": "张德华", "contact_phone": "028-87752109"},
            {"code": "JJ-URBAN", "name": "锦江区综合行政执法局", "level": "district", "district": "JJ",
             "parent": "GOV-JJ", "contact_person": "李", "contact_phone": "028-87750000",
             "duties": [{"category": "1301", "role": "lead", "duty": "负责锦江区占道经营的查处"}]}],
            ensure_ascii=False), "utf-8")
        result = import_units(prof.db, units_file)
        assert (result.added, result.updated, result.removed) == (1, 2, 0)
        assert refdata.routing(prof.db, "1301", "JJ").lead[0].code == "JJ-URBAN"
        assert prof.cases.get("CD-A01-20261101-0001").case.lead_department in units  # its unit kept
    finally:
        prof.close()
