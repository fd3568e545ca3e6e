"""Early warning on the demo profile (1,000,000 cases at --scale 1): the cluster detector over the
last 90 days of every category x district, and the hotspots of the last 7 days.

Baselines, measured in the same run on the same file: reading the rows the detector reads (the
90 + 28 days of rollup_day_district_category) and reading the cases the hotspots read (the last 7
days' complaints), so each ratio is what the detection adds to the bare read. Also the detector's
precision and recall on synthetic counts with injected clusters (tests/console/early_warning_data.py).
"""
from __future__ import annotations

from datetime import date, timedelta

from .harness import Context, Figure, timed


def run(ctx: Context) -> list[Figure]:
    from console import early_warning as ew
    from console.profile import open_profile
    from tests.console.early_warning_data import make, score

    cases = ctx.size(1_000_000, minimum=20_000)
    prof = open_profile(ctx.demo_profile(cases))
    try:
        db = prof.db
        with db.engine.connect() as conn:
            last = date.fromisoformat(conn.exec_driver_sql("SELECT max(day) FROM rollup_day").scalar())
        first = last - timedelta(days=89)
        det = ew.load_detector()
        read = timed(lambda: ew.daily_counts(db, first - timedelta(days=det.history_days),
                                             last + timedelta(days=1)), repeat=3)
        found: list = []
        detect = timed(lambda: found.__setitem__(slice(None), ew.alerts(db, first, last, det)), repeat=3)
        start = ew.day_start(last - timedelta(days=6)).isoformat(" ", "microseconds")

        def read_week():
            with db.engine.connect() as conn:
                conn.exec_driver_sql("SELECT number, caller_phone, address, description, category_code FROM cases "
                                     "WHERE created_at >= ? AND type IN ('complaint', 'report', 'help')",
                                     (start,)).all()
        week = timed(read_week, repeat=3)
        spots: list = []
        hot = timed(lambda: spots.__setitem__(slice(None), ew.hotspots(db, last, det)), repeat=3)
    finally:
        prof.close()
    quality = []
    for extra in (4, 6, 8):
        syn = make(3, extra=extra)
        p, r = score(ew.detect(syn.counts, syn.days, det), syn.injected)
        quality.append(f"+{extra}: precision {p:.2f} recall {r:.2f}")
    note = f"{cases:,} cases, {first} .. {last}; {len(found)} alerts, {len(spots)} hotspots"
    return [
        Figure("early warning: 90 days of every category x district", detect, "s", read, "reading the same rollup rows",
               "", note + "; synthetic clusters of 2 x usual + extra calls: " + "; ".join(quality)),
        Figure("hotspots of the last 7 days", hot, "s", week, "reading the same 7 days of cases", "", note),
    ]
