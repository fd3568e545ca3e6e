"""Append-only records a person may be asked to account for: sign-ins, exports,
reads of a caller's personal data, changes of accounts. Never updated or deleted
by the program; the targets are ids and case numbers, never personal data."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(64))  # operator login, or "-" before a sign-in
    action: Mapped[str] = mapped_column(String(32))  # sign_in, sign_in_failed, export, read_personal, ...
    target: Mapped[str] = mapped_column(String(200), default="")  # a case number, a file name, a login
    outcome: Mapped[str] = mapped_column(String(16), default="ok")  # ok, refused, failed
    detail: Mapped[dict] = mapped_column(JSON, default=dict)

    __table_args__ = (Index("ix_audit_log_at", "at"),)
