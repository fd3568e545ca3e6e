"""What the console and the central server agree on (sync/server/sync-protocol.md).

Plain functions shared by both sides: the idempotency hash of an operation,
the JSON form of a case snapshot, times on the wire. No I/O here.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from datetime import datetime, timedelta

import orjson

API = "/api/v1"
PROTOCOL_VERSION = 1

# Case columns a snapshot carries (the server is the authority for all of them).
CASE_FIELDS = (
    "id", "number", "station", "state", "type", "urgency", "channel", "category_code", "district_code",
    "address", "description", "answer", "caller_phone", "caller_name", "lead_department", "assist_departments",
    "knowledge_article_id", "created_at", "updated_at", "deadline", "sign_deadline", "reply_deadline",
    "dispatched_at", "accepted_at", "replied_at", "closed_at", "satisfied", "resolved", "merged_into_id",
    "repeat_caller", "confidential", "supervised", "instruction_level", "leader_pick", "return_count",
    "extension_count", "version", "satisfaction", "callback_attempts", "contact_deadline", "contacted_at",
    "extension_requested", "returned_from", "suggested_unit", "binding_unit", "upper_units", "unit_contacted_at",
)
TIME_FIELDS = frozenset({"created_at", "updated_at", "deadline", "sign_deadline", "reply_deadline",
                         "dispatched_at", "accepted_at", "replied_at", "closed_at", "contact_deadline",
                         "contacted_at", "unit_contacted_at"})
# The fields the `receive` event carries (the case as the citizen gave it), plus created_at.
CREATION_FIELDS = ("number", "station", "type", "urgency", "channel", "category_code", "district_code", "address",
                   "description", "caller_phone", "caller_name", "confidential", "repeat_caller")
EVENT_FIELDS = ("id", "seq", "kind", "actor", "actor_role", "at", "from_state", "to_state", "reason", "payload")
# How a pull page writes its cases: "objects", one JSON object per case (the CASE_FIELDS, times
# as wire_time writes them, and "events": a list of objects of the EVENT_FIELDS), or
# "rows", one array per case (snapshot_to_row), a third of the bytes and no key to read.
PAGE_FORMATS = ("objects", "rows")
# An operation's age is measured on the sending machine's own clock (sent_at
# minus the event's time, both local), never compared with the server's clock.
MAX_AGE = timedelta(days=30)


def body_hash(kind: str, payload: dict, plain: bool = False) -> str:
    """The fingerprint of an operation's body: the same op id must always come with it.

    The canonical text is `json.dumps(sort_keys, compact, ensure_ascii=False)`
    (hashes stored by earlier servers were made with it). `plain=True` says the
    payload was read by orjson from JSON text without any number with a fraction,
    an exponent or 19+ digits (see `plain_json_text`): it then holds only str, int,
    bool, None, lists and str-keyed dicts, for which orjson writes the very same
    bytes, several times faster.
    """
    if plain and type(kind) is str:
        try:
            data = orjson.dumps({"kind": kind, "payload": payload}, option=orjson.OPT_SORT_KEYS)
        except orjson.JSONEncodeError:
            pass
        else:
            return hashlib.sha256(data).hexdigest()
    text = json.dumps({"kind": kind, "payload": payload}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# A JSON number with a fraction, an exponent or 19+ digits, where a value stands: after
# ':', '[' or ',' (and white space), ending where a value ends (white space, then ',',
# '}' or ']'). Every such number outside the strings matches; inside a string only text
# that happens to look like one does (e.g. "第:1.5,"), which only costs speed.
_NOT_PLAIN_NUMBER = re.compile(rb"[:\[,][ \t\n\r]*-?[0-9]+(?:[.eE][-+0-9.eE]*|[0-9]{18,})[ \t\n\r]*[,}\]]")


def plain_json_text(raw: bytes) -> bool:
    """True when the JSON text `raw` has no number with a fraction or an exponent and
    none of 19 digits or more (outside strings): orjson then reads exactly what json
    reads (it reads a float differently in its last digits' text, and an integer
    beyond 64 bits as a float). Conservative: False only costs speed."""
    return _NOT_PLAIN_NUMBER.search(raw) is None


def dumps(value) -> bytes:
    """Compact JSON as UTF-8 (orjson; json.dumps for what orjson refuses, e.g. huge integers)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def dumps_text(value) -> str:
    """`dumps` as text (for SQLAlchemy's JSON columns)."""
    return dumps(value).decode("utf-8")


