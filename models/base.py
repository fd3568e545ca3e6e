"""Declarative base and the column conventions every model shares.

Times are stored as naive UTC (SQLite has no time zone type); `console.clock`
converts them to aware datetimes at the edges. Primary keys are UUIDs made
locally, so a record created offline never collides with another device's.
"""
from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import ClassVar

import uuid6
from sqlalchemy import MetaData, Table
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    # every model maps one table (none maps a join or a select), so Core statements take it as one
    __table__: ClassVar[Table]


def new_id() -> uuid.UUID:
    """A new row id, time-ordered (UUID version 7: the milliseconds first, then random bits),
    so new cases, events and operations append at the end of the primary-key B-trees here and
    on the central server instead of each landing on a random page (a pulled page of 1,000
    cases dirtied thousands of index pages). A plain uuid.UUID, like any other id."""
    return uuid.UUID(int=uuid6.uuid7().int)


def utcnow() -> datetime:
    """Naive UTC now, the form every stored time takes."""
    return datetime.now(UTC).replace(tzinfo=None)
