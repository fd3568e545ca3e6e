"""The caller log: every call the telephone system announced to this seat."""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, new_id, utcnow


class CallLogEntry(Base):
    """One call: when it rang, was answered, ended and was saved as a case.

    The times are what the call bar's timers and the handling time (answer -> save)
    are computed from, so both survive a restart.
    """

    __tablename__ = "calls"
    __table_args__ = (Index("ix_calls_operator_rang", "operator_login", "rang_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    call_id: Mapped[str] = mapped_column(String(64), index=True)  # the telephone system's id
    operator_login: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(String(32), default="")  # normalized when it could be
    direction: Mapped[str] = mapped_column(String(8), default="in")  # in, out (a callback)
    outcome: Mapped[str] = mapped_column(String(16), default="ringing")  # ringing, answered, missed, abandoned
    cause: Mapped[str] = mapped_column(String(32), default="")  # the hangup cause the telephone gave
    rang_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(default=None)
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    saved_at: Mapped[datetime | None] = mapped_column(default=None)
    case_number: Mapped[str] = mapped_column(String(40), default="")
    callback_of: Mapped[uuid.UUID | None] = mapped_column(default=None)  # the log entry this call returns
    called_back_at: Mapped[datetime | None] = mapped_column(default=None)
