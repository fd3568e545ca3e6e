"""The server's cases: applying pushed operations, department actions, pulls.

Every transition is validated with `console.workflow.check` and derived with
`console.lifecycle.apply_action`, the same code the console runs, on plain
namespaces loaded with SQLAlchemy Core (a batch of 500 operations is a
handful of statements, not 3,000).
"""
from __future__ import annotations

import itertools
import json
import logging
import sqlite3
import sys
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

import orjson
from sqlalchemy import Connection, Text, cast, func, insert, or_, select, type_coerce, update
from sqlalchemy.sql import bindparam

from console.clock import CITY_TZ, utcnow
from console.deadlines import PolicyError, SlaPolicy, load_policy
from console.intake import ReferenceCodes
from console.lifecycle import apply_action
from console.permissions import Forbidden, Path, authorize
from console.redact import scrub
from console.refdata import seed
from console.workflow import EDITABLE_FIELDS, State, WorkflowError, merge_target_refusal
from models.base import new_id

from ..protocol import (
    CASE_FIELDS,
    CREATION_FIELDS,
    EVENT_FIELDS,
    PAGE_FORMATS,
    TIME_FIELDS,
    age_of,
    body_hash,
    case_to_wire,
    dumps_text,
    loads,
    snapshot_to_row,
    wire_time,
)
from ..rawsql import raw_insert
from .db import CentralDB
from .inbound import mark_malformed, receive_problems
from .models import AppliedOp, CentralCase, CentralEvent, Change, Device, Meta, NumberSeq
from .stations import CITY_PREFIX, WEB_STATION, device_station, number_refusal

CASES = CentralCase.__table__
EVENTS = CentralEvent.__table__
CHANGES = Change.__table__
APPLIED = AppliedOp.__table__
log = logging.getLogger(__name__)
_ROW_COLUMNS = [c.name for c in CASES.columns]
_EVENT_KEYS = [f for f in EVENT_FIELDS if f != "payload"]
_TIME_KEYS = [f for f in CASE_FIELDS if f in TIME_FIELDS]


class EpochChanged(Exception):
    """The client's epoch (or cursor) belongs to a history this server no longer has."""

    def __init__(self, epoch: str):
        self.epoch = epoch
        super().__init__(f"the server's history changed (epoch {epoch}); resync")


class NotVisible(LookupError):
    """No such case, or not one this account may see."""


class NotYourDevice(LookupError):
    """The pushed device_id was registered by another account."""


@dataclass(frozen=True)
class Caller:
    """The account acting through the API."""

    login: str
    role: str
    department: str | None = None


def reference_codes() -> ReferenceCodes:
    """The shipped reference codes (the same seed files the consoles install)."""
    cats = set()
    for top in seed("categories"):
        cats.add(top["code"])
        cats.update(c["code"] for c in top.get("children", []))
    return ReferenceCodes(frozenset(cats), frozenset(d["code"] for d in seed("districts")),
                          frozenset(d["code"] for d in seed("departments")))


def visible(case, caller: Caller) -> bool:
    """A liaison sees only cases its department leads or assists; others see all."""
    if caller.role != "liaison":
        return True
    return bool(caller.department) and (case.lead_department == caller.department
                                        or caller.department in (case.assist_departments or []))


_WARMER = Caller("prewarm", "operator")  # sees every case (pulls filter what a liaison may see)


