"""Database files at rest: a profile's SQLite file, with its -wal and -shm, is readable
by its owner only, whatever the umask, and a file an older release left wider is
tightened when it is opened."""
from __future__ import annotations

import os
import sqlite3

from console.profile import open_profile
from models.db import open_database
from tests.file_modes import db_files, mode, posix_only, umask

pytestmark = posix_only


def test_a_new_profile_is_owner_only(tmp_path):
    with umask(0o022):
        prof = open_profile(tmp_path / "new" / "profile")
    try:
        assert {f.name: mode(f) for f in db_files(prof.db.path)} == {
            "console.db": 0o600, "console.db-wal": 0o600, "console.db-shm": 0o600}
        assert mode(tmp_path / "new" / "profile") == 0o700
    finally:
        prof.close()


def test_an_old_wide_profile_is_tightened_on_open(tmp_path):
    path = tmp_path / "console.db"
    db = open_database(path)
    db.close()
    legacy = sqlite3.connect(path)  # an older release left the file and a live WAL 0644
    legacy.execute("PRAGMA journal_mode=WAL")
    legacy.execute("CREATE TABLE scratch (x)")
    for f in [path, path.with_name("console.db-wal"), path.with_name("console.db-shm")]:
        os.chmod(f, 0o644)
    try:
        db = open_database(path)
        with db.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO scratch VALUES (1)")
        assert [mode(f) for f in db_files(path)] == [0o600, 0o600, 0o600]
        db.close()
    finally:
        legacy.close()
