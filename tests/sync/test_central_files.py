"""The central server's SQLite file, with its -wal and -shm, is readable by its owner
only (every case of the city is in it); PostgreSQL keeps its own files."""
from __future__ import annotations

import os

from sync.server.db import open_central
from tests.file_modes import db_files, mode, posix_only, umask

pytestmark = posix_only


def test_the_central_sqlite_database_is_owner_only(tmp_path):
    path = tmp_path / "srv" / "central.db"
    with umask(0o022):
        db = open_central(f"sqlite:///{path}")
    try:
        assert [mode(f) for f in db_files(path)] == [0o600, 0o600, 0o600]
        assert mode(path.parent) == 0o700
    finally:
        db.close()
    for f in path.parent.iterdir():
        os.chmod(f, 0o644)
    db = open_central(str(path))  # a bare path, as `central serve --db FILE` takes it
    try:
        assert mode(path) == 0o600
    finally:
        db.close()
