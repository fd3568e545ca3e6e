"""The console's audit log: exports of case data, reads of a caller's personal
data in the window, and (after sign-in lands) the seat's sign-ins.

Append-only: this module inserts and reads, nothing updates or deletes a row
(and the database refuses both, see migration 0008_trust). Targets are case
numbers, file names and logins, never a citizen's name, phone or address.
"""
from __future__ import annotations

import getpass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AuditEntry
from models.db import Database

from .clock import CITY_TZ, iso, to_stored, utcnow

SIGN_IN = "sign_in"
EXPORT = "export"
READ_PERSONAL = "read_personal"


def clip(text, size: int) -> str:
    """`text` as a string of at most `size` characters (the column's width)."""
    text = "" if text is None else str(text)
    return text if len(text) <= size else text[:size - 1] + "…"


def cli_actor() -> str:
    """Who runs a command-line command: the operating-system account, as `cli:NAME`."""
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):
        return "cli"


def record(where: Database | Session, actor: str, action: str, target: str = "", outcome: str = "ok",
           **detail) -> None:
    """Append one entry: `where` is the profile's database (own transaction) or an open
    session (the entry commits with the change it records). `detail` is plain JSON
    (counts, formats, reasons), never a caller's personal data."""
    entry = AuditEntry(at=utcnow(), actor=clip(actor or "-", 64), action=clip(action, 32),
                       target=clip(target, 200), outcome=clip(outcome, 16), detail=detail)
    if isinstance(where, Session):
        where.add(entry)
        return
    with where.session() as s, s.begin():
        s.add(entry)


def selection(model, since: datetime | None = None, until: datetime | None = None,
              actor: str | None = None, action: str | None = None):
    """SELECT of an audit table (the console's or the server's: the same columns), oldest
    first, `since` <= at < `until` (stored UTC times), of one actor and one action if given."""
    q = select(model).order_by(model.at, model.id)
    if since is not None:
        q = q.where(model.at >= since)
    if until is not None:
        q = q.where(model.at < until)
    if actor:
        q = q.where(model.actor == actor)
    if action:
        q = q.where(model.action == action)
    return q


def entries(db: Database, since: datetime | None = None, until: datetime | None = None,
            actor: str | None = None, action: str | None = None) -> list[dict]:
    """Entries oldest first, `since` <= at < `until` (stored UTC times), as plain dicts."""
    q = selection(AuditEntry, since, until, actor, action)
    with db.session() as s:
        return [entry_json(e.id, e.at, e.actor, e.action, e.target, e.outcome, e.detail) for e in s.scalars(q)]


def entry_json(id_: int, at: datetime, actor: str, action: str, target: str, outcome: str, detail: dict | None,
               **extra) -> dict:
    """One entry as the `audit --json` line shows it (the time in city time with its offset)."""
    return {"id": id_, "at": iso(at), "actor": actor, "action": action, "target": target, "outcome": outcome,
            **extra, "detail": dict(detail or {})}


def bound(text: str | None, end: bool = False) -> datetime | None:
    """A `--since`/`--until` value in stored form: a date (city time; as an end, the whole
    day is included) or an ISO date-time. ValueError with a plain message otherwise."""
    if not text:
        return None
    try:
        if len(text) == 10:
            day = date.fromisoformat(text) + timedelta(days=1 if end else 0)
            return to_stored(datetime(day.year, day.month, day.day, tzinfo=CITY_TZ))
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD or an ISO date-time)") from None
    return to_stored(moment if moment.tzinfo else moment.replace(tzinfo=CITY_TZ))


def line(e: dict) -> str:
    """One entry as a line of text for a person."""
    client = f" from {e['client']}" if e.get("client") else ""
    detail = " ".join(f"{k}={v}" for k, v in e["detail"].items())
    return f"{e['at']}  {e['actor']:<14} {e['action']:<16} {e['outcome']:<8} {e['target']}{client} {detail}".rstrip()
