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

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from console.clock import CITY_TZ, utcnow
from console.signals import CasesChanged, Signal, cases_changed
from console.stations import STATION_KEY, current_station, in_range, station_of
from models import Case, CaseAlias, CaseEvent, CaseNumberSeq, Outbox, Setting
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
        # new cases take the profile's station as they are made, so once it is the assigned
        # one only refused cases can be out of it: the pending operations need no look
        statuses = ("rejected",) if current_station(s) == station else _OPEN
        _set_station(s, station)
        moved = _renumber_unpushed(s, station, statuses)
    if moved:
        log.warning("%d unpushed case(s) renumbered into station %s", len(moved), station)
        bus.emit(CasesChanged(tuple(cid for _new, cid in moved.values()), "renumbered"))
    return {old: new for old, (new, _cid) in moved.items()}


def _set_station(s: Session, station: str) -> None:
    if s.get(Setting, STATION_KEY) is None:
        s.add(Setting(key=STATION_KEY, value=station))
    else:
        s.execute(update(Setting).where(Setting.key == STATION_KEY).values(value=station))


def _renumber_unpushed(s: Session, station: str, statuses: tuple[str, ...]) -> dict:
    receives = s.execute(
        select(_OUTBOX.c.case_id, _OUTBOX.c.status, _CASES.c.number, _CASES.c.created_at)
        .join(_CASES, _CASES.c.id == _OUTBOX.c.case_id)
        .where(_OUTBOX.c.status.in_(statuses), func.json_extract(_OUTBOX.c.payload, "$.event.kind") == "receive")
        .order_by(_OUTBOX.c.seq)).all()
    refused = [r.case_id for r in receives if r.status == "rejected"]
    known: set = set()
    for i in range(0, len(refused), 900):
        known.update(s.scalars(select(CASE_VERSIONS.c.case_id).where(
            CASE_VERSIONS.c.case_id.in_(refused[i:i + 900]))))
    # in its range already, or refused for a case the server does have: it stays as it is
    todo = [r for r in receives
            if not in_range(r.number, station) and not (r.status == "rejected" and r.case_id in known)]
    if not todo:
        return {}
    numbers = _Numbers(s, station)
    moved = {r.number: (numbers.next(_prefix(r.number), r.created_at), r.case_id) for r in todo}
    numbers.save()
    ids = [cid for _new, cid in moved.values()]
    s.execute(update(_CASES).where(_CASES.c.id == bindparam("_id")).values(number=bindparam("_n"), station=station),
              [{"_id": cid, "_n": new} for new, cid in moved.values()])
    now = utcnow()
    s.execute(sqlite_insert(CaseAlias.__table__).on_conflict_do_nothing(),
              [{"number": old, "case_id": cid, "created_at": now} for old, (_new, cid) in moved.items()])
    new_number = {cid: new for new, cid in moved.values()}
    _rewrite_ops(s, ids, new_number, station)
    _rewrite_receive_events(s, ids, new_number, station)
    return moved


class _Numbers:
    """The next numbers of a station per city day, read and saved once (case_number_seq),
    passing over any number a case or an alias already holds."""

    def __init__(self, s: Session, station: str):
        self.s, self.station = s, station
        self.last = dict(s.execute(select(CaseNumberSeq.day, CaseNumberSeq.last)
                                   .where(CaseNumberSeq.station == station)).all())
        self.taken: set[str] = set()
        self._read: set[str] = set()

    def next(self, prefix: str, at) -> str:
        day = (at + CITY_TZ.utcoffset(None)).strftime("%Y%m%d")
        head = f"{prefix}-{self.station}-{day}-"
        if head not in self._read:  # the day's numbers held already, read along the unique indexes
            self._read.add(head)
            for table in (_CASES, CaseAlias.__table__):
                self.taken.update(self.s.scalars(select(table.c.number).where(
                    table.c.number >= head, table.c.number < head[:-1] + ".")))
        while True:
            self.last[day] = self.last.get(day, 0) + 1
            number = f"{head}{self.last[day]:04d}"
            if number not in self.taken:
                self.taken.add(number)
                return number

    def save(self) -> None:
        stmt = sqlite_insert(CaseNumberSeq.__table__)
        self.s.execute(stmt.on_conflict_do_update(index_elements=["station", "day"],
                                                  set_={"last": func.max(CaseNumberSeq.__table__.c.last,
                                                                         stmt.excluded.last)}),
                       [{"station": self.station, "day": day, "last": last} for day, last in self.last.items()])


def _prefix(number: str) -> str:
    """The city prefix of a number (`CD` of `CD-A01-…`), also of one set aside as `…~a1b2c3`."""
    head = (number or "").split("~", 1)[0]
    return head.split("-", 1)[0] if station_of(head) else DEFAULT_PREFIX


def _with_number(payload: dict | None, number: str, station: str) -> dict:
    """A receive's payload ({"case": {...}}) with the case's new number and station."""
    data = dict(payload or {})
    data["case"] = {**(data.get("case") or {}), "number": number, "station": station}
    return data


def _rewrite_ops(s: Session, ids: list, new_number: dict, station: str) -> None:
    """The cases' unpushed and refused operations under the new numbers; refused ones go
    back to pending with new ids (the server keeps its answer to the old ids)."""
    pending, refused = [], []
    for i in range(0, len(ids), 900):
        for seq, case_id, status, payload in s.execute(select(
                _OUTBOX.c.seq, _OUTBOX.c.case_id, _OUTBOX.c.status, _OUTBOX.c.payload).where(
                _OUTBOX.c.case_id.in_(ids[i:i + 900]), _OUTBOX.c.status.in_(_OPEN))):
            number = new_number[case_id]
            payload = dict(payload or {})
            payload["case_number"] = number
            event = dict(payload.get("event") or {})
            if event.get("kind") == "receive":
                event["payload"] = _with_number(event.get("payload"), number, station)
                payload["event"] = event
            if status == "rejected":
                refused.append({"_seq": seq, "_payload": payload, "_op": uuid.uuid4()})
            else:
                pending.append({"_seq": seq, "_payload": payload})
    by_seq = _OUTBOX.c.seq == bindparam("_seq")
    if pending:
        s.execute(update(_OUTBOX).where(by_seq).values(payload=bindparam("_payload")), pending)
    if refused:
        s.execute(update(_OUTBOX).where(by_seq).values(payload=bindparam("_payload"), op_id=bindparam("_op"),
                                                       status="pending", reason="", result=None), refused)


def _rewrite_receive_events(s: Session, ids: list, new_number: dict, station: str) -> None:
    changes = []
    for i in range(0, len(ids), 900):
        for event_id, case_id, payload in s.execute(select(_EVENTS.c.id, _EVENTS.c.case_id, _EVENTS.c.payload).where(
                _EVENTS.c.case_id.in_(ids[i:i + 900]), _EVENTS.c.kind == "receive")):
            changes.append({"_id": event_id, "_payload": _with_number(payload, new_number[case_id], station)})
    if changes:
        s.execute(update(_EVENTS).where(_EVENTS.c.id == bindparam("_id")).values(payload=bindparam("_payload")),
                  changes)


__all__ = ["adopt_station"]
