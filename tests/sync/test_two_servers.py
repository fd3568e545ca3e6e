"""Two real server processes on one PostgreSQL database behave as one server.

Server A is `central serve` in one process, server B `central serve --workers 2`;
both are started at once on an empty database. Four consoles sync through
them at the same time, and every push of one console is also sent, at the
same moment and with the same token, to the other server: the same batch
reaches both concurrently. Every operation must be applied exactly once (one
server applies it, the other answers with the stored result), and in the end
the server holds every case and event the consoles made, once, and every
console equals the server.
"""
from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import httpx
import orjson
import pytest

from sync.protocol import API
from sync.server.db import open_central
from sync.server.runner import free_port

from .conftest import PG_MISSING, PG_SKIP, PG_URL, _fresh_postgres
from .helpers import PASSWORD, add_accounts, local_view, outbox_statuses, server_view

pytestmark = pytest.mark.skipif(PG_MISSING, reason=PG_SKIP)
ROOT = Path(__file__).resolve().parents[2]
TEXTS = ["路灯不亮", "噪音扰民", "占道经营", "垃圾清运不及时", "欠薪", "井盖缺失"]


def _start_server(url: str, port: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), "central", "serve", "--db", url,
                             "--port", str(port), "--no-request-log", *extra],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _wait_healthy(proc: subprocess.Popen, base: str, deadline: float) -> dict:
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"{base} exited with {proc.returncode}: {proc.stderr.read().decode()[-2000:]}")
        try:
            r = httpx.get(f"{base}{API}/health", timeout=2)
            if r.status_code == 200:
                return r.json()
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{base} did not come up")


def _stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            p.terminate()
    for p in procs:
        try:
            p.wait(timeout=40)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


@pytest.fixture
def two_servers():
    """(url of A, url of B): started together on an empty database, accounts added through A's schema."""
    if not PG_URL:
        pytest.fail("CI runs the PostgreSQL tests: .ci/run must set CENTRAL_TEST_DATABASE_URL")
    _fresh_postgres(PG_URL)
    ports = [free_port(), free_port()]
    procs = [_start_server(PG_URL, ports[0]), _start_server(PG_URL, ports[1], "--workers", "2")]
    try:
        urls = [f"http://127.0.0.1:{p}" for p in ports]
        deadline = time.monotonic() + 180
        epochs = {_wait_healthy(p, u, deadline)["epoch"] for p, u in zip(procs, urls, strict=True)}
        assert len(epochs) == 1, "the two servers made two epochs"
        db = open_central(PG_URL)
        add_accounts(db)
        yield urls[0], urls[1], db
        db.close()
    finally:
        _stop(procs)


class TwinPush(httpx.AsyncBaseTransport):
    """Sends every push also to `other` (the other server), at the same moment, and keeps both answers."""

    def __init__(self, inner: httpx.AsyncBaseTransport, other: str):
        self.inner, self.other = inner, other
        self.twin = httpx.AsyncHTTPTransport()
        self.pairs: list[tuple[dict, dict]] = []  # (the console's answer, the other server's), per push

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not request.url.path.endswith("/sync/push"):
            return await self.inner.handle_async_request(request)
        body = await request.aread()
        twin = httpx.Request("POST", self.other + request.url.path, content=body,
                             headers={k: v for k, v in request.headers.items() if k.lower() != "host"})
        mine, theirs = await asyncio.gather(self.inner.handle_async_request(request),
                                            self.twin.handle_async_request(twin))
        mine_body, theirs_body = await mine.aread(), await theirs.aread()
        assert mine.status_code == theirs.status_code == 200, (mine.status_code, theirs.status_code, theirs_body)
        self.pairs.append((orjson.loads(mine_body), orjson.loads(theirs_body)))
        return httpx.Response(mine.status_code, headers=mine.headers, content=mine_body, request=request)

    async def aclose(self) -> None:
        await self.inner.aclose()
        await self.twin.aclose()


