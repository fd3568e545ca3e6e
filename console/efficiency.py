"""Efficiency assessment (效能考核): each unit's and each district's month, scored and ranked.

Every indicator is a Rate (numerator / denominator) from the rollups of the
month, except the overdue count, which is read from the cases. The composite
score is the weighted mean of the indicators that have a denominator, each as a
0..1 value where 1 is best (a rate where less is better counts as 1 - rate);
the indicators, their direction and their weights are in
`resources/efficiency.toml`, and docs/metrics.md gives each formula. A unit with
nothing to assess in the month has no score and is listed after the ranked ones.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from models.db import Database
from resources import resource_path

from . import metrics, refdata
from .clock import utcnow
from .metrics import Rate, Scope, month_scope

CONFIG_FILE = resource_path("efficiency.toml")

# every replied case that ended: called back, unreachable after the last try, or closed without a
# callback (as console.metrics counts the published rates: no path drops a case out of them)
ENDED = ("callbacks", "unreachable", "closed_no_callback")
# indicator -> (numerator counter, denominator counters summed); "overdue" is read from the cases
RATIOS: dict[str, tuple[str, tuple[str, ...]]] = {
    "sign_on_time": ("signed_on_time", ("signed",)),
    "reply_on_time": ("replied_on_time", ("replied",)),
    "resolution": ("resolved", ENDED),
    "satisfaction": ("satisfied", ENDED),
    "return_rate": ("returned", ("dispatched",)),
    "extension_rate": ("extended", ("dispatched",)),
    "repeat_rate": ("repeat_dispatched", ("dispatched",)),
    "instructions_on_time": ("instr_replied_on_time", ("instr_replied",)),
}
INDICATORS = (*RATIOS, "overdue_rate")


@dataclass(frozen=True)
class Weight:
    weight: float
    better: str  # "higher" or "lower"


def load_weights(path: Path = CONFIG_FILE) -> dict[str, Weight]:
    raw = tomllib.loads(Path(path).read_text("utf-8"))
    out = {}
    for name, spec in raw.get("indicators", {}).items():
        if name not in INDICATORS:
            raise ValueError(f"{Path(path).name}: unknown indicator {name!r} (known: {', '.join(INDICATORS)})")
        better = spec.get("better", "higher")
        if better not in ("higher", "lower") or float(spec.get("weight", 0)) < 0:
            raise ValueError(f"{Path(path).name}: {name} needs weight >= 0 and better = 'higher' or 'lower'")
        out[name] = Weight(float(spec["weight"]), better)
    if not out or not any(w.weight for w in out.values()):
        raise ValueError(f"{Path(path).name}: no indicator has a weight")
    return out


@dataclass(frozen=True)
class Assessment:
    """One unit's (or district's) month."""

    key: str
    name: str
    dispatched: int
    indicators: dict[str, Rate]
    overdue: int
    score: float | None  # 0..100; None when nothing could be assessed
    rank: int | None = None
    previous_score: float | None = None
    previous_rank: int | None = None

    @property
    def change(self) -> float | None:
        return None if self.score is None or self.previous_score is None else self.score - self.previous_score


def score(indicators: dict[str, Rate], weights: dict[str, Weight]) -> float | None:
    """The weighted mean (0..100) of the indicators with a denominator, each turned so 1 is best."""
    total = weighted = 0.0
    for name, w in weights.items():
        rate = indicators.get(name)
        if rate is None or rate.value is None or not w.weight:
            continue
        value = min(max(rate.value, 0.0), 1.0)
        weighted += w.weight * (value if w.better == "higher" else 1 - value)
        total += w.weight
    return round(100 * weighted / total, 2) if total else None


def _overdue(db: Database, scope: Scope, by: str, now: datetime) -> dict[str, tuple[int, int]]:
    """Per unit (or district): (cases whose reply deadline fell in the period and has passed, those
    not replied by it). In a month still running only the deadlines passed so far count."""
    column = {"department": "lead_department", "district": "district_code"}[by]
    a = scope.created_from.isoformat(" ", "microseconds")
    b = min(scope.created_to, now).isoformat(" ", "microseconds")
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            f"SELECT coalesce({column}, ''), count(*), "
            "sum(CASE WHEN replied_at IS NULL OR replied_at > reply_deadline THEN 1 ELSE 0 END) "
            "FROM cases WHERE reply_deadline >= ? AND reply_deadline < ? AND state != 'merged' GROUP BY 1",
            (a, b)).all()
    return {key: (int(due), int(late)) for key, due, late in rows}


def _assess(db: Database, scope: Scope, by: str, names: dict[str, str], weights: dict[str, Weight],
            now: datetime, only_named: bool = False) -> list[Assessment]:
    wanted = tuple(sorted({num for num, _ in RATIOS.values()} | {d for _, dens in RATIOS.values() for d in dens}))
    counts = {g.key: g.counts for g in metrics.breakdown(db, scope, by, wanted) if g.key}
    overdue = _overdue(db, scope, by, now)
    out = []
    keys = set(names) if only_named else set(names) | set(counts) | {k for k in overdue if k}
    for key in sorted(keys):
        c = counts.get(key, {})
        due, late = overdue.get(key, (0, 0))
        indicators = {name: Rate(name, int(c.get(num) or 0), sum(int(c.get(d) or 0) for d in dens))
                      for name, (num, dens) in RATIOS.items()}
        indicators["overdue_rate"] = Rate("overdue_rate", late, due)
        out.append(Assessment(key, names.get(key, key), int(c.get("dispatched") or 0), indicators, late,
                              score(indicators, weights)))
    return out


def _ranked(rows: list[Assessment]) -> dict[str, int]:
    scored = sorted(((r.score, r.key) for r in rows if r.score is not None), key=lambda x: (-x[0], x[1]))
    return {key: i + 1 for i, (_score, key) in enumerate(scored)}


def assess(db: Database, month: str, by: str = "department", weights: dict[str, Weight] | None = None,
           now: datetime | None = None, level: str | None = None) -> list[Assessment]:
    """Every unit's (by="department") or district's (by="district") month, ranked by score with
    the previous month's score and rank beside it; unassessed ones last. `now` (stored form) cuts
    a month still running: only the reply deadlines passed by then count for overdue. `level`
    (city, district, street, community) assesses and ranks only the units of that level."""
    now = now or utcnow()
    if by not in ("department", "district"):
        raise ValueError("assess by department or district")
    weights = weights or load_weights()
    scope = month_scope(month)
    if level is not None and by != "department":
        raise ValueError("a level is a level of units: assess by department")
    names = ({d.code: d.name for d in refdata.departments(db) if level is None or d.level == level}
             if by == "department" else {d.code: d.name for d in refdata.districts(db)})
    current = _assess(db, scope, by, names, weights, now, level is not None)
    previous = {r.key: r for r in _assess(db, scope.previous(), by, names, weights, now, level is not None)}
    ranks, prev_ranks = _ranked(current), _ranked(list(previous.values()))
    out = [Assessment(r.key, r.name, r.dispatched, r.indicators, r.overdue, r.score, ranks.get(r.key),
                      previous[r.key].score if r.key in previous else None, prev_ranks.get(r.key))
           for r in current]
    return sorted(out, key=lambda r: (r.rank is None, r.rank or 0, r.key))
