"""Stations and case number ranges on the central server.

Every console numbers its cases `PREFIX-STATION-YYYYMMDD-NNNN`. The server
assigns each registered device a station of its own (`S001`, `S002` ...; the
unique constraint on `devices.station` is what makes it unique, whichever
server process assigns it), and a pushed case must be numbered in the
pushing device's station. The server's own ranges (Open311 filing, `WEB`)
and the consoles' provisional and legacy stations are never assigned, so no
push can take a number the server will hand out.
"""
from __future__ import annotations

from sqlalchemy import Connection, func, select, update
from sqlalchemy.exc import IntegrityError

from console.stations import LEGACY_STATION, in_range, is_provisional, station_of

from .models import CentralCase, Device

CASES = CentralCase.__table__
CITY_PREFIX = "CD"  # the prefix of the numbers the server itself gives (Casebook.create)
WEB_STATION = "WEB"  # requests filed through Open311 (Casebook.create)
SERVER_STATIONS = frozenset({WEB_STATION})
ASSIGNED_MARK = "S"


class UnknownDevice(LookupError):
    """No device with that id: the console must register again."""

def _code(n: int) -> str:
    return f"{ASSIGNED_MARK}{n:03d}"


def assign_station(conn: Connection, device_id: str) -> str:
    """The station of `device_id`, assigned now if it has none (inside the caller's write
    transaction). Raises UnknownDevice."""
    row = conn.execute(select(Device.station).where(Device.id == device_id)).first()
    if row is None:
        raise UnknownDevice("unknown device")
    if row.station:
        return row.station
    n = (conn.scalar(select(func.count()).select_from(Device).where(Device.station.is_not(None))) or 0) + 1
    while True:
        code = _code(n)
        if conn.scalar(select(Device.id).where(Device.station == code)) is None and not _has_cases(conn, code):
            try:
                with conn.begin_nested():  # the unique constraint decides should another writer get there first
                    conn.execute(update(Device).where(Device.id == device_id).values(station=code))
                return code
            except IntegrityError:
                pass
        n += 1


def _has_cases(conn: Connection, station: str) -> bool:
    """Whether cases numbered in `station` exist (a device the server forgot, its cases kept):
    such a code is not given to another device. Read along the unique index on the number."""
    head = f"{CITY_PREFIX}-{station}-"
    return conn.scalar(select(CASES.c.id).where(CASES.c.number >= head, CASES.c.number < head[:-1] + ".")
                       .limit(1)) is not None


def device_station(conn: Connection, device_id: str) -> str | None:
    """The station assigned to `device_id` (None: none yet)."""
    return conn.scalar(select(Device.station).where(Device.id == device_id))


def number_refusal(number: str, station: str | None) -> str | None:
    """Why a device of `station` may not create a case numbered `number` (None: it may)."""
    if not station:
        return ("this device has no station yet: the console asks the server for one and renumbers its "
                "cases before pushing them")
    if in_range(number, station):
        return None
    other = station_of(number)
    if other in SERVER_STATIONS:
        return f"case number {number!r} is in the server's own range ({other}); a console may not use it"
    if is_provisional(other) or other == LEGACY_STATION:
        return f"case number {number!r} is provisional; the console renumbers it into station {station} first"
    return f"case number {number!r} is not in this device's station range ({station})"
