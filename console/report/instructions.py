"""Leaders' instructions (批示) of a month: per level and per unit, received, handled on time,
overdue, and the overdue ones listed (the seed's 通报各级政府领导批示办理情况).

An instruction is an `instruct` event; its case is judged by the case's reply
deadline: handled on time when replied by it, overdue when replied after it or
still unreplied once it has passed, open otherwise (not yet due, or not yet
dispatched). The unit is the case's lead unit now.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from models.db import Database

from .. import refdata
from ..clock import CITY_TZ, utcnow
from ..metrics import month_scope
from ..workflow import INSTRUCTION_LEVELS

LEVEL_NAMES = {"city": "市级", "district": "区级", "township": "街道（乡镇）级"}


@dataclass(frozen=True)
class InstructionCount:
    key: str  # a level, or a unit's code
    name: str
    received: int
    on_time: int
    late: int
    overdue_open: int
    open: int

    @property
    def overdue(self) -> int:
        return self.late + self.overdue_open


@dataclass(frozen=True)
class OverdueInstruction:
    number: str
    level: str
    leader: str
    title: str
    unit: str
    deadline: str  # city time
    replied: str  # city time, "" while unreplied


@dataclass(frozen=True)
class InstructionsReport:
    month: str
    by_level: list[InstructionCount]
    by_unit: list[InstructionCount]
    overdue: list[OverdueInstruction]


def _local(value) -> str:
    if value is None:
        return ""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC).astimezone(CITY_TZ).strftime("%Y-%m-%d %H:%M")


def _stored(value) -> datetime | None:
    return value if value is None or isinstance(value, datetime) else datetime.fromisoformat(value)


def build(db: Database, month: str, now: datetime | None = None) -> InstructionsReport:
    now = now or utcnow()
    scope = month_scope(month)
    units = {d.code: d.name for d in refdata.departments(db)}
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT c.number, c.lead_department, c.reply_deadline, c.replied_at, e.payload FROM case_events e "
            "JOIN cases c ON c.id = e.case_id WHERE e.kind = 'instruct' AND e.at >= ? AND e.at < ? "
            "ORDER BY e.at", (scope.created_from.isoformat(" ", "microseconds"),
                              scope.created_to.isoformat(" ", "microseconds"))).all()
    tallies: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    overdue = []
    for number, unit, deadline, replied, payload in rows:
        data = json.loads(payload) if isinstance(payload, str) and payload else (payload or {})
        level, unit = data.get("level", ""), unit or ""
        deadline, replied = _stored(deadline), _stored(replied)
        if deadline is not None and replied is not None:
            outcome = 1 if replied <= deadline else 2
        elif deadline is not None and deadline < now:
            outcome = 3
        else:
            outcome = 4
        for key in (("level", level), ("unit", unit)):
            t = tallies[key]
            t[0] += 1
            t[outcome] += 1
        if outcome in (2, 3):
            overdue.append(OverdueInstruction(number, level, str(data.get("leader") or ""),
                                              str(data.get("title") or ""), units.get(unit, unit),
                                              _local(deadline), _local(replied)))

    def counts(kind: str, names: dict[str, str], keys) -> list[InstructionCount]:
        return [InstructionCount(k, names.get(k, k) or "（未派单）", *tallies[(kind, k)]) for k in keys
                if (kind, k) in tallies]

    by_unit = counts("unit", units, sorted({k for kind, k in tallies if kind == "unit"}))
    by_unit.sort(key=lambda c: (-c.overdue, -c.received, c.key))
    return InstructionsReport(month, counts("level", LEVEL_NAMES, INSTRUCTION_LEVELS), by_unit,
                              sorted(overdue, key=lambda o: (o.deadline, o.number)))
