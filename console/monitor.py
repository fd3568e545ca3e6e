"""The team lead's live dashboard as one plain snapshot, each figure with the
QueueFilter that selects exactly the cases it counts (the click-through).

Everything here is an index range or a rollup read (see console/rollups.py),
so a refresh costs the same on a thousand cases as on a million. Built off
the GUI thread; the widget only draws it.
"""
from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Row, text

from models.db import Database
from models.storage_forms import stored_time

from . import metrics, refdata
from .clock import utcnow
from .dto import Actor
from .metrics import Rate, Scope, day_start, local_today
from .queue_filter import VIEWS, QueueFilter
from .workflow import OPEN_STATES

OPEN = tuple(sorted(s.value for s in OPEN_STATES))
# the order the dashboard shows open states in: the hotline's steps first
OPEN_ORDER = ("received", "returned", "dispatched", "accepted", "extended", "reopened", "replied", "callback")
# what waits for a team lead's decision (h/flow's workflow): a department's return under review
# (退单审核) and a responsibility dispute (职责争议); counted by state, so the tiles read 0 until
# cases reach those states
DECISION_STATES = ("return_review", "dispute")
LEADS = ("team_lead", "admin")
LIST_LIMIT = 20


@dataclass(frozen=True)
class Bar:
    """One bar (or labelled count): the key, a label, the value and its click-through."""

    key: str
    label: str
    value: float
    filter: QueueFilter
    previous: float | None = None  # the same figure in the period before, when compared


@dataclass(frozen=True)
class CaseRow:
    number: str
    state: str
    category: str
    department: str
    deadline: datetime | None
    minutes: float  # minutes late (overdue) or left (due soon)
    flag: str  # "city"/"district"/"township" instruction, "pick" or ""
    filter: QueueFilter


@dataclass(frozen=True)
class OperatorRow:
    login: str
    name: str
    intake: int
    answered: int
    avg_handling_minutes: float | None
    callbacks_due: int
    filter: QueueFilter  # the calls this operator logged today
    callbacks_filter: QueueFilter


@dataclass(frozen=True)
class DepartmentRow:
    code: str
    name: str
    open: int
    on_time: Rate  # replies on time, month to date
    returns: int  # month to date
    filter: QueueFilter  # the department's open cases


@dataclass(frozen=True)
class HeatMap:
    """Intake by district (rows) and top-level category (columns) over `scope`."""

    districts: list[tuple[str, str]]
    categories: list[tuple[str, str]]
    values: list[list[int]]
    scope: Scope

    def cell_filter(self, row: int, col: int) -> QueueFilter:
        return QueueFilter(view="all", district=self.districts[row][0], category_code=self.categories[col][0],
                           created_from=self.scope.created_from, created_to=self.scope.created_to)


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows, at `now`. For an operator only their own figures are filled."""

    now: datetime
    own_only: bool
    hourly_today: list[Bar]
    hourly_last_week: list[int]
    open_by_state: list[Bar]
    due_soon: Bar
    due_soon_cases: list[CaseRow]
    overdue: Bar
    overdue_cases: list[CaseRow]
    flagged: list[CaseRow]
    operators: list[OperatorRow]
    departments: list[DepartmentRow]
    top_categories_today: list[Bar]
    top_categories_week: list[Bar]
    top_districts_today: list[Bar]
    top_districts_week: list[Bar]
    rising: list[Bar]
    heat: HeatMap | None
    timings: dict[str, float] = field(default_factory=dict)
    # urgent cases' 1-hour progress contacts: owed now, overdue now, and today's missed (metrics.contact_figures)
    contacts: metrics.ContactFigures | None = None
    # returns under review and disputes, each with the queue of exactly those cases (DECISION_STATES)
    decisions: list[Bar] = field(default_factory=list)


def _ts(dt: datetime) -> str:
    return stored_time(dt)


def _parse(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


class Names:
    """Display names of the reference codes (read once per dashboard)."""

    def __init__(self, db: Database):
        cats = refdata.categories(db)
        self.category = {c.code: c.name for c in cats}
        self.top_categories = [(c.code, c.name) for c in cats if c.parent_code is None]
        self.districts = [(d.code, d.name) for d in refdata.districts(db)]
        self.district = dict(self.districts)
        self.department = {d.code: d.name for d in refdata.departments(db)}
        ops = refdata.operators(db)
        self.operator = {o.login: o.name for o in ops}
        self.operator_by_id = {(o.id.hex if hasattr(o.id, "hex") else str(o.id)): o.login for o in ops}


class MonitorService:
    """The dashboard of one account: each snapshot in its own session (so callable from a
    worker thread), the reference names read once."""

    def __init__(self, db: Database, actor: Actor):
        self.db, self.actor = db, actor
        self._names: Names | None = None

    def snapshot(self, now: datetime | None = None) -> Dashboard:
        """The dashboard at `now` (default: the present) for this service's account."""
        if self._names is None:
            self._names = Names(self.db)
        return snapshot(self.db, self.actor, now, self._names)


