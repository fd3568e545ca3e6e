"""A case's attachments on the console: add a file (checked, stripped, stored by content,
recorded as an `attach` event in the case's one write path), list them from the events,
and find the verified local copy a window may open.

The bytes live in the profile's folder (`attachments/ab/abcdef...`, console.attachments.
BlobStore); the event carries only the metadata, and the sync client uploads the bytes
before it pushes the event (sync/attachment_transfer.py).
"""
from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from models import CaseEvent
from models.db import Database

from .attachment_rules import MAX_BYTES, kind_of
from .attachments import BlobStore, inspect, read_limited
from .cases import CaseService
from .dto import Actor, CaseSummary

FOLDER = "attachments"


def attachments_dir(db: Database) -> Path:
    """Where a profile keeps attachment bytes: beside its database file."""
    return Path(db.path).parent / FOLDER


@dataclass(frozen=True)
class AttachmentView:
    """One attachment of a case as a window shows it."""

    case_id: uuid.UUID
    sha256: str
    name: str
    size: int
    mime: str
    public: bool
    actor: str
    at: datetime
    local: bool  # the bytes are on this console (else they are downloaded when opened)

    @property
    def kind(self) -> str:
        return kind_of(self.mime)


class AttachmentService:
    """Attachments of the cases of one profile."""

    def __init__(self, db: Database, cases: CaseService, store: BlobStore | None = None, limit: int = MAX_BYTES):
        self.db, self.cases = db, cases
        self.store = store or BlobStore(attachments_dir(db))
        self.limit = limit

    def add_file(self, ref: str | uuid.UUID, path: Path | str, actor: Actor, public: bool = False,
                 name: str | None = None) -> CaseSummary:
        """Attach the file at `path` to the case `ref` as `actor`. Raises AttachmentError (a file
        refused: empty, too large, not an allowed type, damaged, a bad name) or WorkflowError
        (the action refused); in both cases nothing is stored."""
        data = read_limited(path, self.limit)
        checked = inspect(data, name if name is not None else Path(path).name, self.limit)
        return self.add_checked(ref, checked, actor, public)

    def add_checked(self, ref: str | uuid.UUID, checked, actor: Actor, public: bool = False) -> CaseSummary:
        """Store checked bytes and record the event; the bytes go again if the event is refused."""
        had = self.store.has(checked.sha256)
        self.store.put(checked.data, checked.sha256)
        try:
            return self.cases.act(ref, "attach", actor, "", checked.meta(public))
        except BaseException:
            if not had:
                with contextlib.suppress(OSError):
                    self.store.path(checked.sha256).unlink()
            raise

    def mark_public(self, ref: str | uuid.UUID, sha256: str, actor: Actor) -> CaseSummary:
        """Mark one of the case's attachments publishable: another `attach` event for the same
        bytes with `public` true (the latest one decides). LookupError when the case has no such one."""
        case = self.cases.get(ref).case
        view = next((v for v in self.list(case.id) if v.sha256 == sha256), None)
        if view is None:
            raise LookupError(f"case {case.number} has no attachment {sha256[:12]}")
        return self.cases.act(case.id, "attach", actor, "", {"sha256": view.sha256, "size": view.size,
                                                             "mime": view.mime, "name": view.name, "public": True})

    def list(self, case_id: uuid.UUID) -> list[AttachmentView]:
        """The case's attachments in the order they were added (one per file: the same bytes
        attached twice are listed once, with the first name)."""
        with self.db.session() as s:
            rows = s.execute(select(CaseEvent.actor, CaseEvent.at, CaseEvent.payload).where(
                CaseEvent.case_id == case_id, CaseEvent.kind == "attach").order_by(CaseEvent.seq)).all()
        return views(case_id, rows, self.store)

    def local_copy(self, sha256: str) -> Path | None:
        """The local file, when it is there and its bytes still hash to `sha256`."""
        return self.store.verified(sha256)


def views(case_id: uuid.UUID, rows, store: BlobStore) -> list[AttachmentView]:
    """AttachmentViews of `attach` events (actor, at, payload), one per sha256: the first
    event names it; a later one for the same bytes decides whether it is public."""
    out: dict[str, AttachmentView] = {}
    for actor, at, payload in rows:
        p = payload or {}
        sha = str(p.get("sha256") or "")
        if not sha:
            continue
        if sha in out:
            out[sha] = replace(out[sha], public=bool(p.get("public")))
            continue
        out[sha] = AttachmentView(case_id, sha, str(p.get("name") or ""), int(p.get("size") or 0),
                                  str(p.get("mime") or ""), bool(p.get("public")), actor, at, store.has(sha))
    return list(out.values())
