"""The published rates, for any period, district, category and department.

Every figure is read from the maintained rollups (console/rollups.py), which
count events on the city-local day they happened; docs/metrics.md defines
each rate with its numerator and denominator. A month is ~30 rows per key
combination, so a rate for any scope is one indexed range sum, never a scan
of the case table.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import text

from models.db import Database
from models.rollup import DAILY_METRICS, GRAINS

from .clock import CITY_TZ, to_stored
from .deadlines import load_policy


@dataclass(frozen=True)
class Scope:
    """City-local days [start, end) and optional district, category (a top-level code
    covers its children), lead department."""

    start: date
    end: date
    district: str | None = None
    category: str | None = None
    department: str | None = None

    @property
    def created_from(self) -> datetime:
        """The stored (naive UTC) start of the period, for QueueFilter.created_from."""
        return day_start(self.start)

    @property
    def created_to(self) -> datetime:
        return day_start(self.end)

    def previous(self) -> Scope:
        """The period of the same length just before (a calendar month for a month)."""
        if self.start.day == 1 and self.end.day == 1 and _next_month(self.start) == self.end:
            prev = _prev_month(self.start)
            return Scope(prev, self.start, self.district, self.category, self.department)
        length = self.end - self.start
        return Scope(self.start - length, self.start, self.district, self.category, self.department)


@dataclass(frozen=True)
class Rate:
    """numerator / denominator; `value` is None when nothing was counted."""

    name: str
    numerator: float
    denominator: float

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def percent(self) -> str:
        return "—" if self.value is None else f"{self.value * 100:.2f}%"


@dataclass(frozen=True)
class Rates:
    """The rates the city publishes, with the raw counts behind them."""

    scope: Scope
    direct_answer: Rate
    sign_on_time: Rate
    reply_on_time: Rate
    resolution: Rate
    satisfaction: Rate
    return_rate: Rate
    repeat_request: Rate
    avg_reply_working_days: float | None
    instructions: dict[str, int]
    counts: dict[str, float] = field(default_factory=dict)

    def as_list(self) -> list[Rate]:
        return [self.direct_answer, self.sign_on_time, self.reply_on_time, self.resolution, self.satisfaction,
                self.return_rate, self.repeat_request]


RATE_NAMES = ("direct_answer", "sign_on_time", "reply_on_time", "resolution", "satisfaction", "return_rate",
              "repeat_request")


def day_start(d: date) -> datetime:
    """The stored (naive UTC) moment of a city-local midnight."""
    return to_stored(datetime(d.year, d.month, d.day, tzinfo=CITY_TZ))


def local_today(now_stored: datetime) -> date:
    return (now_stored + CITY_TZ.utcoffset(None)).date()


def _next_month(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def _prev_month(d: date) -> date:
    return date(d.year - (d.month == 1), (d.month - 2) % 12 + 1, 1)


def month_scope(month: str, **filters) -> Scope:
    """The Scope of a month given as YYYY-MM; ValueError with a clear message otherwise."""
    try:
        start = datetime.strptime(month.strip(), "%Y-%m").date()
    except ValueError:
        raise ValueError(f"month must look like 2026-10, not {month!r}") from None
    return Scope(start, _next_month(start), **filters)


def scope_dims(scope: Scope) -> set[str]:
    """The key dimensions a scope filters on."""
    return {d for d, v in (("district", scope.district), ("category", scope.category),
                           ("department", scope.department)) if v}


def rollup_table(dims: set[str] | tuple[str, ...]) -> str:
    """The coarsest rollup table keyed by all of `dims` (fewest rows to sum)."""
    for table, keys in GRAINS.items():
        if set(dims) <= set(keys):
            return table
    raise ValueError(f"no rollup is keyed by {', '.join(sorted(dims))}")


def scope_where(scope: Scope, p: dict, alias: str = "") -> str:
    """SQL condition on rollup_daily for `scope`; fills the parameters into `p`."""
    a = f"{alias}." if alias else ""
    conds = [f"{a}day >= :d0 AND {a}day < :d1"]
    p["d0"], p["d1"] = scope.start.isoformat(), scope.end.isoformat()
    if scope.district:
        conds.append(f"{a}district = :district")
        p["district"] = scope.district
    if scope.category:
        if len(scope.category) <= 2:  # a top-level code counts its children
            conds.append(f"{a}category >= :cat AND {a}category < :cat_end")
            p["cat"], p["cat_end"] = scope.category, scope.category + "~"
        else:
            conds.append(f"{a}category = :cat")
            p["cat"] = scope.category
    if scope.department:
        conds.append(f"{a}department = :dept")
        p["dept"] = scope.department
    return " AND ".join(conds)


def counts(db: Database, scope: Scope) -> dict[str, float]:
    """The summed rollup counters of `scope` (DAILY_METRICS names)."""
    p: dict = {}
    sums = ", ".join(f"coalesce(sum({m}), 0)" for m in DAILY_METRICS)
    with db.session() as s:
        table = rollup_table(scope_dims(scope))
        row = s.execute(text(f"SELECT {sums} FROM {table} WHERE {scope_where(scope, p)}"), p).one()
    return dict(zip(DAILY_METRICS, row, strict=True))


def rates_from_counts(scope: Scope, c: dict[str, float], day_minutes: int | None = None) -> Rates:
    """The rates from summed counters (see docs/metrics.md for each definition)."""
    day_minutes = day_minutes or load_policy().calendar.day_minutes
    handled = c["intake"] - c["transferred"] - c["merged"]
    avg = c["reply_wmin"] / c["replied"] / day_minutes if c["replied"] else None
    return Rates(
        scope=scope,
        direct_answer=Rate("direct_answer", c["answered"], max(handled, 0)),
        sign_on_time=Rate("sign_on_time", c["signed_on_time"], c["signed"]),
        reply_on_time=Rate("reply_on_time", c["replied_on_time"], c["replied"]),
        resolution=Rate("resolution", c["resolved"], c["callbacks"]),
        satisfaction=Rate("satisfaction", c["satisfied"], c["callbacks"]),
        return_rate=Rate("return_rate", c["returned"], c["dispatched"]),
        repeat_request=Rate("repeat_request", c["repeat_intake"], c["intake"]),
        avg_reply_working_days=avg,
        instructions={"city": int(c["instr_city"]), "district": int(c["instr_district"]),
                      "township": int(c["instr_township"])},
        counts=dict(c),
    )


def rates(db: Database, scope: Scope) -> Rates:
    """All published rates for `scope`."""
    return rates_from_counts(scope, counts(db, scope))


@dataclass(frozen=True)
class GroupRow:
    """One group of a breakdown: its key and its summed counters."""

    key: str
    counts: dict[str, float]

    def rates(self, scope: Scope) -> Rates:
        return rates_from_counts(scope, self.counts)


_GROUP_COLUMNS = {"district": "district", "category": "category", "top_category": "substr(category, 1, 2)",
                  "department": "department", "day": "day"}
_GROUP_DIMS = {"district": {"district"}, "category": {"category"}, "top_category": {"category"},
               "department": {"department"}, "day": set()}


def breakdown(db: Database, scope: Scope, by: str, metrics: tuple[str, ...] = DAILY_METRICS) -> list[GroupRow]:
    """Counters of `scope` grouped by district, category, top_category, department or day."""
    col = _GROUP_COLUMNS.get(by)
    if col is None:
        raise ValueError(f"breakdown by one of {', '.join(_GROUP_COLUMNS)}, not {by!r}")
    bad = set(metrics) - set(DAILY_METRICS)
    if bad:
        raise ValueError(f"unknown metrics: {', '.join(sorted(bad))}")
    p: dict = {}
    sums = ", ".join(f"sum({m})" for m in metrics)
    table = rollup_table(scope_dims(scope) | _GROUP_DIMS[by])
    sql = f"SELECT {col} AS k, {sums} FROM {table} WHERE {scope_where(scope, p)} GROUP BY k"
    with db.session() as s:
        return [GroupRow(row[0], dict(zip(metrics, row[1:], strict=True))) for row in s.execute(text(sql), p)]


def cross(db: Database, scope: Scope, metric: str = "intake") -> dict[tuple[str, str], int]:
    """`metric` by (district, top-level category): the heat map's cells."""
    if metric not in DAILY_METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    p: dict = {}
    table = rollup_table(scope_dims(scope) | {"district", "category"})
    sql = (f"SELECT district, substr(category, 1, 2), sum({metric}) FROM {table} "
           f"WHERE {scope_where(scope, p)} GROUP BY 1, 2")
    with db.session() as s:
        return {(d, c): n for d, c, n in s.execute(text(sql), p) if n}


