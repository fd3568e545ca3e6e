"""The columns `console.lifecycle.apply_action` derives from a case's events.

One definition for the console's `cases` table and the central server's, so
the two stores can't drift apart on what the workflow keeps.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import utcnow


class CaseStateColumns:
    """Mixin: state, deadlines, timestamps, callback result and flags of a case."""

    state: Mapped[str] = mapped_column(String(16))
    answer: Mapped[str] = mapped_column(Text, default="")
    knowledge_article_id: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The due time of the step in progress; NULL when nothing is due (closed,
    # answered, merged), so "open cases by deadline" is one index range.
    deadline: Mapped[datetime | None]
    sign_deadline: Mapped[datetime | None]
    reply_deadline: Mapped[datetime | None]
    dispatched_at: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]
    replied_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    satisfied: Mapped[bool | None]  # satisfied or basically satisfied (kept for the yes/no readers)
    resolved: Mapped[bool | None]
    satisfaction: Mapped[str | None] = mapped_column(String(24))  # workflow.SATISFACTION_LEVELS
    callback_attempts: Mapped[int] = mapped_column(default=0, server_default="0")  # unreached tries since the reply
    # the 1-hour rule: the progress contact an urgent case owes the citizen, and when it was made
    contact_deadline: Mapped[datetime | None]
    contacted_at: Mapped[datetime | None]
    unit_contacted_at: Mapped[datetime | None]  # an urgent case: a unit's 24-hour contact was reached (last time)
    extension_requested: Mapped[str | None] = mapped_column(String(16))  # a pending request's extra time
    supervised: Mapped[int] = mapped_column(default=0)
    instruction_level: Mapped[str | None] = mapped_column(String(16))  # city, district, township
    leader_pick: Mapped[bool] = mapped_column(default=False)
    return_count: Mapped[int] = mapped_column(default=0)
    # returns and disputes (退单审核 / 职责争议): the state a return under review came from, the unit
    # the returning department named responsible, and the unit a team lead's binding decision named
    returned_from: Mapped[str | None] = mapped_column(String(16))
    suggested_unit: Mapped[str | None] = mapped_column(String(32))
    binding_unit: Mapped[str | None] = mapped_column(String(32))
    # the units that passed the case down (sub-dispatch), comma-separated, nearest last: they keep seeing it
    upper_units: Mapped[str | None] = mapped_column(String(200))
    extension_count: Mapped[int] = mapped_column(default=0)