def loads(data: bytes | str):
    """Parse JSON: orjson, or json.loads for what orjson refuses (NaN, Infinity, lone surrogates)."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


def wire_time(value: datetime | None) -> str | None:
    """A stored naive-UTC time on the wire (ISO 8601 without offset: it is UTC)."""
    return value.isoformat() if value is not None else None


def parse_wire_time(text: str | None) -> datetime | None:
    if text is None or text == "":
        return None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is not None:
        from console.clock import to_stored
        moment = to_stored(moment)
    return moment


def age_of(event_at: str, sent_at: str) -> timedelta:
    """How long before sending the event happened, both times read on the sender's clock.

    Clamped to [0, MAX_AGE] so a clock changed between the two readings can't
    put an event in the future or years back.
    """
    try:
        sent, happened = parse_wire_time(sent_at), parse_wire_time(event_at)
    except (TypeError, ValueError):
        return timedelta(0)
    if sent is None or happened is None:
        return timedelta(0)
    try:
        age = sent - happened
    except TypeError:  # one with an offset, the other without
        return timedelta(0)
    return max(timedelta(0), min(age, MAX_AGE))


def snapshot_to_row(snap: dict) -> list:
    """A snapshot (a case as a JSON object, "objects" format) as a row of the "rows" page format: the values of
    CASE_FIELDS in that order, then its events, each the values of EVENT_FIELDS in that
    order with the payload as its JSON text (a str payload is taken as that text)."""
    return [*(snap[f] for f in CASE_FIELDS),
            [[*(e[k] for k in EVENT_FIELDS[:-1]), _payload_text(e.get("payload"))] for e in snap["events"]]]


def row_to_snapshot(row: list, case_fields, event_fields) -> dict:
    """A row of the "rows" page format (fields named by the page) back as a snapshot in
    "objects" form, event payloads parsed."""
    *values, events = row
    if len(values) != len(case_fields):
        raise ValueError(f"a case row of {len(values)} values for {len(case_fields)} fields")
    snap = dict(zip(case_fields, values, strict=True))
    snap["events"] = []
    for values in events:
        if len(values) != len(event_fields):
            raise ValueError(f"an event row of {len(values)} values for {len(event_fields)} fields")
        e = dict(zip(event_fields, values, strict=True))
        e["payload"] = loads(e["payload"]) if isinstance(e.get("payload"), str) else e.get("payload")
        snap["events"].append(e)
    return snap


def _payload_text(payload) -> str:
    if isinstance(payload, str):
        return payload
    return dumps_text(payload or {})


class SnapshotRows(Sequence):
    """The cases of a "rows" page, read as snapshots (row_to_snapshot) only when one is
    asked for; `rows` as they came. `exact`: the page's fields are CASE_FIELDS and
    EVENT_FIELDS in that order, so a row's values can be taken as they stand."""

    def __init__(self, rows: list, case_fields, event_fields):
        self.rows = rows
        self.case_fields, self.event_fields = tuple(case_fields), tuple(event_fields)
        self.exact = self.case_fields == CASE_FIELDS and self.event_fields == EVENT_FIELDS
        self._made: dict[int, dict] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = range(len(self.rows))[i]  # IndexError as a list gives it, negative indexes too
        if i not in self._made:
            self._made[i] = row_to_snapshot(self.rows[i], self.case_fields, self.event_fields)
        return self._made[i]
