"""Deadlines for slow clients, on uvicorn's httptools connection protocol.

uvicorn closes a keep-alive connection that stays idle after a response,
but it waits for ever on a connection that never sends a request, on a
request head sent a byte at a time and on a body that stops half-way, each
holding a socket and, once the head is in, a request task. Here:

- a request head must be complete within `head_timeout` seconds of the
  connection opening or of its first byte;
- a request body must keep arriving: no new bytes for `body_timeout`
  seconds (while the server is not the one holding back) ends it.

Either way the client gets 408 (when nothing was answered yet) and the
connection is closed.
"""
from __future__ import annotations

import asyncio
import logging

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger(__name__)

_TIMEOUT_408 = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
                b"content-length: 16\r\nconnection: close\r\n\r\nrequest timeout\n")


def deadline_protocol(head_timeout: float, body_timeout: float) -> type:
    """uvicorn's httptools protocol with these deadlines (for `uvicorn.Config(http=...)`)."""
    return type("DeadlineProtocol", (_DeadlineProtocol,),
                {"head_timeout": float(head_timeout), "body_timeout": float(body_timeout)})


class _DeadlineProtocol(HttpToolsProtocol):
    head_timeout = 20.0
    body_timeout = 30.0

    def connection_made(self, transport) -> None:
        self._deadline: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._arm(self.head_timeout)

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._deadline is None:  # a connection's first request keeps the deadline set when it opened
            self._arm(self.head_timeout)

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        self._arm(self.body_timeout)  # on_message_complete follows at once when there is no body

    def on_body(self, body: bytes) -> None:
        super().on_body(body)
        self._arm(self.body_timeout)

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._disarm()

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self.flow.read_paused:  # the application has not read what came: not the client's delay
            self._arm(self.body_timeout)
            return
        client = f"{self.client[0]}:{self.client[1]}" if self.client else "-"
        log.info("closing a slow connection from %s (request not complete in time)", client)
        if self.cycle is None or self.cycle.response_complete or not self.cycle.response_started:
            self.transport.write(_TIMEOUT_408)
        self.transport.close()
