"""What kind of place the profile's PC stands in: a seat in the call centre or a counter
in a service hall. The call form's channel defaults from it (phone at a seat, walk_in at
a service hall). One setting per profile (the PC), not per operator: whoever signs in at
a hall's counter takes walk-ins. Set it with `profile kind service_hall`."""
from __future__ import annotations

from models import Setting
from models.db import Database

KIND_KEY = "station_kind"
KINDS = ("seat", "service_hall")
DEFAULT_CHANNEL = {"seat": "phone", "service_hall": "walk_in"}


def station_kind(db: Database) -> str:
    """`seat` (the default, also for a damaged value) or `service_hall`."""
    with db.session() as s:
        row = s.get(Setting, KIND_KEY)
        return row.value if row is not None and row.value in KINDS else "seat"


def set_station_kind(db: Database, kind: str) -> None:
    """Store the kind; ValueError for anything but one of KINDS."""
    if kind not in KINDS:
        raise ValueError(f"the station kind is one of {', '.join(KINDS)}, not {kind!r}")
    with db.session() as s, s.begin():
        row = s.get(Setting, KIND_KEY)
        if row is None:
            s.add(Setting(key=KIND_KEY, value=kind))
        else:
            row.value = kind


def default_channel(db: Database) -> str:
    """The channel a new call form starts with at this PC."""
    return DEFAULT_CHANNEL[station_kind(db)]
