"""Declarative base and the column conventions every model shares.

Times are stored as naive UTC (SQLite has no time zone type); `console.clock`
converts them to aware datetimes at the edges. Primary keys are UUIDs made
locally, so a record created offline never collides with another device's.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import MetaData
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


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def utcnow() -> datetime:
    """Naive UTC now, the form every stored time takes."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