def snapshot(db: Database, actor: Actor, now: datetime | None = None, names: Names | None = None) -> Dashboard:
    """The dashboard at `now` for `actor`: a team lead or admin sees everything,
    an operator only their own figures."""
    now = now or utcnow()
    names = names or Names(db)
    today = local_today(now)
    t0, t1 = day_start(today), day_start(today + timedelta(days=1))
    timings: dict[str, float] = {}
    own = actor.role not in LEADS
    with db.session() as s:
        def q(sql: str, **p) -> Sequence[Row]:
            return s.execute(text(sql), p).all()

        def timed(name, fn):
            start = time.perf_counter()
            value = fn()
            timings[name] = time.perf_counter() - start
            return value

        operators = timed("operators", lambda: _operators(q, names, today, t0, t1, actor.login if own else None))
        if own:
            return Dashboard(now, True, [], [], [], Bar("due_soon", "", 0, QueueFilter()), [],
                             Bar("overdue", "", 0, QueueFilter()), [], [], operators, [], [], [], [], [], [], None,
                             timings)
        hourly, last_week = timed("hourly", lambda: _hourly(q, t0, t1))
        open_by_state = timed("states", lambda: _open_by_state(q))
        decisions = timed("decisions", lambda: _decisions(q))
        due_soon, due_rows = timed("due_soon", lambda: _due_soon(q, names, now))
        overdue, overdue_rows = timed("overdue", lambda: _overdue(q, names, now))
        flagged = timed("flagged", lambda: _flagged(q, names, now))
        departments = timed("departments", lambda: _departments(q, names, today))
        day_scope = Scope(today, today + timedelta(days=1))
        week_scope = Scope(*metrics.week_of(today))
        cats_today = timed("hot_today", lambda: _top(q, names, day_scope, "category"))
        dists_today = timed("hot_today_d", lambda: _top(q, names, day_scope, "district"))
        cats_week = timed("hot_week", lambda: _top(q, names, week_scope, "category", compare=True))
        dists_week = timed("hot_week_d", lambda: _top(q, names, week_scope, "district", compare=True))
        rising = sorted((b for b in cats_week if b.previous is not None and b.value > b.previous),
                        key=lambda b: (b.value - b.previous, b.value), reverse=True)[:8]
        heat = timed("heat", lambda: _heat(q, names, week_scope))
    contacts = timed("contacts", lambda: metrics.contact_figures(db, now))
    return Dashboard(now, False, hourly, last_week, open_by_state, due_soon, due_rows, overdue, overdue_rows,
                     flagged, operators, departments, cats_today[:10], cats_week[:10], dists_today[:12],
                     dists_week[:12], rising, heat, timings, contacts, decisions)


