"""Anonymous Open311 reads: a rate limit per client address and a bounded cache.

The public GET endpoints under /open311/v2/ need no credential, and a list
of a thousand redacted cases is the costliest answer the server makes. This
ASGI middleware stands in front of them so that anonymous readers can
never take the worker threads the consoles' pushes and pulls need:

- a token bucket per client address (`rate` a second, bursts of `burst`);
  beyond it the answer is 429 with Retry-After, made on the loop;
- answers (200 only) cached by path and query, in memory, bounded by entry
  count and bytes. An entry made less than `ttl` seconds ago, with no write
  committed in this process since (`CentralDB.generation`), is served as
  it is; otherwise it is served if the head of the `changes` log (every
  case change, whichever process made it) is still where it was when the
  entry was made, and made again if not. A big answer is also gzipped
  once, for the clients that take gzip;
- one render per cache key at a time (the others wait for its answer), and at
  most `renders` renders at once, `render_queue` more waiting, then 503.

Everything else (the sync API, Open311 POST) passes straight through.
"""
from __future__ import annotations

import asyncio
import gzip
import math
import time
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

import orjson
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import func, select

from .models import Change

PREFIX = "/open311/v2/"
GZIP_FROM = 4096  # bytes: smaller answers go out as they are


@dataclass
class PublicReadPolicy:
    """Limits for anonymous reads (`central serve --public-*` sets some)."""

    rate: float = 2.0  # requests a second per address, sustained (a civic app polls far less)
    burst: int = 20
    ttl: float = 1.0  # seconds an entry is trusted without a look at the change log
    cache_entries: int = 256
    cache_bytes: int = 64 * 2**20
    max_entry_bytes: int = 8 * 2**20
    renders: int = 2
    render_queue: int = 32
    addresses: int = 10_000  # buckets kept (least recently seen dropped first)


@dataclass
class _Answer:
    status: int
    headers: list
    body: bytes
    generation: int
    made: float
    head: int | None
    gzipped: tuple[list, bytes] | None = None  # headers and body for clients that take gzip


