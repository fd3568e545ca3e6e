"""A city's year on PostgreSQL: the central server's figures at the seed city's size,
each against the same figure on a database of 2,000 cases measured in the same run.

The seed city files about 10,000 requests a day, 4 million cases a year; a
case has one event (received) to five (receive, dispatch, accept, reply,
callback). The history is made in two steps: 2,000 cases go through their
lifecycle in the real server code (Casebook: an Open311 filing, then
department and operator actions; a fifth of them stop at each step, three
events a case on average), then PostgreSQL copies them (INSERT ... SELECT
over generate_series) until the database holds `scale x 4,000,000` cases,
spread over the year before today, with their events and one change-log
row per event. Then the same measurements run against `central serve
--workers 2` over the small and the large database (`main` instead grows a
database a run left and measures it before and after):

- push: one console pushes 5,000 new cases in batches of 500; ops/s.
- pull, tail: a console up to date but for the last 10,000 changes; changes/s.
- pull, from the start: the first 50,000 changes of the history (a new console); changes/s.
- case read (`GET /cases/{number}`) and a state's case list (`GET /cases?state=`): p99 ms.
- Open311 list of one day's requests: the slowest of 10, ms.
- 200 consoles syncing every 4-12 s: p99 ms (tests/bench/bench_sync.py's fleet; its consoles
  start from an empty cursor, so on a large database this is 200 consoles pulling the history
  at once, not an up-to-date fleet).

Needs CENTRAL_BENCH_DATABASE_URL: a PostgreSQL database the benchmark may
wipe (its `public` schema is dropped and made again).
"""
from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.bench.bench_sync import _bare_round_trips, _fleet, _receive_op
from tests.bench.harness import Figure, percentile

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "bench-password-1"
SEEDS = 2000
CITY_CASES_A_YEAR = 4_000_000
COPIES_A_STATEMENT = 25  # 50,000 cases (and their events) per INSERT
SERIES = "generate_series(CAST(:a AS integer), CAST(:b AS integer))"  # the copies of one INSERT


def run(ctx):
    url = os.environ.get("CENTRAL_BENCH_DATABASE_URL")
    if not url:
        print("   city: skipped (set CENTRAL_BENCH_DATABASE_URL to a PostgreSQL database it may wipe)")
        return
    target = max(ctx.size(CITY_CASES_A_YEAR, minimum=SEEDS * 2), SEEDS * 2)
    copies = target // SEEDS - 1
    _fresh(url)
    t = time.perf_counter()
    _seed(url)
    seed_s = time.perf_counter() - t
    small, small_size = _measure(url, "small"), _database_bytes(url)
    t = time.perf_counter()
    _copy(url, copies)
    copy_s = time.perf_counter() - t
    cases, events = _counts(url)
    big_size = _database_bytes(url)
    big = _measure(url, "big")
    yield from _figures_of(small, small_size, SEEDS, big, big_size, cases, events,
                           f"generated in {copy_s:.0f} s (the {SEEDS:,} lifecycles in {seed_s:.0f} s)")


