"""Station codes: the second part of a case number (`CD-S001-20261203-0001`).

The central server gives each console its station when the console registers,
so no two consoles ever hand out the same number. A profile used before its
first registration numbers its cases in a provisional station of its own
(`P` and eight random base32 characters, made once per profile and kept in the
settings table); the server never takes such a number, and the console moves
its not-yet-pushed cases into the assigned station when it gets one
(sync/renumber.py), keeping the old number as an alias. Profiles from earlier
releases number with the old default `A01` until their next sync does the same.
"""
from __future__ import annotations

import base64
import re
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Setting

STATION_KEY = "station"
LEGACY_STATION = "A01"  # every profile's station before the server assigned them
PROVISIONAL_MARK = "P"
_STATION = re.compile(r"[A-Z0-9]{1,16}")
_NUMBER = re.compile(r"^([A-Z0-9]{1,8})-([A-Z0-9]{1,16})-(\d{8})-(\d{4,9})$")


def valid_station(station: object) -> bool:
    """Whether `station` can stand in a case number: 1 to 16 capital letters and digits."""
    return isinstance(station, str) and _STATION.fullmatch(station) is not None


def new_provisional_station() -> str:
    """A station no other profile will make: `P` and 40 random bits in base32 (9 characters)."""
    return PROVISIONAL_MARK + base64.b32encode(secrets.token_bytes(5)).decode("ascii")


def is_provisional(station: str | None) -> bool:
    """Whether `station` is a profile's own provisional station (never a server's)."""
    return station is not None and len(station) == 9 and station.startswith(PROVISIONAL_MARK)


def station_of(number: str) -> str | None:
    """The station part of a well-formed case number, else None (a `…~a1b2c3` number
    set aside after a clash is not well formed)."""
    m = _NUMBER.match(number or "")
    return m.group(2) if m else None


def in_range(number: str, station: str | None) -> bool:
    """Whether `number` is a well-formed case number of `station`."""
    return bool(station) and station_of(number) == station


def current_station(s: Session) -> str:
    """The station this profile numbers its new cases in."""
    value = s.scalar(select(Setting.value).where(Setting.key == STATION_KEY))
    return value or LEGACY_STATION
