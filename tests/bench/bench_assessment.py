"""The team lead's assessment pages on the demo profile (1,000,000 cases at --scale 1): what a
click on an efficiency or instruction figure costs to find its cases (console/figure_cases.py,
console/report/instructions.py), beside what the page itself costs to load.

Baselines, measured in the same run on the same file: for a click, reading the month's events
of the kinds the figure counts with their cases (the bare read the judging adds to); for a page,
the month's per-department rollup breakdown. The unit clicked is the month's busiest.

`python -m tests.bench.bench_assessment DATA_DIR` measures an existing profile.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .harness import Context, Figure, timed


def _last_full_month(db) -> str:
    with db.engine.connect() as conn:
        last = conn.exec_driver_sql("SELECT max(day) FROM rollup_day").scalar() or "2026-11-01"
    y, m = int(last[:4]), int(last[5:7])
    y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return f"{y:04d}-{m:02d}"


def run(ctx: Context) -> list[Figure]:
    return measure(ctx.demo_profile(ctx.size(1_000_000, minimum=20_000)))


def measure(folder: Path) -> list[Figure]:
    """The figures on the profile in `folder` (opened, not changed)."""
    from console import efficiency, figure_cases, metrics
    from console.clock import utcnow
    from console.profile import open_profile
    from console.report import instructions

    prof = open_profile(folder)
    try:
        db = prof.db
        cases = db.engine.connect().exec_driver_sql("SELECT count(*) FROM cases").scalar()
        month = _last_full_month(db)
        scope = metrics.month_scope(month)
        a, b = scope.created_from.isoformat(" ", "microseconds"), scope.created_to.isoformat(" ", "microseconds")
        now = utcnow()
        base_page = timed(lambda: metrics.breakdown(db, scope, "department"), repeat=3)
        rows: list = []
        page = timed(lambda: rows.__setitem__(slice(None), efficiency.assess(db, month, "department", now=now)),
                     repeat=3)
        busiest = max(rows, key=lambda r: r.dispatched)
        weights = efficiency.load_weights()

        def read_events(kinds: tuple[str, ...]):
            marks = ", ".join("?" * len(kinds))
            with db.engine.connect() as conn:
                conn.exec_driver_sql(f"SELECT c.number, e.kind, e.at, e.payload, c.lead_department FROM case_events e "
                                     f"JOIN cases c ON c.id = e.case_id WHERE e.at >= ? AND e.at < ? "
                                     f"AND e.kind IN ({marks})", (a, b, *kinds)).all()

        clicks = []
        for name in efficiency.RATIOS:
            part = figure_cases.costly_part(name, weights[name].better)
            num, dens = efficiency.RATIOS[name]
            kinds = tuple(sorted({k for m in (num, *dens) for k in figure_cases._RULES[m].kinds}))
            found: list = []
            took = timed(lambda name=name, part=part, found=found: found.__setitem__(slice(None), (
                figure_cases.efficiency_cases(db, month, "department", busiest.key, name, part, now))), repeat=3)
            clicks.append((took, timed(lambda kinds=kinds: read_events(kinds), repeat=3), name, len(found)))
        worst = max(clicks, key=lambda c: c[0])
        report: list = []
        instr = timed(lambda: report.__setitem__(slice(None), [instructions.build(db, month, now)]), repeat=3)
        top = max(report[0].by_unit, key=lambda c: c.received, default=None)
        instr_click = timed(lambda: instructions.cases(db, month, "unit", top.key if top else "", "received", now),
                            repeat=3)
        base_instr = timed(lambda: read_events(("instruct",)), repeat=3)
    finally:
        prof.close()
    note = f"{cases:,} cases, month {month}, unit {busiest.key} ({busiest.dispatched:,} dispatches)"
    return [
        Figure("efficiency page: the month's units, ranked", page, "s", base_page,
               "the month's per-department rollup breakdown", "", note),
        Figure("efficiency click-through, worst indicator", worst[0], "s", worst[1],
               "reading the month's events of the kinds it counts", "",
               note + f"; worst: {worst[2]} ({worst[3]:,} cases); all: "
               + ", ".join(f"{c[2]} {c[0] * 1000:.0f} ms / {c[1] * 1000:.0f} ms" for c in clicks)),
        Figure("instructions page: the month per level and unit", instr, "s", base_instr,
               "reading the month's instruct events", "", note),
        Figure("instructions click-through (busiest unit, received)", instr_click, "s", base_instr,
               "reading the month's instruct events", "", note),
    ]


if __name__ == "__main__":
    for fig in measure(Path(sys.argv[1])):
        print(f"{fig.name}: {fig.value:.4g} {fig.unit}, baseline {fig.baseline:.4g} ({fig.baseline_name}), "
              f"ratio {fig.ratio:.2f}; {fig.notes}")
