"""Core figures: logging one call through the intake service, and the demo load.

Baselines are bare sqlite3 on the same machine in the same run:
- intake: the same rows (caller, case, event, outbox, number and count upkeep)
  written with plain INSERT/UPDATE statements and one COMMIT per call, on a
  file with the same schema and pragmas (WAL, synchronous=FULL);
- demo: copying the same rows into an empty profile with INSERT ... SELECT
  and building the same indexes (SQLite doing nothing but storing them).
"""
from __future__ import annotations

import random
import shutil
import sqlite3
import time

from console.intake import CallRecord
from console.profile import open_profile

from .harness import Context, Figure, percentile

TABLES = ("callers", "cases", "case_events", "outbox", "case_number_seq", "state_counts")


def _records(n: int) -> list[CallRecord]:
    rng = random.Random(3)
    out = []
    for i in range(n):
        out.append(CallRecord(caller_phone=f"139{rng.randrange(10**8):08d}", caller_name="王女士", type="complaint",
                              category_code="0104", district="JJ", address=f"东大街{i}号",
                              description=f"楼下工地夜间施工噪音很大，第{i}次反映，请尽快处理",
                              lead_department="HOUSING" if i % 2 else ""))
    return out


def bench_intake(ctx: Context) -> list[Figure]:
    n = ctx.size(400, 50)
    empty = ctx.workdir / "intake-empty"
    open_profile(empty).close()
    service_dir = ctx.workdir / "intake-service"
    shutil.copytree(empty, service_dir)
    prof = open_profile(service_dir)
    actor = prof.actor("op01")
    records = _records(n)
    per_call = []
    for r in records:
        t = time.perf_counter()
        prof.intake.log_call(r, actor)
        per_call.append(time.perf_counter() - t)
    prof.close()

    # the same rows, grouped per call, replayed by bare sqlite3 into a copy of the empty profile
    src = sqlite3.connect(service_dir / "console.db")
    rows_by_case = {}
    for (case_id,) in src.execute("SELECT id FROM cases ORDER BY created_at"):
        rows_by_case[case_id] = {
            "cases": src.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchall(),
            "case_events": src.execute("SELECT * FROM case_events WHERE case_id = ?", (case_id,)).fetchall(),
            "outbox": src.execute("SELECT * FROM outbox WHERE case_id = ?", (case_id,)).fetchall(),
            "callers": src.execute("SELECT * FROM callers WHERE id = (SELECT caller_id FROM cases WHERE id = ?)",
                                   (case_id,)).fetchall(),
        }
    src.close()
    bare_dir = ctx.workdir / "intake-bare"
    shutil.copytree(empty, bare_dir)
    con = sqlite3.connect(bare_dir / "console.db", isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    bare = []
    for rows in rows_by_case.values():
        t = time.perf_counter()
        con.execute("BEGIN")
        for table in ("callers", "cases", "case_events", "outbox"):
            for row in rows[table]:
                con.execute(f"INSERT OR REPLACE INTO {table} VALUES ({','.join('?' * len(row))})", row)
        con.execute("INSERT INTO case_number_seq VALUES ('A01', '20261127', 1) "
                    "ON CONFLICT DO UPDATE SET last = last + 1")
        con.execute("INSERT INTO state_counts VALUES ('received', 1) ON CONFLICT DO UPDATE SET n = n + 1")
        con.execute("COMMIT")
        bare.append(time.perf_counter() - t)
    con.close()
    med, bmed = percentile(per_call, 50), percentile(bare, 50)
    return [
        Figure("intake: log one call (median)", med * 1000, "ms", bmed * 1000, "bare INSERT+COMMIT of the same rows",
               "within 5x", extra={"calls": n, "p95_ms": percentile(per_call, 95) * 1000,
                                   "baseline_p95_ms": percentile(bare, 95) * 1000}),
    ]


def bench_demo(ctx: Context) -> list[Figure]:
    n = ctx.size(1_000_000, 2000)
    stats = ctx.demo_stats(n)
    folder = ctx.demo_profile(n)
    empty = ctx.workdir / "demo-bare"
    open_profile(empty).close()
    con = sqlite3.connect(empty / "console.db", isolation_level=None)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("PRAGMA cache_size=-1000000")
    ddl = [r[0] for r in con.execute("SELECT sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
                                     "AND tbl_name IN ('cases', 'case_events', 'callers')")]
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL "
                               "AND tbl_name IN ('cases', 'case_events', 'callers')").fetchall():
        kind = con.execute("SELECT type FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        con.execute(f'DROP {kind.upper()} "{name}"')
    t = time.perf_counter()
    con.execute("ATTACH DATABASE ? AS src", (str(folder / "console.db"),))
    con.execute("BEGIN")
    for table in ("callers", "cases", "case_events"):
        con.execute(f"INSERT INTO main.{table} SELECT * FROM src.{table}")
    con.execute("COMMIT")
    for sql in ddl:
        con.execute(sql)
    bare = time.perf_counter() - t
    con.close()
    return [Figure(f"demo --cases {n:,}: wall time", stats["seconds"], "s", bare,
                   "bare sqlite3 copy of the same rows + same indexes", "under 180 s at 1,000,000",
                   extra={k: v for k, v in stats.items()})]


def run(ctx: Context) -> list[Figure]:
    return bench_intake(ctx) + bench_demo(ctx)
