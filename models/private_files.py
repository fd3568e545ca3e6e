"""Files only their owner may read: database files, their folders, stored credentials.

A profile holds citizens' names, phones and addresses, and the central database
holds every case of a city, so a database file (and SQLite's `-wal`, `-shm` and
`-journal` beside it, which hold the same pages) is created 0600 and a folder
the program creates 0700, whatever the umask. A file left wider by an older
release is tightened when it is opened. SQLite creates `-wal` and `-shm` with
the main file's mode; the ones already on disk are tightened here because
SQLite only sets the mode of a file it creates.

On Windows the mode bits are not access rules (os.chmod only sets read-only):
there the profile lives in the user's own folder, which other users cannot read.
"""
from __future__ import annotations

import logging
import os
import stat
from logging.handlers import RotatingFileHandler
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
_POSIX = os.name == "posix"
log = logging.getLogger(__name__)


def private_dir(path: Path) -> None:
    """Create `path` (and missing parents) 0700; a folder that already exists keeps its mode,
    since it may be one the user chose and shares on purpose (its files are still 0600)."""
    if path.is_dir():
        return
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if _POSIX:
        os.chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask


def private_sqlite_file(path: Path) -> None:
    """Make sure the SQLite file at `path` exists with mode 0600 before SQLite opens it,
    and tighten its side files (`-wal`, `-shm`, `-journal`) that already exist."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    os.close(fd)
    for name in [path, *(path.with_name(path.name + suffix) for suffix in SQLITE_SIDE_FILES)]:
        tighten(name)


def tighten(path: Path) -> None:
    """Set an existing file's mode to 0600 (nothing when it is missing, or not on POSIX)."""
    if not _POSIX:
        return
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return
    if mode != FILE_MODE:
        try:
            os.chmod(path, FILE_MODE)
        except PermissionError:  # another user's file, shared on purpose: say so, keep working
            log.warning("%s is mode %o and not ours to change; it should be 0600", path, mode)


def write_private(path: Path, data: bytes) -> None:
    """Replace the file at `path` with `data`, atomically, mode 0600 from its first byte."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        tighten(tmp)  # a leftover temporary file of a killed run may have been wider
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose every file is created 0600: a log names logins, case numbers, addresses
    of clients. (Renaming on rotation keeps a file's mode; each new file is opened here.)"""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)
