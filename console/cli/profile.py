"""`profile show`: which station, device and central server this profile works with.

Prints no tokens and no citizen's data: only codes, ids, the server's address
and counts.
"""
from __future__ import annotations

from sqlalchemy import func, select

from models import Outbox, SyncState

from ..station_kind import KINDS, set_station_kind, station_kind
from ..stations import current_station, is_provisional
from . import add_data_dir, add_json, print_json, profile_from


def register(sub) -> None:
    p = sub.add_parser("profile", help="show this profile's station, device and central server")
    psub = p.add_subparsers(dest="profile_command", metavar="ACTION", required=True)
    show = psub.add_parser("show", help="station, device id, central server, operator, queued operations")
    add_data_dir(show)
    add_json(show)
    show.set_defaults(handler=cmd_show)
    kind = psub.add_parser("kind", help="a seat in the call centre or a service hall's counter (the form's channel)")
    kind.add_argument("kind", choices=KINDS, help="seat: calls default to phone; service_hall: to walk_in")
    add_data_dir(kind)
    kind.set_defaults(handler=cmd_kind)


def describe(prof) -> dict:
    """What `profile show` prints, as plain data."""
    with prof.db.session() as s:
        state = dict(s.execute(select(SyncState.key, SyncState.value).where(
            SyncState.key.in_(("device_id", "station", "central_url", "login", "last_success")))).all())
        by_status = dict(s.execute(select(Outbox.status, func.count()).where(
            Outbox.status.in_(("pending", "rejected"))).group_by(Outbox.status)).all())
        station = current_station(s)
    return {"station": station, "provisional": is_provisional(station),
            "assigned_station": state.get("station"), "device_id": state.get("device_id"),
            "central": state.get("central_url"), "operator": state.get("login"),
            "pending_ops": by_status.get("pending", 0), "rejected_ops": by_status.get("rejected", 0),
            "last_sync": state.get("last_success"), "kind": station_kind(prof.db), "data_dir": str(prof.data_dir)}


def cmd_show(args) -> int:
    prof = profile_from(args)
    try:
        info = describe(prof)
    finally:
        prof.close()
    if args.json:
        print_json(info)
    else:
        width = max(len(k) for k in info)
        for key, value in info.items():
            print(f"{key:<{width}}  {'-' if value is None else value}")
    return 0


def cmd_kind(args) -> int:
    prof = profile_from(args)
    try:
        set_station_kind(prof.db, args.kind)
    finally:
        prof.close()
    print(f"station kind: {args.kind}")
    return 0
