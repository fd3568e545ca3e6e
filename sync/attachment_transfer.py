"""Attachment bytes between a console and the central server.

Before a push, `upload_pending` sends the bytes of every pending `attach` event of the
signed-in account that the server does not hold yet (HEAD, then PUT /blobs/{sha256}), so
the event is accepted when it arrives; a console that is offline keeps them (the event
waits in the outbox, the bytes in the profile's folder) and this runs again at the next
sync. `download` fetches an attachment a user opens, resuming a cut-off transfer with an
HTTP Range request, and keeps it only when its bytes hash to the sha256 that names it.
"""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
from sqlalchemy import select

from console.attachment_rules import valid_sha256
from console.attachments import BlobStore
from console.case_attachments import attachments_dir
from models import Outbox

if TYPE_CHECKING:
    from .client import SyncClient

log = logging.getLogger(__name__)
CHUNK = 256 * 1024


class TransferError(Exception):
    """An attachment could not be transferred (the message is for the user)."""


def pending_uploads(client: SyncClient, login: str | None) -> list[str]:
    """The sha256 of the attachments named by pending `attach` events (of `login` when given)."""
    with client.db.session() as s:
        rows = s.scalars(select(Outbox.payload).where(Outbox.status == "pending", Outbox.kind == "case_event",
                                                      Outbox.payload["event"]["kind"].as_string() == "attach")
                         .order_by(Outbox.seq)).all()
    out: list[str] = []
    for payload in rows:
        event = (payload or {}).get("event") or {}
        if event.get("kind") != "attach" or (login and event.get("actor") not in (login, "", None)):
            continue
        sha = str((event.get("payload") or {}).get("sha256") or "")
        if valid_sha256(sha) and sha not in out:
            out.append(sha)
    return out


async def upload_pending(client: SyncClient) -> int:
    """Upload what the pending attach events need; the number of files sent. Network trouble
    raises the client's Offline (the sync is retried); a refusal is logged and left to the
    push, whose attach event the server then refuses with its reason."""
    login = client.login or await asyncio.to_thread(client.store.get, "login")
    store = BlobStore(attachments_dir(client.db))
    sent = 0
    for sha in await asyncio.to_thread(pending_uploads, client, login):
        path = store.verified(sha)
        if path is None:
            log.warning("attachment %s… is not on this console any more; its event will be refused", sha[:12])
            continue
        head = await client._request("HEAD", f"/blobs/{sha}")
        if head.status_code == 200:
            continue
        data = await asyncio.to_thread(path.read_bytes)
        r = await client._request("PUT", f"/blobs/{sha}", content=data,
                                  headers={"content-type": "application/octet-stream"})
        if r.status_code in (200, 201):
            sent += 1
        else:
            log.warning("the central server refused attachment %s… (HTTP %s)", sha[:12], r.status_code)
    return sent


async def download(client: SyncClient, case_ref: str, sha256: str, store: BlobStore | None = None) -> Path:
    """The attachment's local copy, downloaded when it is not here (resumed when a partial
    download is). Raises the client's Offline (no network), TransferError (refused, or the
    bytes do not match), or its AuthNeeded."""
    if not valid_sha256(sha256):
        raise TransferError("not an attachment digest")
    store = store or BlobStore(attachments_dir(client.db))
    done = store.verified(sha256)
    if done is not None:
        return done
    target = store.path(sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".part-{sha256}")
    if client._access is None:
        await client._refresh()
    for attempt in range(3):
        have = part.stat().st_size if part.exists() else 0
        headers = {"authorization": f"Bearer {client._access}"}
        if have:
            headers["range"] = f"bytes={have}-"
        try:
            async with client.http.stream("GET", f"/cases/{case_ref}/attachments/{sha256}", headers=headers) as r:
                if r.status_code == 401 and attempt == 0:
                    await client._refresh()
                    continue
                if r.status_code == 416:  # the partial copy is not a prefix of these bytes: start again
                    part.unlink(missing_ok=True)
                    continue
                if r.status_code not in (200, 206):
                    await r.aread()
                    raise TransferError(_refusal(r))
                with open(part, "ab" if r.status_code == 206 else "wb") as fh:
                    async for chunk in r.aiter_bytes(CHUNK):
                        fh.write(chunk)
        except httpx.TransportError as exc:
            from .client import Offline
            raise Offline(f"cannot reach the central server: {exc or type(exc).__name__}") from None
        break
    digest = await asyncio.to_thread(_digest, part)
    if digest != sha256:
        with contextlib.suppress(OSError):
            part.unlink()
        raise TransferError("the downloaded bytes do not match the attachment (removed; open it again)")
    os.replace(part, target)
    return target


def _digest(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return ""


def _refusal(r: httpx.Response) -> str:
    try:
        message = r.json().get("message") or r.text
    except ValueError:
        message = r.text
    return f"the central server refused the download (HTTP {r.status_code}): {message}"[:300]