class Casebook:
    """The authority's case logic over a CentralDB."""

    CACHE_SIZE = 50_000  # serialized snapshots kept for pulls
    PREWARM = True  # serialize pushed cases' snapshots ahead of the pulls (_prewarm)

    def __init__(self, db: CentralDB, policy: SlaPolicy | None = None, clock=utcnow):
        self.db = db
        self.policy = policy or load_policy()
        self.clock = clock
        self.codes = reference_codes()
        self._wire_cache: OrderedDict[tuple[str, int, str], str] = OrderedDict()  # (case, version, format)
        self._cache_lock = threading.Lock()
        self._group = threading.Condition()  # group commit of pushes (see push)
        self._waiting: list[_PushJob] = []
        self._leading = False
        self._warm_lock = threading.Lock()  # snapshots to serialize ahead of the pulls (_prewarm)
        self._to_warm: dict[str, None] = {}
        self._warming = False

    # -- epoch ----------------------------------------------------------------------
    def epoch(self, conn: Connection) -> str:
        return conn.scalar(select(Meta.value).where(Meta.key == "epoch"))

    # -- push -----------------------------------------------------------------------
    def push(self, caller: Caller, device_id: str, ops: list[dict], sent_at: str,
             client_epoch: str | None, plain: bool = False) -> dict:
        """Apply a batch of operations in order, in a transaction; return each one's result.

        A replayed op id returns the stored result; the same id with another
        body is refused (and nothing is stored for it). `plain`: the ops were read
        from plain JSON text (protocol.body_hash).

        Group commit: pushes that arrive while another one holds the writer wait,
        and the next of them to run takes every push then waiting into one
        transaction (one commit, one wait for the disk). Each push's results are
        still written in the same transaction as its effects, and a push is
        answered only after that transaction committed. Should a grouped
        transaction fail, each of its pushes runs again on its own, so one bad push
        can't fail the others.
        """
        mark_malformed(ops)
        job = _PushJob(caller, device_id, ops, sent_at, client_epoch, plain)
        with self._group:
            self._waiting.append(job)
            while not job.done and self._leading:
                self._group.wait()
            if not job.done:
                self._leading = True
                jobs, self._waiting = self._waiting, []
        if not job.done:
            try:
                self._push_group(jobs)
            finally:
                with self._group:
                    self._waiting[:0] = [j for j in jobs if not j.done]  # only if the leader itself failed
                    self._leading = False
                    self._group.notify_all()
        if job.error is not None:
            raise job.error
        return job.result

    def _push_group(self, jobs: list[_PushJob]) -> None:
        try:
            with self.db.write() as conn:
                for job in jobs:
                    job.result, job.error = None, None
                    try:
                        job.result = self._push_in(conn, job)
                    except (EpochChanged, LookupError) as exc:  # raised before the push wrote anything
                        job.error = exc
        except Exception:
            if len(jobs) == 1:
                jobs[0].result, jobs[0].error = None, sys.exc_info()[1]
            else:  # nothing of the group was stored: each push again in a transaction of its own
                for job in jobs:
                    self._push_group([job])
                return
        for job in jobs:
            job.done = True
        self._prewarm([r["case_id"] for job in jobs if job.result for r in job.result["results"]
                       if r.get("status") in ("applied", "merged") and r.get("case_id")])

    def _prewarm(self, case_ids: list[str]) -> None:
        """Serialize the snapshots of cases just pushed for the pulls to come (every console
        pulls them), in a thread of its own, once the push is answered; a thread runs
        only while there is something to serialize."""
        if not self.PREWARM or not case_ids:
            return
        with self._warm_lock:
            self._to_warm.update(dict.fromkeys(case_ids))
            if self._warming:
                return
            self._warming = True
        threading.Thread(target=self._warm, name="pull-prewarm", daemon=True).start()

    def _warm(self) -> None:
        while True:
            with self._warm_lock:
                ids = list(itertools.islice(self._to_warm, 2000))
                for case_id in ids:
                    del self._to_warm[case_id]
                if not ids:
                    self._warming = False
                    return
            try:
                with self.db.read() as conn:
                    self._snapshot_texts(conn, ids, _WARMER, "rows")
            except Exception:  # only a cache: the pull makes the texts itself
                log.exception("could not serialize %d snapshots ahead of the pulls", len(ids))

    def _push_in(self, conn: Connection, job: _PushJob) -> dict:
        caller, device_id, ops, sent_at = job.caller, job.device_id, job.ops, job.sent_at
        epoch = self.epoch(conn)
        if job.client_epoch and job.client_epoch != epoch:
            raise EpochChanged(epoch)
        owner = conn.execute(select(Device.registered_by).where(Device.id == device_id)).first()
        if owner is None:
            raise LookupError("unknown device")
        if owner.registered_by != caller.login:
            raise NotYourDevice("this device was registered by another account")
        batch = _Batch(self, conn, caller, device_id, ops, job.plain)
        results = [batch.apply(op, sent_at) for op in ops]
        batch.flush()
        max_seq = max((int(op.get("seq") or 0) for op in ops), default=0)
        conn.execute(update(Device).where(Device.id == device_id, Device.last_seq < max_seq)
                     .values(last_seq=max_seq))
        touched = sorted({r["case_id"] for r in results if r.get("status") in ("rejected", "merged", "refused")
                          and r.get("case_id")})
        cases = [c for c in self._snapshots(conn, touched) if visible(SimpleNamespace(**c), caller)]
        return {"epoch": epoch, "results": results, "cases": cases}

    # -- pull -----------------------------------------------------------------------
    def pull(self, caller: Caller, cursor: int, limit: int, client_epoch: str | None, fmt: str = "objects") -> dict:
        """Cases changed after `cursor`, in commit order; the next cursor even for an empty page."""
        return loads(self.pull_text(caller, cursor, limit, client_epoch, fmt))

    def pull_text(self, caller: Caller, cursor: int, limit: int, client_epoch: str | None,
                  fmt: str = "objects") -> str:
        """`pull` as the JSON text of the response. Every console pulls the same new
        cases, so each (case, version) is serialized once per format and the text reused.
        `fmt` "rows" writes each case as a row (protocol.snapshot_to_row)."""
        if fmt not in PAGE_FORMATS:
            raise ValueError(f"unknown page format {fmt!r}")
        limit = max(1, min(limit, 5000))
        with self.db.read() as conn:
            epoch = self.epoch(conn)
            head = conn.scalar(select(func.max(Change.id))) or 0
            if (client_epoch and client_epoch != epoch) or cursor > head:
                raise EpochChanged(epoch)
            q = select(Change.id, Change.case_id).where(Change.id > cursor, Change.id <= head)
            if caller.role == "liaison":  # cases it leads or assists (`visible` then decides exactly)
                dept = caller.department or "\x00"
                quoted = '%"' + dept.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + '"%'
                q = q.join(CentralCase, CentralCase.id == Change.case_id).where(or_(
                    CentralCase.lead_department == dept,
                    cast(CentralCase.assist_departments, Text).like(quoted, escape="\\")))
            rows = conn.execute(q.order_by(Change.id).limit(limit)).all()
            more = len(rows) == limit
            next_cursor = rows[-1].id if more else head
            ids = list(dict.fromkeys(r.case_id for r in rows))
            texts = self._snapshot_texts(conn, ids, caller, fmt)
        page = {"epoch": epoch, "cursor": cursor, "next_cursor": next_cursor, "changes": len(rows), "more": more}
        if fmt == "rows":
            page.update(format="rows", case_fields=CASE_FIELDS, event_fields=EVENT_FIELDS)
        head_text = json.dumps(page, separators=(",", ":"))
        return head_text[:-1] + ',"cases":[' + ",".join(texts) + "]}"

    def _snapshot_texts(self, conn: Connection, ids: list[str], caller: Caller, fmt: str = "objects") -> list[str]:
        out = []
        for i in range(0, len(ids), 900):
            chunk = ids[i:i + 900]
            cols = [CASES.c.id, CASES.c.version]
            if caller.role == "liaison":  # what `visible` reads
                cols += [CASES.c.lead_department, CASES.c.assist_departments]
            if caller.role != "liaison" and conn.dialect.name == "sqlite":  # (id, version) straight from the driver
                cursor = conn.connection.cursor()
                try:
                    heads = {r[0]: SimpleNamespace(id=r[0], version=r[1]) for r in cursor.execute(
                        f"SELECT id, version FROM cases WHERE id IN ({', '.join('?' * len(chunk))})", chunk)}
                finally:
                    cursor.close()
            else:
                heads = {r.id: r for r in conn.execute(select(*cols).where(CASES.c.id.in_(chunk)))}
            get = self._wire_cache.get
            with self._cache_lock:
                cached = {c: get((c, heads[c].version, fmt)) for c in chunk if c in heads}
            missing = [c for c, text in cached.items() if text is None]
            if missing:
                made = self._wire_texts(conn, missing, fmt)
                with self._cache_lock:
                    for case_id, version, text in made:
                        cached[case_id] = text
                        self._wire_cache[(case_id, version, fmt)] = text
                    while len(self._wire_cache) > self.CACHE_SIZE:
                        self._wire_cache.popitem(last=False)
            out += [cached[c] for c in chunk if c in heads and cached.get(c)
                    and (caller.role != "liaison" or visible(heads[c], caller))]
        return out

    def _wire_texts(self, conn: Connection, ids: list[str], fmt: str = "objects") -> list[tuple[str, int, str]]:
        """(id, version, JSON text) of each case's snapshot in format `fmt`: what `_snapshots`
        gives, written for the pull's hot path (rows as tuples, stored event payloads passed
        through as the JSON text they are instead of being read and written again). On
        SQLite the text is written by SQLite itself (`_sqlite_wire_texts`)."""
        if conn.dialect.name == "sqlite":
            out = []
            for i in range(0, len(ids), 900):
                chunk = ids[i:i + 900]
                texts = _sqlite_wire_texts(conn, chunk, fmt)
                out += texts if texts is not None else self._wire_texts_rows(conn, chunk, fmt)
            return out
        return self._wire_texts_rows(conn, ids, fmt)

    def _wire_texts_rows(self, conn: Connection, ids: list[str], fmt: str = "objects") -> list[tuple[str, int, str]]:
        out = []
        case_cols = [CASES.c[f] for f in CASE_FIELDS]
        event_cols = [EVENTS.c.case_id, *(EVENTS.c[f] for f in EVENT_FIELDS if f != "payload"),
                      type_coerce(EVENTS.c.payload, Text)]
        for i in range(0, len(ids), 900):
            chunk = ids[i:i + 900]
            events: dict[str, list] = {}
            for case_id, *values, payload in conn.execute(select(*event_cols).where(EVENTS.c.case_id.in_(chunk))
                                                          .order_by(EVENTS.c.case_id, EVENTS.c.seq)):
                e = dict(zip(_EVENT_KEYS, values))
                e["id"], e["at"], e["reason"] = str(e["id"]), wire_time(e["at"]), e["reason"] or ""
                if isinstance(payload, str):  # the stored JSON text (SQLite); PostgreSQL's driver reads it
                    e["payload"] = payload if payload not in ("null", "") else {}
                else:
                    e["payload"] = dict(payload or {})
                events.setdefault(case_id, []).append(e)
            for row in conn.execute(select(*case_cols).where(CASES.c.id.in_(chunk))):
                snap = dict(zip(CASE_FIELDS, row))
                for f in _TIME_KEYS:
                    if snap[f] is not None:
                        snap[f] = snap[f].isoformat()
                snap["id"] = str(snap["id"])
                if snap["merged_into_id"] is not None:
                    snap["merged_into_id"] = str(snap["merged_into_id"])
                snap["assist_departments"] = list(snap["assist_departments"] or [])
                snap["events"] = events.get(row.id, [])
                if fmt == "rows":
                    out.append((row.id, row.version, dumps_text(snapshot_to_row(snap))))
                    continue
                for e in snap["events"]:  # stored text spliced in as it is
                    if isinstance(e["payload"], str):
                        e["payload"] = orjson.Fragment(e["payload"])
                out.append((row.id, row.version, dumps_text(snap)))
        return out

    def _snapshots(self, conn: Connection, ids: list[str]) -> list[dict]:
        if not ids:
            return []
        out = []
        for i in range(0, len(ids), 900):
            chunk = ids[i:i + 900]
            rows = {r.id: r for r in conn.execute(select(CASES).where(CASES.c.id.in_(chunk))).mappings()}
            events: dict[str, list] = {}
            for e in conn.execute(select(EVENTS).where(EVENTS.c.case_id.in_(chunk))
                                  .order_by(EVENTS.c.case_id, EVENTS.c.seq)).mappings():
                events.setdefault(e["case_id"], []).append(e)
            out += [case_to_wire(dict(rows[c]), events.get(c, [])) for c in chunk if c in rows]
        return out

    # -- reads and department actions ---------------------------------------------------
    def get(self, caller: Caller, ref: str) -> dict:
        with self.db.read() as conn:
            row = _find(conn, ref)
            if row is None or not visible(row, caller):
                raise NotVisible(f"no case {ref}")
            return self._snapshots(conn, [row.id])[0]

    def list_cases(self, caller: Caller, state: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        q = select(CASES)
        if state:
            q = q.where(CASES.c.state == state)
        if caller.role == "liaison":
            q = q.where(CASES.c.lead_department == (caller.department or "\x00"))
        q = q.order_by(CASES.c.created_at.desc()).limit(max(1, min(limit, 500))).offset(max(0, offset))
        with self.db.read() as conn:
            return [case_to_wire(dict(r), []) for r in conn.execute(q).mappings()]

    def act(self, caller: Caller, ref: str, action: str, reason: str = "", payload: dict | None = None) -> dict:
        """One workflow action taken on the server (a department's sign-for, return,
        extension, reply; a team lead's approval). Raises WorkflowError or NotVisible."""
        payload = dict(payload or {})
        with self.db.write() as conn:
            row = _find(conn, ref)
            if row is None or not visible(row, caller):
                raise NotVisible(f"no case {ref}")
            case = _namespace(row)
            if action == "merge":
                target = _find(conn, str(payload.get("into") or ""))
                if target is None:
                    raise WorkflowError(case.state, action, "merge needs another, open case in `into`",
                                        "merge_target_unknown", number=str(payload.get("into") or "")[:40])
                merge_target_refusal(case, target)
                payload["into"], payload["into_id"] = target.number, target.id
            event = self._transition(caller, Path.API, case, action, reason, payload, self.clock())
            if action in ("edit", "answer"):
                names = payload.get("fields") or {} if action == "edit" else ("answer",)
                case.field_versions = {**(case.field_versions or {}), **{n: case.version for n in names}}
            _write_case(conn, case, new=False)
            conn.execute(insert(EVENTS), [event])
            conn.execute(insert(CHANGES), [{"case_id": case.id, "lead_department": case.lead_department}])
            return self._snapshots(conn, [case.id])[0]

    def create(self, fields: dict, caller: Caller, station: str = WEB_STATION) -> dict:
        """A case filed on the server itself by `caller` (Open311's system account),
        numbered `CD-WEB-YYYYMMDD-NNNN`."""
        now = self.clock()
        with self.db.write() as conn:
            case = _blank(str(new_id()))
            for k, v in fields.items():
                setattr(case, k, v)
            case.number, case.station, case.created_at = _next_number(conn, station, now), station, now
            creation = {f: getattr(case, f) for f in CREATION_FIELDS} | {"created_at": now.isoformat()}
            event = self._transition(caller, Path.OPEN311, case, "receive", "", {"case": creation}, now)
            case.field_versions = {f: 1 for f in EDITABLE_FIELDS}
            _write_case(conn, case, new=True)
            conn.execute(insert(EVENTS), [event])
            conn.execute(insert(CHANGES), [{"case_id": case.id, "lead_department": case.lead_department}])
            return self._snapshots(conn, [case.id])[0]

    def _transition(self, caller: Caller, path: Path, case, action: str, reason: str, payload: dict,
                    at: datetime, event_id: str | None = None, device_id: str | None = None) -> dict:
        """Every write's one way in: `caller` (the authenticated account) is authorized
        for `action` on `case` through `path`, and is the event's actor and role."""
        before = case.state
        after = authorize(caller, path, action, case, reason, payload)
        actor, role = caller.login, caller.role
        try:
            apply_action(case, action, after, payload, at, self.policy)
        except (PolicyError, KeyError, ValueError, TypeError) as exc:
            raise WorkflowError(before, action, f"bad payload: {exc}", "bad_payload") from None
        after = State(case.state)  # the lifecycle's word: the last unreached callback try closes the case
        stored = {k: (str(v) if isinstance(v, uuid.UUID) else v) for k, v in payload.items()}
        return {"id": event_id or str(new_id()), "case_id": case.id, "seq": case.version, "kind": action,
                "actor": actor, "actor_role": role, "at": at, "from_state": before, "to_state": after.value,
                "reason": reason or "", "payload": stored, "device_id": device_id}


@dataclass(eq=False)
class _PushJob:
    caller: Caller
    device_id: str
    ops: list
    sent_at: str
    client_epoch: str | None
    plain: bool
    result: dict | None = None
    error: BaseException | None = None
    done: bool = False


class _Batch:
    """One push batch: everything it reads is loaded up front, everything it
    writes goes out in a few executemany statements at the end."""

    def __init__(self, book: Casebook, conn: Connection, caller: Caller, device_id: str, ops: list[dict],
                 plain: bool = False):
        self.book, self.conn, self.caller, self.device_id, self.plain = book, conn, caller, device_id, plain
        self.now = book.clock()
        self.station = device_station(conn, device_id)  # its cases' numbers must be in this range
        op_ids = [str(op.get("op_id")) for op in ops]
        if conn.dialect.name == "sqlite":  # straight from the driver (2,000 ids in an IN list)
            self.stored = {op_id: SimpleNamespace(op_id=op_id, body_hash=h, result=None if r is None else loads(r))
                           for op_id, h, r in _sqlite_in(conn, "SELECT op_id, body_hash, result FROM applied_ops "
                                                               "WHERE device_id = ? AND op_id IN (%s)", op_ids,
                                                         (device_id,))}
        else:
            self.stored = {r.op_id: r for r in conn.execute(
                select(APPLIED.c.op_id, APPLIED.c.body_hash, APPLIED.c.result).where(
                    APPLIED.c.device_id == device_id, APPLIED.c.op_id.in_(op_ids)))}
        case_ids, numbers, event_ids = set(), set(), []
        for op in ops:
            if op.get("malformed") or op.get("kind") != "case_event":
                continue  # rejected in apply, before anything of it is read
            p = op.get("payload") or {}
            ev = p.get("event") or {}
            if p.get("case_id"):
                case_ids.add(str(p["case_id"]))
            into = (ev.get("payload") or {}).get("into_id")
            if into:
                case_ids.add(str(into))
            if ev.get("kind") == "receive":
                numbers.add(str(p.get("case_number") or ""))
                numbers.add(str(((ev.get("payload") or {}).get("case") or {}).get("number") or ""))
            if ev.get("id"):
                event_ids.append(str(ev["id"]))
        self.cases = {}
        if case_ids:
            for r in conn.execute(select(CASES).where(CASES.c.id.in_(list(case_ids)))):
                self.cases[r.id] = _namespace(r)
        self.numbers = _present(conn, CASES.c.number, list(numbers))
        self.event_ids = _present(conn, EVENTS.c.id, event_ids)
        self.new_cases: set[str] = set()
        self.dirty: set[str] = set()
        self.events: list[dict] = []
        self.changes: list[dict] = []
        self.applied: list[dict] = []

    def apply(self, op: dict, sent_at: str) -> dict:
        op_id = str(op.get("op_id") or "")
        kind = op.get("kind") or ""
        payload = op.get("payload") or {}
        h = body_hash(kind, payload, self.plain)
        case_id = str(payload.get("case_id") or "")
        if op_id in self.stored:
            prior = self.stored[op_id]
            if prior.body_hash != h:
                return {"op_id": op_id, "status": "refused", "case_id": case_id,
                        "reason": "this operation id was already used with a different body; refused"}
            return {**prior.result, "replayed": True}
        try:
            uuid.UUID(op_id)
        except ValueError:
            return {"op_id": op_id, "status": "refused", "case_id": case_id, "reason": "op_id is not a UUID"}
        try:
            if op.get("malformed"):
                raise WorkflowError("-", kind, op["malformed"])
            result = self._apply(op_id, kind, payload, op.get("server_base"), sent_at)
        except WorkflowError as exc:
            # the reason can quote the op's data; the code and its parameters say it in any language
            result = {"status": "rejected", "reason": scrub(str(exc)), "code": exc.code,
                      "params": {k: scrub(v) for k, v in exc.params.items()}}
        result = {"op_id": op_id, "case_id": case_id, **result}
        self.applied.append({"device_id": self.device_id, "op_id": op_id, "seq": int(op.get("seq") or 0),
                             "body_hash": h, "status": result["status"], "result": result, "at": self.now})
        self.stored[op_id] = SimpleNamespace(op_id=op_id, body_hash=h, result=result)
        return result

    def _apply(self, op_id: str, kind: str, p: dict, server_base, sent_at: str) -> dict:
        if kind != "case_event":
            raise WorkflowError("-", kind or "?", f"unknown operation kind {kind!r}")
        ev = p.get("event") or {}
        action = str(ev.get("kind") or "")
        case_id, ev_payload = str(p.get("case_id") or ""), dict(ev.get("payload") or {})
        self._check_claims(action, ev)
        event_id = str(ev.get("id") or "")
        try:
            uuid.UUID(event_id)
            uuid.UUID(case_id)
        except ValueError:
            raise WorkflowError("-", action, "event id and case id must be UUIDs") from None
        if event_id in self.event_ids:
            raise WorkflowError("-", action, "this event is already recorded (sent under another operation id)")
        age = age_of(str(ev.get("at") or ""), sent_at)
        at = self.now - age
        if action == "receive":
            return self._receive(case_id, event_id, ev, ev_payload, at, str(p.get("case_number") or ""))
        case = self.cases.get(case_id)
        if case is None:
            raise WorkflowError("-", action, f"the server has no case {p.get('case_number') or case_id}")
        at = min(max(at, case.updated_at or at), self.now)  # never before the case's last event
        base = int(server_base if server_base is not None else p.get("base_version") or 0)
        version_before = case.version
        conflicts = []
        trial = SimpleNamespace(**vars(case))  # a shallow copy (copy.copy goes the slow way of __reduce_ex__)
        trial.field_versions = dict(case.field_versions or {})
        if action == "merge":
            target = self.cases.get(str(ev_payload.get("into_id") or ""))
            if target is None:
                raise WorkflowError(case.state, action, "the case to merge into is unknown here",
                                    "merge_target_unknown", number=str(ev_payload.get("into") or "")[:40])
            merge_target_refusal(case, target)
            ev_payload["into_id"] = target.id
        if action == "edit":
            wanted = dict(ev_payload.get("fields") or {})
            kept = {}
            for name, value in wanted.items():
                if name not in EDITABLE_FIELDS:
                    raise WorkflowError(case.state, action, f"not editable: {name}")
                if trial.field_versions.get(name, 0) <= base or getattr(trial, name) == value:
                    kept[name] = value
                else:
                    conflicts.append({"field": name, "base": self._value_at(case, name, base), "mine": value,
                                      "server": getattr(trial, name)})
            if not kept:
                authorize(self.caller, Path.PUSH, action, case, ev.get("reason") or "", {"fields": wanted})
                return {"status": "merged", "version": case.version, "conflicts": conflicts,
                        "reason": "every field was changed on the server meanwhile; the server kept its values"}
            ev_payload["fields"] = kept
        event = self.book._transition(self.caller, Path.PUSH, trial, action, ev.get("reason") or "",
                                      ev_payload, at, event_id, self.device_id)
        if action == "edit":
            for name in ev_payload["fields"]:
                trial.field_versions[name] = trial.version
        elif action == "answer":
            trial.field_versions["answer"] = trial.version
        self.cases[case_id] = trial
        self._record(trial, event, new=False)
        status = "applied" if base == version_before and not conflicts else "merged"
        return {"status": status, "version": trial.version, "conflicts": conflicts}

    def _check_claims(self, action: str, ev: dict) -> None:
        """Who acted is the pushing account: an event that names another actor or role is refused."""
        actor, role = ev.get("actor"), ev.get("actor_role")
        if actor in (None, "", self.caller.login) and role in (None, "", self.caller.role):
            return
        actor, role = str(actor or "?")[:64], str(role or "?")[:64]  # the body's words: never a long echo
        raise Forbidden("-", action, f"the event names {actor} ({role}) as its actor, but it was "
                                         f"pushed with the sign-in of {self.caller.login} ({self.caller.role}); "
                                         f"a console pushes only the signed-in account's own actions")

    def _receive(self, case_id: str, event_id: str, ev: dict, ev_payload: dict, at: datetime,
                 op_number: str) -> dict:
        data = dict(ev_payload.get("case") or {})
        number = data.get("number")
        if case_id in self.cases:
            raise WorkflowError("-", "receive", "a case with this id already exists")
        if not isinstance(number, str) or not number or number != op_number:
            raise WorkflowError("-", "receive", "the case number is missing or differs from the operation's")
        refusal = number_refusal(number, self.station)
        if refusal:
            raise WorkflowError("-", "receive", refusal)
        if number in self.numbers:
            raise WorkflowError("-", "receive", f"case number {number!r} is already taken")
        problems = receive_problems(data, self.book.codes)  # the console's own intake rules
        if problems:
            raise WorkflowError("draft", "receive", "; ".join(problems))
        case = _blank(case_id)
        for f in CREATION_FIELDS:
            if f in data and data[f] is not None:
                setattr(case, f, data[f])
        case.created_at, case.station = at, self.station
        event = self.book._transition(self.caller, Path.PUSH, case, "receive", ev.get("reason") or "",
                                      ev_payload, at, event_id, self.device_id)
        case.field_versions = {f: case.version for f in EDITABLE_FIELDS}
        self.cases[case_id] = case
        self.numbers.add(number)
        self._record(case, event, new=True)
        return {"status": "applied", "version": case.version, "conflicts": []}

    def _record(self, case, event: dict, new: bool) -> None:
        if new:
            self.new_cases.add(case.id)
        elif case.id not in self.new_cases:
            self.dirty.add(case.id)
        self.events.append(event)
        self.event_ids.add(event["id"])
        self.changes.append({"case_id": case.id, "lead_department": case.lead_department})

    def _value_at(self, case, name: str, version: int) -> str:
        """The value a free-text field had at `version`, read back from the events."""
        value = ""
        pending = [e for e in self.events if e["case_id"] == case.id]
        stored = self.conn.execute(select(EVENTS.c.seq, EVENTS.c.kind, EVENTS.c.payload).where(
            EVENTS.c.case_id == case.id, EVENTS.c.seq <= version).order_by(EVENTS.c.seq)).all()
        for seq, kind, payload in [(r.seq, r.kind, r.payload) for r in stored] + \
                [(e["seq"], e["kind"], e["payload"]) for e in pending if e["seq"] <= version]:
            payload = payload or {}
            if kind == "receive":
                value = str((payload.get("case") or {}).get(name) or "")
            elif kind == "edit" and name in (payload.get("fields") or {}):
                value = str(payload["fields"][name])
            elif kind == "answer" and name == "answer":
                value = str(payload.get("answer") or "")
        return value

    def flush(self) -> None:
        conn = self.conn
        if conn.dialect.name == "sqlite":  # straight to the driver, in the form SQLAlchemy stores values
            add = lambda table, rows: raw_insert(conn, table.name, rows)  # noqa: E731
        else:
            add = lambda table, rows: conn.execute(insert(table), rows)  # noqa: E731
        if self.new_cases:
            add(CASES, [_row(self.cases[c]) for c in self.new_cases])
        if self.dirty:
            cols = [c for c in _ROW_COLUMNS if c != "id"]
            stmt = update(CASES).where(CASES.c.id == bindparam("_id")).values(
                {c: bindparam(f"b_{c}") for c in cols})
            conn.execute(stmt, [{"_id": c, **{f"b_{k}": v for k, v in _row(self.cases[c]).items() if k != "id"}}
                                for c in self.dirty])
        if self.events:
            add(EVENTS, self.events)
        if self.changes:
            add(CHANGES, self.changes)
        if self.applied:
            add(APPLIED, self.applied)


# -- snapshots written by SQLite (the pull's hot path on SQLite) ------------------------------
_D = "[0-9]"
_STORED_TIME = f"{_D * 4}-{_D * 2}-{_D * 2} {_D * 2}:{_D * 2}:{_D * 2}.{_D * 6}"  # how SQLAlchemy stores a DateTime
_BOOL_FIELDS = frozenset({"satisfied", "resolved", "repeat_caller", "confidential", "leader_pick"})


def _wire_time_sql(x: str) -> str:
    """SQL: the stored time `x` as `datetime.isoformat()` writes it (no fraction when it is 0)."""
    return (f"substr({x}, 1, 10) || 'T' || "
            f"CASE WHEN substr({x}, 20) = '.000000' THEN substr({x}, 12, 8) ELSE substr({x}, 12) END")


def _time_ok_sql(x: str) -> str:
    return f"({x} IS NULL OR {x} GLOB '{_STORED_TIME}')"


def _case_value_sql(f: str) -> str:
    if f in TIME_FIELDS:
        return _wire_time_sql(f)
    if f in _BOOL_FIELDS:
        return f"json(CASE WHEN {f} IS NULL THEN NULL WHEN {f} THEN 'true' ELSE 'false' END)"
    if f == "assist_departments":
        return "json(CASE WHEN assist_departments IS NULL OR assist_departments = 'null' THEN '[]' ELSE assist_departments END)"
    return f


def _case_json_sql(fmt: str) -> str:
    values = [_case_value_sql(f) for f in CASE_FIELDS]
    text = ("json_object(" + ", ".join(f"'{f}', {v}" for f, v in zip(CASE_FIELDS, values)) + ")" if fmt == "objects"
            else "json_array(" + ", ".join(values) + ")")
    return ("SELECT id, version, " + text + ", "
            + " AND ".join([_time_ok_sql(f) for f in CASE_FIELDS if f in TIME_FIELDS]
                           + ["(assist_departments IS NULL OR substr(assist_departments, 1, 1) IN ('[', 'n'))"])
            + " FROM cases WHERE id IN (%s)")


def _event_json_sql(fmt: str) -> str:
    values = [_wire_time_sql("at") if f == "at" else "coalesce(reason, '')" if f == "reason" else f
              for f in EVENT_FIELDS if f != "payload"]
    payload = "CASE WHEN payload IS NULL OR payload IN ('null', '') THEN '{}' ELSE payload END"
    text = ("json_object(" + ", ".join(f"'{f}', {v}" for f, v in zip(EVENT_FIELDS, values)) + ")" if fmt == "objects"
            else f"json_array({', '.join(values)}, {payload})")  # the payload as its text, a JSON string
    spliced = payload if fmt == "objects" else "NULL"  # a row carries its payload already
    return ("SELECT case_id, " + text + f", {spliced}, "
            + _time_ok_sql("at") + " AND typeof(payload) IN ('text', 'null')"
            + " FROM case_events WHERE case_id IN (%s) ORDER BY case_id, seq")


_JSON_SQL = {fmt: (_case_json_sql(fmt), _event_json_sql(fmt)) for fmt in PAGE_FORMATS}


def _sqlite_wire_texts(conn: Connection, ids: list[str], fmt: str = "objects") -> list[tuple[str, int, str]] | None:
    """(id, version, JSON text) of each case in page format `fmt`, the JSON written by
    SQLite's json_object / json_array straight from the stored values (no Python object
    per value), the stored event payloads spliced in as the JSON text they are (as a
    JSON string, in rows). The same JSON `_wire_texts_rows` writes; None when a stored
    value is not in the form this relies on (a time not in SQLAlchemy's stored form
    ...), and the rows are then read the usual way."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    case_sql, event_sql = _JSON_SQL[fmt]
    cursor = conn.connection.cursor()  # the connection's own DB-API connection
    try:
        events: dict[str, list[str]] = {}
        for case_id, text, payload, ok in cursor.execute(event_sql % marks, ids):
            if not ok:
                return None
            events.setdefault(case_id, []).append(f'{text[:-1]},"payload":{payload}}}' if fmt == "objects" else text)
        out = []
        for case_id, version, text, ok in cursor.execute(case_sql % marks, ids):
            if not ok:
                return None
            tail = f',"events":[{",".join(events.get(case_id, ()))}]}}' if fmt == "objects" else \
                f',[{",".join(events.get(case_id, ()))}]]'
            out.append((case_id, version, text[:-1] + tail))
        return out
    except sqlite3.Error:  # e.g. stored JSON text SQLite can't read
        return None
    finally:
        cursor.close()


def _sqlite_in(conn: Connection, sql: str, values: list, before: tuple = ()) -> list[tuple]:
    """Rows of `sql` (its IN list written as %s) for `values`, 900 at a time, on the driver."""
    out = []
    cursor = conn.connection.cursor()
    try:
        for i in range(0, len(values), 900):
            chunk = values[i:i + 900]
            out += cursor.execute(sql % ", ".join("?" * len(chunk)), (*before, *chunk)).fetchall()
    finally:
        cursor.close()
    return out


def _present(conn: Connection, column, values: list[str]) -> set:
    """Which of `values` the string column `column` holds."""
    if not values:
        return set()
    if conn.dialect.name == "sqlite":
        return {r[0] for r in _sqlite_in(conn, f"SELECT {column.name} FROM {column.table.name} "
                                               f"WHERE {column.name} IN (%s)", values)}
    return set(conn.scalars(select(column).where(column.in_(values))))


def _blank(case_id: str) -> SimpleNamespace:
    ns = SimpleNamespace(**{c: None for c in _ROW_COLUMNS})
    ns.id, ns.state, ns.version = case_id, State.DRAFT.value, 0
    ns.urgency, ns.channel, ns.address, ns.description, ns.answer = "normal", "phone", "", "", ""
    ns.caller_phone, ns.caller_name, ns.assist_departments, ns.station = "", "", [], ""
    ns.repeat_caller = ns.confidential = ns.leader_pick = False
    ns.supervised = ns.return_count = ns.extension_count = ns.callback_attempts = 0
    ns.field_versions = {}
    return ns


def _next_number(conn: Connection, station: str, now: datetime) -> str:
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


def _namespace(row) -> SimpleNamespace:
    data = dict(row._mapping)
    data["assist_departments"] = list(data.get("assist_departments") or [])
    data["field_versions"] = dict(data.get("field_versions") or {})
    return SimpleNamespace(**data)


def _row(ns) -> dict:
    out = {c: getattr(ns, c) for c in _ROW_COLUMNS}
    if out["merged_into_id"] is not None:
        out["merged_into_id"] = str(out["merged_into_id"])
    return out


def _write_case(conn: Connection, case, new: bool) -> None:
    row = _row(case)
    if new:
        conn.execute(insert(CASES), [row])
    else:
        conn.execute(update(CASES).where(CASES.c.id == case.id).values({k: v for k, v in row.items() if k != "id"}))


def _find(conn: Connection, ref: str):
    ref = str(ref or "").strip()
    row = conn.execute(select(CASES).where(CASES.c.number == ref)).first()
    if row is None:
        row = conn.execute(select(CASES).where(CASES.c.id == ref)).first()
    return row

