"""The central server's ASGI application (FastAPI). `create_app(url)` builds it.

Endpoints are plain `def`s: FastAPI runs them in its thread pool, database
work is short and writers are serialized by `CentralDB.write`. The protocol
is described in sync/server/sync-protocol.md (package data, so an installed
server has it), which is also the OpenAPI description served at /docs and
/openapi.json.
"""
from __future__ import annotations

import uuid
from contextlib import asynccontextmanager
from typing import Annotated

import anyio
from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import insert, select

from console.attachments import BlobStore
from console.clock import utcnow
from console.log_scrub import install_log_scrubbing
from console.permissions import Forbidden
from console.redact import scrub
from console.workflow import WorkflowError
from resources import package_path

from ..protocol import API, PROTOCOL_VERSION, dumps
from . import attachment_routes, audit, auth, inbound, kb, push_envelope
from .api_doc import document_errors
from .blobs import default_blob_dir
from .casebook import Caller, Casebook, EpochChanged, NotVisible, NotYourDevice
from .db import THREADS, CentralDB, open_central
from .limits import BodyTooLarge, RequestLimits, default_rules, has_lone_surrogate, push_limit_from_env
from .login_guard import LoginGuard, LoginRefused, client_address
from .media_fetch import MediaFetch
from .models import Device
from .open311 import PUBLIC_CASES, make_router
from .public_reads import PublicReadPolicy, PublicReads
from .public_reads import document as document_public_reads
from .request_log import LogFile, RequestLog, RequestLogMiddleware
from .stations import UnknownDevice, assign_station

PROTOCOL_DOC = package_path(__package__, "sync-protocol.md")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra):
        self.status, self.code, self.message, self.extra = status, code, message, extra


def refusal_fields(exc: WorkflowError) -> dict:
    """A refusal's stable code and parameters, for a window to say it in its own language."""
    return {"refusal": exc.code, "params": {k: scrub(v) for k, v in exc.params.items()}}


class LoginIn(BaseModel):
    model_config = ConfigDict(strict=True)
    login: inbound.Ident
    password: str = Field(max_length=1024)
    device_id: inbound.Ident | None = None


class RefreshIn(BaseModel):
    model_config = ConfigDict(strict=True)
    refresh_token: str = Field(max_length=256)


class DeviceIn(BaseModel):
    model_config = ConfigDict(strict=True)
    name: str = Field("", max_length=128, pattern=inbound.NO_NUL)


class ActionIn(BaseModel):
    model_config = ConfigDict(strict=True)
    reason: inbound.Text = ""
    payload: inbound.EventPayload = Field(default_factory=inbound.EventPayload)


def client_of(request: Request) -> str:
    """The client's address (as the connection shows it) for the audit log."""
    return request.client.host if request.client else ""
Ref = Annotated[str, Path(max_length=64, description="a case number or id")]


def _json(data, status: int = 200) -> Response:
    return Response(dumps(data), status_code=status, media_type="application/json")


