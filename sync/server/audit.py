"""The central server's audit log: who signed in (or failed to), who changed an
account or an API key, who uploaded knowledge articles.

Append-only: this module inserts and reads, nothing updates or deletes a row
(and the database refuses both, see migration 0002_trust). Targets are logins,
key names, file names and case numbers, never a citizen's personal data.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, insert

from console.audit import cli_actor, clip, entry_json, selection
from console.clock import utcnow

from .db import CentralDB
from .models import AuditEntry

__all__ = ["ACTIONS", "cli_actor", "entries", "record"]

ACTIONS = ("sign_in", "token_refresh", "account_saved", "account_disabled", "api_key_created",
           "api_key_revoked", "kb_upload")


def record(where: CentralDB | Connection, actor: str, action: str, target: str = "", outcome: str = "ok",
           client: str = "", **detail) -> None:
    """Append one entry. `where` is the database (its own short transaction) or a
    connection inside a write transaction (the entry commits with the change it records)."""
    row = {"at": utcnow(), "actor": clip(actor or "-", 64), "action": clip(action, 32),
           "target": clip(target, 200), "outcome": clip(outcome, 16), "client": clip(client, 64),
           "detail": detail}
    if isinstance(where, Connection):
        where.execute(insert(AuditEntry), [row])
        return
    # an entry is not a change consoles pull, so on PostgreSQL it need not queue behind the
    # serialized writer (anonymous failures must not slow pushes); SQLite has one writer anyway
    with (where.engine.begin() if where.is_postgres else where.write()) as conn:
        conn.execute(insert(AuditEntry), [row])


def entries(db: CentralDB, since: datetime | None = None, until: datetime | None = None,
            actor: str | None = None, action: str | None = None, limit: int | None = None) -> Iterable[dict]:
    """Entries oldest first, `since` <= at < `until` (stored UTC times), as plain dicts."""
    q = selection(AuditEntry, since, until, actor, action)
    if limit:
        q = q.limit(limit)
    with db.read() as conn:
        rows = conn.execute(q).all()
    return [entry_json(r.id, r.at, r.actor, r.action, r.target, r.outcome, r.detail, client=r.client)
            for r in rows]
