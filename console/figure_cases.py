"""The cases behind a figure of the team lead's assessment pages: an efficiency indicator of a
unit's (or district's) month, a cell of the leaders' instructions report, an early-warning alert
or hotspot. Each answer is the list of case numbers a QueueFilter(numbers=...) opens.

An efficiency indicator counts events, under the unit in charge when each happened, with the
deadlines in force then (console/rollups.py): a case re-dispatched from one unit to another counts
its sign-for under the first and its reply under the second. The events are judged here by the
rollups' own rules: their SQL on the final case row for the cases that went through one dispatch
cycle, and a replay through the lifecycle for the returned or reopened ones, exactly as
`rollups.rebuild` recounts them, so the cases listed are the ones the figure counted.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models.case import REROUTED
from models.db import Database
from models.rollup import DAILY_METRICS

from . import early_warning
from .deadlines import SlaPolicy, load_policy
from .efficiency import RATIOS
from .metrics import month_scope
from .rollup_rules import DAILY_RULES
from .rollup_rules import sql as rule_sql
from .rollups import REPLAY_COLUMNS, Accumulator, _dept_expr, position_sql, replayed

PARTS = ("numerator", "denominator", "missed")
_RULES = {r.metric: r for r in DAILY_RULES}


@dataclass(frozen=True)
class _Counted:
    number: str
    key: str
    values: dict[str, float]


def _metrics_of(indicator: str) -> tuple[str, tuple[str, ...]]:
    if indicator not in RATIOS:
        raise ValueError(f"no events behind {indicator!r}; one of {', '.join(RATIOS)} or overdue_rate")
    return RATIOS[indicator]


# the cases whose events may count under a unit: those with an event of the month of the kinds
# counted (found through ix_case_events_kind_at: the cost follows the month, not every case the
# unit ever led) that it leads now, or led before their unit changed (returned and re-dispatched,
# or passed down: replayed below); a case's district never changes. CROSS JOIN keeps the month's
# events the outer loop: led by the index on the unit's cases, the planner would read every case
# the unit ever had. The queries below keep the candidates outer the same way (with the month's
# events outer they would scan the candidates once per event), and read a case's events through
# its own index (INDEXED BY): with a kind and a time the planner would take the month's events
# of the kind for each case.
_MONTH = ("FROM case_events e CROSS JOIN cases c ON c.id = e.case_id "
          "WHERE e.kind IN ({kinds}) AND e.at >= :a AND e.at < :b")
_CANDIDATES = {
    "department": f"SELECT DISTINCT c.id {_MONTH} AND (c.lead_department = :key OR (({REROUTED}) AND EXISTS "
                  "(SELECT 1 FROM case_events d INDEXED BY ix_case_events_case_seq WHERE d.case_id = c.id "
                  "AND d.kind IN ('dispatch', 'decide_dispute', "
                  "'sub_dispatch') AND coalesce(json_extract(d.payload, '$.lead_department'), "
                  "json_extract(d.payload, '$.unit')) = :key)))",
    "district": f"SELECT DISTINCT c.id {_MONTH} AND c.district_code = :key",
}
# of those, the cases whose deadlines or unit changed between events: rerouted or reopened, the
# rule of rollups._complex_cases_sql applied to each candidate (through the case's own events)
_COMPLEX = (f"SELECT x.id FROM temp.figure_cand x JOIN cases c ON c.id = x.id WHERE ({REROUTED}) "
            "OR EXISTS (SELECT 1 FROM case_events r INDEXED BY ix_case_events_case_seq "
            "WHERE r.case_id = x.id AND r.kind IN ('reopen', 'review_reopen'))")


def _events(db: Database, month: str, by: str, key: str, metrics: tuple[str, ...],
            policy: SlaPolicy) -> list[_Counted]:
    """The events of the month of the kinds `metrics` count, with their values, of the unit (or
    district) `key`; for the cases replayed, the events of every unit (known after the replay).
    The candidate cases are found from the month's events of those kinds (ix_case_events_kind_at),
    then only their events are read, through the index on each case's events."""
    scope = month_scope(month)
    a, b = (scope.created_from.isoformat(" ", "microseconds"), scope.created_to.isoformat(" ", "microseconds"))
    kinds = sorted({k for m in metrics for k in _RULES[m].kinds})
    kinds_sql = ", ".join(f"'{k}'" for k in kinds)
    key_sql = _dept_expr("e", "c") if by == "department" else "coalesce(c.district_code, '')"
    exprs = ", ".join(rule_sql(_RULES[m], "e", "c", position_sql) for m in metrics)
    in_month = f"e.at >= ? AND e.at < ? AND e.kind IN ({kinds_sql})"
    out: list[_Counted] = []
    with db.engine.connect() as conn:
        for table in ("figure_cand", "figure_complex"):
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{table}")
        try:
            conn.exec_driver_sql(f"CREATE TEMP TABLE figure_cand AS {_CANDIDATES[by].format(kinds=kinds_sql)}",
                                 {"key": key, "a": a, "b": b})
            conn.exec_driver_sql(f"CREATE TEMP TABLE figure_complex AS {_COMPLEX}")
            conn.exec_driver_sql("CREATE UNIQUE INDEX temp.ix_figure_complex ON figure_complex (id)")
            for number, unit, *values in conn.exec_driver_sql(
                    f"SELECT c.number, {key_sql}, {exprs} FROM temp.figure_cand x "
                    f"CROSS JOIN case_events e INDEXED BY ix_case_events_case_seq ON e.case_id = x.id "
                    f"CROSS JOIN cases c ON c.id = x.id "
                    f"WHERE x.id NOT IN (SELECT id FROM temp.figure_complex) AND {in_month} AND {key_sql} = ?",
                    (a, b, key)):
                out.append(_Counted(number, unit, dict(zip(metrics, values, strict=True))))
            # returned or reopened cases (each has an event of the month, as every candidate): their
            # deadlines and unit changed between events, so replay them
            numbers: dict = dict(conn.exec_driver_sql(
                "SELECT c.id, c.number FROM temp.figure_complex r JOIN cases c ON c.id = r.id").all())
            rows = conn.exec_driver_sql(
                f"SELECT {REPLAY_COLUMNS} FROM temp.figure_complex r CROSS JOIN cases c ON c.id = r.id "
                "CROSS JOIN case_events e INDEXED BY ix_case_events_case_seq ON e.case_id = c.id "
                "ORDER BY c.id, e.seq").all()
        finally:
            for table in ("figure_cand", "figure_complex"):
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{table}")
    start, end = scope.created_from, scope.created_to
    index = {m: DAILY_METRICS.index(m) for m in metrics}
    for cid, sim, kind, actor, at, from_state, reason, data in replayed(rows, policy):
        if not (start <= at < end) or kind not in kinds:
            continue
        one = Accumulator(policy)  # the counts of this one event, as the trigger made them
        one.event(sim, kind, actor, at, from_state, reason, data)
        for (_day, district, _category, department), counts in one.daily.items():
            unit = department if by == "department" else district
            out.append(_Counted(numbers[cid], unit, {m: counts[i] for m, i in index.items()}))
    return out


