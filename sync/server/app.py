"""The central server's ASGI application (FastAPI). `create_app(url)` builds it.

Endpoints are plain `def`s: FastAPI runs them in its thread pool, database
work is short and writers are serialized by `CentralDB.write`. The protocol
is described in docs/sync-protocol.md, which is also the OpenAPI description
served at /docs and /openapi.json.
"""
from __future__ import annotations

import json
import uuid
from contextlib import asynccontextmanager
from pathlib import Path

import anyio

import orjson

from fastapi import Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import insert

from console.clock import utcnow
from console.workflow import WorkflowError

from ..protocol import API, PROTOCOL_VERSION, dumps, plain_json_text
from . import auth, kb
from .casebook import Caller, Casebook, EpochChanged, NotVisible
from .db import THREADS, CentralDB, open_central
from .login_guard import LoginGuard, LoginRefused, client_address
from .models import Device
from .open311 import make_router
from .public_reads import PublicReadPolicy, PublicReads
from .public_reads import document as document_public_reads

PROTOCOL_DOC = Path(__file__).resolve().parents[2] / "docs" / "sync-protocol.md"


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra):
        self.status, self.code, self.message, self.extra = status, code, message, extra


class LoginIn(BaseModel):
    login: str
    password: str
    device_id: str | None = None


class RefreshIn(BaseModel):
    refresh_token: str


class DeviceIn(BaseModel):
    name: str = Field("", max_length=128)


class OpIn(BaseModel):
    op_id: str
    seq: int
    kind: str
    payload: dict
    server_base: int | None = Field(None, description="the last server version of the case the device had "
                                                      "seen when it made the change (per-field merge base)")


class PushIn(BaseModel):
    device_id: str
    epoch: str | None = None
    sent_at: str = Field(..., description="the device's clock when sending; only differences on the device's "
                                          "own clock are used (event age), never compared with the server's")
    ops: list[OpIn] = Field(..., max_length=2000)


class ActionIn(BaseModel):
    reason: str = ""
    payload: dict = Field(default_factory=dict)


def _push_body(raw: bytes) -> tuple[dict, bool]:
    """The push body, checked for the shape PushIn describes (422 with the reason otherwise),
    and whether it is plain JSON read by orjson (see protocol.body_hash)."""
    plain = plain_json_text(raw)
    body = None
    if plain:
        try:
            body = orjson.loads(raw)
        except orjson.JSONDecodeError:
            plain = False  # json.loads decides (it also takes NaN, Infinity and lone surrogates)
    if body is None:
        try:
            body = json.loads(raw)
        except ValueError as exc:
            raise ApiError(422, "bad_request", f"the body is not JSON: {exc}") from None
    if not isinstance(body, dict) or not isinstance(body.get("ops"), list) or not body.get("device_id") \
            or not isinstance(body.get("sent_at"), str):
        raise ApiError(422, "bad_request", "a push is {device_id, epoch, sent_at, ops: [...]}")
    if len(body["ops"]) > 2000:
        raise ApiError(422, "bad_request", "at most 2,000 operations per push")
    for i, op in enumerate(body["ops"]):
        if not isinstance(op, dict) or not isinstance(op.get("payload"), dict) or not isinstance(op.get("kind"), str) \
                or not isinstance(op.get("seq"), int) or not op.get("op_id"):
            raise ApiError(422, "bad_request", f"ops.{i}: an operation is {{op_id, seq, kind, payload, server_base}}")
    return body, plain


def _json(data, status: int = 200) -> Response:
    return Response(dumps(data), status_code=status, media_type="application/json")


