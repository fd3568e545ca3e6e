"""The server's attachment bytes: a content-addressed store, what an `attach` event needs
before it is accepted, and which attachment a caller may download.

The bytes of an attachment arrive first (PUT /blobs/{sha256}), checked from their content
(console.attachments.check_stored); an `attach` event is then accepted only when the server
holds those bytes with the size and type the event states. A download is allowed when the
case is visible to the caller (a liaison: only cases its unit leads or assists) and one of
the case's `attach` events names the bytes.
"""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.engine import make_url

from console.attachment_rules import MAX_BYTES, AttachmentError
from console.attachments import BlobStore, check_stored, sniff
from console.workflow import WorkflowError

from .access import Caller, NotVisible, visible
from .case_rows import CASES, EVENTS, find

BLOB_DIR_ENV = "CENTRAL_BLOB_DIR"


def default_blob_dir(db_url: str) -> Path:
    """CENTRAL_BLOB_DIR when set; else beside a SQLite file (central.db -> central-blobs/),
    else ./central-blobs."""
    if os.environ.get(BLOB_DIR_ENV, "").strip():
        return Path(os.environ[BLOB_DIR_ENV].strip())
    try:
        url = make_url(db_url)
    except Exception:
        return Path("central-blobs")
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        db = Path(url.database)
        return db.with_name(db.stem + "-blobs")
    return Path("central-blobs")


def receive(store: BlobStore, sha256: str, data: bytes, limit: int = MAX_BYTES) -> dict:
    """Keep uploaded bytes named `sha256` after checking them; their metadata.
    Raises AttachmentError (nothing stored)."""
    if store.has(sha256):  # checked when it was stored; the digest names these very bytes
        return {"sha256": sha256, "size": store.path(sha256).stat().st_size, "mime": _head_type(store, sha256),
                "stored": False}
    mime = check_stored(data, limit)
    store.put(data, sha256)  # digest_mismatch when the bytes are not what the path names
    return {"sha256": sha256, "size": len(data), "mime": mime, "stored": True}


def _head_type(store: BlobStore, sha256: str) -> str:
    with open(store.path(sha256), "rb") as fh:
        return sniff(fh.read(8192))


def require(store: BlobStore, state: str, payload: dict) -> None:
    """An `attach` event's bytes must be here, of the size and type it states (else WorkflowError)."""
    sha = str(payload.get("sha256") or "")
    try:
        path = store.path(sha)
    except AttachmentError:
        return  # the workflow's own check refuses the digest in its words
    if not path.is_file():
        raise WorkflowError(state, "attach", "the attachment's bytes have not been uploaded",
                            "attachment_not_uploaded")
    if path.stat().st_size != payload.get("size") or _head_type(store, sha) != payload.get("mime"):
        raise WorkflowError(state, "attach", "the attachment's size or type differs from its bytes",
                            "attachment_mismatch")


def attachment_of(conn: Connection, caller: Caller, ref: str, sha256: str) -> dict:
    """The attach event's metadata of `sha256` on case `ref`, when the caller may see it;
    NotVisible otherwise (no such case, not the caller's, or no such attachment)."""
    row = find(conn, ref)
    if row is None or not visible(row, caller):
        raise NotVisible(f"no case {ref}")
    return _named(conn, row.id, sha256, public_only=False)


def public_attachment(conn: Connection, ref: str, sha256: str, public_cases) -> dict:
    """A public attachment of a public case (Open311, the public site); NotVisible otherwise."""
    row = conn.execute(select(CASES).where(CASES.c.number == ref, *public_cases)).first()
    if row is None:
        raise NotVisible(f"no public request {ref}")
    return _named(conn, row.id, sha256, public_only=True)


def _named(conn: Connection, case_id, sha256: str, public_only: bool) -> dict:
    found = None
    for (payload,) in conn.execute(select(EVENTS.c.payload).where(EVENTS.c.case_id == case_id,
                                                                   EVENTS.c.kind == "attach")
                                   .order_by(EVENTS.c.seq)):
        p = payload or {}
        if p.get("sha256") == sha256:
            found = {**p, "name": (found or p).get("name"), "public": bool(p.get("public"))}
    if found is None or (public_only and not found["public"]):
        raise NotVisible("no such attachment")
    return found


def public_shas(conn: Connection, case_ids: list) -> dict:
    """case id -> the sha256 of its public image attachments, in the order they were added."""
    out: dict = {}
    for i in range(0, len(case_ids), 900):
        for case_id, payload in conn.execute(select(EVENTS.c.case_id, EVENTS.c.payload).where(
                EVENTS.c.case_id.in_(case_ids[i:i + 900]), EVENTS.c.kind == "attach").order_by(EVENTS.c.seq)):
            p = payload or {}
            shas = out.setdefault(case_id, {})
            shas[p.get("sha256")] = bool(p.get("public")) and str(p.get("mime", "")).startswith("image/")
    return {cid: [s for s, public in shas.items() if public] for cid, shas in out.items()}
