"""Returns reviewed (退单审核) and responsibility disputes decided (职责争议) in a month: each
return a team lead accepted or rejected, with the unit that returned it and the unit it named,
and each dispute with the units that returned the case and the binding decision.

A record belongs to the month its decision was taken in (city time, as the other sections).
The reasons are the departments' and team leads' words, with any form of the caller's name
and other personal data taken out (console/redact.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from types import SimpleNamespace

from models.db import Database

from .. import refdata
from ..clock import CITY_TZ
from ..metrics import month_scope
from ..redact import redact
from ..returns import APPROVED, DECIDED, REJECTED, ReturnRecord, returns_of

DECISION_KINDS = ("approve_return", "reject_return", "decide_dispute")
OUTCOME_NAMES = {APPROVED: "同意退单", REJECTED: "驳回退单"}


@dataclass(frozen=True)
class ReviewLine:
    number: str
    unit: str  # the unit that returned the case
    reason: str
    suggested: str  # the unit it named responsible ("" when none)
    outcome: str  # APPROVED or REJECTED
    decided_at: str  # city time
    decided_by: str
    decision_reason: str


@dataclass(frozen=True)
class DisputeLine:
    number: str
    returned_by: str  # the units that returned the case, in order ("A、B")
    bound_unit: str  # the unit the decision named responsible (binding)
    decided_at: str
    decided_by: str
    decision_reason: str


@dataclass(frozen=True)
class DisputesReport:
    month: str
    reviews: list[ReviewLine]
    disputes: list[DisputeLine]

    @property
    def approved(self) -> int:
        return sum(1 for r in self.reviews if r.outcome == APPROVED)

    @property
    def rejected(self) -> int:
        return sum(1 for r in self.reviews if r.outcome == REJECTED)


def _stored(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _local(value: datetime | None) -> str:
    return "" if value is None else value.replace(tzinfo=UTC).astimezone(CITY_TZ).strftime("%Y-%m-%d %H:%M")


def build(db: Database, month: str) -> DisputesReport:
    """The month's reviewed returns and decided disputes (ValueError for a malformed month)."""
    scope = month_scope(month)
    start, end = scope.created_from, scope.created_to
    units = {d.code: d.name for d in refdata.departments(db)}
    name = lambda code: units.get(code or "", code or "")  # noqa: E731
    marks = ", ".join(f"'{k}'" for k in DECISION_KINDS)
    with db.engine.connect() as conn:
        cases = conn.exec_driver_sql(
            f"SELECT DISTINCT c.id, c.number, c.caller_name FROM case_events e JOIN cases c ON c.id = e.case_id "
            f"WHERE e.kind IN ({marks}) AND e.at >= ? AND e.at < ?",
            (start.isoformat(" ", "microseconds"), end.isoformat(" ", "microseconds"))).all()
        reviews: list[ReviewLine] = []
        disputes: list[DisputeLine] = []
        for case_id, number, caller in cases:
            rows = conn.exec_driver_sql(
                "SELECT kind, actor, at, reason, payload, to_state FROM case_events WHERE case_id = ? ORDER BY seq",
                (case_id,)).all()
            events = [SimpleNamespace(kind=k, actor=a, at=_stored(at), reason=r or "", to_state=to,
                                      payload=json.loads(p) if isinstance(p, str) and p else (p or {}))
                      for k, a, at, r, p, to in rows]
            cycle: list[ReturnRecord] = []  # the returns since the last dispute decision
            for rec in returns_of(events):
                cycle.append(rec)
                if rec.decided_at is not None and start <= rec.decided_at < end:
                    _add(rec, number, caller or "", name, reviews, disputes, cycle)
                if rec.outcome == DECIDED:
                    cycle = []
    reviews.sort(key=lambda r: (r.decided_at, r.number))
    disputes.sort(key=lambda d: (d.decided_at, d.number))
    return DisputesReport(month, reviews, disputes)


def _add(rec: ReturnRecord, number: str, caller: str, name, reviews: list, disputes: list,
         cycle: list[ReturnRecord]) -> None:
    def clean(text: str) -> str:
        return redact(text, caller_name=caller)
    when = _local(rec.decided_at)
    if rec.outcome == DECIDED:
        returned_by = "、".join(dict.fromkeys(name(r.unit) for r in cycle if r.unit))
        disputes.append(DisputeLine(number, returned_by, name(rec.bound_unit), when, rec.decided_by or "",
                                    clean(rec.decision_reason)))
    else:
        reviews.append(ReviewLine(number, name(rec.unit), clean(rec.reason), name(rec.suggested_unit), rec.outcome,
                                  when, rec.decided_by or "", clean(rec.decision_reason)))