def _hourly(q, t0: datetime, t1: datetime) -> tuple[list[Bar], list[int]]:
    # one index range count per hour: cheaper than computing the hour of every row
    sql = "SELECT count(*) FROM cases WHERE created_at >= :a AND created_at < :b"
    hour = timedelta(hours=1)
    week = timedelta(days=7)

    def counts(start: datetime) -> list[int]:
        return [q(sql, a=_ts(start + h * hour), b=_ts(start + (h + 1) * hour))[0][0] for h in range(24)]

    today, before = counts(t0), counts(t0 - week)
    bars = [Bar(f"{h:02d}", f"{h:02d}:00", today[h],
                QueueFilter(view="all", created_from=t0 + h * hour, created_to=t0 + (h + 1) * hour), before[h])
            for h in range(24)]
    return bars, before


def _decisions(q) -> list[Bar]:
    counts = dict(q("SELECT state, n FROM state_counts"))
    # the queue's own tab for the state where there is one (h/flow's team-lead views), else all cases
    return [Bar(st, st, counts.get(st, 0), QueueFilter(view=st if st in VIEWS else "all", states=(st,)))
            for st in DECISION_STATES]


def _open_by_state(q) -> list[Bar]:
    counts = dict(q("SELECT state, n FROM state_counts"))
    return [Bar(st, st, counts.get(st, 0), QueueFilter(view="all", states=(st,))) for st in OPEN_ORDER]


_CASE_COLUMNS = "number, state, category_code, lead_department, deadline, instruction_level, leader_pick"


def _case_row(r, names: Names, now: datetime, late: bool) -> CaseRow:
    deadline = _parse(r[4])
    minutes = ((now - deadline) if late else (deadline - now)).total_seconds() / 60 if deadline else 0.0
    flag = r[5] or ("pick" if r[6] else "")
    return CaseRow(r[0], r[1], names.category.get(r[2], r[2] or ""), names.department.get(r[3], r[3] or ""),
                   deadline, minutes, flag, QueueFilter(view="all", text=r[0]))


def _due_soon(q, names: Names, now: datetime) -> tuple[Bar, list[CaseRow]]:
    end = now + timedelta(hours=2)
    p = {"a": _ts(now), "b": _ts(end)}
    n = q("SELECT count(*) FROM cases WHERE deadline >= :a AND deadline < :b", **p)[0][0]
    rows = q(f"SELECT {_CASE_COLUMNS} FROM cases WHERE deadline >= :a AND deadline < :b ORDER BY deadline "
             f"LIMIT {LIST_LIMIT}", **p)
    f = QueueFilter(view="all", due_after=now, due_before=end)
    return Bar("due_soon", "due in 2 h", n, f), [_case_row(r, names, now, False) for r in rows]


def _overdue(q, names: Names, now: datetime) -> tuple[Bar, list[CaseRow]]:
    n = q("SELECT count(*) FROM cases WHERE deadline < :now", now=_ts(now))[0][0]
    rows = q(f"SELECT {_CASE_COLUMNS} FROM cases WHERE deadline < :now ORDER BY deadline LIMIT {LIST_LIMIT}",
             now=_ts(now))
    return Bar("overdue", "overdue", n, QueueFilter(view="overdue")), [_case_row(r, names, now, True) for r in rows]


def _flagged(q, names: Names, now: datetime) -> list[CaseRow]:
    states = ", ".join(f"'{s}'" for s in OPEN)
    rows = q(f"SELECT {_CASE_COLUMNS} FROM cases "
             f"WHERE (instruction_level IS NOT NULL OR leader_pick) AND state IN ({states}) "
             f"ORDER BY CASE instruction_level WHEN 'city' THEN 0 WHEN 'district' THEN 1 "
             f"WHEN 'township' THEN 2 ELSE 3 END, deadline LIMIT {LIST_LIMIT}")
    return [_case_row(r, names, now, True) for r in rows]


