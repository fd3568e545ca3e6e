"""What the monthly hotspot report says, as plain data: the rates beside the
previous month's, the top categories and districts with their change, late
and unsatisfied cases by department, the reasons for dissatisfaction, and
an appendix of publishable cases with personal data redacted.

All counts come from the rollups (console/metrics.py); only the appendix
reads case rows, a few dozen of them by index.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import text

from models.db import Database
from models.storage_forms import stored_time

from .. import early_warning, efficiency, metrics, refdata
from ..clock import to_local
from ..efficiency import Assessment
from ..metrics import Rate, Rates, Scope
from ..redact import UNPUBLISHABLE_TYPES, public_address, redact
from . import disputes, instructions
from .disputes import DisputesReport
from .instructions import InstructionsReport

APPENDIX_LIMIT = 30
# whistle-blowing reports and confidential cases are never published


@dataclass(frozen=True)
class Change:
    """A figure this month and last month."""

    key: str
    label: str
    current: float
    previous: float

    @property
    def change(self) -> float | None:
        """Relative change; None when there was nothing last month."""
        return (self.current - self.previous) / self.previous if self.previous else None


@dataclass(frozen=True)
class DepartmentLine:
    code: str
    name: str
    dispatched: int
    replied: int
    replied_late: int
    signed_late: int
    callbacks: int
    unsatisfied: int
    on_time: Rate


@dataclass(frozen=True)
class PublicCase:
    number: str
    received: str  # city-local date
    district: str
    category: str
    department: str
    place: str  # district and road only
    description: str  # redacted
    result: str  # the department's reply, redacted
    satisfied: bool | None


@dataclass(frozen=True)
class WarningLine:
    """A cluster the early warning raised in the month (console/early_warning.py)."""

    day: str
    district: str
    category: str
    count: int
    expected: float


@dataclass(frozen=True)
class HotspotLine:
    """A place (district and road only) or a company three or more callers complained about in a week."""

    kind: str  # "address" or "company"
    name: str
    category: str
    callers: int
    cases: int


@dataclass(frozen=True)
class MonthlyReport:
    month: str
    scope: Scope
    previous_scope: Scope
    rates: Rates
    previous_rates: Rates
    intake: Change
    top_categories: list[Change]
    top_top_categories: list[Change]
    districts: list[Change]
    departments: list[DepartmentLine]
    reasons: list[tuple[str, int]]
    appendix: list[PublicCase]
    generated_at: datetime
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[WarningLine] = field(default_factory=list)
    hotspots: list[HotspotLine] = field(default_factory=list)
    efficiency: list[Assessment] = field(default_factory=list)  # the units' assessment, ranked first
    instructions: InstructionsReport | None = None
    disputes: DisputesReport | None = None  # returns reviewed and disputes decided (退单审核, 职责争议)


def _changes(cur: dict[str, float], prev: dict[str, float], labels: dict[str, str], limit: int | None) -> list[Change]:
    keys = sorted(set(cur) | set(prev), key=lambda k: (-cur.get(k, 0), k))
    out = [Change(k, labels.get(k, k), cur.get(k, 0), prev.get(k, 0)) for k in keys if k]
    return out[:limit] if limit else out


def _by(db: Database, scope: Scope, by: str, metric: str = "intake") -> dict[str, float]:
    return {g.key: g.counts[metric] or 0 for g in metrics.breakdown(db, scope, by, (metric,))}


def build_monthly(db: Database, month: str, now: datetime | None = None,
                  appendix_limit: int = APPENDIX_LIMIT) -> MonthlyReport:
    """The report of `month` (YYYY-MM); ValueError for a malformed month."""
    import time
    timings: dict[str, float] = {}
    t = time.perf_counter()
    scope = metrics.month_scope(month)
    prev = scope.previous()
    cats = refdata.categories(db)
    cat_names = {c.code: c.name for c in cats}
    dist_names = {d.code: d.name for d in refdata.districts(db)}
    dept_names = {d.code: d.name for d in refdata.departments(db)}
    cur_counts, prev_counts = metrics.counts(db, scope), metrics.counts(db, prev)
    rates, prev_rates = metrics.rates_from_counts(scope, cur_counts), metrics.rates_from_counts(prev, prev_counts)
    timings["rates"] = time.perf_counter() - t
    top = _changes(_by(db, scope, "category"), _by(db, prev, "category"), cat_names, 15)
    top_level = _changes(_by(db, scope, "top_category"), _by(db, prev, "top_category"), cat_names, None)
    districts = _changes(_by(db, scope, "district"), _by(db, prev, "district"), dist_names, None)
    timings["hotspots"] = time.perf_counter() - t
    wanted = ("dispatched", "replied", "replied_on_time", "signed", "signed_on_time", "callbacks", "satisfied")
    lines = []
    for g in metrics.breakdown(db, scope, "department", wanted):
        if not g.key:
            continue
        c = {k: int(v or 0) for k, v in g.counts.items()}
        lines.append(DepartmentLine(g.key, dept_names.get(g.key, g.key), c["dispatched"], c["replied"],
                                    c["replied"] - c["replied_on_time"], c["signed"] - c["signed_on_time"],
                                    c["callbacks"], c["callbacks"] - c["satisfied"],
                                    Rate("reply_on_time", c["replied_on_time"], c["replied"])))
    lines.sort(key=lambda d: (-(d.replied_late + d.signed_late + d.unsatisfied), d.code))
    reasons = metrics.reasons(db, scope, limit=15)
    timings["departments"] = time.perf_counter() - t
    appendix = publishable_cases(db, scope, cat_names, dist_names, dept_names, appendix_limit)
    timings["appendix"] = time.perf_counter() - t
    warnings, hotspots = month_warnings(db, scope, cat_names, dist_names)
    timings["warnings"] = time.perf_counter() - t
    assessed = efficiency.assess(db, month)
    timings["efficiency"] = time.perf_counter() - t
    instructed = instructions.build(db, month)
    timings["instructions"] = time.perf_counter() - t
    decided = disputes.build(db, month)
    timings["disputes"] = time.perf_counter() - t
    return MonthlyReport(month, scope, prev, rates, prev_rates,
                         Change("intake", "intake", cur_counts["intake"], prev_counts["intake"]),
                         top, top_level, districts, lines, reasons, appendix, now or datetime.now(), timings,
                         warnings, hotspots, assessed, instructed, decided)


def month_warnings(db: Database, scope: Scope, cat_names: dict, dist_names: dict
                   ) -> tuple[list[WarningLine], list[HotspotLine]]:
    """The month's clusters, and the hotspots of each of its weeks (the most callers each had)."""
    last = scope.end - timedelta(days=1)
    alerts = [WarningLine(a.day.isoformat(), dist_names.get(a.district, a.district),
                          cat_names.get(a.category, a.category), a.count, a.expected)
              for a in early_warning.alerts(db, scope.start, last)]
    det = early_warning.load_detector()
    best: dict[tuple[str, str, str], HotspotLine] = {}
    day = scope.start + timedelta(days=det.hotspot_days - 1)
    ends = []
    while day < last:
        ends.append(day)
        day += timedelta(days=det.hotspot_days)
    for end in [*ends, last]:
        for h in early_warning.hotspots(db, end, det):
            # a place is shown as its district and road, never its number
            name = public_address("", h.key) if h.kind == "address" else h.key
            key = (h.kind, name, h.category)
            if key not in best or best[key].callers < h.callers:
                best[key] = HotspotLine(h.kind, name, cat_names.get(h.category, h.category), h.callers, len(h.cases))
    return alerts, sorted(best.values(), key=lambda h: (-h.callers, h.kind, h.name))


