"""What the city publishes, on the demo profile (1,000,000 cases at --scale 1): the month's public
site (report public) and the efficiency assessment (report efficiency).

Baselines, measured in the same run on the same file: for the site, reading the rows it is made of
(the month's cases and their events), so the ratio is what building, redacting and writing add; for
the assessment, the month's per-department breakdown of the rollups the monthly report reads.
"""
from __future__ import annotations

import shutil
import time

from .harness import Context, Figure, timed


def run(ctx: Context) -> list[Figure]:
    from console.metrics import month_scope
    from console.profile import open_profile
    from console.report.public_site import write_site

    cases = ctx.size(1_000_000, minimum=20_000)
    prof = open_profile(ctx.demo_profile(cases))
    out = ctx.workdir / "public-site"
    try:
        db = prof.db
        with db.engine.connect() as conn:
            last = conn.exec_driver_sql("SELECT max(day) FROM rollup_day").scalar()
        y, m = int(last[:4]), int(last[5:7])
        month = f"{y - 1:04d}-12" if m == 1 else f"{y:04d}-{m - 1:02d}"  # the last whole month
        scope = month_scope(month)
        a, b = (scope.created_from.isoformat(" ", "microseconds"), scope.created_to.isoformat(" ", "microseconds"))

        def read():
            with db.engine.connect() as conn:
                conn.exec_driver_sql("SELECT * FROM cases WHERE created_at >= ? AND created_at < ?", (a, b)).all()
                conn.exec_driver_sql("SELECT e.* FROM case_events e JOIN cases c ON c.id = e.case_id "
                                     "WHERE c.created_at >= ? AND c.created_at < ?", (a, b)).all()
        base = timed(read, repeat=2)
        t = time.perf_counter()
        stats = write_site(db, month, out)
        took = time.perf_counter() - t
        eff = run_efficiency(ctx, db, month)
    finally:
        prof.close()
        shutil.rmtree(out, ignore_errors=True)
    return [Figure(f"public site for {month}", took, "s", base, "reading the month's cases and events", "",
                   f"{cases:,} cases; {stats.cases:,} public cases in {stats.shards} shards, "
                   f"{stats.bytes / 1e6:.1f} MB"), eff]


def run_efficiency(ctx: Context, db, month: str) -> Figure:
    from console import efficiency, metrics

    scope = metrics.month_scope(month)
    base = timed(lambda: metrics.breakdown(db, scope, "department"), repeat=3)
    took = timed(lambda: (efficiency.assess(db, month, "department"), efficiency.assess(db, month, "district")),
                 repeat=3)
    return Figure(f"efficiency assessment for {month} (units and districts, with last month)", took, "s", base,
                  "the month's per-department rollup breakdown", "")
