"""Where the program logs: standard error, and a rotating file the operator can send in.

The file is `console.log` (1 MB, five old files kept), created 0600 in:
- `HOTLINE_LOG_DIR` when set (a counter PC's administrator may want one place);
- else `<profile>/logs/` when the profile folder is given with `--data-dir`
  (a demo or a second profile keeps its own log beside its data);
- else the platform's log folder (platformdirs: `~/.local/state/hotline-console/log`
  on Linux, `%LOCALAPPDATA%\\hotline-console\\Logs` on Windows).

Levels: standard error shows warnings, the file keeps INFO and up; `--verbose`
makes both DEBUG. Every record is scrubbed of personal data where it is made
(console.log_scrub installs the record factory); the file's formatter scrubs
the finished line once more, so a handler added later cannot leak through it.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from models.private_files import PrivateRotatingFileHandler, private_dir

from .log_scrub import install_log_scrubbing, scrub_log_text

APP_NAME = "hotline-console"
FILE_NAME = "console.log"
LOG_DIR_ENV = "HOTLINE_LOG_DIR"
MAX_BYTES = 1024 * 1024
BACKUPS = 5
QUIET_AT_INFO = ("httpx", "httpcore")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _CurrentStderr(logging.StreamHandler):
    """Writes to whatever sys.stderr is when a record comes (a test's capture, a redirect)."""

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


class ScrubbingFormatter(logging.Formatter):
    """A formatter whose finished text (message and traceback) is scrubbed of personal data."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub_log_text(super().format(record))


def log_folder(data_dir: Path | None, environ=os.environ) -> Path:
    """The folder of the log file (see the module's docstring for the order)."""
    if environ.get(LOG_DIR_ENV):
        return Path(environ[LOG_DIR_ENV])
    if data_dir is not None:
        return Path(data_dir) / "logs"
    from platformdirs import user_log_dir
    return Path(user_log_dir(APP_NAME, appauthor=False))


def _ours(handler: logging.Handler) -> bool:
    return getattr(handler, "hotline_log", False)


def setup_logging(verbose: bool = False, data_dir: Path | None = None, to_file: bool = True) -> Path | None:
    """Standard error and (with `to_file`) the log file for this process; returns the file's path,
    or None when there is no file (not asked for, or its folder can't be written: then a warning
    says so and the program goes on). Called again, it replaces what it set up before."""
    install_log_scrubbing()
    root = logging.getLogger()
    for handler in [h for h in root.handlers if _ours(h)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for chatty in QUIET_AT_INFO:  # a line per HTTP request: only with --verbose
        logging.getLogger(chatty).setLevel(logging.NOTSET if verbose else logging.WARNING)
    if sys.stderr is not None:  # None under pythonw (the hotline-console command on Windows)
        err = _CurrentStderr()
        err.setLevel(logging.DEBUG if verbose else logging.WARNING)
        err.setFormatter(ScrubbingFormatter(FORMAT))
        err.hotline_log = True  # type: ignore[attr-defined]
        root.addHandler(err)
    if not to_file:
        return None
    folder = log_folder(data_dir)
    path = folder / FILE_NAME
    try:
        private_dir(folder)
        handler = PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError as exc:
        logging.getLogger(__name__).warning("no log file: cannot write %s (%s)", path, exc.strerror)
        return None
    handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    handler.setFormatter(ScrubbingFormatter(FORMAT))
    handler.hotline_log = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path


def current_log_file() -> Path | None:
    """The log file setup_logging opened in this process, if any (the error banner names it)."""
    for handler in logging.getLogger().handlers:
        if _ours(handler) and isinstance(handler, PrivateRotatingFileHandler):
            return Path(handler.baseFilename)
    return None
