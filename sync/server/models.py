"""The central server's own tables (its own Base and Alembic folder, not the console's).

Ids are 36-character UUID strings and times naive UTC on the server's clock,
so the same schema runs on SQLite and PostgreSQL.
"""
from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from sqlalchemy import JSON, BigInteger, Index, Integer, MetaData, String, Table, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from models.base import NAMING, utcnow
from models.case_state import CaseStateColumns


class CentralBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    __table__: ClassVar[Table]  # each model maps one table (as models.base.Base)


class Meta(CentralBase):
    """Key/value: `epoch` (new after a restore from backup), `kb_seq`."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Account(CentralBase):
    __tablename__ = "accounts"
    login: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    role: Mapped[str] = mapped_column(String(16))  # operator, team_lead, liaison, admin
    department: Mapped[str | None] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Token(CentralBase):
    """Only the SHA-256 of a token is stored; `kind` access (short) or refresh (long)."""

    __tablename__ = "tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    login: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    device_id: Mapped[str | None] = mapped_column(String(36))
    expires_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # refresh tokens: every token issued from one login shares its family; a refresh
    # token is used once (used_at), and a used one shown again revokes the family
    family: Mapped[str | None] = mapped_column(String(36), index=True)
    used_at: Mapped[datetime | None]


class ApiKey(CentralBase):
    __tablename__ = "api_keys"
    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    revoked: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class Device(CentralBase):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(128), default="")
    registered_by: Mapped[str] = mapped_column(String(64))
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # the station code the server assigned at registration: its consoles' case numbers
    station: Mapped[str | None] = mapped_column(String(16), unique=True)


# the cases with an assisting unit or a unit above (sub-dispatch): the partial index a unit's list
# reads them through; the query must say it in the same words (sync/server/access.py)
INVOLVED_SQL = {"sqlite": "(assist_departments != '[]' OR upper_units IS NOT NULL)",
                "postgresql": "(assist_departments::text <> '[]' OR upper_units IS NOT NULL)"}


class CentralCase(CaseStateColumns, CentralBase):
    """The authority's copy of a case; `field_versions` says at which case
    version each free-text field last changed (for per-field merges)."""

    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    station: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(16))
    urgency: Mapped[str] = mapped_column(String(16), default="normal")
    channel: Mapped[str] = mapped_column(String(16), default="phone")
    category_code: Mapped[str | None] = mapped_column(String(16))
    district_code: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    caller_phone: Mapped[str] = mapped_column(String(32), default="")
    caller_name: Mapped[str] = mapped_column(String(64), default="")
    lead_department: Mapped[str | None] = mapped_column(String(32))
    assist_departments: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    merged_into_id: Mapped[str | None] = mapped_column(String(36))
    repeat_caller: Mapped[bool] = mapped_column(default=False)
    confidential: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=0)
    field_versions: Mapped[dict] = mapped_column(JSON, default=dict)

    __table_args__ = (
        Index("ix_cases_lead_department", "lead_department"),
        Index("ix_cases_created_at", "created_at"),
        Index("ix_cases_category_code", "category_code"),
        # a unit's list, newest first: the cases it leads, and the few with assisting or upper units
        Index("ix_cases_lead_created", "lead_department", "created_at"),
        Index("ix_cases_involved_created", "created_at", sqlite_where=text(INVOLVED_SQL["sqlite"]),
              postgresql_where=text(INVOLVED_SQL["postgresql"])),
    )


class CentralEvent(CentralBase):
    """Insert-only; `id` is the UUID the console made, `at` is on the server's clock."""

    __tablename__ = "case_events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(64))
    actor_role: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime]
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    device_id: Mapped[str | None] = mapped_column(String(36))

    __table_args__ = (Index("ix_case_events_case_seq", "case_id", "seq", unique=True),)


class Change(CentralBase):
    """The pull log: one row per committed change of a case, in commit order
    (writers are serialized, so id order is commit order)."""

    __tablename__ = "changes"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                    autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(36))
    lead_department: Mapped[str | None] = mapped_column(String(32))


class AppliedOp(CentralBase):
    """`(device_id, op_id) -> result`, written in the same transaction as the effect."""

    __tablename__ = "applied_ops"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    body_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    result: Mapped[dict] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class KbArticle(CentralBase):
    """Knowledge articles offered to consoles; `feed_seq` orders the feed."""

    __tablename__ = "kb_articles"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    feed_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    data: Mapped[dict] = mapped_column(JSON)
    deleted: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class NumberSeq(CentralBase):
    """Case numbers for requests filed on the server itself (Open311)."""

    __tablename__ = "number_seq"
    station: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last: Mapped[int] = mapped_column(default=0)


class AuditEntry(CentralBase):
    """Append-only: sign-ins (success and failure), account and key changes,
    knowledge uploads, exports. Targets are logins, key names and case numbers,
    never a citizen's personal data."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                    autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(64))  # the login that acted, "-" when nobody is signed in
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(String(200), default="")
    outcome: Mapped[str] = mapped_column(String(16), default="ok")  # ok, refused, failed
    client: Mapped[str] = mapped_column(String(64), default="")  # the client address
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


class LoginFailure(CentralBase):
    """Failed sign-ins per key ("login:NAME" or "addr:IP") for throttling; shared by
    every server process on the database."""

    __tablename__ = "login_failures"
    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    first_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_at: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime | None]
