"""Maintained aggregates for monitoring and the published rates.

Kept current by SQLite triggers on `case_events` and `cases` (created in the
migration 0003_rollups, made again by later ones as the rules grew) so every
write path (the case service, sync, an import) updates them in its own
transaction; `console.rollups.rebuild` recomputes them from the tables after a
bulk load.
"""
from __future__ import annotations

from sqlalchemy import Float, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .case import Case

# the counters of one rollup row, in the order the rebuild fills them
DAILY_METRICS = (
    "intake", "repeat_intake", "answered", "transferred", "merged", "dispatched", "returned",
    "signed", "signed_on_time", "replied", "replied_on_time", "reply_wmin", "callbacks", "satisfied",
    "resolved", "reopened", "supervised", "instr_city", "instr_district", "instr_township", "picks",
    "extended", "repeat_dispatched", "instr_replied", "instr_replied_on_time",
    "basic_satisfied", "unreachable", "closed_no_callback",
    "returns_approved", "returns_rejected", "disputes_decided",
)
OPERATOR_METRICS = ("intake", "answered", "dispatched", "handled", "handle_seconds", "callbacks")


class _Counters:
    """The counters every event rollup carries (DAILY_METRICS)."""

    intake: Mapped[int] = mapped_column(default=0)
    repeat_intake: Mapped[int] = mapped_column(default=0)
    answered: Mapped[int] = mapped_column(default=0)
    transferred: Mapped[int] = mapped_column(default=0)
    merged: Mapped[int] = mapped_column(default=0)
    dispatched: Mapped[int] = mapped_column(default=0)
    returned: Mapped[int] = mapped_column(default=0)
    signed: Mapped[int] = mapped_column(default=0)
    signed_on_time: Mapped[int] = mapped_column(default=0)
    replied: Mapped[int] = mapped_column(default=0)
    replied_on_time: Mapped[int] = mapped_column(default=0)
    reply_wmin: Mapped[float] = mapped_column(Float, default=0.0)  # working minutes, dispatch to reply
    callbacks: Mapped[int] = mapped_column(default=0)
    satisfied: Mapped[int] = mapped_column(default=0)
    resolved: Mapped[int] = mapped_column(default=0)
    reopened: Mapped[int] = mapped_column(default=0)
    supervised: Mapped[int] = mapped_column(default=0)
    instr_city: Mapped[int] = mapped_column(default=0)
    instr_district: Mapped[int] = mapped_column(default=0)
    instr_township: Mapped[int] = mapped_column(default=0)
    picks: Mapped[int] = mapped_column(default=0)
    extended: Mapped[int] = mapped_column(default=0)  # extensions approved (0011_efficiency)
    repeat_dispatched: Mapped[int] = mapped_column(default=0)  # dispatches of a repeated request
    instr_replied: Mapped[int] = mapped_column(default=0)  # replies to a case with a leader's instruction
    instr_replied_on_time: Mapped[int] = mapped_column(default=0)
    basic_satisfied: Mapped[int] = mapped_column(default=0)  # of `satisfied`: 基本满意
    unreachable: Mapped[int] = mapped_column(default=0)  # closed after the last unreached callback try
    closed_no_callback: Mapped[int] = mapped_column(default=0)  # replied cases closed without a callback
    returns_approved: Mapped[int] = mapped_column(default=0)  # a team lead's review of a return: 同意退单
    returns_rejected: Mapped[int] = mapped_column(default=0)  # 驳回退单 (back to the unit that returned it)
    disputes_decided: Mapped[int] = mapped_column(default=0)  # binding decisions of a dispute (职责争议)


class DailyRollup(_Counters, Base):
    """Counts of events per city-local day, district, category and department.

    Empty strings stand for "none" so the key is a plain unique key (NULLs
    would never conflict in an UPSERT).
    """

    __tablename__ = "rollup_daily"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD, city time
    district: Mapped[str] = mapped_column(String(16), primary_key=True)
    category: Mapped[str] = mapped_column(String(16), primary_key=True)
    department: Mapped[str] = mapped_column(String(32), primary_key=True)


# Coarser grains of the same counters: a month's figures for the whole city
# are 30 rows instead of ~170,000, for one dimension a few thousand at most.
class DayRollup(_Counters, Base):
    __tablename__ = "rollup_day"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)


class DayDistrictRollup(_Counters, Base):
    __tablename__ = "rollup_day_district"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    district: Mapped[str] = mapped_column(String(16), primary_key=True)


class DayCategoryRollup(_Counters, Base):
    __tablename__ = "rollup_day_category"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    category: Mapped[str] = mapped_column(String(16), primary_key=True)


class DayDepartmentRollup(_Counters, Base):
    __tablename__ = "rollup_day_department"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    department: Mapped[str] = mapped_column(String(32), primary_key=True)


class DayDistrictCategoryRollup(_Counters, Base):
    __tablename__ = "rollup_day_district_category"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    district: Mapped[str] = mapped_column(String(16), primary_key=True)
    category: Mapped[str] = mapped_column(String(16), primary_key=True)


# table -> its key dimensions besides the day, finest last
GRAINS = {
    "rollup_day": (),
    "rollup_day_district": ("district",),
    "rollup_day_category": ("category",),
    "rollup_day_department": ("department",),
    "rollup_day_district_category": ("district", "category"),
    "rollup_daily": ("district", "category", "department"),
}


class OperatorRollup(Base):
    """Per city-local day and acting login: calls logged, answers, handling time, callbacks."""

    __tablename__ = "rollup_operator"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    operator: Mapped[str] = mapped_column(String(64), primary_key=True)
    intake: Mapped[int] = mapped_column(default=0)
    answered: Mapped[int] = mapped_column(default=0)
    dispatched: Mapped[int] = mapped_column(default=0)
    handled: Mapped[int] = mapped_column(default=0)  # first step after intake (answer, dispatch, transfer)
    handle_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    callbacks: Mapped[int] = mapped_column(default=0)


class ReasonRollup(Base):
    """Reasons given at unsatisfied callbacks, per day and department."""

    __tablename__ = "rollup_reasons"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    department: Mapped[str] = mapped_column(String(32), primary_key=True)
    reason: Mapped[str] = mapped_column(String(200), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)


class OpenCount(Base):
    """Cases per lead department and state, maintained by triggers on `cases`."""

    __tablename__ = "rollup_open"

    department: Mapped[str] = mapped_column(String(32), primary_key=True)
    state: Mapped[str] = mapped_column(String(16), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)


class WorkDay(Base):
    """Working days with the working minutes before each, so SQL (the triggers) can
    count working time exactly like policy.calendar does."""

    __tablename__ = "work_days"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    cum: Mapped[int] = mapped_column(default=0)


# open cases flagged by a leader (instruction, pick): the dashboard's top list
# (covering: the list is read from the index alone, no table lookups)
_c = Case.__table__.c
Index("ix_cases_flagged", _c.state, _c.deadline, _c.instruction_level, _c.leader_pick, _c.number, _c.category_code,
      _c.lead_department, sqlite_where=text("instruction_level IS NOT NULL OR leader_pick"))