class PublicReads:
    """The middleware (create_app adds it; its policy is `app.state.public_read_policy`)."""

    def __init__(self, app, db, policy: PublicReadPolicy | None = None, clock=time.monotonic, state=None):
        self.app, self.db = app, db
        self.policy = policy or PublicReadPolicy()
        if state is not None:  # the app's state: tests and the benchmark look at the counters
            state.public_reads = self
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._cache: OrderedDict[tuple, _Answer] = OrderedDict()
        self._bytes = 0
        self._inflight: dict[tuple, asyncio.Future] = {}
        self._renders: asyncio.Semaphore | None = None
        self._waiting = 0
        self.rendered = 0  # answers made by the endpoints (the rest came from the cache)
        self.rendering = 0
        self.peak = 0  # the most renders that ever ran at once (the bound, observable)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or not scope["path"].startswith(PREFIX):
            return await self.app(scope, receive, send)
        client = scope.get("client")
        wait = self._take(client[0] if client else "-")
        if wait:
            return await _error(send, 429, "too many requests from this address", wait)
        if scope["method"] == "HEAD":
            return await self.app(scope, receive, send)
        key = (scope["path"], urlencode(sorted(parse_qsl(scope.get("query_string", b"").decode("latin-1"),
                                                         keep_blank_values=True))))
        answer = await self._fresh(key)
        if answer is None:
            answer = await self._shared_render(key, scope, receive)
            if answer is None:
                return await _error(send, 503, "busy serving public reads: try again shortly", 2)
        headers, body = answer.headers, answer.body
        if answer.gzipped is not None and _takes_gzip(scope):
            headers, body = answer.gzipped
        await send({"type": "http.response.start", "status": answer.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    # -- rate ---------------------------------------------------------------------
    def _take(self, address: str) -> int:
        """0 when `address` may read now, else the seconds until it may."""
        p, now = self.policy, self.clock()
        tokens, at = self._buckets.pop(address, (float(p.burst), now))
        tokens = min(float(p.burst), tokens + (now - at) * p.rate)
        if tokens < 1.0:
            self._buckets[address] = (tokens, now)
            return max(1, math.ceil((1.0 - tokens) / p.rate))
        self._buckets[address] = (tokens - 1.0, now)
        while len(self._buckets) > p.addresses:
            self._buckets.popitem(last=False)
        return 0

    # -- cache --------------------------------------------------------------------
    async def _fresh(self, key: tuple) -> _Answer | None:
        answer = self._cache.get(key)
        if answer is None:
            return None
        if answer.generation != self.db.generation or self.clock() - answer.made > self.policy.ttl:
            generation, now = self.db.generation, self.clock()
            if await run_in_threadpool(self._head) != answer.head:
                self._drop(key)
                return None
            answer.generation, answer.made = generation, now  # nothing public changed: good for longer
        if key in self._cache:
            self._cache.move_to_end(key)
        return answer

    def _head(self) -> int | None:
        with self.db.read() as conn:
            return conn.scalar(select(func.max(Change.id)))

    def _keep(self, key: tuple, answer: _Answer) -> None:
        p = self.policy
        if answer.status != 200 or len(answer.body) > p.max_entry_bytes:
            return
        self._drop(key)
        self._cache[key] = answer
        self._bytes += len(answer.body)
        while len(self._cache) > p.cache_entries or self._bytes > p.cache_bytes:
            self._drop(next(iter(self._cache)))

    def _drop(self, key: tuple) -> None:
        answer = self._cache.pop(key, None)
        if answer is not None:
            self._bytes -= len(answer.body)

    # -- render -------------------------------------------------------------------
    async def _shared_render(self, key: tuple, scope, receive) -> _Answer | None:
        running = self._inflight.get(key)
        if running is not None:  # the same question is being answered: take that answer
            return await asyncio.shield(running)
        future = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            answer = await self._render(scope, receive)
            if answer is not None and answer.status == 200 and len(answer.body) >= GZIP_FROM:
                # made once per answer, sent many times: a fifth of the bytes to write for every reader
                answer.gzipped = await run_in_threadpool(_gzip, answer)
            future.set_result(answer)
            if answer is not None:
                self._keep(key, answer)
            return answer
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: a waiter re-raises it, nobody else needs to
            raise
        finally:
            del self._inflight[key]

    async def _render(self, scope, receive) -> _Answer | None:
        if self._renders is None:
            self._renders = asyncio.Semaphore(self.policy.renders)
        if self._renders.locked() and self._waiting >= self.policy.render_queue:
            return None
        self._waiting += 1
        try:
            await self._renders.acquire()
        finally:
            self._waiting -= 1
        start: dict = {}
        body: list[bytes] = []

        async def capture(message):
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                body.append(message.get("body", b""))

        self.rendering += 1
        self.peak = max(self.peak, self.rendering)
        try:
            generation, made = self.db.generation, self.clock()  # before: a write during the render makes it stale
            head = await run_in_threadpool(self._head)
            await self.app(scope, receive, capture)
            self.rendered += 1
        finally:
            self.rendering -= 1
            self._renders.release()
        return _Answer(start.get("status", 500), list(start.get("headers", [])), b"".join(body), generation, made,
                       head)


def _takes_gzip(scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"accept-encoding":
            return any(part.split(b";")[0].strip() == b"gzip" and not part.replace(b" ", b"").endswith(b"q=0")
                       for part in value.lower().split(b","))
    return False


def _gzip(answer: _Answer) -> tuple[list, bytes]:
    body = gzip.compress(answer.body, compresslevel=6, mtime=0)
    headers = [(k, v) for k, v in answer.headers if k.lower() not in (b"content-length", b"content-encoding")]
    headers += [(b"content-length", str(len(body)).encode()), (b"content-encoding", b"gzip"),
                (b"vary", b"accept-encoding")]
    return headers, body


def document(router):
    """`router` (the Open311 routes) with the answers this middleware may give added to the
    OpenAPI description of its GETs."""
    for route in router.routes:
        if getattr(route, "path", "").startswith(PREFIX) and "GET" in getattr(route, "methods", ()):
            route.responses.setdefault(429, {"description": "too many requests from this address (Retry-After)"})
            route.responses.setdefault(503, {"description": "busy making public answers (Retry-After)"})
    return router


async def _error(send, status: int, description: str, retry_after: int) -> None:
    body = orjson.dumps([{"code": status, "description": description}])
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"retry-after", str(retry_after).encode())]})
    await send({"type": "http.response.body", "body": body})