def _operators(q, names: Names, today: date, t0: datetime, t1: datetime, login: str | None) -> list[OperatorRow]:
    p = {"d": today.isoformat()}
    cond = "day = :d"
    if login:
        cond += " AND operator = :login"
        p["login"] = login
    figures = {r[0]: r for r in q(f"SELECT operator, intake, answered, handled, handle_seconds FROM rollup_operator "
                                  f"WHERE {cond}", **p)}
    due = {}
    for op_id, n in q("SELECT operator_id, count(*) FROM cases WHERE state IN ('callback', 'replied') "
                      "GROUP BY operator_id"):
        who = names.operator_by_id.get(op_id.hex if hasattr(op_id, "hex") else str(op_id))
        if who:
            due[who] = n
    logins = [login] if login else sorted(set(figures) | set(due), key=lambda x: (x not in names.operator, x))
    rows = []
    for who in logins:
        if who not in names.operator:  # department liaisons and "system" act too; they are not seats
            continue
        _, intake, answered, handled, seconds = figures.get(who, (who, 0, 0, 0, 0.0))
        rows.append(OperatorRow(
            who, names.operator.get(who, who), intake, answered, (seconds / handled / 60) if handled else None,
            due.get(who, 0), QueueFilter(view="all", operator_login=who, created_from=t0, created_to=t1),
            QueueFilter(view="all", operator_login=who, states=("callback", "replied"))))
    rows.sort(key=lambda r: (-r.intake, r.login))
    return rows


def _departments(q, names: Names, today: date) -> list[DepartmentRow]:
    states = ", ".join(f"'{s}'" for s in OPEN)
    open_n = dict(q(f"SELECT department, sum(n) FROM rollup_open WHERE state IN ({states}) AND department != '' "
                    f"GROUP BY department"))
    month = Scope(today.replace(day=1), today + timedelta(days=1))
    p: dict = {}
    rows = q(f"SELECT department, sum(replied_on_time), sum(replied), sum(returned) FROM rollup_day_department "
             f"WHERE {metrics.scope_where(month, p)} AND department != '' GROUP BY department", **p)
    month_figs = {d: (ot, rep, ret) for d, ot, rep, ret in rows}
    out = []
    for code in set(open_n) | set(month_figs):
        ot, rep, ret = month_figs.get(code, (0, 0, 0))
        out.append(DepartmentRow(code, names.department.get(code, code), open_n.get(code, 0),
                                 Rate("reply_on_time", ot, rep), ret,
                                 QueueFilter(view="all_open", department=code)))
    out.sort(key=lambda r: (-r.open, r.code))
    return out


def _top(q, names: Names, scope: Scope, by: str, compare: bool = False) -> list[Bar]:
    col = {"category": "category", "district": "district"}[by]

    def read(sc: Scope) -> dict[str, int]:
        p: dict = {}
        table = metrics.rollup_table(metrics.scope_dims(sc) | {col})
        return {k: n for k, n in q(f"SELECT {col}, sum(intake) FROM {table} WHERE {metrics.scope_where(sc, p)} "
                                   f"AND {col} != '' GROUP BY {col}", **p) if n}

    cur = read(scope)
    prev = read(scope.previous()) if compare else {}
    label = names.category if by == "category" else names.district
    bars = []
    for key, n in cur.items():
        f = QueueFilter(view="all", created_from=scope.created_from, created_to=scope.created_to,
                        category_code=key if by == "category" else None, district=None if by == "category" else key)
        bars.append(Bar(key, label.get(key, key), n, f, prev.get(key, 0) if compare else None))
    bars.sort(key=lambda b: (-b.value, b.key))
    return bars


def _heat(q, names: Names, scope: Scope) -> HeatMap:
    p: dict = {}
    cells = {(d, c): n for d, c, n in q(
        f"SELECT district, substr(category, 1, 2), sum(intake) FROM rollup_day_district_category "
        f"WHERE {metrics.scope_where(scope, p)} GROUP BY 1, 2", **p)}
    values = [[int(cells.get((d, c), 0) or 0) for c, _ in names.top_categories] for d, _ in names.districts]
    return HeatMap(names.districts, names.top_categories, values, scope)
