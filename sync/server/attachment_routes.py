"""The attachment endpoints (sync/server/sync-protocol.md, "Attachments"):

- PUT  /blobs/{sha256}: upload bytes (checked from their content; idempotent);
- HEAD /blobs/{sha256}: whether the server holds them (a console skips the upload);
- GET  /cases/{ref}/attachments/{sha256}: download, resumable (HTTP Range), for an
  account that may see the case;
- GET  /open311/v2/media/{request_id}/{sha256}: a public attachment of a public request.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, Response

from console.attachment_rules import MAX_BYTES, AttachmentError
from console.attachments import BlobStore

from ..protocol import API
from . import audit
from .access import Caller, NotVisible
from .blobs import attachment_of, public_attachment, receive
from .db import CentralDB

Digest = Annotated[str, Path(pattern="^[0-9a-f]{64}$", description="the sha256 of the bytes (lowercase hex)")]
Ref = Annotated[str, Path(max_length=64, description="a case number or id")]
_STATUS = {"too_large": 413, "type_not_allowed": 415}


def _refused(exc: AttachmentError) -> JSONResponse:
    return JSONResponse({"error": f"attachment_{exc.code}", "message": str(exc), "params": exc.params},
                        status_code=_STATUS.get(exc.code, 422))


def _file(store: BlobStore, meta: dict) -> Response:
    path = store.path(str(meta["sha256"]))
    if not path.is_file():
        return JSONResponse({"error": "not_uploaded", "message": "the attachment's bytes are not on the server"},
                            status_code=404)
    # a download, never rendered in the server's origin; the name is metadata, quoted by Starlette
    return FileResponse(path, media_type=str(meta.get("mime") or "application/octet-stream"),
                        filename=str(meta.get("name") or meta["sha256"]), content_disposition_type="attachment",
                        headers={"x-content-type-options": "nosniff", "cache-control": "private, max-age=3600"})


def make_router(db: CentralDB, store: BlobStore, caller: Callable, as_caller: Callable[..., Caller],
                client_of: Callable[[Request], str], public_cases, limit: int = MAX_BYTES) -> APIRouter:
    """The attachment routes over `store`; `caller` authenticates a request (401 otherwise)."""
    r = APIRouter()

    @r.put(f"{API}/blobs/{{sha256}}", tags=["attachments"], status_code=201,
           summary="Upload an attachment's bytes (before the attach event that names them)",
           openapi_extra={"requestBody": {"required": True, "content": {
               "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
    async def upload(sha256: Digest, request: Request) -> Response:
        who = await run_in_threadpool(caller, request)
        data = await request.body()
        try:
            done = await run_in_threadpool(receive, store, sha256, data, limit)
        except AttachmentError as exc:
            await run_in_threadpool(audit.record, db, who.login, "attachment_upload", sha256[:16], "refused",
                                    client_of(request), code=exc.code)
            return _refused(exc)
        if done["stored"]:
            await run_in_threadpool(audit.record, db, who.login, "attachment_upload", sha256[:16], "ok",
                                    client_of(request), size=done["size"], mime=done["mime"])
        return JSONResponse({k: done[k] for k in ("sha256", "size", "mime")},
                            status_code=201 if done["stored"] else 200)

    @r.head(f"{API}/blobs/{{sha256}}", tags=["attachments"], summary="Whether the server holds these bytes")
    def has(sha256: Digest, who=Depends(caller)) -> Response:  # noqa: B008 (a closure: Annotated can't name it)
        return Response(status_code=200 if store.has(sha256) else 404)

    @r.get(f"{API}/cases/{{ref}}/attachments/{{sha256}}", tags=["attachments"],
           summary="Download an attachment of a case (Range requests resume a download)",
           responses={206: {"description": "the requested range"}, 416: {"description": "range not satisfiable"}})
    def download(ref: Ref, sha256: Digest, request: Request,
                 who=Depends(caller)) -> Response:  # noqa: B008 (a closure: Annotated can't name it)
        try:
            with db.read() as conn:
                meta = attachment_of(conn, as_caller(who), ref, sha256)
        except NotVisible:
            return JSONResponse({"error": "not_found", "message": f"no attachment {sha256[:12]}… on case {ref}"},
                                status_code=404)
        if "range" not in request.headers or request.headers["range"].startswith("bytes=0-"):
            audit.record(db, who.login, "attachment_read", ref, client=client_of(request), sha256=sha256[:16])
        return _file(store, meta)

    @r.get("/open311/v2/media/{request_id}/{sha256}", tags=["open311"],
           summary="A public photo of a public service request (only attachments marked public)")
    def public_media(request_id: Annotated[str, Path(max_length=64)], sha256: Digest) -> Response:
        try:
            with db.read() as conn:
                meta = public_attachment(conn, request_id, sha256, public_cases)
        except NotVisible:
            return JSONResponse([{"code": 404, "description": "no such public media"}], status_code=404)
        return _file(store, meta)

    return r