def grow(url: str, target: int):
    """The figures of the database at `url` (made by `run`, left as it was) as the baseline, then
    the same once it has grown to `target` cases."""
    cases, _ = _counts(url)
    small, small_size = _measure(url, f"at-{cases}"), _database_bytes(url)
    done = _copies_made(url)
    t = time.perf_counter()
    _copy(url, target // SEEDS - 1, done)
    copy_s = time.perf_counter() - t
    big_cases, events = _counts(url)
    big = _measure(url, f"at-{big_cases}")
    yield from _figures_of(small, small_size, cases, big, _database_bytes(url), big_cases, events,
                           f"{big_cases - cases:,} cases added in {copy_s:.0f} s")


def _copies_made(url: str) -> int:
    from sqlalchemy import text
    engine = _engine(url)
    with engine.connect() as conn:
        made = conn.scalar(text("SELECT coalesce(max(substr(station, 2)::int), 0) FROM cases "
                                "WHERE station ~ '^G[0-9]+$'"))
    engine.dispose()
    return made


def _figures_of(small: dict, small_size: int, small_cases: int, big: dict, big_size: int, cases: int, events: int,
                how: str):
    label = f"{cases:,} cases"
    base = f"the same on {small_cases:,} cases"
    yield Figure(f"database size at {label}", big_size / 2**30, "GiB", small_size / 2**30,
                 f"size at {small_cases:,} cases (GiB)",
                 notes=f"{events:,} events; {big_size / cases / 1024:.2f} KiB a case with its events and "
                       f"indexes; {how}")
    for key, name, unit, target_text in [
            ("push", "push 5,000 new cases", "ops/s", ""),
            ("pull_tail", "pull the last 10,000 changes", "changes/s", ""),
            ("pull_start", "pull the first 50,000 changes", "changes/s", ""),
            ("read_p99", "GET /cases/{number}: p99", "ms", ""),
            ("list_p99", "GET /cases?state=accepted: p99", "ms", ""),
            ("open311_p99", "Open311 one day's requests: slowest of 10", "ms", ""),
            ("fleet_p99", "200 consoles from cursor 0: p99 round trip", "ms", ""),
            ("fleet_head_p99", "200 consoles up to date: p99 round trip", "ms", "p99 < 250 ms")]:
        yield Figure(f"{name} at {label}", big[key], unit, small[key], base, target_text,
                     notes=big.get(key + "_notes", ""))


def main(argv: list[str] | None = None) -> int:
    """`python -m tests.bench.bench_city CASES`: grow the database of CENTRAL_BENCH_DATABASE_URL,
    as a run of the harness left it (`python -m tests.bench --only city --scale 0.25`), to CASES
    cases and print the figures there against the same figures before it grew."""
    import argparse
    ap = argparse.ArgumentParser(prog="python -m tests.bench.bench_city")
    ap.add_argument("cases", type=int, nargs="?", default=0)
    ap.add_argument("--fleet", action="store_true", help="only 200 up-to-date consoles on the database as it is")
    args = ap.parse_args(argv)
    url = os.environ["CENTRAL_BENCH_DATABASE_URL"]
    if args.fleet:
        print(fleet_only(url))
        return 0
    for fig in grow(url, args.cases):
        print(f"{fig.name:<56} {fig.value:>10.4g} {fig.unit:<9} baseline {fig.baseline:>10.4g} ({fig.baseline_name}) "
              f"ratio {fig.ratio:6.2f}  {fig.notes}", flush=True)
    return 0


def fleet_only(url: str) -> dict:
    """The up-to-date fleet against the database as it is (`main --fleet`)."""
    return _with_server(url, _up_to_date_fleet)


def _engine(url: str):
    from sqlalchemy import create_engine
    return create_engine(url)


def _fresh(url: str) -> None:
    from sqlalchemy import text
    engine = _engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _seed(url: str) -> None:
    """SEEDS cases through their lifecycle in the server's own code; a fifth stop at each step."""
    from sync.server import auth
    from sync.server.casebook import Caller, Casebook
    from sync.server.db import open_central
    db = open_central(url)
    try:
        for login, role, dept in [("op01", "operator", None), ("bench", "operator", None),
                                  ("urban", "liaison", "URBAN")]:
            auth.create_account(db, login, PASSWORD, role, dept)
        book = Casebook(db)
        rng = random.Random(13)
        filer, lead, op = Caller("open311:bench", "open311"), Caller("lead01", "team_lead"), Caller("op01", "operator")
        texts = ["路灯不亮已经三天了", "小区噪音扰民", "占道经营", "垃圾清运不及时", "井盖缺失", "供水中断"]
        for i in range(SEEDS):
            department = rng.choice(["URBAN", "HRSS", "HOUSING", "WATER"])
            liaison = Caller("dept", "liaison", department)
            snap = book.create({"type": "complaint", "category_code": "0203", "district_code": "JJ",
                                "address": f"锦江区春熙路{rng.randrange(1, 300)}号",
                                "description": f"{rng.choice(texts)}，请尽快处理（第{i}件）"}, filer)
            steps = [(lead, "dispatch", {"lead_department": department}), (liaison, "accept", {}),
                     (liaison, "reply", {"result": "已处理完毕"}),
                     (op, "callback", {"satisfied": True, "resolved": True})]
            for who, action, payload in steps[:i % 5]:
                book.act(who, snap["number"], action, "", payload)
    finally:
        db.close()


def _copy(url: str, copies: int, done: int = 0) -> None:
    """Make copies `done + 1` to `copies` of the seed cases (ids and numbers new, times moved back
    up to a year, copy `copies` the latest), their events with them, and a change-log row per event
    in time order; then VACUUM ANALYZE."""
    from sqlalchemy import text

    from sync.server.models import CentralCase, CentralEvent
    engine = _engine(url)
    step = 365 * 86400 / max(1, copies)  # seconds between two copies' times: the year before the seeds
    new_case_id = "md5(s.id || ':' || g)::uuid::text"

    def value(col: str, table: str) -> str:
        times = {c.name for c in (CentralCase if table == "cases" else CentralEvent).__table__.columns
                 if c.type.python_type.__name__ == "datetime"}
        if col in times:
            return f"s.{col} - make_interval(secs => (CAST(:n AS integer) - g) * {step})"
        return {"id": new_case_id if table == "cases" else "gen_random_uuid()::text",
                "case_id": "md5(s.case_id || ':' || g)::uuid::text",
                "number": "'CD-G' || lpad(g::text, 5, '0') || substr(s.number, 7)",
                "station": "'G' || lpad(g::text, 5, '0')"}.get(col, f"s.{col}")
    case_cols = [c.name for c in CentralCase.__table__.columns]
    event_cols = [c.name for c in CentralEvent.__table__.columns]
    with engine.connect() as conn:
        conn.execute(text("CREATE TEMP TABLE seed_cases AS SELECT * FROM cases WHERE station = 'WEB'"))
        conn.execute(text("CREATE TEMP TABLE seed_events AS SELECT e.*, c.lead_department AS lead "
                          "FROM case_events e JOIN seed_cases c ON c.id = e.case_id"))
        conn.commit()
        for first in range(done + 1, copies + 1, COPIES_A_STATEMENT):
            last = min(copies, first + COPIES_A_STATEMENT - 1)
            params = {"a": first, "b": last, "n": copies + 1}
            conn.execute(text(f"INSERT INTO cases ({', '.join(case_cols)}) SELECT "
                              f"{', '.join(value(c, 'cases') for c in case_cols)} "
                              f"FROM {SERIES} g CROSS JOIN seed_cases s"), params)
            conn.execute(text(f"INSERT INTO case_events ({', '.join(event_cols)}) SELECT "
                              f"{', '.join(value(c, 'events') for c in event_cols)} "
                              f"FROM {SERIES} g CROSS JOIN seed_events s"), params)
            conn.execute(text("INSERT INTO changes (case_id, lead_department) SELECT "
                              f"md5(s.case_id || ':' || g)::uuid::text, s.lead FROM {SERIES} g "
                              "CROSS JOIN seed_events s ORDER BY g, s.at"), params)
            conn.commit()
            print(f"   city: {(last + 1) * SEEDS:,} cases", flush=True)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def _counts(url: str) -> tuple[int, int]:
    from sqlalchemy import text
    engine = _engine(url)
    with engine.connect() as conn:
        out = conn.scalar(text("SELECT count(*) FROM cases")), conn.scalar(text("SELECT count(*) FROM case_events"))
    engine.dispose()
    return out


def _database_bytes(url: str) -> int:
    from sqlalchemy import text
    engine = _engine(url)
    with engine.connect() as conn:
        size = conn.scalar(text("SELECT pg_database_size(current_database())"))
    engine.dispose()
    return size


def _measure(url: str, tag: str) -> dict:
    return _with_server(url, lambda base, url: _figures(base, url, tag))


def _with_server(url: str, measure) -> dict:
    """measure(base, url) against `central serve --workers 2` on the database at `url`."""
    from sync.server.runner import free_port
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "central", "serve", "--db", url, "--port",
                             str(port), "--workers", "2", "--no-request-log", "--public-rate", "10000",
                             "--public-burst", "10000"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the central server did not start")
        _bare_round_trips(base, 50)  # both workers warm
        return measure(base, url)
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def _figures(base: str, url: str, tag: str) -> dict:
    out: dict = {}
    with httpx.Client(base_url=base + "/api/v1", timeout=120) as http:
        tok = http.post("/login", json={"login": "bench", "password": PASSWORD}).json()["access_token"]
        h = {"authorization": f"Bearer {tok}"}
        epoch = http.get("/health").json()["epoch"]
        device = http.post("/devices", headers=h, json={"name": f"bench-{tag}"}).json()
        ops = [_receive_op(i, device["station"]) for i in range(1, 5001)]
        t = time.perf_counter()
        for i in range(0, len(ops), 500):
            batch = ops[i:i + 500]
            r = http.post("/sync/push", headers=h, json={"device_id": device["device_id"], "epoch": epoch,
                                                          "sent_at": batch[-1]["payload"]["event"]["at"],
                                                          "ops": batch})
            assert r.status_code == 200 and all(x["status"] == "applied" for x in r.json()["results"]), r.text[:300]
        out["push"] = len(ops) / (time.perf_counter() - t)
        last = _head(url)
        out["pull_tail"] = _pull_rate(http, h, epoch, max(0, last - 10_000), 10_000)
        out["pull_start"] = _pull_rate(http, h, epoch, 0, 50_000)
        rng = random.Random(7)
        numbers = [c["number"] for c in http.get("/cases", headers=h, params={"limit": 500}).json()]
        numbers += [c["number"] for c in http.get("/cases", headers=h, params={"limit": 500, "offset": 50_000}
                                                  ).json()]
        out["read_p99"] = _p99(lambda: http.get(f"/cases/{rng.choice(numbers)}", headers=h), 300)
        out["list_p99"] = _p99(lambda: http.get("/cases", headers=h, params={"state": "accepted", "limit": 50,
                                                                             "offset": rng.randrange(0, 500)}), 100)
        def one_day():  # another day each time: the server keeps answers to the same question
            day = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 86400 * rng.randrange(2, 360)))
            return httpx.get(f"{base}/open311/v2/requests.json", timeout=300,
                             params={"start_date": f"{day}T00:00:00+08:00", "end_date": f"{day}T23:59:59+08:00"})
        out["open311_p99"] = _p99(one_day, 10)
    times, errors, lags = _fleet(base, 200, rounds=3)
    out["fleet_p99"] = percentile(times, 99)
    out["fleet_p99_notes"] = (f"{len(times)} requests, {errors} transport errors retried; the simulator's own "
                              f"loop late by p99 {percentile(lags, 99):.0f} ms")
    out.update(_up_to_date_fleet(base, url))
    return out


