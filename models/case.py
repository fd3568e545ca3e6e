"""Cases, their append-only events, callers and drafts."""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, new_id, utcnow
from .case_state import CaseStateColumns

# the cases whose lead unit changed between events (ix_cases_rerouted; console/rollups.py reads it)
REROUTED = "return_count > 0 OR upper_units IS NOT NULL"


class Caller(Base):
    __tablename__ = "callers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    phone: Mapped[str] = mapped_column(String(32), unique=True)  # normalized national form
    name: Mapped[str] = mapped_column(String(64), default="")
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    case_count: Mapped[int] = mapped_column(default=0)


class Case(CaseStateColumns, Base):
    """A case; the workflow-derived columns come from CaseStateColumns."""

    __tablename__ = "cases"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    station: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(16))
    urgency: Mapped[str] = mapped_column(String(16), default="normal")
    channel: Mapped[str] = mapped_column(String(16), default="phone")
    category_code: Mapped[str | None] = mapped_column(ForeignKey("categories.code"))
    district_code: Mapped[str | None] = mapped_column(ForeignKey("districts.code"))
    address: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    caller_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("callers.id"))
    caller_phone: Mapped[str] = mapped_column(String(32), default="")
    caller_name: Mapped[str] = mapped_column(String(64), default="")
    lead_department: Mapped[str | None] = mapped_column(ForeignKey("departments.code"))
    assist_departments: Mapped[list[str]] = mapped_column(JSON, default=list)
    operator_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("operators.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"))
    repeat_caller: Mapped[bool] = mapped_column(default=False)
    confidential: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)

    events: Mapped[list[CaseEvent]] = relationship(back_populates="case", order_by="CaseEvent.seq")

    __table_args__ = (
        Index("ix_cases_deadline", "deadline"),
        Index("ix_cases_state_deadline", "state", "deadline"),
        Index("ix_cases_caller_phone_created", "caller_phone", "created_at"),
        Index("ix_cases_created_at", "created_at"),
        Index("ix_cases_operator_state", "operator_id", "state"),
        Index("ix_cases_lead_department_state", "lead_department", "state"),
        Index("ix_cases_district_category_created", "district_code", "category_code", "created_at"),
        Index("ix_cases_category_created", "category_code", "created_at"),
        Index("ix_cases_urgent_open", "urgency", "deadline", sqlite_where=text("deadline IS NOT NULL")),
        # the cases merged into one (its detail lists them and their callers)
        Index("ix_cases_merged_into", "merged_into_id", sqlite_where=text("merged_into_id IS NOT NULL")),
        # urgent cases owing the 1-hour progress contact (the dashboard's count of misses)
        Index("ix_cases_contact_due", "contact_deadline", sqlite_where=text("contact_deadline IS NOT NULL")),
        # the cases whose lead unit changed: returned or passed down (the rollups' rebuild and the
        # efficiency page's click-through replay them: console/rollups.py, console/figure_cases.py)
        Index("ix_cases_rerouted", "return_count", sqlite_where=text(REROUTED)),
    )


class CaseEvent(Base):
    """One action on a case. Insert-only: the case row is derived from these."""

    __tablename__ = "case_events"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"))
    seq: Mapped[int]  # order within the case
    kind: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(64))
    actor_role: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict] = mapped_column(JSON, default=dict)

    case: Mapped[Case] = relationship(back_populates="events")

    __table_args__ = (
        Index("ix_case_events_case_seq", "case_id", "seq", unique=True),
        # the events of some kinds in a time window: the cases behind an efficiency figure
        # (console/figure_cases.py), the instructions and disputes reports' months
        Index("ix_case_events_kind_at", "kind", "at"),
    )


class Draft(Base):
    """The call form being filled, autosaved while the operator types."""

    __tablename__ = "drafts"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    operator_login: Mapped[str] = mapped_column(String(64), index=True)
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    focus_field: Mapped[str] = mapped_column(String(64), default="")
    call_id: Mapped[str] = mapped_column(String(64), default="")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class CaseAlias(Base):
    """A number a case was known by before (a provisional number replaced when the
    console got its station, or a number renumbered after a clash); lookups by
    number find the case through it."""

    __tablename__ = "case_aliases"

    number: Mapped[str] = mapped_column(String(40), primary_key=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CaseNumberSeq(Base):
    """Per station and day, the last case number handed out."""

    __tablename__ = "case_number_seq"

    station: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last: Mapped[int] = mapped_column(default=0)


class StateCount(Base):
    """Maintained count of cases per state, updated in the same transaction as
    every state change, so the queue's tabs never recount a million rows."""

    __tablename__ = "state_counts"

    state: Mapped[str] = mapped_column(String(16), primary_key=True)
    n: Mapped[int] = mapped_column(default=0)
