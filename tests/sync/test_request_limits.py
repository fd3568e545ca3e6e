"""Issue 12, point 4: bodies are limited before they are read, the credential comes
before the body, and text that is not UTF-8 (or a lone surrogate) is refused.

The raw-socket tests send only the request head with a huge Content-Length (or
chunks that never end): the answer arrives although the body never does, which
is what "checked before the body is read" means."""
from __future__ import annotations

import json
import socket

import httpx
import pytest

from sync.server.limits import DEFAULT_PUSH_BYTES, MIB
from sync.server.runner import ServerThread

from .helpers import PASSWORD


def _token(url: str, login: str = "op01") -> str:
    r = httpx.post(f"{url}/api/v1/login", json={"login": login, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return r.json()["access_token"]


def _raw(srv, head: str, chunks=()) -> tuple[int, dict]:
    """Send a request head (and maybe some body chunks) on a raw socket; the status and JSON body."""
    with socket.create_connection((srv.host, srv.port), timeout=20) as s:
        s.sendall(head.encode("latin-1"))
        try:
            for chunk in chunks:
                s.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed while we were still sending
        data = b""
        while b"\r\n\r\n" not in data or len(data) < _length(data):
            more = s.recv(65536)
            if not more:
                break
            data += more
    head_text, _, body = data.partition(b"\r\n\r\n")
    status = int(head_text.split(b" ", 2)[1])
    return status, json.loads(body) if body else {}


def _length(data: bytes) -> int:
    head, _, _ = data.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(head) + 4 + int(line.split(b":")[1])
    return 1 << 30


def _head(method: str, path: str, length: int | None = None, token: str | None = None,
          ctype: str = "application/json") -> str:
    lines = [f"{method} {path} HTTP/1.1", "Host: test", f"Content-Type: {ctype}"]
    lines.append(f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked")
    if token:
        lines.append(f"Authorization: Bearer {token}")
    return "\r\n".join(lines) + "\r\n\r\n"


def _chunks(n: int, size: int = 256 * 1024):
    for _ in range(n):
        yield f"{size:x}\r\n".encode() + b"x" * size + b"\r\n"


def test_declared_length_over_the_limit_is_413_before_the_body(central):
    token = _token(central.url)
    hundred_mb = 100 * MIB
    for path, tok in [("/api/v1/sync/push", token), ("/open311/v2/requests.json", None),
                      ("/api/v1/login", None), ("/api/v1/kb/articles", token), ("/api/v1/devices", token),
                      ("/api/v1/cases/X/actions/accept", token), ("/api/v1/health", None)]:
        status, body = _raw(central, _head("POST", path, hundred_mb, tok))
        assert status == 413 and _code(body) in ("too_large", 413), (path, status, body)
    # each route's own limit: login 4 KiB, Open311 1 MiB, push the configured default
    assert _raw(central, _head("POST", "/api/v1/login", 4 * 1024 + 1))[0] == 413
    assert _raw(central, _head("POST", "/open311/v2/requests.xml", MIB + 1))[0] == 413
    assert _raw(central, _head("POST", "/api/v1/sync/push", DEFAULT_PUSH_BYTES + 1, token))[0] == 413


def test_chunked_bodies_are_counted_while_they_stream(central):
    token = _token(central.url)
    # 1.25 MiB of chunks that never end: answered once the count passes the limit
    status, body = _raw(central, _head("POST", "/open311/v2/requests.json"), _chunks(5))
    assert status == 413 and body[0]["code"] == 413  # in GeoReport v2's error shape
    status, body = _raw(central, _head("POST", "/api/v1/login"), _chunks(1))
    assert status == 413
    status, body = _raw(central, _head("POST", "/api/v1/sync/push", token=token),
                        _chunks(DEFAULT_PUSH_BYTES // (256 * 1024) + 2))
    assert status == 413 and body["error"] == "too_large"


def test_the_credential_is_checked_before_the_body(central):
    # no token: 401 although the 100 MB body never comes
    for path in ("/api/v1/sync/push", "/api/v1/kb/articles", "/api/v1/devices", "/api/v1/cases/X/actions/accept"):
        status, body = _raw(central, _head("POST", path, 100 * MIB))
        assert status == 401, (path, status, body)
    # a forged token on the routes that read their own (large) body: 401 before the 1 MiB comes
    for path in ("/api/v1/sync/push", "/api/v1/kb/articles"):
        status, body = _raw(central, _head("POST", path, MIB, "forged"))
        assert status == 401, (path, status, body)


def test_push_limit_is_configurable(tmp_path, central_template, monkeypatch):
    import shutil
    path = tmp_path / "central.db"
    shutil.copy(central_template, path)
    monkeypatch.setenv("CENTRAL_MAX_PUSH_BYTES", str(128 * 1024))
    with ServerThread(f"sqlite:///{path}") as srv:
        token = _token(srv.url)
        assert _raw(srv, _head("POST", "/api/v1/sync/push", 128 * 1024 + 1, token))[0] == 413
        r = httpx.post(f"{srv.url}/api/v1/sync/push", headers={"authorization": f"Bearer {token}"},
                       content=b"{" + b" " * (100 * 1024) + b"}")
        assert r.status_code == 422  # under the limit: read, and refused for what it is


@pytest.mark.parametrize("path, body", [
    ("/api/v1/login", '{"login": "op01\\ud800", "password": "x"}'),
    ("/api/v1/login", '{"login": "\\udc00op01", "password": "x"}'),
    ("/open311/v2/requests.json", '{"api_key": "k", "description": "\\ud83d"}'),
])
def test_lone_surrogates_are_400(central, path, body):
    r = httpx.post(central.url + path, content=body.encode(), headers={"content-type": "application/json"})
    assert r.status_code == 400 and _code(r.json()) in ("bad_encoding", 400), r.text
    # a proper pair (an emoji) is text like any other
    fine = body.replace("\\ud800", "\\ud83d\\ude00").replace("\\udc00", "\\ud83d\\ude00").replace(
        "\\ud83d\"", "\\ud83d\\ude00\"")
    assert httpx.post(central.url + path, content=fine.encode(),
                      headers={"content-type": "application/json"}).status_code != 400


def test_invalid_utf8_is_400(central):
    token = _token(central.url)
    auth_h = {"authorization": f"Bearer {token}"}
    bad = b'{"login": "op01\xff", "password": "x"}'
    r = httpx.post(central.url + "/api/v1/login", content=bad, headers={"content-type": "application/json"})
    assert r.status_code == 400, r.text
    push = b'{"device_id": "d\xed\xa0\x80", "sent_at": "2026-01-01T00:00:00", "ops": []}'
    r = httpx.post(central.url + "/api/v1/sync/push", content=push, headers=auth_h)
    assert r.status_code == 400 and r.json()["error"] == "bad_encoding", r.text
    r = httpx.post(central.url + "/api/v1/sync/push", content=push.replace(b"\xed\xa0\x80", b"\\ud800"),
                   headers=auth_h)
    assert r.status_code == 400 and r.json()["error"] == "bad_encoding", r.text
    r = httpx.post(central.url + "/api/v1/kb/articles", content=b'{"id": "a\xff", "title": "t", "body": "b"}\n',
                   headers=_admin(central))
    assert r.status_code == 400, r.text
    r = httpx.post(central.url + "/open311/v2/requests.json", content=b"api_key=k&description=%FF%FE",
                   headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400, r.text
    for target in ("/open311/v2/requests.json?service_code=%FF", "/open311/v2/requests.json?status=%00",
                   "/api/v1/cases/%ED%A0%80"):
        r = httpx.get(central.url + target, headers=auth_h)
        assert r.status_code == 400, (target, r.status_code, r.text)


def _code(body):
    """The error code of a sync API error ({"error"}) or an Open311 one ([{"code"}])."""
    return body[0]["code"] if isinstance(body, list) else body["error"]


def _admin(central) -> dict:
    return {"authorization": f"Bearer {_token(central.url, 'admin')}"}


def test_a_console_splits_its_batch_when_the_server_limit_is_lower(tmp_path, central_template, consoles,
                                                                    monkeypatch):
    import asyncio
    import shutil
    path = tmp_path / "central.db"
    shutil.copy(central_template, path)
    monkeypatch.setenv("CENTRAL_MAX_PUSH_BYTES", str(64 * 1024))
    with ServerThread(f"sqlite:///{path}") as srv:
        a = consoles("a", srv.url)
        for i in range(120):  # some 120 KB of operations: over the limit in one batch of 500
            a.log(f"路灯不亮第{i}天，晚上走路很不安全，请尽快派人修理")

        async def go():
            try:
                return await a.client.sync_once()
            finally:
                await a.client.aclose()
        report = asyncio.run(go())
        assert report.pushed == 120 and report.applied == 120
        assert a.client.push_batch < 500
