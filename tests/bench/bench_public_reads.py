"""An operator's pull while anonymous readers hammer Open311 (issue 12, point 5).

The server (`main.py central serve`, its own process) holds 2,000 public
cases. An operator pulls a page of the latest 100 changes, again and again,
one request after the other: first with nobody else on the server (the
baseline), then while 50 anonymous readers, each from its own loopback
address, ask for `requests.json` (the public list, a thousand redacted cases
at most) as fast as they are answered, never waiting for Retry-After. The
readers run in a process of their own (on the same two cores: their own work
counts against the server here) and the pulls start once every reader has
had a first answer. Figure: the pull's p99 under that
load against its quiet p99, in the same run; target ratio <= 2.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.bench.harness import Figure, percentile

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "bench-password-1"
READERS = 50

_READERS_SCRIPT = r"""
import asyncio, json, signal, sys
import httpx

url, readers = sys.argv[1], int(sys.argv[2])
codes = ["", "", "0201", "0202", "0203"]  # most ask for the whole list, some for one service


async def main():
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    counts = {}
    answered = set()

    async def reader(i):
        transport = httpx.AsyncHTTPTransport(local_address=f"127.0.{1 + i // 200}.{1 + i % 200}")
        params = {"service_code": codes[i % len(codes)]} if codes[i % len(codes)] else {}
        async with httpx.AsyncClient(base_url=url, transport=transport, timeout=120) as http:
            while not stop.is_set():
                try:
                    r = await http.get("/open311/v2/requests.json", params=params)
                    key = str(r.status_code)
                except httpx.TransportError:
                    key = "error"
                counts[key] = counts.get(key, 0) + 1
                answered.add(i)

    tasks = [asyncio.ensure_future(reader(i)) for i in range(readers)]
    for _ in range(6000):  # the load is on once every reader has had an answer (at most 10 minutes)
        if len(answered) == readers:
            break
        await asyncio.sleep(0.1)
    print("ready", flush=True)
    await stop.wait()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print(json.dumps(counts), flush=True)

asyncio.run(main())
"""


def _fill(db_url: str, cases: int) -> None:
    os.environ["CENTRAL_SQLITE_SYNCHRONOUS"] = "NORMAL"  # the setup only: thousands of small commits
    from sync.server import auth
    from sync.server.casebook import Casebook
    from sync.server.db import open_central
    db = open_central(db_url)
    try:
        auth.create_account(db, "bench", PASSWORD, "operator")
        book = Casebook(db)
        for i in range(cases):
            book.create({"type": "help", "urgency": "normal", "channel": "web", "category_code": f"020{1 + i % 5}",
                         "district_code": "JJ", "address": f"锦江区春熙路{i % 300}号",
                         "description": f"春熙路{i % 300}号附近路灯不亮已经三天了，晚上出行很不方便，"
                                        f"请尽快修复。第{i}件",
                         "caller_phone": "13800138000", "caller_name": "王先生", "confidential": False,
                         "repeat_caller": False}, "bench")
    finally:
        db.close()
        os.environ.pop("CENTRAL_SQLITE_SYNCHRONOUS", None)


def _serve(db_url: str, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "central", "serve", "--db", db_url,
                             "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the central server did not start")


def _pulls(url: str, n: int) -> list[float]:
    """Round trips (ms) of n pulls of the latest 100 changes, one after the other."""
    with httpx.Client(base_url=url + "/api/v1", timeout=120) as http:
        token = http.post("/login", json={"login": "bench", "password": PASSWORD}).json()["access_token"]
        h = {"authorization": f"Bearer {token}"}
        head = http.get("/sync/pull", headers=h, params={"cursor": 0, "limit": 5000}).json()["next_cursor"]
        params = {"cursor": max(0, head - 100), "limit": 1000, "format": "rows"}
        http.get("/sync/pull", headers=h, params=params)
        times = []
        for _ in range(n):
            t = time.perf_counter()
            r = http.get("/sync/pull", headers=h, params=params)
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, r.text
    return times


def measure(workdir: Path, cases: int = 2000, pulls: int = 200) -> dict:
    """Pull p99 quiet and under READERS anonymous readers (also usable on an older tree)."""
    from sync.server.runner import free_port
    db_url = f"sqlite:///{workdir / 'public-reads.db'}"
    _fill(db_url, cases)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = _serve(db_url, port)
    try:
        quiet = _pulls(url, pulls)
        readers = subprocess.Popen([sys.executable, "-c", _READERS_SCRIPT, url, str(READERS)],
                                   stdout=subprocess.PIPE, text=True)
        try:
            assert readers.stdout.readline().strip() == "ready"
            loaded = _pulls(url, pulls)
        finally:
            readers.send_signal(signal.SIGTERM)
            out, _ = readers.communicate(timeout=300)
        counts = json.loads(out.strip().splitlines()[-1])
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"quiet_p50": percentile(quiet, 50), "quiet_p99": percentile(quiet, 99),
            "loaded_p50": percentile(loaded, 50), "loaded_p99": percentile(loaded, 99),
            "loaded_max": max(loaded), "reader_answers": counts}


def run(ctx):
    m = measure(ctx.workdir, cases=ctx.size(2000, 200), pulls=ctx.size(500, 50))
    yield Figure(f"pull p99 with {READERS} anonymous Open311 readers", m["loaded_p99"], "ms", m["quiet_p99"],
                 "pull p99, no readers", target="ratio <= 2",
                 notes=f"p50 {m['loaded_p50']:.1f} vs {m['quiet_p50']:.1f} ms; readers' answers "
                       f"{m['reader_answers']}", extra=m)


if __name__ == "__main__":  # python -m tests.bench.bench_public_reads [PULLS]: this tree's figure alone
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(measure(Path(tmp), pulls=int(sys.argv[1]) if len(sys.argv) > 1 else 500), indent=2))
