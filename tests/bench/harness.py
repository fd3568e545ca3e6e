"""The project's benchmark harness: figures with a baseline measured in the same run.

Each `tests/bench/bench_*.py` module has `run(ctx) -> list[Figure]`. Timing
numbers on these machines are noisy, so every figure carries a baseline that
was measured in the same process a moment before or after, and the ratio
between the two is what docs/benchmarks.md reports.
"""
from __future__ import annotations

import gc
import statistics
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Figure:
    """One measured figure and its same-run baseline."""

    name: str
    value: float
    unit: str
    baseline: float
    baseline_name: str
    target: str = ""
    notes: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("nan")

    def as_dict(self) -> dict:
        d = asdict(self)
        d["ratio"] = round(self.ratio, 3)
        return d


@dataclass
class Context:
    """What a benchmark gets: the scale (1.0 = the sizes the issues name) and a work folder."""

    scale: float
    workdir: Path
    _profiles: dict = field(default_factory=dict)

    def size(self, full: int, minimum: int = 10) -> int:
        return max(int(full * self.scale), minimum)

    def demo_profile(self, cases: int) -> Path:
        """A profile folder with `cases` demo cases, made once per run and shared."""
        if cases not in self._profiles:
            from console.demo import fill
            from console.profile import open_profile
            folder = self.workdir / f"profile-{cases}"
            prof = open_profile(folder)
            try:
                stats = fill(prof.db, cases, seed=7)
            finally:
                prof.close()
            self._profiles[cases] = (folder, stats)
        return self._profiles[cases][0]

    def demo_stats(self, cases: int) -> dict:
        self.demo_profile(cases)
        return self._profiles[cases][1]


def timed(fn, repeat: int = 1) -> float:
    """Median wall seconds of `repeat` calls of fn()."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = min(int(round(p / 100 * (len(values) - 1))), len(values) - 1)
    return values[k]


def new_workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="hotline-bench-"))
