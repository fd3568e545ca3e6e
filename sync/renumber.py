"""Moving a console's unpushed cases into the station the central server assigned it.

A profile numbers its cases in a provisional station until its device is
registered (console.stations), and profiles from earlier releases all
numbered in `A01`, so a second hall's cases collided with the first's: the
server refused them for good and the pull set the local ones aside as
`…~a1b2c3`. Before each push the sync client calls `adopt_station`: every
case the server does not have yet (its `receive` is pending, or was refused
and the server never sent the case back) whose number is not in the assigned
station gets the next number there, in the order the cases were logged. The
old number stays as an alias (`models.CaseAlias`) that the queue and
`cases show` still find; the case's outbox operations carry the new number
(the pushed `receive` creates the case under it) and refused ones go back to
pending under new operation ids, so the server applies them instead of
answering its stored refusal. A case the server already has keeps its number.
"""
from __future__ import annotations

import logging
import uuid

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from console.cases import next_number
from console.clock import utcnow
from console.signals import CasesChanged, Signal, cases_changed
from console.stations import STATION_KEY, in_range, station_of
from models import Case, CaseAlias, CaseEvent, Outbox, Setting
from models.db import Database

from .store import CASE_VERSIONS

log = logging.getLogger(__name__)

DEFAULT_PREFIX = "CD"
_OUTBOX, _CASES, _EVENTS = Outbox.__table__, Case.__table__, CaseEvent.__table__
_OPEN = ("pending", "rejected")


def adopt_station(db: Database, station: str, bus: Signal = cases_changed) -> dict[str, str]:
    """Make `station` this profile's station and renumber into it every case the server
    does not have yet, in one transaction. Returns {old number: new number}."""
    with db.session() as s, s.begin():
        _set_station(s, station)
        moved = _renumber_unpushed(s, station)
    if moved:
        log.warning("%d unpushed case(s) renumbered into station %s", len(moved), station)
        bus.emit(CasesChanged(tuple(cid for _new, cid in moved.values()), "renumbered"))
    return {old: new for old, (new, _cid) in moved.items()}


def _set_station(s: Session, station: str) -> None:
    if s.get(Setting, STATION_KEY) is None:
        s.add(Setting(key=STATION_KEY, value=station))
    else:
        s.execute(update(Setting).where(Setting.key == STATION_KEY).values(value=station))


def _renumber_unpushed(s: Session, station: str) -> dict:
    receives = s.execute(
        select(_OUTBOX.c.case_id, _OUTBOX.c.status, _CASES.c.number, _CASES.c.created_at)
        .join(_CASES, _CASES.c.id == _OUTBOX.c.case_id)
        .where(_OUTBOX.c.status.in_(_OPEN), func.json_extract(_OUTBOX.c.payload, "$.event.kind") == "receive")
        .order_by(_OUTBOX.c.seq)).all()
    if not receives:
        return {}
    known = set(s.scalars(select(CASE_VERSIONS.c.case_id).where(
        CASE_VERSIONS.c.case_id.in_([r.case_id for r in receives if r.status == "rejected"]))))
    moved: dict[str, tuple[str, uuid.UUID]] = {}
    for case_id, status, number, created_at in receives:
        if in_range(number, station) or (status == "rejected" and case_id in known):
            continue  # in its range already, or refused for a case the server does have
        prefix = _prefix(number)
        new = next_number(s, prefix, station, created_at)
        s.execute(update(_CASES).where(_CASES.c.id == case_id).values(number=new, station=station))
        if s.get(CaseAlias, number) is None:
            s.execute(insert(CaseAlias.__table__), [{"number": number, "case_id": case_id,
                                                     "created_at": utcnow()}])
        _rewrite_ops(s, case_id, new, station)
        _rewrite_receive_event(s, case_id, new, station)
        moved[number] = (new, case_id)
    return moved


def _prefix(number: str) -> str:
    """The city prefix of a number (`CD` of `CD-A01-…`), also of one set aside as `…~a1b2c3`."""
    head = (number or "").split("~", 1)[0]
    return head.split("-", 1)[0] if station_of(head) else DEFAULT_PREFIX


def _rewrite_ops(s: Session, case_id: uuid.UUID, number: str, station: str) -> None:
    """The case's unpushed and refused operations under the new number; refused ones go
    back to pending with new ids (the server keeps its answer to the old ids)."""
    rows = s.execute(select(_OUTBOX.c.seq, _OUTBOX.c.status, _OUTBOX.c.payload).where(
        _OUTBOX.c.case_id == case_id, _OUTBOX.c.status.in_(_OPEN)).order_by(_OUTBOX.c.seq)).all()
    for seq, status, payload in rows:
        payload = dict(payload or {})
        payload["case_number"] = number
        event = dict(payload.get("event") or {})
        if event.get("kind") == "receive":
            data = dict(event.get("payload") or {})
            data["case"] = {**(data.get("case") or {}), "number": number, "station": station}
            event["payload"] = data
            payload["event"] = event
        values = {"payload": payload}
        if status == "rejected":
            values.update(status="pending", op_id=uuid.uuid4(), reason="", result=None)
        s.execute(update(_OUTBOX).where(_OUTBOX.c.seq == seq).values(values))


def _rewrite_receive_event(s: Session, case_id: uuid.UUID, number: str, station: str) -> None:
    for event_id, payload in s.execute(select(_EVENTS.c.id, _EVENTS.c.payload).where(
            _EVENTS.c.case_id == case_id, _EVENTS.c.kind == "receive")).all():
        data = dict(payload or {})
        data["case"] = {**(data.get("case") or {}), "number": number, "station": station}
        s.execute(update(_EVENTS).where(_EVENTS.c.id == event_id).values(payload=data))


__all__ = ["adopt_station"]
