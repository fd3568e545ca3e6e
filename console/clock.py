"""Time conventions: stored times are naive UTC; people see city local time.

The city is on UTC+8 all year (no daylight saving), so a fixed offset is
exact and needs no time-zone database on the counter PCs.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import overload

CITY_TZ = timezone(timedelta(hours=8), "CST")


def utcnow() -> datetime:
    """Naive UTC now, the stored form."""
    return datetime.now(UTC).replace(tzinfo=None)


@overload
def to_local(stored: datetime) -> datetime: ...
@overload
def to_local(stored: None) -> None: ...
def to_local(stored: datetime | None) -> datetime | None:
    """A stored naive-UTC time as an aware city-local time."""
    if stored is None:
        return None
    return stored.replace(tzinfo=UTC).astimezone(CITY_TZ)


def to_stored(moment: datetime) -> datetime:
    """Any aware time (or naive, taken as UTC) to the stored naive-UTC form."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def iso(stored: datetime | None) -> str | None:
    """ISO 8601 with the city's offset, e.g. 2026-11-27T09:30:00+08:00."""
    local = to_local(stored)
    return local.isoformat(timespec="seconds") if local else None


def parse_iso(text: str) -> datetime:
    """Parse ISO 8601 (offset optional, taken as city time) to stored form."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=CITY_TZ)
    return to_stored(moment)
