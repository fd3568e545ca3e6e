"""The central server's door: how much a request may send, and in what encoding.

One ASGI middleware in front of every route. It answers before the route
reads anything:

- 413 when the declared Content-Length is over the route's limit, and again
  while the body streams in (a chunked body has no length to check first);
- 400 when the path or the query string is not UTF-8 or carries a NUL;
- 401 when a route that needs a token is called without one (the token's
  validity is the route's business; this only spares reading a stranger's body).

Bodies of routes that are read here ("buffered") are also checked for UTF-8
and, when JSON, for escaped lone surrogates (\\ud800), which Python's json
module lets through and no database stores. Routes that read their own body
("streamed": the sync push, the knowledge upload) check their credential
first and the encoding themselves, in the same pass that parses it.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from starlette.exceptions import HTTPException

from console.attachment_rules import MAX_BYTES as MAX_ATTACHMENT_BYTES

from ..protocol import API, dumps

KIB, MIB = 1024, 1024 * 1024
DEFAULT_PUSH_BYTES = 16 * MIB  # the console's 500-operation batch at its field limits, with room
PUSH_BYTES_ENV = "CENTRAL_MAX_PUSH_BYTES"
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


@dataclass(frozen=True)
class Rule:
    """The limit of the routes `method` + `path` (a regular expression matched in full)."""

    method: str
    path: str
    max_bytes: int
    needs_token: bool = False
    streamed: bool = False  # the route reads its own body (after its credential check)


def push_limit_from_env(default: int = DEFAULT_PUSH_BYTES) -> int:
    """The push batch limit: CENTRAL_MAX_PUSH_BYTES (bytes) when set, else `default`."""
    text = os.environ.get(PUSH_BYTES_ENV, "").strip()
    if not text:
        return default
    value = int(text)
    if value < 64 * KIB:
        raise ValueError(f"{PUSH_BYTES_ENV} is at least {64 * KIB} bytes")
    return value


def default_rules(max_push_bytes: int = DEFAULT_PUSH_BYTES) -> list[Rule]:
    """The server's limit table (sync/server/sync-protocol.md, "Limits")."""
    return [
        Rule("POST", f"{API}/sync/push", max_push_bytes, needs_token=True, streamed=True),
        Rule("POST", f"{API}/kb/articles", 32 * MIB, needs_token=True, streamed=True),
        Rule("POST", f"{API}/login", 4 * KIB),
        Rule("POST", f"{API}/token/refresh", 4 * KIB),
        Rule("POST", f"{API}/devices", 4 * KIB, needs_token=True),
        Rule("POST", f"{API}/cases/[^/]+/actions/[^/]+", 64 * KIB, needs_token=True),
        Rule("PUT", f"{API}/blobs/[0-9a-f]{{64}}", MAX_ATTACHMENT_BYTES, needs_token=True, streamed=True),
        Rule("POST", "/open311/v2/requests\\.[^/]+", 1 * MIB),
    ]


DEFAULT_BYTES = 16 * KIB  # any other route (they take no body)


class BodyTooLarge(HTTPException):
    """The body grew past its route's limit while it was being read."""

    def __init__(self, limit: int):
        super().__init__(413, f"the body is larger than {limit:,} bytes")
        self.limit = limit


class RequestLimits:
    """ASGI middleware applying a table of `Rule`s (first match wins)."""

    def __init__(self, app, rules: Iterable[Rule], default_bytes: int = DEFAULT_BYTES):
        self.app = app
        self.rules = [(r, re.compile(r.path)) for r in rules]
        self.default = Rule("*", ".*", default_bytes)

    def rule_for(self, method: str, path: str) -> Rule:
        for rule, pattern in self.rules:
            if rule.method == method and pattern.fullmatch(path):
                return rule
        return self.default

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        problem = _bad_target(scope)
        if problem:
            return await _answer(send, 400, "bad_request", problem, scope["path"])
        rule = self.rule_for(scope["method"], scope["path"])
        headers = dict(scope["headers"])
        if rule.needs_token and not headers.get(b"authorization", b"").lower().startswith(b"bearer "):
            return await _answer(send, 401, "unauthorized", "a token is required (log in first)")
        length = headers.get(b"content-length")
        if length is not None:
            if not length.isdigit() or len(length) > 18:
                return await _answer(send, 400, "bad_request", "Content-Length is not a number", scope["path"])
            if int(length) > rule.max_bytes:
                return await _answer(send, 413, "too_large",
                                     f"the body is larger than {rule.max_bytes:,} bytes (this route's limit)",
                                     scope["path"])
        if rule.streamed:
            return await self.app(scope, _counting(receive, rule.max_bytes), send)
        try:
            body = await _read(receive, rule.max_bytes)
        except BodyTooLarge as exc:
            return await _answer(send, 413, "too_large", exc.detail, scope["path"])
        problem = body_encoding_problem(body, headers.get(b"content-type", b""))
        if problem:
            return await _answer(send, 400, "bad_encoding", problem, scope["path"])
        return await self.app(scope, _replay(body, receive), send)


def body_encoding_problem(body: bytes, content_type: bytes = b"application/json") -> str | None:
    """Why a text body cannot be taken (not UTF-8, or JSON with a lone surrogate), or None."""
    if not body:
        return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"the body is not UTF-8 (byte {exc.start})"
    if b"json" in content_type.lower() or not content_type:
        if _SURROGATE_ESCAPE.search(body) and not _json_text_encodable(text):
            return "the body has a lone surrogate (\\ud800-\\udfff without its pair)"
    return None


def has_lone_surrogate(value) -> bool:
    """True when any string in parsed JSON `value` holds a lone surrogate."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _json_text_encodable(text: str) -> bool:
    try:
        value = json.loads(text)
    except ValueError:
        return True  # not JSON: the route says so in its own words
    return not has_lone_surrogate(value)


def _bad_target(scope) -> str | None:
    raw_path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
    for what, raw in (("path", raw_path), ("query string", scope.get("query_string") or b"")):
        data = unquote_to_bytes(raw.replace(b"+", b" ")) if raw else b""
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return f"the {what} is not UTF-8"
        if b"\x00" in data:
            return f"the {what} has a NUL character"
    return None


async def _read(receive, limit: int) -> bytes:
    chunks, size, more = [], 0, True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replay(body: bytes, receive):
    sent = False

    async def replay():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: the disconnect, when it comes
    return replay


def _counting(receive, limit: int):
    size = 0

    async def counted():
        nonlocal size
        message = await receive()
        if message["type"] == "http.request":
            size += len(message.get("body", b""))
            if size > limit:
                raise BodyTooLarge(limit)
        return message
    return counted


async def _answer(send, status: int, code: str, message: str, path: str = "") -> None:
    if path.startswith("/open311/"):  # GeoReport v2's error shape (the format asked for is not known yet)
        body = dumps([{"code": status, "description": message}])
    else:
        body = dumps({"error": code, "message": message})
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
