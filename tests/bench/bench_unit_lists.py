"""A liaison's `/cases` list (issue 14): the cases its unit leads, assists or passed down,
against the list of the cases it leads only (the list before issue 14, by the index it had), same database, same run.

The central database holds `scale x 1,000,000` cases: a big unit leads 5 % of them, a small
one leads 0.05 % and assists another 0.05 %. Each figure is the median time of the list's
query (the newest 50 ids) for one unit; the snapshots it then serializes are the same work
either way. SQLite always; PostgreSQL too when CENTRAL_BENCH_DATABASE_URL names a database
the benchmark may wipe.
"""
from __future__ import annotations

import os
import statistics
import time

from sqlalchemy import create_engine, select, text

from tests.bench.harness import Context, Figure

FILL = """INSERT INTO cases (id, number, station, state, type, urgency, channel, address, description, caller_phone,
  caller_name, lead_department, assist_departments, created_at, repeat_caller, confidential, version,
  field_versions, answer, updated_at, supervised, leader_pick, return_count, extension_count, callback_attempts)
SELECT {id}, 'CD-B-' || g, 'B', 'accepted', 'help', 'normal', 'phone', '', '', '', '',
  CASE WHEN g % 20 = 0 THEN 'BIG' WHEN g % 2000 = 1 THEN 'SMALL' ELSE 'OTHER' || (g % 40) END,
  CASE WHEN g % 2000 = 2 THEN {assisted} ELSE {none} END,
  {created}, false, false, 1, {empty}, '', {created}, 0, false, 0, 0, 0
FROM {series}"""
DIALECT = {
    "sqlite": dict(id="printf('%032x', g)", assisted="'[\"SMALL\"]'", none="'[]'", empty="'{}'",
                   created="datetime('2026-12-01', '-' || g || ' seconds')",
                   series="(WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < {n}) "
                          "SELECT g FROM s)"),
    "postgresql": dict(id="md5(g::text)", assisted="'[\"SMALL\"]'::json", none="'[]'::json", empty="'{}'::json",
                       created="timestamp '2026-12-01' - (g || ' seconds')::interval",
                       series="generate_series(1, {n}) g"),
}


def _database(url: str, n: int):
    from sync.server.db import open_central
    engine = create_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    open_central(url).close()
    d = dict(DIALECT[engine.dialect.name])
    d["series"] = d["series"].format(n=n)
    with engine.begin() as conn:
        conn.execute(text(FILL.format(**d)))
        conn.execute(text("ANALYZE"))
    return engine


def _median_ms(engine, query, repeat: int = 15) -> float:
    times = []
    with engine.connect() as conn:
        conn.execute(query).all()
        for _ in range(repeat):
            t = time.perf_counter()
            conn.execute(query).all()
            times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def run(ctx: Context) -> list[Figure]:
    from sync.server.access import unit_list
    from sync.server.case_rows import CASES
    n = ctx.size(1_000_000, 10_000)
    urls = [("SQLite", f"sqlite:///{ctx.workdir / 'unit-lists.db'}")]
    if os.environ.get("CENTRAL_BENCH_DATABASE_URL"):
        urls.append(("PostgreSQL", os.environ["CENTRAL_BENCH_DATABASE_URL"]))
    else:
        print("   unit_lists: PostgreSQL skipped (set CENTRAL_BENCH_DATABASE_URL to a database it may wipe)")
    out = []
    for engine_name, url in urls:
        engine = _database(url, n)
        try:
            for unit, share in (("BIG", "5 %"), ("SMALL", "0.1 %")):
                newest = CASES.c.created_at.desc()
                lead_only = select(CASES.c.id).where(CASES.c.lead_department == unit).order_by(newest).limit(50)
                listed = unit_list(CASES, engine.dialect.name, unit, None, 50, 0)
                out.append(Figure(f"{engine_name}: list of a unit with {share} of {n:,} cases",
                                  _median_ms(engine, listed), "ms", _median_ms(engine, lead_only),
                                  "the cases it leads only, same indexes"))
        finally:
            engine.dispose()
    return out
