"""One process at a time changes the central schema: a lock the database's users share.

Any number of server processes (`central serve --workers N`, several hosts, a
`central add-user` run while the server starts) may open one database at
once. Each one checks the schema and migrates it under this lock, so the
migrations (and the first epoch) run exactly once and the others, once they
hold the lock, find the schema at head and go on.

- PostgreSQL: a session advisory lock on a connection of its own, held until
  the migrating transaction committed; PostgreSQL frees it should the
  process die.
- SQLite: an exclusive lock on the file `DB-migrate.lock` beside the
  database (fcntl, or msvcrt on Windows); the operating system frees it
  should the process die.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

log = logging.getLogger(__name__)
MIGRATION_LOCK_KEY = 12345_0013  # pg_advisory_lock key; db.py's write lock has another


@contextmanager
def schema_lock(engine: Engine) -> Iterator[None]:
    """Hold the database's schema lock (waiting for it) while the block runs."""
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine):
            yield
        return
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        yield  # a database of this process alone (or a URI the lock file can't be put beside)
        return
    with _file_lock(Path(f"{database}-migrate.lock")):
        yield


@contextmanager
def _advisory_lock(engine: Engine) -> Iterator[None]:
    with engine.connect() as conn:
        got = conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
        if not got:
            log.info("waiting for another server process to finish checking or migrating the schema")
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
        conn.commit()  # the lock is the session's: no transaction stays open beside the migration
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY})
            conn.commit()


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)  # beside the database: owner-only like it
    try:
        _lock_fd(fd, path)
        try:
            yield
        finally:
            _unlock_fd(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt

    def _lock_fd(fd: int, path: Path) -> None:
        while True:  # msvcrt's blocking lock gives up after 10 s: wait as long as the other takes
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                time.sleep(0.1)

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock_fd(fd: int, path: Path) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("waiting for another process to finish checking or migrating %s", path.name)
            fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
