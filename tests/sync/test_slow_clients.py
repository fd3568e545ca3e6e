"""Issue 12, point 5: a connection that sends nothing, a request head a byte at a
time, or half a body and then waits is answered 408 and closed within the
server's deadlines, and the server keeps answering everyone else meanwhile.

Deadlines are a matter of the HTTP layer, not of the database: these tests run
on SQLite only."""
from __future__ import annotations

import shutil
import socket
import time

import httpx
import pytest

from sync.server.runner import ServerThread, Transport

DEADLINE = 1.0
GIVE_UP = 15.0  # far beyond the deadline: reaching it means the server never closed


@pytest.fixture
def strict_central(tmp_path, central_template):
    path = tmp_path / "central.db"
    shutil.copy(central_template, path)
    srv = ServerThread(f"sqlite:///{path}", transport=Transport(head_timeout=DEADLINE, body_timeout=DEADLINE))
    srv.start()
    yield srv
    srv.stop()


def _read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    sock.settimeout(GIVE_UP)
    got = b""
    try:
        while chunk := sock.recv(4096):
            got += chunk
    except TimeoutError:
        pytest.fail(f"the server kept the connection open (got {got[:60]!r})")
    except ConnectionResetError:
        pass
    return got


def _healthy(srv) -> bool:
    return httpx.get(f"{srv.url}/api/v1/health", timeout=5).status_code == 200


def test_half_a_body_then_silence_is_closed(strict_central):
    with socket.create_connection((strict_central.host, strict_central.port)) as sock:
        # the login is read without a token (a push without one is refused before its body)
        sock.sendall(b"POST /api/v1/login HTTP/1.1\r\nhost: central\r\ncontent-type: application/json\r\n"
                     b"content-length: 1000\r\n\r\n" + b" " * 500)
        assert _healthy(strict_central)  # others are answered while it waits
        got = _read_until_closed(sock)
    assert got.startswith(b"HTTP/1.1 408")
    assert _healthy(strict_central)


def test_a_connection_that_sends_nothing_is_closed(strict_central):
    with socket.create_connection((strict_central.host, strict_central.port)) as sock:
        assert _read_until_closed(sock).startswith(b"HTTP/1.1 408")
    assert _healthy(strict_central)


def test_a_head_sent_a_byte_at_a_time_is_closed(strict_central):
    with socket.create_connection((strict_central.host, strict_central.port)) as sock:
        sock.sendall(b"GET /api/v1/health HTTP/1.1\r\n")
        closed = False
        give_up = time.monotonic() + GIVE_UP
        while time.monotonic() < give_up:  # each byte well within the deadline, the whole head never
            try:
                sock.sendall(b"x")
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            time.sleep(DEADLINE / 4)
        if not closed:
            closed = _read_until_closed(sock).startswith(b"HTTP/1.1 408")
        assert closed
    assert _healthy(strict_central)


def test_a_quick_client_is_not_troubled(strict_central):
    # keep-alive across the head deadline: a waiting console's connection is an idle one, not a slow one
    with httpx.Client(base_url=strict_central.url) as http:
        assert http.get("/api/v1/health").status_code == 200
        time.sleep(DEADLINE * 1.5)
        assert http.get("/api/v1/health").status_code == 200
        r = http.post("/api/v1/login", json={"login": "op01", "password": "correct-horse-1"})
        assert r.status_code == 200
