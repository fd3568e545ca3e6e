"""Make the database file of a released schema, for the upgrade tests.

`python -m tests.models.make_schema_db 0001_initial` writes
tests/models/data/schema_0001_initial.db: the schema at that revision (run by
its own migration, not the current models) with a little data written by
plain SQL. Keep one file per released schema; never regenerate an old one.
"""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from alembic import command

from models.db import alembic_config, make_engine

DATA = Path(__file__).resolve().parent / "data"

ROWS = [
    "INSERT INTO categories (code, parent_code, name, level, keywords, pinyin, initials) VALUES "
    "('13', NULL, '城市管理', 1, '[]', 'chengshiguanli', 'csgl'), "
    "('1301', '13', '占道经营', 2, '[\"摆摊\"]', 'zhandaojingying', 'zdjy')",
    "INSERT INTO districts (code, name, streets, roads, communities) VALUES ('JJ', '锦江区', '[]', '[]', '[]')",
    "INSERT INTO departments (code, name, parent_code, kind, contact_phone, contact_person, responsibilities, "
    "category_codes) VALUES ('URBAN', '市城市管理委员会', NULL, 'city', '028-61880000', '王主任', "
    "'[\"负责占道经营的管理\"]', '[\"1301\"]')",
    "INSERT INTO operators (id, login, name, role, station, department_code, created_at) VALUES "
    "('0f0e0d0c0b0a09080706050403020100', 'op01', '张敏', 'operator', 'A01', NULL, '2026-11-01 01:00:00.000000')",
    "INSERT INTO callers (id, phone, name, first_seen, case_count) VALUES "
    "('1f0e0d0c0b0a09080706050403020100', '13800138000', '张先生', '2026-11-01 01:00:00.000000', 1)",
    "INSERT INTO cases (id, number, station, state, type, urgency, channel, category_code, district_code, address, "
    "description, answer, caller_id, caller_phone, caller_name, lead_department, assist_departments, operator_id, "
    "created_at, updated_at, deadline, sign_deadline, reply_deadline, dispatched_at, repeat_caller, confidential, "
    "supervised, leader_pick, return_count, extension_count, version) VALUES "
    "('2f0e0d0c0b0a09080706050403020100', 'CD-A01-20261101-0001', 'A01', 'dispatched', 'complaint', 'normal', "
    "'phone', '1301', 'JJ', '东大街1号', '门口占道经营', '', '1f0e0d0c0b0a09080706050403020100', '13800138000', "
    "'张先生', 'URBAN', '[]', '0f0e0d0c0b0a09080706050403020100', '2026-11-01 01:00:00.000000', "
    "'2026-11-01 01:10:00.000000', '2026-11-02 10:00:00.000000', '2026-11-02 10:00:00.000000', "
    "'2026-11-18 10:00:00.000000', '2026-11-01 01:10:00.000000', 0, 0, 0, 0, 0, 0, 2)",
    "INSERT INTO case_events (id, case_id, seq, kind, actor, actor_role, at, from_state, to_state, reason, payload) "
    "VALUES ('3f0e0d0c0b0a09080706050403020101', '2f0e0d0c0b0a09080706050403020100', 1, 'receive', 'op01', "
    "'operator', '2026-11-01 01:00:00.000000', 'draft', 'received', '', '{}'), "
    "('3f0e0d0c0b0a09080706050403020102', '2f0e0d0c0b0a09080706050403020100', 2, 'dispatch', 'op01', "
    "'operator', '2026-11-01 01:10:00.000000', 'received', 'dispatched', '', '{\"lead_department\": \"URBAN\"}')",
    "INSERT INTO state_counts (state, n) VALUES ('dispatched', 1)",
    "INSERT INTO case_number_seq (station, day, last) VALUES ('A01', '20261101', 1)",
    "INSERT INTO outbox (seq, op_id, kind, case_id, payload, created_at, status, reason, attempts) VALUES "
    "(1, '4f0e0d0c0b0a09080706050403020100', 'case_event', '2f0e0d0c0b0a09080706050403020100', '{}', "
    "'2026-11-01 01:00:00.000000', 'pending', '', 0)",
    "INSERT INTO settings (key, value) VALUES ('station', 'A01')",
]


def make(revision: str) -> Path:
    path = DATA / f"schema_{revision}.db"
    path.unlink(missing_ok=True)
    engine = make_engine(path)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()
    con = sqlite3.connect(path)
    with con:
        for sql in ROWS:
            con.execute(sql)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    return path


if __name__ == "__main__":
    print(make(sys.argv[1] if len(sys.argv) > 1 else "0001_initial"))
