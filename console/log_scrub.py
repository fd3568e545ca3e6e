"""Personal data kept out of every log record: the message and the traceback.

Installed once per process, as the log record factory, so every record is
scrubbed where it is made, whichever logger or handler (a file, the console,
uvicorn's own, a test's) later writes it. A record's exception is formatted
at once and scrubbed, and the live exception dropped from the record, so no
handler can print it raw.

What goes: phone, ID and card numbers, e-mail and chat ids, plates (the
name-blind `console.redact.scrub`), SQLAlchemy's echoed statement parameters
and a database's DETAIL lines (PostgreSQL prints the whole failing row there,
names and addresses included). The engines are made with
`hide_parameters=True` as well; this is the second line.
"""
from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from collections.abc import Mapping

from .redact import scrub

_PARAMETERS = re.compile(r"\[parameters: [^\n]*")
_DETAIL = re.compile(r"(?m)^(\s*)(DETAIL|Failing row contains)\b[^\n]*")


def scrub_log_text(text: str) -> str:
    """A log line or traceback without personal data."""
    if not text:
        return text
    text = _PARAMETERS.sub("[parameters hidden]", text)
    text = _DETAIL.sub(lambda m: f"{m.group(1)}{m.group(2)}: [hidden]", text)
    return scrub(text)


def _scrub_arg(value):
    # numbers stay numbers (%d, %.1f); anything else is written as text, so it is scrubbed as text
    if isinstance(value, (int, float)) or value is None:
        return value
    return scrub_log_text(value if isinstance(value, str) else str(value))


def _scrub_record(record: logging.LogRecord) -> None:
    # the arguments are scrubbed one by one, not merged into the message: a formatter that reads
    # record.args (uvicorn's access log) keeps working
    if isinstance(record.msg, str):
        record.msg = scrub_log_text(record.msg)
    else:
        record.msg = _scrub_arg(record.msg)
    if isinstance(record.args, Mapping):
        record.args = {k: _scrub_arg(v) for k, v in record.args.items()}
    elif record.args:
        record.args = tuple(_scrub_arg(a) for a in record.args)
    if record.exc_info and record.exc_info[0] is not None:
        record.exc_text = scrub_log_text("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
        record.exc_info = None
    elif record.exc_text:
        record.exc_text = scrub_log_text(record.exc_text)
    if record.stack_info:
        record.stack_info = scrub_log_text(record.stack_info)


def install_log_scrubbing() -> None:
    """Scrub every log record made from now on in this process (idempotent)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "scrubs_personal_data", False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        _scrub_record(record)
        return record

    factory.scrubs_personal_data = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def log_uncaught_exceptions() -> None:
    """Uncaught exceptions (the main thread's and other threads') written through logging, so
    that their tracebacks are scrubbed too. For a program's entry point, not for a library:
    it replaces sys.excepthook and threading.excepthook."""
    log = logging.getLogger("uncaught")

    def main_hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))

    def thread_hook(args) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.critical("uncaught exception in thread %s", name,
                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    sys.excepthook = main_hook
    threading.excepthook = thread_hook
