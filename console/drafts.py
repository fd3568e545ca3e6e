"""The call form's draft: written while the operator types, restored after a crash.

One open draft per operator. Each save is its own short transaction on the
WAL file with synchronous=FULL, so what was saved survives a killed process
or a power cut.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, select

from models import Draft
from models.db import Database

from .clock import utcnow
from .signals import Signal, drafts_changed


@dataclass(frozen=True)
class DraftView:
    """A saved draft: the form's fields, the field that had the focus, the call it belongs to."""

    id: uuid.UUID
    operator_login: str
    data: dict = field(default_factory=dict)
    focus_field: str = ""
    call_id: str = ""
    started_at: datetime | None = None
    updated_at: datetime | None = None


class DraftService:
    """Save, load and discard the operator's open draft."""

    def __init__(self, db: Database, bus: Signal = drafts_changed, clock: Callable[[], datetime] = utcnow):
        self.db = db
        self.bus = bus
        self.clock = clock

    def save(self, operator_login: str, data: dict, focus_field: str = "", call_id: str = "",
             draft_id: uuid.UUID | None = None) -> uuid.UUID:
        """Write the draft (creating it when `draft_id` is None or gone); returns its id."""
        now = self.clock()
        with self.db.session() as s, s.begin():
            row = s.get(Draft, draft_id) if draft_id else None
            if row is None:
                row = Draft(id=draft_id or uuid.uuid4(), operator_login=operator_login, started_at=now)
                s.add(row)
            row.data = dict(data)
            row.focus_field = focus_field or ""
            row.call_id = call_id or ""
            row.updated_at = now
            saved = row.id
        self.bus.emit(saved)
        return saved

    def latest(self, operator_login: str) -> DraftView | None:
        """The operator's most recently written draft, or None."""
        with self.db.session() as s:
            row = s.scalars(select(Draft).where(Draft.operator_login == operator_login)
                            .order_by(Draft.updated_at.desc()).limit(1)).first()
            if row is None:
                return None
            return DraftView(row.id, row.operator_login, dict(row.data or {}), row.focus_field, row.call_id,
                             row.started_at, row.updated_at)

    def list(self, operator_login: str, limit: int = 20) -> list[DraftView]:
        """The operator's drafts, newest first (a call interrupted by another call stays here)."""
        with self.db.session() as s:
            rows = s.scalars(select(Draft).where(Draft.operator_login == operator_login)
                             .order_by(Draft.updated_at.desc()).limit(limit)).all()
            return [DraftView(r.id, r.operator_login, dict(r.data or {}), r.focus_field, r.call_id, r.started_at,
                              r.updated_at) for r in rows]

    def get(self, draft_id: uuid.UUID) -> DraftView | None:
        """One draft by id, or None when it was saved or discarded meanwhile."""
        with self.db.session() as s:
            r = s.get(Draft, draft_id)
            return None if r is None else DraftView(r.id, r.operator_login, dict(r.data or {}), r.focus_field,
                                                    r.call_id, r.started_at, r.updated_at)

    def discard(self, draft_id: uuid.UUID) -> None:
        """Delete the draft (after the case was saved, or when the operator throws it away)."""
        with self.db.session() as s, s.begin():
            s.execute(delete(Draft).where(Draft.id == draft_id))
        self.bus.emit(draft_id)
