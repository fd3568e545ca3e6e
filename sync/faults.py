"""Fault injection hooks for the sync tests (inert unless a test turns them on).

`crashpoint(name)` kills this process with SIGKILL when the environment
variable HOTLINE_SYNC_CRASH_AT names that point, which lets a test kill a real
client subprocess exactly at a protocol boundary:

- `push_response_received`: the server has committed the batch, the client
  has not read the answer yet;
- `push_before_ack`: the answer is read, the outbox not yet updated;
- `pull_before_cursor`: the page is applied inside the local transaction,
  the cursor not yet saved (the transaction dies with the process).

`FaultyTransport` wraps httpx's transport and can cut either direction of the
network or drop a given number of responses after the server handled them.
"""
from __future__ import annotations

import os
import signal

import httpx

CRASH_ENV = "HOTLINE_SYNC_CRASH_AT"


def crashpoint(name: str) -> None:
    """Die here, like a power cut, when the environment asks for it."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


class CrashTransport(httpx.AsyncBaseTransport):
    """Fires `push_response_received` once the server has answered a push."""

    def __init__(self, inner: httpx.AsyncBaseTransport):
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.url.path.endswith("/sync/push"):
            crashpoint("push_response_received")
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


class FaultyTransport(httpx.AsyncBaseTransport):
    """A network with switches: `cut_outbound`, `cut_inbound`, `drop_responses`,
    and `answer_with` (an overloaded proxy answering 429 or 503 in the server's place).

    A cut outbound link fails before the request leaves; a cut inbound link
    (or a dropped response) lets the server do the work and loses the answer.
    `requests` counts what reached the server, by path.
    """

    def __init__(self, inner: httpx.AsyncBaseTransport | None = None):
        self.inner = inner or httpx.AsyncHTTPTransport()
        self.cut_outbound = False
        self.cut_inbound = False
        self.drop_responses = 0
        self.answer_with: list[tuple[int, dict]] = []  # (status, headers) answered instead of the server, in turn
        self.requests: dict[str, int] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.cut_outbound:
            raise httpx.ConnectError("network cut (outbound)", request=request)
        if self.answer_with:
            status, headers = self.answer_with.pop(0)
            return httpx.Response(status, headers=headers, json={"error": "injected", "message": "busy"},
                                  request=request)
        self.requests[request.url.path] = self.requests.get(request.url.path, 0) + 1
        response = await self.inner.handle_async_request(request)
        if self.cut_inbound or self.drop_responses > 0:
            if self.drop_responses > 0:
                self.drop_responses -= 1
            await response.aread()
            await response.aclose()
            raise httpx.ReadError("response lost (inbound cut)", request=request)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()
