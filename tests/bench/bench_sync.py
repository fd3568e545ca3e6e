"""Sync figures on loopback, each against a bare HTTP round trip to the same server
measured in the same run (GET /api/v1/health).

- push: a console with a 100,000-operation outbox (50,000 cases logged and
  dispatched through the real CaseService) pushes it all; operations/s.
- pull: a fresh console pulls those 100,000 changes; changes/s, with the
  console's resident memory sampled while it pulls (it must stay flat).
- fleet: 200 simulated consoles (one device and outbox each) sync against
  one server process, each every 4-12 s (the window syncs every 15 s, so
  this is about twice its load), pushing 0-2 new cases a time and pulling
  everything new; p50 and p99 of the request round trips. A faster schedule
  (every 1-4 s) saturates the server's single serialized writer, whose
  commits wait for the disk (synchronous=FULL), and latencies then grow
  without bound; see the report.

The server runs in its own process (`main.py central serve`), so the
console's memory is the console's alone.
"""
from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx
import orjson

from tests.bench.harness import Figure, percentile

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "bench-password-1"
LOGIN = "op01"  # the profile's first operator: a push is accepted from the account that made its events


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class _Server:
    def __init__(self, workdir: Path):
        from sync.server import auth
        from sync.server.db import open_central
        from sync.server.runner import free_port
        self.url_db = f"sqlite:///{workdir / 'central.db'}"
        db = open_central(self.url_db)
        auth.create_account(db, LOGIN, PASSWORD, "operator")
        auth.create_account(db, "bench", PASSWORD, "operator")  # the fleet's simulated consoles
        db.close()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "central", "serve", "--db", self.url_db,
                                      "--port", str(self.port)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        for _ in range(300):
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("the central server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def _bare_round_trips(url: str, n: int = 300) -> tuple[float, float]:
    """(round trips per second, median ms) of GET /health over one keep-alive connection."""
    times = []
    with httpx.Client(base_url=url) as http:
        http.get("/api/v1/health")
        for _ in range(n):
            t = time.perf_counter()
            http.get("/api/v1/health")
            times.append(time.perf_counter() - t)
    med = statistics.median(times)
    return 1 / med, med * 1000


def _fill_outbox(folder: Path, n_ops: int):
    """A profile whose outbox holds n_ops operations: cases logged and dispatched (2 ops each)."""
    from console.profile import open_profile
    prof = open_profile(folder)
    actor = prof.actor()
    cases = prof.cases
    rng = random.Random(5)
    n_cases = n_ops // 2
    made = 0
    while made < n_cases:
        with prof.db.session() as s, s.begin():
            for _ in range(min(2000, n_cases - made)):
                case = cases.create(s, {"type": "help", "urgency": "normal", "channel": "phone",
                                        "category_code": "0203", "district_code": "JJ",
                                        "address": f"锦江区春熙路{rng.randrange(1, 300)}号",
                                        "description": f"路灯不亮第{made}件", "caller_phone": "13800138000",
                                        "caller_name": "王先生", "confidential": False, "repeat_caller": False,
                                        "assist_departments": []}, actor)
                s.flush()
                cases.record(s, case, "dispatch", actor, "", {"lead_department": "URBAN"}, cases.clock())
                made += 1
    return prof


def _push(prof, url: str):
    from sync.client import SyncClient, SyncReport

    async def go():
        client = SyncClient(prof.db, url, login=LOGIN, password=PASSWORD, push_batch=2000)
        await client.register()  # its station, and the cases moved into it (not timed)
        rep = SyncReport()
        t = time.perf_counter()
        await client.push_all(rep)
        elapsed = time.perf_counter() - t
        await client.aclose()
        return rep, elapsed
    return asyncio.run(go())


def _pull(folder: Path, url: str):
    from console.profile import open_profile
    from sync.client import SyncClient, SyncReport
    prof = open_profile(folder)
    samples: list[float] = []
    done = threading.Event()

    def sample():
        while not done.is_set():
            samples.append(_rss_mb())
            time.sleep(0.05)

    async def go():
        client = SyncClient(prof.db, url, login=LOGIN, password=PASSWORD, pull_limit=2000)
        await client.register()  # a device and its session (not timed)
        rep = SyncReport()
        watcher = threading.Thread(target=sample, daemon=True)
        t = time.perf_counter()
        watcher.start()
        await client.pull_all(rep)
        elapsed = time.perf_counter() - t
        done.set()
        watcher.join()
        await client.aclose()
        return rep, elapsed
    try:
        return (*asyncio.run(go()), samples)
    finally:
        prof.close()


def _receive_op(seq: int, station: str) -> dict:
    case_id, event_id = str(uuid.uuid4()), str(uuid.uuid4())
    now = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
    number = f"CD-{station}-20261127-{seq:04d}"
    case = {"number": number, "station": station, "type": "consultation", "urgency": "normal", "channel": "phone",
            "category_code": "0203", "district_code": "JJ", "address": "", "description": "模拟坐席受理",
            "caller_phone": "", "caller_name": "", "confidential": False, "repeat_caller": False, "created_at": now}
    return {"op_id": str(uuid.uuid4()), "seq": seq, "kind": "case_event", "payload": {
        "case_id": case_id, "case_number": number, "base_version": 0,
        "event": {"id": event_id, "seq": 1, "kind": "receive", "actor": "bench", "actor_role": "operator", "at": now,
                  "from_state": "draft", "to_state": "received", "reason": "", "payload": {"case": case}}}}


def _fleet(url: str, consoles: int, rounds: int, spacing: tuple[float, float] = (4.0, 12.0), start: int = 0
           ) -> tuple[list[float], int, list[float]]:
    """Round trip times (ms) of `consoles` simulated consoles, each syncing `rounds` times,
    how many requests failed at the transport level (retried, like the real client), and
    the simulator's own event-loop lags (ms): all 200 consoles share this process, so
    when it is starved of CPU its consoles see longer round trips that are not the server's."""
    async def go():
        limits = httpx.Limits(max_connections=consoles, max_keepalive_connections=consoles)
        async with httpx.AsyncClient(base_url=url + "/api/v1", limits=limits, timeout=60) as http:
            tok = (await http.post("/login", json={"login": "bench", "password": PASSWORD})).json()["access_token"]
            h = {"authorization": f"Bearer {tok}"}
            devices = [(await http.post("/devices", headers=h, json={"name": f"sim{i}"})).json()
                       for i in range(consoles)]
            epoch = (await http.get("/health")).json()["epoch"]
            times: list[float] = []
            errors = [0]

            async def timed(method: str, path: str, **kw):
                for _ in range(3):
                    t = time.perf_counter()
                    try:
                        r = await http.request(method, path, headers=h, **kw)
                    except httpx.TransportError:
                        errors[0] += 1
                        continue
                    times.append((time.perf_counter() - t) * 1000)
                    return r
                raise RuntimeError("a simulated console could not reach the server three times in a row")

            async def console(i: int, device: dict):
                rng = random.Random(i)
                seq, cursor = 0, start  # start: the cursor of consoles that are up to date
                for _ in range(rounds):
                    await asyncio.sleep(rng.uniform(*spacing))  # consoles sync on their own schedules
                    ops = []
                    for _ in range(rng.choice([0, 0, 1, 1, 2])):
                        seq += 1
                        ops.append(_receive_op(seq, device["station"]))
                    if ops:
                        await timed("POST", "/sync/push", json={"device_id": device["device_id"], "epoch": epoch,
                                                                "sent_at": ops[-1]["payload"]["event"]["at"],
                                                                "ops": ops})
                    # read as the console reads it (orjson): 200 consoles share this one process and
                    # its event loop, so their own parsing would count in each other's round trips
                    page = orjson.loads((await timed("GET", "/sync/pull", params={"cursor": cursor, "limit": 500,
                                                                                 "epoch": epoch})).content)
                    cursor = page["next_cursor"]

            async def lag_monitor():  # how late this process's own event loop wakes up
                while True:
                    t = time.perf_counter()
                    await asyncio.sleep(0.01)
                    lags.append((time.perf_counter() - t - 0.01) * 1000)
            lags: list[float] = []
            monitor = asyncio.ensure_future(lag_monitor())
            await asyncio.gather(*(console(i, d) for i, d in enumerate(devices)))
            monitor.cancel()
            return times, errors[0], lags
    return asyncio.run(go())


def run(ctx):
    """Yields each figure as soon as it is measured (the full size takes minutes)."""
    n_ops = ctx.size(100_000, minimum=1000)
    n_ops -= n_ops % 2
    n_consoles = ctx.size(200, minimum=20)
    server = _Server(ctx.workdir)
    try:
        rt_per_s, rt_ms = _bare_round_trips(server.url)
        t = time.perf_counter()
        prof = _fill_outbox(ctx.workdir / "sync-push", n_ops)
        fill_s = time.perf_counter() - t
        try:
            rep, push_s = _push(prof, server.url)
        finally:
            prof.close()
        assert rep.applied == n_ops, (rep.applied, n_ops)
        yield Figure(f"push {n_ops:,} outbox operations", n_ops / push_s, "ops/s", rt_per_s,
                     "bare HTTP round trips/s (GET /health)", ">= 3,000 ops/s",
                     notes=f"{push_s:.1f} s in batches of 2,000; outbox made in {fill_s:.0f} s")
        pull_rep, pull_s, rss = _pull(ctx.workdir / "sync-pull", server.url)
        assert pull_rep.pulled_changes == n_ops, (pull_rep.pulled_changes, n_ops)
        tail = rss[len(rss) // 5:] or rss
        yield Figure(f"pull {n_ops:,} changes into a fresh console", n_ops / pull_s, "changes/s", rt_per_s,
                     "bare HTTP round trips/s (GET /health)", ">= 10,000/s, memory flat",
                     notes=f"{pull_s:.1f} s in pages of 2,000; console RSS {min(tail):.0f}-{max(tail):.0f} MB "
                           f"after the first fifth (at start {rss[0] if rss else 0:.0f} MB)",
                     extra={"rss_mb_first": rss[0] if rss else None,
                            "rss_mb_min_after_warmup": min(tail) if tail else None,
                            "rss_mb_max": max(rss) if rss else None, "cases": pull_rep.pulled_cases})
    finally:
        server.stop()
    # the fleet on a server of its own: consoles that are up to date pull only what is new
    fleet_dir = ctx.workdir / "fleet"
    fleet_dir.mkdir()
    server = _Server(fleet_dir)
    try:
        _, fleet_rt_ms = _bare_round_trips(server.url)
        times, errors, lags = _fleet(server.url, n_consoles, rounds=4)
        _, base_ms_after = _bare_round_trips(server.url, 100)
    finally:
        server.stop()
    yield Figure(f"{n_consoles} consoles syncing: p50 round trip", percentile(times, 50), "ms", fleet_rt_ms,
                 "bare HTTP round trip (ms)", "", notes=f"{len(times)} requests (push and pull), "
                                                        f"{errors} transport errors retried")
    yield Figure(f"{n_consoles} consoles syncing: p99 round trip", percentile(times, 99), "ms", base_ms_after,
                 "bare HTTP round trip after the fleet (ms)", "p99 < 250 ms",
                 notes=f"the simulator's own event loop woke up late by p99 {percentile(lags, 99):.0f} ms, "
                       f"at most {max(lags):.0f} ms (included in the round trips)",
                 extra={"simulator_lag_p99_ms": percentile(lags, 99), "simulator_lag_max_ms": max(lags)})