def create_app(db_url: str | None = None, db: CentralDB | None = None, book: Casebook | None = None) -> FastAPI:
    """The server over the database at `db_url` (or an open CentralDB)."""
    db = db or open_central(db_url or "central.db")
    book = book or Casebook(db)
    description = PROTOCOL_DOC.read_text("utf-8") if PROTOCOL_DOC.exists() else "12345 hotline sync protocol"
    @asynccontextmanager
    async def lifespan(_app):
        # request threads: with one interpreter lock, more threads than this only queue on it
        # (and on the one writer), holding their transactions and connections longer
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
        yield

    app = FastAPI(title="12345 hotline central server", version=str(PROTOCOL_VERSION), description=description,
                  lifespan=lifespan)
    app.state.db, app.state.book = db, book
    app.state.login_guard = guard = LoginGuard(db)

    @app.exception_handler(ApiError)
    async def _api_error(_request, exc: ApiError):
        return JSONResponse({"error": exc.code, "message": exc.message, **exc.extra}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _bad_request(_request, exc: RequestValidationError):
        where = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()[:10])
        return JSONResponse({"error": "bad_request", "message": where}, status_code=422)

    def caller(request: Request) -> auth.Session:
        header = request.headers.get("authorization", "")
        token = header[7:] if header.lower().startswith("bearer ") else None
        try:
            return auth.authenticate(db, token)
        except auth.AuthError as exc:
            raise ApiError(401, "unauthorized", str(exc)) from None

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

    @app.post(f"{API}/token/refresh", tags=["auth"], summary="A new access token for a refresh token")
    def refresh(body: RefreshIn):
        try:
            return auth.refresh(db, body.refresh_token)
        except auth.AuthError as exc:
            raise ApiError(401, "refresh_failed", str(exc)) from None

    @app.post(f"{API}/devices", tags=["sync"], summary="Register a console: the server issues its device_id")
    def register(body: DeviceIn, who: auth.Session = Depends(caller)):
        if who.role == "liaison":
            raise ApiError(403, "forbidden", "department liaisons use the case API, not console sync")
        device_id = str(uuid.uuid4())
        with db.write() as conn:
            conn.execute(insert(Device), [{"id": device_id, "name": body.name, "registered_by": who.login,
                                           "last_seq": 0, "created_at": utcnow()}])
        return {"device_id": device_id}

    push_schema = {"requestBody": {"required": True, "content": {"application/json": {
        "schema": PushIn.model_json_schema(ref_template="#/components/schemas/{model}")}}}}

    @app.post(f"{API}/sync/push", tags=["sync"], summary="Push outbox operations in device order",
              openapi_extra=push_schema)
    async def push(request: Request):
        # parsed by hand: a batch of 1,000 operations through pydantic costs more than applying it;
        # the token check, the parse and the push run in one trip to a worker thread
        raw = await request.body()

        def work():
            who = caller(request)
            if who.role == "liaison":
                raise ApiError(403, "forbidden", "department liaisons use the case API, not console sync")
            body, plain = _push_body(raw)
            try:
                return _json(book.push(as_caller(who), body["device_id"], body["ops"], body["sent_at"],
                                       body.get("epoch"), plain))
            except EpochChanged as exc:
                raise ApiError(409, "epoch_changed", str(exc), epoch=exc.epoch) from None
            except LookupError as exc:
                raise ApiError(404, "unknown_device", f"{exc}: register the device again") from None
        return await run_in_threadpool(work)

    @app.get(f"{API}/sync/pull", tags=["sync"], summary="Cases changed after a cursor, in commit order")
    async def pull(request: Request, cursor: int = Query(0, ge=0), limit: int = Query(1000, ge=1, le=5000),
                   epoch: str | None = None,
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
    def list_cases(state: str | None = None, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
                   who: auth.Session = Depends(caller)):
        return _json(book.list_cases(as_caller(who), state, limit, offset))

    @app.get(f"{API}/cases/{{ref}}", tags=["cases"], summary="One case with its events")
    def get_case(ref: str, who: auth.Session = Depends(caller)):
        try:
            return _json(book.get(as_caller(who), ref))
        except NotVisible as exc:
            raise ApiError(404, "not_found", str(exc)) from None

    @app.post(f"{API}/cases/{{ref}}/actions/{{action}}", tags=["cases"],
              summary="Take a workflow action: accept, return, request_extension, approve_extension, reply, ...")
    def act(ref: str, action: str, body: ActionIn, who: auth.Session = Depends(caller)):
        try:
            return _json(book.act(as_caller(who), ref, action, body.reason, body.payload))
        except NotVisible as exc:
            raise ApiError(404, "not_found", str(exc)) from None
        except WorkflowError as exc:
            raise ApiError(409, "refused", str(exc)) from None

    @app.get(f"{API}/kb/feed", tags=["knowledge"], summary="Knowledge articles changed after a feed position")
    def kb_feed(since: int = Query(0, ge=0), limit: int = Query(500, ge=1, le=2000),
                who: auth.Session = Depends(caller)):
        return _json(kb.feed(db, since, limit))

    @app.post(f"{API}/kb/articles", tags=["knowledge"], summary="Upload articles as JSON Lines (admin)")
    async def kb_upload(request: Request):
        who = await run_in_threadpool(caller, request)
        if who.role != "admin":
            raise ApiError(403, "forbidden", "only an admin uploads knowledge articles")
        text = (await request.body()).decode("utf-8", errors="replace")
        try:
            articles = kb.parse_jsonl(text)
        except kb.FeedError as exc:
            raise ApiError(400, "bad_articles", str(exc)) from None
        return await run_in_threadpool(kb.upload, db, articles)

    app.include_router(document_public_reads(make_router(book)))
    app.state.public_read_policy = PublicReadPolicy()
    app.add_middleware(PublicReads, db=db, policy=app.state.public_read_policy, state=app.state)
    return app
