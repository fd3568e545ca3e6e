"""Server processes starting together on an empty database: the schema is migrated once.

Each process is a real Python process (spawned) that opens the central database
as `central serve` does; they are released at the same moment by a barrier.
Without the schema lock they run the migrations at once and all but one fail
(on PostgreSQL: duplicate key on `central_alembic_version`'s type).
"""
from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import create_engine, text

from .conftest import PG_MISSING, PG_SKIP, PG_URL, _fresh_postgres

PROCESSES = 4


def _open_at_once(url: str, barrier, results) -> None:
    from sync.server.db import open_central
    barrier.wait(timeout=120)
    try:
        db = open_central(url)
        results.put(("ok", db.meta("epoch")))
        db.close()
    except Exception as exc:  # reported to the test, which shows it
        results.put(("failed", f"{type(exc).__name__}: {exc}"))


def _start_together(url: str) -> list[tuple[str, str]]:
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(PROCESSES), ctx.Queue()
    procs = [ctx.Process(target=_open_at_once, args=(url, barrier, results)) for _ in range(PROCESSES)]
    for p in procs:
        p.start()
    try:
        out = [results.get(timeout=180) for _ in procs]
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
    return out


def _assert_one_schema(url: str, out: list[tuple[str, str]]) -> None:
    failed = [msg for status, msg in out if status != "ok"]
    assert not failed, f"{len(failed)} of {PROCESSES} processes failed to open the database: {failed[0]}"
    assert len({epoch for _, epoch in out}) == 1, "the processes made more than one epoch"
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM central_alembic_version")) >= 1
            assert conn.scalar(text("SELECT count(*) FROM meta WHERE key = 'epoch'")) == 1
    finally:
        engine.dispose()


def test_processes_starting_together_on_a_new_sqlite_file_migrate_it_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'central.db'}"
    _assert_one_schema(url, _start_together(url))


@pytest.mark.skipif(PG_MISSING, reason=PG_SKIP)
def test_processes_starting_together_on_an_empty_postgresql_migrate_it_once():
    if not PG_URL:
        pytest.fail("CI runs the PostgreSQL tests: .ci/run must set CENTRAL_TEST_DATABASE_URL")
    _fresh_postgres(PG_URL)
    _assert_one_schema(PG_URL, _start_together(PG_URL))


def test_central_migrate_makes_the_schema_and_workers_need_postgresql(tmp_path, capsys):
    import main
    url = f"sqlite:///{tmp_path / 'central.db'}"
    assert main.main(["central", "migrate", "--db", url]) == 0
    first = capsys.readouterr().out
    assert first.startswith("central schema at ")
    assert main.main(["central", "migrate", "--db", url]) == 0  # at head already: nothing to do, same answer
    assert capsys.readouterr().out == first
    assert main.main(["central", "serve", "--workers", "2", "--db", url, "--no-request-log"]) == 2
    assert "--workers needs PostgreSQL" in capsys.readouterr().err
