"""The request log: a line per request (route template, status, login) in a rotating
file, and nothing a citizen said or typed: no query string, no body, no concrete path."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

import httpx

from sync.cli import request_log_file
from sync.server import auth
from sync.server.request_log import FILE_NAME, LogFile
from sync.server.runner import ServerThread

from .helpers import PASSWORD

PHONE, NAME, ADDRESS = "13812345678", "欧阳娜娜", "锦江区春熙路88号"


def test_the_request_log_has_no_personal_data_and_rotates(tmp_path, central_template):
    import shutil
    db = tmp_path / "central.db"
    shutil.copy(central_template, db)
    log = tmp_path / "logs" / "requests.log"
    with ServerThread(f"sqlite:///{db}", request_log=LogFile(log, max_bytes=4000, backups=2)) as srv:
        key = auth.create_api_key(srv.db, "城市大脑")
        with httpx.Client(base_url=srv.url) as http:
            token = http.post("/api/v1/login", json={"login": "op01", "password": PASSWORD}).json()["access_token"]
            bearer = {"authorization": f"Bearer {token}"}
            assert http.get("/api/v1/cases", params={"state": "received", "q": PHONE}, headers=bearer
                            ).status_code == 200
            assert http.get(f"/api/v1/cases/{PHONE}", headers=bearer).status_code == 404
            assert http.get(f"/nothing/{PHONE}/{NAME}").status_code == 404
            r = http.post("/open311/v2/requests.json",
                          data={"api_key": key, "service_code": "0203", "description": f"{NAME}来电，电话{PHONE}",
                                "first_name": NAME, "phone": PHONE, "address_string": ADDRESS})
            assert r.status_code == 201
            text = log.read_text("utf-8")
            assert PHONE not in text and NAME not in text and ADDRESS not in text and key not in text
            assert "?" not in text and "received" not in text
            got = [line.split()[1:] for line in text.splitlines()]
            assert [g[:4] + g[5:] for g in got] == [
                ["127.0.0.1", "POST", "/api/v1/login", "200", "-"],
                ["127.0.0.1", "GET", "/api/v1/cases", "200", "op01"],
                ["127.0.0.1", "GET", "/api/v1/cases/{ref}", "404", "op01"],
                ["127.0.0.1", "GET", "-", "404", "-"],
                ["127.0.0.1", "POST", "/open311/v2/requests.{fmt}", "201", "key:城市大脑"]]
            assert all(g[4].endswith("ms") for g in got)
            for _ in range(150):
                http.get("/api/v1/health")
    rotated = sorted(p.name for p in log.parent.iterdir())
    assert rotated == ["requests.log", "requests.log.1", "requests.log.2"]
    assert all(p.stat().st_size <= 4000 for p in log.parent.iterdir())
    if os.name == "posix":  # it names logins and addresses: for the server's account only
        assert {p.stat().st_mode & 0o777 for p in log.parent.iterdir()} == {0o600}


def test_central_serve_logs_requests_by_default(tmp_path, monkeypatch):
    def args(**kw):
        return argparse.Namespace(**({"db": f"sqlite:///{tmp_path / 'data' / 'central.db'}", "log_dir": None,
                                      "log_max_bytes": 1000, "no_request_log": False} | kw))
    assert request_log_file(args()) == LogFile(tmp_path / "data" / FILE_NAME, max_bytes=1000)
    assert request_log_file(args(log_dir=str(tmp_path / "elsewhere"))).path == tmp_path / "elsewhere" / FILE_NAME
    assert request_log_file(args(no_request_log=True)) is None
    # no file to sit beside: the platform's log folder for the program
    asked = []
    monkeypatch.setattr("platformdirs.user_log_dir",
                        lambda name, appauthor=None: asked.append(name) or str(tmp_path / "platform" / name))
    pg = request_log_file(args(db="postgresql+psycopg://u:p@127.0.0.1/central")).path
    assert asked == ["hotline-central"] and pg == tmp_path / "platform" / "hotline-central" / FILE_NAME
    assert pg.parent.is_dir()


def test_central_serve_writes_the_log_beside_its_database(tmp_path, central_template):
    import shutil
    import subprocess
    import sys
    import time

    from sync.server.runner import free_port
    root = Path(__file__).resolve().parents[2]
    shutil.copy(central_template, tmp_path / "central.db")
    port = free_port()
    db = f"sqlite:///{tmp_path / 'central.db'}"
    proc = subprocess.Popen([sys.executable, "main.py", "central", "serve", "--db", db, "--port", str(port)],
                            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:  # wait for the server to listen (not a timing assertion: it only bounds the wait)
            try:
                assert httpx.get(f"http://127.0.0.1:{port}/api/v1/health", params={"q": PHONE}).status_code == 200
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "central serve did not start"
                time.sleep(0.1)
    finally:
        proc.terminate()
        err = proc.communicate(timeout=30)[1].decode()
    text = (tmp_path / FILE_NAME).read_text("utf-8")
    assert "GET /api/v1/health 200" in text and PHONE not in text
    assert str(tmp_path / FILE_NAME) in err  # the start-up line says where the log is