def publishable_cases(db: Database, scope: Scope, cat_names: dict, dist_names: dict, dept_names: dict,
                      limit: int = APPENDIX_LIMIT) -> list[PublicCase]:
    """Closed, called-back cases of the month cleared for publication (not confidential, not a
    whistle-blowing report), their text redacted; the earliest `limit` of the month."""
    types = ", ".join(f"'{t}'" for t in UNPUBLISHABLE_TYPES)
    sql = (f"SELECT id, number, created_at, district_code, category_code, lead_department, address, description, "
           f"caller_name, satisfied FROM cases WHERE created_at >= :a AND created_at < :b AND state = 'closed' "
           f"AND satisfied IS NOT NULL AND NOT confidential AND type NOT IN ({types}) "
           f"ORDER BY created_at LIMIT :lim")
    out = []
    with db.session() as s:
        rows = s.execute(text(sql), {"a": _ts(scope.created_from), "b": _ts(scope.created_to), "lim": limit}).all()
        for cid, number, created, district, category, dept, address, description, caller, satisfied in rows:
            payload = s.execute(text("SELECT payload FROM case_events WHERE case_id = :c AND kind = 'reply' "
                                     "ORDER BY seq DESC LIMIT 1"), {"c": cid}).scalar()
            result = (json.loads(payload) if isinstance(payload, str) else payload or {}).get("result", "")
            created = created if isinstance(created, datetime) else datetime.fromisoformat(created)
            dname = dist_names.get(district, district or "")
            out.append(PublicCase(number, to_local(created).date().isoformat(), dname,
                                  cat_names.get(category, category or ""), dept_names.get(dept, dept or ""),
                                  public_address(dname, address), redact(description, caller_name=caller or ""),
                                  redact(result, caller_name=caller or ""),
                                  None if satisfied is None else bool(satisfied)))
    return out


def _ts(dt: datetime) -> str:
    return stored_time(dt)
