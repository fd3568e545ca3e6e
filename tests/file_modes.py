"""Helpers for the tests of files at rest: modes, a umask, a SQLite file's WAL files."""
from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from pathlib import Path

import pytest

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX; on Windows the profile lives "
                                "in the user's own folder (docs/central-server.md)")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def umask(value: int):
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def db_files(path: Path) -> list[Path]:
    """The database file, its -wal and its -shm (all present while it is open)."""
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    assert all(f.exists() for f in files), "the WAL files exist while the database is open"
    return files
