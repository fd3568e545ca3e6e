"""Reference data: the category tree, districts, departments, operators."""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, new_id, utcnow


class Category(Base):
    __tablename__ = "categories"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("categories.code"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    level: Mapped[int]
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    pinyin: Mapped[str] = mapped_column(String(256), default="")
    initials: Mapped[str] = mapped_column(String(64), default="")

    parent: Mapped[Category | None] = relationship(remote_side=[code], back_populates="children")
    children: Mapped[list[Category]] = relationship(back_populates="parent")


class District(Base):
    __tablename__ = "districts"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    streets: Mapped[list[str]] = mapped_column(JSON, default=list)
    roads: Mapped[list[str]] = mapped_column(JSON, default=list)
    communities: Mapped[list[str]] = mapped_column(JSON, default=list)


class Department(Base):
    __tablename__ = "departments"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("departments.code"))
    kind: Mapped[str] = mapped_column(String(16), default="city")
    # city | district | street | community; district_code: whose cases it handles (NULL: the whole city)
    level: Mapped[str] = mapped_column(String(16), default="city", server_default="city")
    district_code: Mapped[str | None] = mapped_column(String(16), index=True)
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    contact_person: Mapped[str] = mapped_column(String(64), default="")
    responsibilities: Mapped[list[str]] = mapped_column(JSON, default=list)
    category_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    # the responsibility list: [category_code, "lead" | "assist", line] rows (console/routing.py)
    duties: Mapped[list[list[str]]] = mapped_column(JSON, default=list, server_default="[]")

    parent: Mapped[Department | None] = relationship(remote_side=[code])


class Operator(Base):
    __tablename__ = "operators"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))  # operator, team_lead, liaison, admin
    station: Mapped[str] = mapped_column(String(16), default="A01")
    department_code: Mapped[str | None] = mapped_column(ForeignKey("departments.code"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # argon2 hash of the password the central server last accepted for this login:
    # signs the operator in while the console is offline (None: never signed in online)
    password_verifier: Mapped[str | None] = mapped_column(String(256))
    verified_at: Mapped[datetime | None]


class Setting(Base):
    """Key/value settings of the profile (station id, city prefix, settings version)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