def _overdue_cases(db: Database, month: str, by: str, key: str, part: str, now: datetime) -> list[str]:
    # efficiency._overdue's cases: reply deadline in the month (and passed by `now`); late = not replied by it
    scope = month_scope(month)
    column = {"department": "lead_department", "district": "district_code"}[by]
    late = " AND (replied_at IS NULL OR replied_at > reply_deadline)" if part != "denominator" else ""
    with db.engine.connect() as conn:
        return list(conn.exec_driver_sql(
            f"SELECT number FROM cases WHERE reply_deadline >= ? AND reply_deadline < ? AND state != 'merged' "
            f"AND coalesce({column}, '') = ?{late} ORDER BY reply_deadline, number",
            (scope.created_from.isoformat(" ", "microseconds"),
             min(scope.created_to, now).isoformat(" ", "microseconds"), key)).scalars())


def efficiency_cases(db: Database, month: str, by: str, key: str, indicator: str, part: str,
                     now: datetime, policy: SlaPolicy | None = None) -> list[str]:
    """The numbers of the cases behind one figure of `efficiency.assess(db, month, by, now=now)`:
    the unit's (or district's) `key`, the `indicator`, and `part`: the events its numerator
    counts, its denominator, or those in the denominator and not the numerator ("missed": the late
    sign-fors, the unresolved callbacks...; meant for the rates whose numerator counts some of the
    denominator's events, not for the return and extension rates). For the overdue rate "missed" is the numerator (the
    cases not replied by their deadline). Each case once, in number order."""
    if by not in ("department", "district"):
        raise ValueError("cases by department or district")
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}")
    if indicator == "overdue_rate":
        return _overdue_cases(db, month, by, key, part, now)
    num, dens = _metrics_of(indicator)
    events = _events(db, month, by, key, (num, *dens), policy or load_policy())
    found = set()
    for e in events:
        if e.key != key:
            continue
        in_num, in_den = e.values[num] > 0, any(e.values[d] > 0 for d in dens)
        if (part == "numerator" and in_num) or (part == "denominator" and in_den) or \
                (part == "missed" and in_den and not in_num):
            found.add(e.number)
    return sorted(found)


def costly_part(indicator: str, better: str) -> str:
    """Which part of an indicator a click opens: the cases that cost the unit points (the returns,
    the overdue cases for a "lower is better" rate; the misses of a "higher is better" one)."""
    return "numerator" if better == "lower" or indicator == "overdue_rate" else "missed"


def alert_cases(db: Database, alert: early_warning.Alert) -> list[str]:
    """The cases an early-warning alert counted (all of them: the day's calls of its cell)."""
    return early_warning.cases_behind(db, alert, limit=max(alert.count, 1) * 10 + 1000)
