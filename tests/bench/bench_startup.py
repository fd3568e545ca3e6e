"""Cold start: `hotline --help`, and the window to its first painted queue.

Each is a new process, timed from its start by the parent until it prints that it is
done: `main.py --help` against a bare `python -c pass`, and the console window (signed
in with the demo password, on a demo profile) until the queue table has painted its
rows, against a bare PySide6 window until its first paint. Medians of REPEAT runs,
interleaved so that load on the machine falls on both sides alike.
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.bench.harness import Figure

ROOT = Path(__file__).resolve().parents[2]
REPEAT = 5
DONE = "first-paint"

BARE_WINDOW = f"""
import os
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(); w.resize(1366, 768)
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("{DONE}", flush=True); os._exit(0)
        return False
f = Painted(); w.installEventFilter(f); w.show(); app.exec()
"""

CONSOLE_WINDOW = f"""
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
import ui.app
build = ui.app.build_main_window
class Painted(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and self.window.queue.table.model().rowCount() > 0:
            QTimer.singleShot(0, lambda: (print("{DONE}", flush=True), os._exit(0)))  # after this paint ends
        return False
def build_and_watch(*args, **kwargs):
    window = build(*args, **kwargs)
    window.queue.table.viewport().installEventFilter(Painted(window))
    return window
ui.app.build_main_window = build_and_watch
from hotline.cli import run
sys.exit(run(sys.argv[1:]))
"""


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _started_to_done(cmd: list[str], env: dict, marker: str | None, cpu: list[float]) -> float:
    """Wall seconds from start to `marker` on standard output (or to the end); the child's CPU
    seconds (to the end, after the marker it is killed) go to `cpu`: on a shared, loaded machine
    the CPU time says what the program costs when the wall time says how long people wait."""
    cpu_before = _cpu_of_children()
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if marker is None:
        proc.communicate(timeout=300)
    else:
        for line in proc.stdout:
            if line.strip() == marker:
                break
        else:
            raise RuntimeError(f"{cmd[:3]} ended without {marker!r}")
    elapsed = time.perf_counter() - t
    proc.kill()
    proc.wait(timeout=60)
    cpu.append(_cpu_of_children() - cpu_before)
    return elapsed


def _pairs(a, b) -> tuple[float, float]:
    xs, ys = [], []
    for _ in range(REPEAT):
        xs.append(a())
        ys.append(b())
    return statistics.median(xs), statistics.median(ys)


def run(ctx) -> list[Figure]:
    from console.profile import open_profile
    from console.signin import DEMO_PASSWORD, install_demo_verifiers

    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               HOTLINE_LOG_DIR=str(ctx.workdir / "logs"), HOTLINE_CTI_PORT="off")
    py = sys.executable
    cpu = {k: [] for k in ("help", "pass", "window", "bare")}
    help_s, bare_s = _pairs(lambda: _started_to_done([py, str(ROOT / "main.py"), "--help"], env, None, cpu["help"]),
                            lambda: _started_to_done([py, "-c", "pass"], env, None, cpu["pass"]))

    cases = ctx.size(20_000, 500)
    folder = ctx.demo_profile(cases)
    prof = open_profile(folder)
    try:
        install_demo_verifiers(prof.db)
    finally:
        prof.close()
    signed = dict(env, HOTLINE_PASSWORD=DEMO_PASSWORD)
    window_s, bare_window_s = _pairs(
        lambda: _started_to_done([py, "-c", CONSOLE_WINDOW, "--operator", "op01", "--data-dir", str(folder)],
                                 signed, DONE, cpu["window"]),
        lambda: _started_to_done([py, "-c", BARE_WINDOW], env, DONE, cpu["bare"]))
    med = {k: statistics.median(v) * 1000 for k, v in cpu.items()}
    return [
        Figure("cold start: hotline --help", help_s * 1000, "ms", bare_s * 1000, "python -c pass",
               notes=f"median of {REPEAT} new processes; CPU {med['help']:.0f} ms vs {med['pass']:.0f} ms",
               extra={"cpu_ms": med["help"], "baseline_cpu_ms": med["pass"]}),
        Figure("cold start: window to first painted queue", window_s * 1000, "ms", bare_window_s * 1000,
               "bare PySide6 window to first paint",
               notes=f"{cases} demo cases, signed in with the demo password (argon2 check included), offscreen; "
                     f"CPU {med['window']:.0f} ms vs {med['bare']:.0f} ms",
               extra={"cpu_ms": med["window"], "baseline_cpu_ms": med["bare"]}),
    ]
