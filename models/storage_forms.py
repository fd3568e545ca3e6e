"""How SQLAlchemy stores values in SQLite, written down once.

The bulk paths (a pulled page on the console, a pushed batch or a snapshot on the
central server, the demo generator) hand rows to the SQLite driver directly or build
them in SQL, so they must write exactly what SQLAlchemy's own types write:

- ``DateTime``: naive UTC as ``'YYYY-MM-DD HH:MM:SS.ffffff'`` (a space, always six digits);
- ``Uuid``: 32 lower-case hex digits, no dashes.

On the wire (sync/server/sync-protocol.md) a time is ``datetime.isoformat()`` (a ``T``; the
fraction left out when it is zero) and a UUID is ``str(uuid)``.

``tests/models/test_storage_forms.py`` checks every form here against what SQLAlchemy
writes and reads.
"""
from __future__ import annotations

import uuid
from datetime import datetime

_D = "[0-9]"
STORED_TIME_GLOB = f"{_D * 4}-{_D * 2}-{_D * 2} {_D * 2}:{_D * 2}:{_D * 2}.{_D * 6}"
"""A GLOB pattern matching a stored time."""


def stored_time(value: datetime) -> str:
    """A naive UTC datetime in SQLAlchemy's SQLite storage form."""
    return value.isoformat(sep=" ", timespec="microseconds")


def stored_uuid(value: uuid.UUID) -> str:
    """A UUID in SQLAlchemy's SQLite storage form."""
    return value.hex


def sql_stored_time_from_wire(x: str) -> str:
    """SQL: the wire time ``x`` (isoformat: seconds, or microseconds) in the stored form."""
    return (f"substr({x}, 1, 10) || ' ' || substr({x}, 12, 8) || "
            f"CASE WHEN length({x}) = 19 THEN '.000000' ELSE substr({x}, 20) END")


def sql_wire_time_from_stored(x: str) -> str:
    """SQL: the stored time ``x`` as ``datetime.isoformat()`` writes it (no fraction when it is 0)."""
    return (f"substr({x}, 1, 10) || 'T' || "
            f"CASE WHEN substr({x}, 20) = '.000000' THEN substr({x}, 12, 8) ELSE substr({x}, 12) END")


def sql_stored_uuid_from_wire(x: str) -> str:
    """SQL: the wire UUID ``x`` (``str(uuid)``) in the stored form."""
    return f"replace({x}, '-', '')"


def sql_is_stored_time(x: str) -> str:
    """SQL: ``x`` is NULL or has the shape of a stored time."""
    return f"({x} IS NULL OR {x} GLOB '{STORED_TIME_GLOB}')"