@dataclass(frozen=True)
class OperatorFigures:
    """One operator's figures over a period."""

    login: str
    intake: int
    answered: int
    dispatched: int
    handled: int
    avg_handling_minutes: float | None
    callbacks: int


def operator_figures(db: Database, start: date, end: date, login: str | None = None) -> list[OperatorFigures]:
    """Per acting login over city-local days [start, end); only `login` when given (an operator sees
    only their own figures)."""
    p = {"d0": start.isoformat(), "d1": end.isoformat()}
    cond = "day >= :d0 AND day < :d1"
    if login:
        cond += " AND operator = :login"
        p["login"] = login
    sql = (f"SELECT operator, sum(intake), sum(answered), sum(dispatched), sum(handled), sum(handle_seconds), "
           f"sum(callbacks) FROM rollup_operator WHERE {cond} GROUP BY operator ORDER BY sum(intake) DESC, operator")
    with db.session() as s:
        return [OperatorFigures(op, int(i), int(a), int(d), int(h), (sec / h / 60) if h else None, int(cb))
                for op, i, a, d, h, sec, cb in s.execute(text(sql), p)]


def reasons(db: Database, scope: Scope, limit: int = 20) -> list[tuple[str, int]]:
    """The reasons callers gave at unsatisfied callbacks, most frequent first."""
    p = {"d0": scope.start.isoformat(), "d1": scope.end.isoformat(), "lim": limit}
    cond = "day >= :d0 AND day < :d1"
    if scope.department:
        cond += " AND department = :dept"
        p["dept"] = scope.department
    sql = (f"SELECT CASE WHEN reason = '' THEN '(no reason given)' ELSE reason END AS r, sum(n) FROM rollup_reasons "
           f"WHERE {cond} GROUP BY r ORDER BY sum(n) DESC, r LIMIT :lim")
    with db.session() as s:
        return [(r, int(n)) for r, n in s.execute(text(sql), p)]


def week_of(today: date) -> tuple[date, date]:
    """The seven city-local days ending with `today` (inclusive)."""
    return today - timedelta(days=6), today + timedelta(days=1)