def create_app(db_url: str | None = None, db: CentralDB | None = None, book: Casebook | None = None,
               request_log: LogFile | None = None, max_push_bytes: int | None = None,
               blob_dir: str | None = None, media_fetch: MediaFetch | None = None) -> FastAPI:
    """The server over the database at `db_url` (or an open CentralDB), writing the
    request log to `request_log` when given (app.state.request_log; close it at the end).
    `max_push_bytes`: the largest push batch accepted (default CENTRAL_MAX_PUSH_BYTES, else
    limits.DEFAULT_PUSH_BYTES). `blob_dir`: where attachment bytes are kept (default
    blobs.default_blob_dir); `media_fetch`: how an Open311 `media_url` is fetched."""
    install_log_scrubbing()
    db = db or open_central(db_url or "central.db")
    book = book or Casebook(db)
    book.blobs = BlobStore(blob_dir or default_blob_dir(db.url))
    book.media_fetch = media_fetch or MediaFetch()
    description = PROTOCOL_DOC.read_text("utf-8")
    @asynccontextmanager
    async def lifespan(_app):
        # request threads: with one interpreter lock, more threads than this only queue on it
        # (and on the one writer), holding their transactions and connections longer
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
        yield
        await anyio.to_thread.run_sync(book.close)

    app = FastAPI(title="12345 hotline central server", version=str(PROTOCOL_VERSION), description=description,
                  lifespan=lifespan)
    app.state.db, app.state.book = db, book
    app.add_middleware(RequestLimits, rules=default_rules(max_push_bytes or push_limit_from_env()))

    @app.exception_handler(BodyTooLarge)
    async def _too_large(_request, exc: BodyTooLarge):
        return JSONResponse({"error": "too_large", "message": exc.detail}, status_code=413,
                            headers={"connection": "close"})

    app.state.login_guard = guard = LoginGuard(db)

    @app.exception_handler(ApiError)
    async def _api_error(_request, exc: ApiError):
        # a message can quote the request (a phone typed into the wrong field): scrubbed on the way out
        return JSONResponse({"error": exc.code, "message": scrub(exc.message), **exc.extra}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _bad_request(request, exc: RequestValidationError):
        where = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()[:10])
        if request.url.path.startswith("/open311/"):  # GeoReport v2 answers a bad parameter 400, in its shape
            return JSONResponse([{"code": 400, "description": where}], status_code=400)
        return JSONResponse({"error": "bad_request", "message": where}, status_code=422)

    def caller(request: Request) -> auth.Session:
        header = request.headers.get("authorization", "")
        token = header[7:] if header.lower().startswith("bearer ") else None
        try:
            session = auth.authenticate(db, token)
        except auth.AuthError as exc:
            raise ApiError(401, "unauthorized", str(exc)) from None
        request.state.login = session.login  # for the request log
        return session

    def as_caller(s: auth.Session) -> Caller:
        return Caller(s.login, s.role, s.department)

    @app.get(f"{API}/health", tags=["sync"], summary="Liveness and the current epoch (no token)")
    def health():
        return {"status": "ok", "protocol": PROTOCOL_VERSION, "epoch": db.meta("epoch")}

    @app.post(f"{API}/login", tags=["auth"], summary="Operator login: an access and a refresh token",
              responses={429: {"description": "too many failed sign-ins (Retry-After)"},
                         503: {"description": "busy checking passwords (Retry-After)"}})
    async def login(body: LoginIn, request: Request):
        try:  # throttled, and argon2 bounded and off the loop (login_guard)
            return await guard.login(client_address(request), body.login, body.password, body.device_id)
        except LoginRefused as exc:
            return JSONResponse({"error": exc.code, "message": str(exc)}, status_code=exc.status,
                                headers={"retry-after": str(exc.retry_after)})
        except auth.AuthError as exc:
            raise ApiError(401, "bad_credentials", str(exc)) from None

    @app.post(f"{API}/token/refresh", tags=["auth"],
              summary="A new access and refresh token for a refresh token (rotated: each is good once)")
    def refresh(body: RefreshIn, request: Request):
        try:
            return auth.refresh(db, body.refresh_token)
        except auth.AuthError as exc:
            audit.record(db, "-", "token_refresh", outcome="failed", client=client_of(request), reason=str(exc))
            raise ApiError(401, "refresh_failed", str(exc)) from None

    @app.post(f"{API}/devices", tags=["sync"],
              summary="Register a console: the server issues its device_id and its station")
    def register(body: DeviceIn, who: auth.Session = Depends(caller)):  # noqa: B008 (a closure: Annotated can't name it)
        device_id = str(uuid.uuid4())
        with db.write() as conn:
            conn.execute(insert(Device), [{"id": device_id, "name": body.name, "registered_by": who.login,
                                           "last_seq": 0, "created_at": utcnow()}])
            station = assign_station(conn, device_id)
        return {"device_id": device_id, "station": station}

    @app.post(f"{API}/devices/{{device_id}}/station", tags=["sync"],
              summary="The device's station: assigned now to a device registered before stations existed")
    def station(device_id: Annotated[str, Path(max_length=36, pattern="^[0-9A-Za-z-]+$",
                                               description="the id POST /devices issued")],
                who: auth.Session = Depends(caller)):  # noqa: B008 (a closure: Annotated can't name it)
        with db.write() as conn:
            owner = conn.scalar(select(Device.registered_by).where(Device.id == device_id))
            if owner is not None and owner != who.login:  # as a push through it would be
                raise ApiError(403, "device_not_yours", "this device was registered by another account: "
                                                        "register a device of your own")
            try:
                return {"device_id": device_id, "station": assign_station(conn, device_id)}
            except UnknownDevice as exc:
                raise ApiError(404, "unknown_device", f"{exc}: register the device again") from None

    push_body_schema = inbound.PushIn.model_json_schema(ref_template="#/components/schemas/{model}")
    push_defs = push_body_schema.pop("$defs", {})
    push_schema = {"requestBody": {"required": True, "content": {"application/json": {"schema": push_body_schema}}}}

    @app.post(f"{API}/sync/push", tags=["sync"], summary="Push outbox operations in device order",
              openapi_extra=push_schema)
    async def push(request: Request):
        # the envelope is parsed by hand (a batch of 1,000 operations as pydantic models costs more than
        # applying it), each operation's payload checked in one pass (inbound.mark_malformed); the token
        # is checked before a byte of the body is read (RequestLimits bounds the read)
        who = await run_in_threadpool(caller, request)
        raw = await request.body()

        def work():  # the parse and the push in one trip to a worker thread
            try:
                body, plain = push_envelope.read(raw)
            except push_envelope.BadEnvelope as exc:
                raise ApiError(exc.status, exc.code, exc.message) from None
            try:
                return _json(book.push(as_caller(who), body["device_id"], body["ops"], body["sent_at"],
                                       body.get("epoch"), plain))
            except EpochChanged as exc:
                raise ApiError(409, "epoch_changed", str(exc), epoch=exc.epoch) from None
            except NotYourDevice as exc:
                raise ApiError(403, "device_not_yours", f"{exc}: register a device of your own") from None
            except LookupError as exc:
                raise ApiError(404, "unknown_device", f"{exc}: register the device again") from None
        return await run_in_threadpool(work)

    @app.get(f"{API}/sync/pull", tags=["sync"], summary="Cases changed after a cursor, in commit order")
    async def pull(request: Request, cursor: int = Query(0, ge=0, le=inbound.BIG),
                   limit: int = Query(1000, ge=1, le=5000),
                   epoch: str | None = Query(None, max_length=64),
                   format: str = Query("objects", pattern="^(objects|rows)$",
                                       description="objects: a JSON object per case; rows: an array per case, "
                                                   "its values in the order of the page's case_fields")):
        def work():  # the token check and the page in one trip to a worker thread
            who = caller(request)
            try:
                return Response(book.pull_text(as_caller(who), cursor, limit, epoch, format),
                                media_type="application/json")
            except EpochChanged as exc:
                raise ApiError(409, "epoch_changed", str(exc), epoch=exc.epoch) from None
        return await run_in_threadpool(work)

    @app.get(f"{API}/cases", tags=["cases"], summary="Cases (a liaison sees its department's only)")
    def list_cases(state: str | None = Query(None, max_length=32), limit: int = Query(50, ge=1, le=500),
                   offset: int = Query(0, ge=0, le=inbound.BIG),
                   who: auth.Session = Depends(caller)):  # noqa: B008 (a closure: Annotated can't name it)
        return _json(book.list_cases(as_caller(who), state, limit, offset))

    @app.get(f"{API}/cases/{{ref}}", tags=["cases"], summary="One case with its events")
    def get_case(ref: Ref, who: auth.Session = Depends(caller)):  # noqa: B008 (a closure: Annotated can't name it)
        try:
            return _json(book.get(as_caller(who), ref))
        except NotVisible as exc:
            raise ApiError(404, "not_found", str(exc)) from None

    @app.post(f"{API}/cases/{{ref}}/actions/{{action}}", tags=["cases"],
              summary="Take a workflow action: accept, return, request_extension, approve_extension, reply, ...")
    def act(ref: Ref, action: Annotated[str, Path(max_length=32)], body: ActionIn,
            who: auth.Session = Depends(caller)):  # noqa: B008 (a closure: Annotated can't name it)
        try:
            return _json(book.act(as_caller(who), ref, action, body.reason, dict(body.payload)))
        except NotVisible as exc:
            raise ApiError(404, "not_found", str(exc)) from None
        except Forbidden as exc:
            raise ApiError(403, "forbidden", str(exc), **refusal_fields(exc)) from None
        except WorkflowError as exc:
            raise ApiError(409, "refused", str(exc), **refusal_fields(exc)) from None

    @app.get(f"{API}/kb/feed", tags=["knowledge"], summary="Knowledge articles changed after a feed position")
    def kb_feed(since: int = Query(0, ge=0, le=inbound.BIG), limit: int = Query(500, ge=1, le=2000),
                who: auth.Session = Depends(caller)):  # noqa: B008 (a closure: Annotated can't name it)
        return _json(kb.feed(db, since, limit))

    @app.post(f"{API}/kb/articles", tags=["knowledge"], summary="Upload articles as JSON Lines (admin)",
              openapi_extra={"requestBody": {"required": True, "content": {
                  "text/plain": {"schema": {"type": "string", "description": "JSON Lines"}}}}})
    async def kb_upload(request: Request):
        who = await run_in_threadpool(caller, request)
        if who.role != "admin":
            raise ApiError(403, "forbidden", "only an admin uploads knowledge articles")
        try:
            text = (await request.body()).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ApiError(400, "bad_encoding", f"the body is not UTF-8 (byte {exc.start})") from None
        try:
            articles = kb.parse_jsonl(text)
        except kb.FeedError as exc:
            raise ApiError(400, "bad_articles", str(exc)) from None
        if has_lone_surrogate(articles):
            raise ApiError(400, "bad_encoding", "an article has a lone surrogate (\\ud800-\\udfff without its pair)")
        done = await run_in_threadpool(kb.upload, db, articles)
        await run_in_threadpool(audit.record, db, who.login, "kb_upload", f"{len(articles)} articles",
                                client=client_of(request), added=done["added"], updated=done["updated"])
        return done

    app.include_router(attachment_routes.make_router(db, book.blobs, caller, as_caller, client_of, PUBLIC_CASES))
    app.include_router(document_public_reads(make_router(book)))
    app.state.public_read_policy = PublicReadPolicy()
    app.add_middleware(PublicReads, db=db, policy=app.state.public_read_policy, state=app.state)
    default_openapi = app.openapi

    def openapi() -> dict:  # the push body's shapes are parsed by hand: their schemas are added here
        schema = app.openapi_schema
        if schema is None:
            schema = default_openapi()  # kept as app.openapi_schema: built once
            schema.setdefault("components", {}).setdefault("schemas", {}).update(push_defs)
            document_errors(schema)
        return schema
    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend the schema
    app.state.request_log = RequestLog(request_log) if request_log else None
    if app.state.request_log:  # added last: the outermost middleware sees every request, refused ones too
        app.add_middleware(RequestLogMiddleware, log=app.state.request_log)
    return app