def test_consoles_syncing_through_two_server_processes_apply_everything_exactly_once(two_servers, consoles):
    url_a, url_b, db = two_servers
    rng = random.Random(13)
    cs = [consoles("c1", url_a, login="op01"), consoles("c2", url_b, login="op02"),
          consoles("c3", url_a, login="lead01"), consoles("c4", url_b, login="op01")]
    twins = []
    for c, other in zip(cs, [url_b, url_a, url_b, url_a], strict=True):
        c.net.inner = TwinPush(c.net.inner, other)
        twins.append(c.net.inner)
    logged: set[str] = set()

    async def scenario():
        for round_ in range(4):
            for c in cs:
                for i in range(8):
                    logged.add(c.log(f"{rng.choice(TEXTS)}{round_}-{i}", category_code="0203"))
                for case in rng.sample(c.profile.cases.list_cases(limit=500), k=4):
                    if case.state == "received" and case.number.split("-")[1] == c.profile.cases.station:
                        c.act(case.number, "dispatch", lead_department="URBAN")
                    else:  # another console's case: a note, which no concurrent change can refuse
                        c.act(case.number, "note", text=f"再次来电催办{round_}")
            await asyncio.gather(*(c.client.sync_once() for c in cs))
        for _ in range(2):  # everyone pulls what the others pushed last
            await asyncio.gather(*(c.client.sync_once() for c in cs))
        for c in cs:
            await c.client.aclose()

    made = {}
    asyncio.run(scenario())
    for c in cs:
        for case_id, case in local_view(c.db).items():
            made.setdefault(case_id, set()).update(e[0] for e in case.get("events", []))
    server = server_view(db)

    pushed = 0
    for twin in twins:
        for mine, theirs in twin.pairs:
            a = {r["op_id"]: r for r in mine["results"]}
            b = {r["op_id"]: r for r in theirs["results"]}
            assert a.keys() == b.keys()
            for op_id in a:
                ra, rb = dict(a[op_id]), dict(b[op_id])
                assert ra.pop("replayed", False) != rb.pop("replayed", False), \
                    f"operation {op_id} was applied by both servers or by neither"
                assert ra == rb, "the two servers answered the same operation differently"
                assert ra["status"] in ("applied", "merged"), ra
                pushed += 1
    assert pushed > 100, "the consoles pushed too little to test anything"
    assert {case["number"] for case in server.values()} == logged, "a logged case is missing or one is extra"
    assert len(server) == len(logged)
    for case_id, case in server.items():
        seqs = [e[1] for e in case["events"]]
        assert seqs == list(range(1, len(seqs) + 1)), f"case {case['number']}: event numbers {seqs}"
        assert {e[0] for e in case["events"]} == made[case_id], f"case {case['number']}: events differ"
    for c in cs:
        assert outbox_statuses(c.db).get("pending", 0) == 0
        assert local_view(c.db) == server


def test_two_server_processes_share_stations_and_refresh_tokens(two_servers):
    """Devices registered through both servers at once get distinct stations; a refresh token
    sent to both at once is good once: one server rotates it, the other refuses it."""
    url_a, url_b, _db = two_servers

    async def scenario():
        async with httpx.AsyncClient(timeout=60) as http:
            async def login(url: str) -> dict:
                r = await http.post(f"{url}{API}/login", json={"login": "op01", "password": PASSWORD})
                assert r.status_code == 200, r.text
                return r.json()
            token = (await login(url_a))["access_token"]
            h = {"authorization": f"Bearer {token}"}
            registered = await asyncio.gather(*(http.post(f"{url}{API}/devices", headers=h, json={"name": f"d{i}"})
                                                for i in range(10) for url in (url_a, url_b)))
            assert all(r.status_code == 200 for r in registered), [r.text for r in registered]
            stations = [r.json()["station"] for r in registered]
            assert len(set(stations)) == len(stations), f"two devices got one station: {sorted(stations)}"
            for _ in range(3):
                refresh = (await login(url_b))["refresh_token"]
                answers = await asyncio.gather(*(http.post(f"{url}{API}/token/refresh",
                                                           json={"refresh_token": refresh})
                                                  for url in (url_a, url_b)))
                assert sorted(r.status_code for r in answers) == [200, 401], [r.text for r in answers]
    asyncio.run(scenario())
