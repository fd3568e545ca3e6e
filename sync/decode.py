"""Reading a pulled page (or the cases an acknowledgement sends back): one decoder per
page format, one typed set of rows, validated once.

A page comes as objects (one JSON object per case) or as rows (one array per case
in the order the page names: docs/sync-protocol.md). Both become the same rows,
a case row of `bulk.WIRE_CASE_COLUMNS` and event rows of `bulk.WIRE_EVENT_COLUMNS`,
with the console's rules applied here and nowhere else: a reference code this
console lacks is taken out (logged), assisting departments it lacks are dropped,
the case a case is merged into is kept in its stored form (whether this console
has that case is asked when the page is written). A rows page in this console's
own field order is taken as it stands: no dict per case, each payload the JSON
text it came as.

`bulk.WireBuilder` then checks every value in SQL against the server's exact form.
A page with a value outside it (a time with an offset, a payload text spaced out)
has its values made canonical in Python, value by value, and is checked again; a
value that cannot be read at all is a ValueError naming the case and nothing of the
page is written.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from .bulk import WIRE_CASE_COLUMNS, WireBuilder
from .protocol import CASE_FIELDS, EVENT_FIELDS, TIME_FIELDS, SnapshotRows, dumps_text, loads, parse_wire_time

log = logging.getLogger(__name__)

Codes = tuple[set, set, set]  # the categories, districts and departments this console knows

_W = {name: i for i, name in enumerate(WIRE_CASE_COLUMNS)}
_W_NUMBER, _W_VERSION, _W_MERGED, _W_ASSIST = _W["number"], _W["version"], _W["merged_into_id"], \
    _W["assist_departments"]
_W_CODES = tuple(_W[f] for f in ("category_code", "district_code", "lead_department"))
_W_TIMES = tuple(_W[f] for f in CASE_FIELDS if f in TIME_FIELDS)
_R_ID = CASE_FIELDS.index("id")
# an event row: the case's stored id, then EVENT_FIELDS
_E_ID, _E_SEQ, _E_AT, _E_REASON, _E_PAYLOAD = (1 + EVENT_FIELDS.index(f) for f in ("id", "seq", "at", "reason",
                                                                                  "payload"))


@dataclass(frozen=True)
class PulledPage:
    """A page made ready for `LocalSyncStore.apply_page`: its cases' ids, versions and
    numbers in page order, and its checked wire database (None: no case)."""

    ids: list[uuid.UUID]
    versions: list[int]
    numbers: list[str]
    wire: bytes | None


def decode(cases: list[dict] | SnapshotRows, codes: Codes, builder: WireBuilder) -> PulledPage:
    """The page's rows, checked, in its wire database (module docstring)."""
    if not cases:
        return PulledPage([], [], [], None)
    if isinstance(cases, SnapshotRows) and cases.exact:
        rows, events = _from_rows(cases.rows)
    else:  # objects, or rows in another order (read through row_to_snapshot)
        rows, events = _from_snapshots([cases[i] for i in range(len(cases))])
    for row in rows:
        _apply_rules(row, codes)
    wire = builder.build(rows, events)
    if wire is None:
        for row in rows:
            _canonical_case(row)
        for e in events:
            _canonical_event(e, rows)
        wire = builder.build(rows, events)
        if wire is None:
            raise ValueError("the central server sent a page this console cannot store")
    return PulledPage([uuid.UUID(hex=r[0]) for r in rows], [r[_W_VERSION] for r in rows],
                      [r[_W_NUMBER] for r in rows], wire)


def _from_rows(page_rows: list) -> tuple[list, list]:
    rows, events = [], []
    width = len(CASE_FIELDS) + 1
    for r in page_rows:
        if not isinstance(r, list) or len(r) != width:
            raise ValueError(f"a case row of {len(r) - 1 if isinstance(r, list) else 0} values "
                             f"for {len(CASE_FIELDS)} fields")
        hid = _hid(r[_R_ID])
        rows.append([hid, *r[:-1]])
        events += [[hid, *e] for e in r[-1]]
    return rows, events


def _from_snapshots(snaps: list[dict]) -> tuple[list, list]:
    rows, events = [], []
    for snap in snaps:
        hid = _hid(snap.get("id"))
        rows.append([hid, *(snap.get(f) for f in CASE_FIELDS)])
        for e in snap.get("events") or []:
            p = e.get("payload")
            events.append([hid, *(e.get(k) for k in EVENT_FIELDS[:-1]),
                           p if isinstance(p, str) else dumps_text(p or {})])
    return rows, events


def _hid(case_id) -> str:
    try:
        return uuid.UUID(str(case_id)).hex
    except ValueError:
        raise ValueError("the central server sent a case whose id is not a UUID") from None


def _apply_rules(row: list, codes: Codes) -> None:
    for i, known in zip(_W_CODES, codes, strict=True):
        if row[i] is not None and row[i] not in known:
            _unknown_code(row[_W_NUMBER], WIRE_CASE_COLUMNS[i], row[i])
            row[i] = None
    assist = row[_W_ASSIST]
    row[_W_ASSIST] = "[]" if not assist else dumps_text([d for d in assist if d in codes[2]])
    if row[_W_MERGED]:
        row[_W_MERGED] = uuid.UUID(str(row[_W_MERGED])).hex


def _canonical_case(row: list) -> None:
    try:
        for i in _W_TIMES:
            moment = parse_wire_time(row[i])
            row[i] = moment.isoformat() if moment is not None else None
        row[_W_VERSION] = int(row[_W_VERSION])
    except (TypeError, ValueError) as exc:
        raise ValueError(f"case {row[_W_NUMBER]} from the central server: {exc}") from None


def _canonical_event(e: list, rows: list) -> None:
    try:
        e[_E_ID] = str(uuid.UUID(str(e[_E_ID])))
        e[_E_SEQ] = int(e[_E_SEQ])
        moment = parse_wire_time(e[_E_AT])
        if moment is None:
            raise ValueError("an event without its time")
        e[_E_AT] = moment.isoformat()
        e[_E_REASON] = None if e[_E_REASON] is None else str(e[_E_REASON])
        payload = e[_E_PAYLOAD]
        payload = (loads(payload) if isinstance(payload, str) else payload) or {}
        if not isinstance(payload, dict):
            raise ValueError("an event payload that is not an object")
        e[_E_PAYLOAD] = dumps_text(payload)
    except (TypeError, ValueError) as exc:
        number = next((r[_W_NUMBER] for r in rows if r[0] == e[0]), "?")
        raise ValueError(f"an event of case {number} from the central server: {exc}") from None


def _unknown_code(number: str | None, field: str, value) -> None:
    log.warning("case %s: %s %r is not in this console's reference data", number, field, value)
