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


# an instruction's outcome: handled on time, replied late, overdue and unreplied, open
ON_TIME, LATE, OVERDUE_OPEN, OPEN = 1, 2, 3, 4
COLUMNS = {"received": (ON_TIME, LATE, OVERDUE_OPEN, OPEN), "on_time": (ON_TIME,), "overdue": (LATE, OVERDUE_OPEN),
           "open": (OPEN,)}


def _judged(db: Database, month: str, now: datetime) -> list[tuple[str, str, str, int, dict, datetime | None,
                                                                     datetime | None]]:
    """Each instruction of the month: (number, level, unit, outcome, payload, deadline, replied)."""
    scope = month_scope(month)
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT c.number, c.lead_department, c.reply_deadline, c.replied_at, e.payload FROM case_events e "
            "JOIN cases c ON c.id = e.case_id WHERE e.kind = 'instruct' AND e.at >= ? AND e.at < ? "
            "ORDER BY e.at", (scope.created_from.isoformat(" ", "microseconds"),
                              scope.created_to.isoformat(" ", "microseconds"))).all()
    out = []
    for number, unit, deadline, replied, payload in rows:
        data = json.loads(payload) if isinstance(payload, str) and payload else (payload or {})
        deadline, replied = _stored(deadline), _stored(replied)
        if deadline is not None and replied is not None:
            outcome = ON_TIME if replied <= deadline else LATE
        elif deadline is not None and deadline < now:
            outcome = OVERDUE_OPEN
        else:
            outcome = OPEN
        out.append((number, data.get("level", ""), unit or "", outcome, data, deadline, replied))
    return out


def cases(db: Database, month: str, kind: str, key: str, column: str, now: datetime | None = None) -> list[str]:
    """The numbers of the cases behind one cell of `build(db, month, now)`: `kind` "level" or
    "unit", `key` the level or the unit's code ("" for not yet dispatched), `column` one of
    received, on_time, overdue, open. A case instructed twice in the month is listed once."""
    if kind not in ("level", "unit") or column not in COLUMNS:
        raise ValueError(f"instruction cases by level or unit, column one of {', '.join(COLUMNS)}")
    wanted = COLUMNS[column]
    found = {number for number, level, unit, outcome, *_ in _judged(db, month, now or utcnow())
             if (level if kind == "level" else unit) == key and outcome in wanted}
    return sorted(found)


def build(db: Database, month: str, now: datetime | None = None) -> InstructionsReport:
    now = now or utcnow()
    units = {d.code: d.name for d in refdata.departments(db)}
    tallies: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    overdue = []
    for number, level, unit, outcome, data, deadline, replied in _judged(db, month, now):
        for key in (("level", level), ("unit", unit)):
            t = tallies[key]
            t[0] += 1
            t[outcome] += 1
        if outcome in (LATE, OVERDUE_OPEN):
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
