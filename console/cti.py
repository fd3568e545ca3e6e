"""Caller-ID adapter: an HTTP listener on a loopback port for telephony call events.

The events follow the generic CTI webhook shape that many PBX and cloud
telephony products send (popularised by sipgate.io): `newCall`, `answer`,
`hangup`, each with `from`, `to`, `callId`, `direction` and `user`. The body
is JSON (or the same keys form-encoded); see docs/cti.md. HTTP parsing is
done by h11 (already a dependency of httpx); no Qt here: the listener calls a
plain callback on the asyncio loop it runs on.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs

import h11

log = logging.getLogger(__name__)

EVENTS = ("newCall", "answer", "hangup")
NEEDS_CALLER = ("newCall", "answer")  # a call without a number can't be shown, logged or called back
DEFAULT_PORT = 8765
MAX_BODY = 64 * 1024
LOOPBACK = ("127.0.0.1", "::1", "localhost")


@dataclass(frozen=True)
class CallEvent:
    """One call event from the telephone system."""

    event: str  # newCall, answer, hangup
    call_id: str
    from_number: str = ""
    to_number: str = ""
    direction: str = "in"
    user: str = ""
    cause: str = ""  # hangup cause when given


class CallEventError(ValueError):
    """The request is not a call event; the message says what is wrong."""


def parse_event(body: bytes, content_type: str = "application/json") -> CallEvent:
    """A CallEvent from a JSON or form-encoded body; CallEventError for anything else."""
    if len(body) > MAX_BODY:
        raise CallEventError("the body is larger than 64 KiB")
    if "x-www-form-urlencoded" in content_type:
        data = {k: v[-1] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        users = parse_qs(body.decode("utf-8", "replace")).get("user[]")
        if users:
            data["user"] = users[0]
    else:
        try:
            data = json.loads(body.decode("utf-8") or "null")
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CallEventError(f"the body is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise CallEventError("the body must be a JSON object")
    event = str(data.get("event") or "")
    if event not in EVENTS:
        raise CallEventError(f"event must be one of {', '.join(EVENTS)} (got {event!r})")
    call_id = str(data.get("callId") or "")
    if not call_id:
        raise CallEventError("callId is required")
    from_number = str(data.get("from") or "").strip()
    if event in NEEDS_CALLER and not from_number:
        raise CallEventError(f"from (the caller's number) is required for {event}")
    if len(call_id) > 64 or len(from_number) > 32:
        raise CallEventError("callId is at most 64 characters and from at most 32")
    user = data.get("user") or ""
    if isinstance(user, list):
        user = user[0] if user else ""
    return CallEvent(event, call_id, from_number, str(data.get("to") or ""),
                     str(data.get("direction") or "in"), str(user), str(data.get("cause") or ""))


class CtiListener:
    """Listens on host:port and calls `on_event(CallEvent)` for each valid event.

    `await start()` binds (port 0 picks a free port, see `.port`), `await stop()`
    closes. Only loopback addresses are accepted: caller numbers are personal data.
    """

    def __init__(self, on_event: Callable[[CallEvent], None], port: int = DEFAULT_PORT, host: str = "127.0.0.1"):
        if host not in LOOPBACK:
            raise ValueError(f"the caller-ID listener only binds a loopback address, not {host!r}")
        self.on_event = on_event
        self.host = host
        self.port = port
        self._server: asyncio.base_events.Server | None = None

    async def start(self) -> int:
        """Bind and serve in the background; returns the bound port."""
        self._server = await asyncio.start_server(self._handle, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        log.info("caller-ID listener on http://%s:%s/", self.host, self.port)
        return self.port

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        conn = h11.Connection(h11.SERVER)
        try:
            while True:
                request, body = await self._read_request(conn, reader)
                if request is None:
                    break
                status, reply = self._respond(request, body)
                payload = json.dumps(reply).encode()
                headers = [("content-type", "application/json"), ("content-length", str(len(payload)))]
                writer.write(conn.send(h11.Response(status_code=status, headers=headers)))
                writer.write(conn.send(h11.Data(data=payload)))
                writer.write(conn.send(h11.EndOfMessage()))
                await writer.drain()
                if conn.our_state is h11.MUST_CLOSE:
                    break
                conn.start_next_cycle()
        except (h11.RemoteProtocolError, ConnectionError, asyncio.IncompleteReadError) as exc:
            log.debug("caller-ID connection dropped: %s", exc)
        finally:
            writer.close()

    async def _read_request(self, conn: h11.Connection, reader: asyncio.StreamReader):
        request, body = None, bytearray()
        while True:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                data = await reader.read(65536)
                conn.receive_data(data)
                if not data and conn.their_state is h11.IDLE:
                    return None, b""
                continue
            if isinstance(event, h11.Request):
                request = event
            elif isinstance(event, h11.Data):
                body += event.data
                if len(body) > MAX_BODY:
                    return request, bytes(body)
            elif isinstance(event, h11.EndOfMessage):
                return request, bytes(body)
            elif isinstance(event, h11.ConnectionClosed):
                return None, b""

    def _respond(self, request: h11.Request, body: bytes) -> tuple[int, dict]:
        if request.method != b"POST":
            return 405, {"ok": False, "error": "POST a call event (JSON) to this address"}
        ctype = dict(request.headers).get(b"content-type", b"application/json").decode("latin-1")
        try:
            event = parse_event(body, ctype)
        except CallEventError as exc:
            return 400, {"ok": False, "error": str(exc)}
        try:
            self.on_event(event)
        except Exception:  # the console's reaction failing must not break the phone system's webhook
            log.exception("handling call event %s failed", event)
            return 500, {"ok": False, "error": "the console could not handle the event"}
        return 200, {"ok": True}
