"""Synthetic daily counts with injected clusters, to measure the early-warning detector."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

WEEKDAY = [1.1, 1.05, 1.0, 1.0, 0.95, 0.6, 0.5]  # Monday .. Sunday, relative calls


@dataclass
class Synthetic:
    counts: dict[tuple[date, str, str], int]
    days: list[date]  # the days scored (after 28 days of history)
    injected: set[tuple[date, str, str]]


def make(seed: int, days: int = 90, districts: int = 12, categories: int = 40, clusters: int = 40, extra: int = 6,
         start: date = date(2026, 3, 2)) -> Synthetic:
    """Poisson counts per cell and day around a rate drawn per cell (most cells quiet, a few busy),
    a weekly pattern and a slow drift; then `clusters` cell-days get extra calls: about
    their usual count twice more plus `extra`: with the default 6, a quiet cell (one call a day)
    gets nine instead of one, a busy one (twenty) sixty-six."""
    rng = np.random.default_rng(seed)
    pick = random.Random(seed)
    cells = [(f"D{d:02d}", f"C{c:02d}") for d in range(districts) for c in range(categories)]
    rates = rng.lognormal(mean=0.0, sigma=1.1, size=len(cells))  # median one call a day, a long tail
    total = days + 28
    counts: dict[tuple[date, str, str], int] = {}
    for (d, c), rate in zip(cells, rates, strict=True):
        drift = 1 + 0.2 * np.sin(np.linspace(0, np.pi * rng.uniform(0.5, 2), total))
        for i in range(total):
            day = start + timedelta(days=i)
            n = int(rng.poisson(rate * WEEKDAY[day.weekday()] * drift[i]))
            if n:
                counts[(day, d, c)] = n
    scored = [start + timedelta(days=28 + i) for i in range(days)]
    injected = set()
    while len(injected) < clusters:
        day, (d, c) = pick.choice(scored), pick.choice(cells)
        key = (day, d, c)
        if key in injected:
            continue
        usual = float(rates[cells.index((d, c))]) * WEEKDAY[day.weekday()]
        counts[key] = counts.get(key, 0) + int(round(2 * usual + extra))
        injected.add(key)
    return Synthetic(counts, scored, injected)


def score(alerts, truth: set) -> tuple[float, float]:
    found = {(a.day, a.district, a.category) for a in alerts}
    tp = len(found & truth)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(truth) if truth else 1.0
    return precision, recall
