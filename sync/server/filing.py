"""Cases filed on the server itself (Open311 requests), numbered in the server's own
station: `CD-WEB-YYYYMMDD-NNNN`."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from console.attachments import Checked
from console.clock import CITY_TZ
from console.permissions import Path
from console.workflow import EDITABLE_FIELDS
from models.base import new_id

from ..protocol import CREATION_FIELDS
from .access import Caller
from .case_rows import CASES, Rules, blank, store, transition
from .models import NumberSeq
from .snapshots import snapshots
from .stations import CITY_PREFIX, WEB_STATION


def create(rules: Rules, fields: dict, caller: Caller, station: str = WEB_STATION, media: Checked | None = None,
           media_error: str = "") -> dict:
    """A case filed by `caller` (Open311's system account) with `fields`; its snapshot. `media`
    (a fetched media_url, checked) is attached in the same transaction; `media_error` (why it
    could not be fetched) is kept on the receive event."""
    now = rules.clock()
    with rules.db.write() as conn:
        case = blank(str(new_id()))
        for k, v in fields.items():
            setattr(case, k, v)
        case.number, case.station, case.created_at = next_number(conn, station, now), station, now
        creation = {f: getattr(case, f) for f in CREATION_FIELDS} | {"created_at": now.isoformat()}
        received = {"case": creation} | ({"media_error": media_error[:200]} if media_error else {})
        event = transition(rules.policy, caller, Path.OPEN311, case, "receive", "", received, now)
        case.field_versions = {f: 1 for f in EDITABLE_FIELDS}
        store(conn, case, event, new=True)
        if media is not None:  # the citizen's photo: not public until someone marks it so
            rules.blobs.put(media.data, media.sha256)
            store(conn, case, transition(rules.policy, caller, Path.OPEN311, case, "attach", "", media.meta(False),
                                         now), new=False)
        return snapshots(conn, [case.id])[0]


def next_number(conn: Connection, station: str, now: datetime) -> str:
    """The next free number of the server's own `station` for the city day of `now`. A
    number some case already holds (a push that took it before the ranges were checked) is
    passed over, so the sequence moves on instead of failing on it every time."""
    day = (now + CITY_TZ.utcoffset(None)).strftime("%Y%m%d")
    while True:
        seq = conn.execute(update(NumberSeq).where(NumberSeq.station == station, NumberSeq.day == day)
                           .values(last=NumberSeq.last + 1).returning(NumberSeq.last)).scalar()
        if seq is None:
            seq = 1
            conn.execute(insert(NumberSeq), [{"station": station, "day": day, "last": 1}])
        number = f"{CITY_PREFIX}-{station}-{day}-{seq:04d}"
        if conn.scalar(select(CASES.c.id).where(CASES.c.number == number)) is None:
            return number