def _up_to_date_fleet(base: str, url: str) -> dict:
    """200 consoles that have pulled everything, syncing every 4-12 s: p99, and the bare round trip."""
    _, bare_ms = _bare_round_trips(base, 100)
    times, errors, lags = _fleet(base, 200, rounds=3, start=_head(url))
    return {"fleet_head_p99": percentile(times, 99), "fleet_head_p50": percentile(times, 50), "bare_ms": bare_ms,
            "fleet_head_p99_notes": f"{len(times)} requests, {errors} transport errors retried; the simulator's "
                                    f"own loop late by p99 {percentile(lags, 99):.0f} ms"}


def _head(url: str) -> int:
    """The change log's head (the last change id)."""
    from sqlalchemy import text
    engine = _engine(url)
    with engine.connect() as conn:
        head = conn.scalar(text("SELECT coalesce(max(id), 0) FROM changes"))
    engine.dispose()
    return head


def _pull_rate(http, h, epoch, cursor: int, n: int) -> float:
    got, t = 0, time.perf_counter()
    while got < n:
        page = http.get("/sync/pull", headers=h, params={"cursor": cursor, "limit": 2000, "epoch": epoch,
                                                          "format": "rows"}).json()
        got += page["changes"]
        cursor = page["next_cursor"]
        if not page["more"]:
            break
    return got / (time.perf_counter() - t)


def _p99(call, n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        r = call()
        assert r.status_code == 200, (r.status_code, r.text[:200])
        times.append((time.perf_counter() - t) * 1000)
    return percentile(times, 99)


if __name__ == "__main__":
    sys.exit(main())
