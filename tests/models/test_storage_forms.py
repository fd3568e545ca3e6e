"""models.storage_forms against what SQLAlchemy itself writes to and reads from SQLite."""
from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from sqlalchemy import Column, DateTime, Integer, MetaData, Table, Uuid, create_engine, insert, select, text

from models import storage_forms as sf

TIMES = [datetime(2026, 12, 3, 9, 5, 7), datetime(2026, 1, 31, 23, 59, 59, 999999),
         datetime(1999, 2, 28, 0, 0, 0, 1), datetime(2026, 6, 1, 12, 0, 0, 500000)]


@pytest.fixture()
def table(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'forms.db'}")
    meta = MetaData()
    t = Table("t", meta, Column("n", Integer, primary_key=True), Column("at", DateTime), Column("uid", Uuid))
    meta.create_all(engine)
    yield engine, t
    engine.dispose()


def test_python_forms_are_what_sqlalchemy_writes(table):
    engine, t = table
    ids = [uuid.uuid4() for _ in TIMES]
    with engine.begin() as conn:
        rows = [{"n": i, "at": at, "uid": u} for i, (at, u) in enumerate(zip(TIMES, ids, strict=True))]
        conn.execute(insert(t), rows)
        raw = conn.execute(text("SELECT at, uid FROM t ORDER BY n")).all()
    assert [r[0] for r in raw] == [sf.stored_time(at) for at in TIMES]
    assert [r[1] for r in raw] == [sf.stored_uuid(u) for u in ids]


def test_sql_forms_round_trip_through_sqlalchemy(table):
    engine, t = table
    ids = [uuid.uuid4() for _ in TIMES]
    with engine.begin() as conn:
        for i, (at, u) in enumerate(zip(TIMES, ids, strict=True)):
            conn.execute(text(f"INSERT INTO t (n, at, uid) VALUES (:n, {sf.sql_stored_time_from_wire(':w')}, "
                              f"{sf.sql_stored_uuid_from_wire(':u')})"), {"n": i, "w": at.isoformat(), "u": str(u)})
        back = conn.execute(select(t.c.at, t.c.uid).order_by(t.c.n)).all()
        assert [(r.at, r.uid) for r in back] == list(zip(TIMES, ids, strict=True))
        wire = conn.execute(text(f"SELECT {sf.sql_wire_time_from_stored('at')} FROM t ORDER BY n")).scalars().all()
        assert wire == [at.isoformat() for at in TIMES]
        ok = conn.execute(text(f"SELECT {sf.sql_is_stored_time('at')} FROM t")).scalars().all()
        assert all(ok)
        assert not conn.execute(text(f"SELECT {sf.sql_is_stored_time(':x')}"), {"x": "2026-12-03T09:05:07"}).scalar()
