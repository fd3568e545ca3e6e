"""Monitoring figures on the demo profile (1,000,000 cases at --scale 1).

Baseline, measured in the same run on the same file: the bare
`SELECT state, count(*) FROM cases GROUP BY state` (what any figure costs
when it is recounted from the case table). Targets from issue 6: every
dashboard refresh and every rate for a month under 200 ms, the monthly
report under 10 s.

`python -m tests.bench.bench_monitor DATA_DIR` measures an existing profile
(the million-case one takes ~15 minutes to generate).
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

# PySide6 6.12.0 drops references to None/True (see ui/dashboard/refcount_guard.py);
# importing ui.dashboard installs the guard, the timer ticks below need it too
from ui.dashboard import refcount_guard  # noqa: E402

from .harness import Context, Figure, timed

refcount_guard.install()

MONTH_SCOPES = ({}, {"district": "JJ"}, {"category": "02"}, {"department": "URBAN"})


def _baseline(db) -> float:
    from sqlalchemy import text

    def run():
        with db.session() as s:
            s.execute(text("SELECT state, count(*) FROM cases GROUP BY state")).all()
    return timed(run, repeat=3)


def _latest_full_month(db) -> str:
    from sqlalchemy import text
    with db.session() as s:
        last = s.execute(text("SELECT max(day) FROM rollup_day")).scalar() or "2026-11-01"
    y, m = int(last[:4]), int(last[5:7])
    y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return f"{y:04d}-{m:02d}"


def measure(folder: Path) -> list[Figure]:
    """The monitoring figures on the profile in `folder` (opened, not changed)."""
    from PySide6.QtGui import QGuiApplication

    from console import metrics, monitor
    from console.profile import open_profile
    from console.report import build_monthly

    app = QGuiApplication.instance() or QGuiApplication(["bench"])
    prof = open_profile(folder)
    try:
        db = prof.db
        n_cases = db.engine.connect().exec_driver_sql("SELECT count(*) FROM cases").scalar()
        base = _baseline(db)
        lead = prof.actor("lead01")
        names = monitor.Names(db)
        monitor.snapshot(db, lead, names=names)  # warm the page cache like a running console
        snap = timed(lambda: monitor.snapshot(db, lead, names=names), repeat=7)
        month = _latest_full_month(db)
        rate_times = [timed(lambda kw=kw: metrics.rates(db, metrics.month_scope(month, **kw)), repeat=7)
                      for kw in MONTH_SCOPES]
        worst_rate = max(rate_times)
        out = Path(tempfile.mkdtemp(prefix="monitor-bench-")) / "report.pdf"
        t = time.perf_counter()
        report = build_monthly(db, month)
        from ui.report.pdf import write_pdf
        write_pdf(report, out)
        report_s = time.perf_counter() - t
        stall_ms, snap_in_gui_ms, idle_ms = _stall(db, lead)
    finally:
        prof.close()
    del app
    note = f"{n_cases:,} cases, month {month}"
    return [
        Figure("dashboard refresh (snapshot)", snap * 1000, "ms", base * 1000, "bare GROUP BY state over cases",
               "< 200 ms", note),
        Figure("rate for a month (worst of city/district/category/department)", worst_rate * 1000, "ms",
               base * 1000, "bare GROUP BY state over cases", "< 200 ms",
               note + "; " + ", ".join(f"{x * 1000:.1f}" for x in rate_times) + " ms"),
        Figure("monthly report, data + PDF", report_s, "s", base, "bare GROUP BY state over cases", "< 10 s", note),
        Figure("longest GUI event-loop stall during 5 dashboard refreshes", stall_ms, "ms", snap_in_gui_ms,
               "the same snapshot built on the GUI thread", "< 1 frame (16.7 ms) of work on the GUI thread",
               note + f"; idle loop's longest gap over the same time (machine noise): {idle_ms:.1f} ms"),
    ]


def _longest_gap(seconds: float, work=None) -> float:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    ticks = []
    timer = QTimer()
    timer.setInterval(4)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    timer.stop()
    gaps = [b - a for a, b in pairwise(ticks)]
    return max(gaps) * 1000 if gaps else float("nan")


def _stall(db, lead) -> tuple[float, float, float]:
    """(longest gap between 4 ms timer ticks while the widget refreshes 5 times, one snapshot's time,
    the longest gap of the idle loop over as long: the machine's own noise)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from console import monitor
    from ui.dashboard import DashboardWidget

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return float("nan"), float("nan")
    w = DashboardWidget(db, lead, lambda f: None, interval_ms=3_600_000)
    w.resize(1500, 1200)
    w.show()
    deadline = time.perf_counter() + 60
    while w.data is None and time.perf_counter() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    _longest_gap(1.0)  # let the first full paint of the window happen before measuring
    ticks = []
    timer = QTimer()
    timer.setInterval(4)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    for _ in range(5):
        w.refresh()
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        while w.runner.busy() and time.perf_counter() < deadline + 60:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    timer.stop()
    busy_s = ticks[-1] - ticks[0] if len(ticks) > 1 else 1.0
    w.stop()
    w.close()
    gaps = [b - a for a, b in pairwise(ticks)]
    in_gui = statistics.median([timed(lambda: monitor.snapshot(db, lead)) for _ in range(3)])
    idle = _longest_gap(busy_s)
    return (max(gaps) * 1000 if gaps else float("nan")), in_gui * 1000, idle


def run(ctx: Context) -> list[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication(["bench"])
    folder = ctx.demo_profile(ctx.size(1_000_000, 5000))
    figures = measure(folder)
    del app
    return figures


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    _app = QApplication(sys.argv)
    for fig in measure(Path(sys.argv[1])):
        print(f"{fig.name:<62} {fig.value:>10.4g} {fig.unit:<3} baseline {fig.baseline:>9.4g} "
              f"({fig.baseline_name})  ratio {fig.ratio:7.3f}  {fig.target}  [{fig.notes}]", flush=True)
    os._exit(0)
