"""One push batch on the server: everything it reads is loaded up front, everything it
writes goes out in a few executemany statements at the end (a batch of 500
operations is a handful of statements, not 3,000)."""
from __future__ import annotations

import uuid
from datetime import datetime
from types import SimpleNamespace

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.sql import bindparam

from console.permissions import Forbidden, Path, authorize
from console.redact import scrub
from console.workflow import EDITABLE_FIELDS, WorkflowError, merge_target_refusal

from ..protocol import CREATION_FIELDS, age_of, body_hash
from ..rawsql import raw_insert
from . import blobs
from .access import Caller
from .case_rows import APPLIED, CASES, CHANGES, EVENTS, ROW_COLUMNS, Rules, blank, namespace, row, transition
from .inbound import receive_problems
from .stations import device_station, number_refusal


class Batch:
    """One push batch in its write transaction `conn`."""

    def __init__(self, rules: Rules, conn: Connection, caller: Caller, device_id: str, ops: list[dict],
                 plain: bool = False):
        self.rules, self.conn, self.caller, self.device_id, self.plain = rules, conn, caller, device_id, plain
        self.now = rules.clock()
        self.station = device_station(conn, device_id)  # its cases' numbers must be in this range
        op_ids = [str(op.get("op_id")) for op in ops]
        self.stored = {r.op_id: SimpleNamespace(op_id=r.op_id, body_hash=r.body_hash, result=r.result)
                       for i in range(0, len(op_ids), 900) for r in conn.execute(
                           select(APPLIED.c.op_id, APPLIED.c.body_hash, APPLIED.c.result).where(
                               APPLIED.c.device_id == device_id, APPLIED.c.op_id.in_(op_ids[i:i + 900])))}
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
                self.cases[r.id] = namespace(r)
        self.numbers = present(conn, CASES.c.number, list(numbers))
        self.event_ids = present(conn, EVENTS.c.id, event_ids)
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
            result = {"status": "rejected", "reason": scrub(str(exc)), "code": exc.code, "state": exc.state,
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
        if action == "attach":
            blobs.require(self.rules.blobs, case.state, ev_payload)
        event = transition(self.rules.policy, self.caller, Path.PUSH, trial, action, ev.get("reason") or "",
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
        problems = receive_problems(data, self.rules.codes)  # the console's own intake rules
        if problems:
            raise WorkflowError("draft", "receive", "; ".join(problems))
        case = blank(case_id)
        for f in CREATION_FIELDS:
            if f in data and data[f] is not None:
                setattr(case, f, data[f])
        case.created_at, case.station = at, self.station
        event = transition(self.rules.policy, self.caller, Path.PUSH, case, "receive", ev.get("reason") or "",
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
        for kind, payload in [(r.kind, r.payload) for r in stored] + \
                [(e["kind"], e["payload"]) for e in pending if e["seq"] <= version]:
            payload = payload or {}
            if kind == "receive":
                value = str((payload.get("case") or {}).get(name) or "")
            elif kind == "edit" and name in (payload.get("fields") or {}):
                value = str(payload["fields"][name])
            elif kind == "answer" and name == "answer":
                value = str(payload.get("answer") or "")
        return value

    def flush(self) -> None:
        """Write the batch: new cases, changed cases, events, the change feed, the results."""
        conn = self.conn
        if self.new_cases:
            add(conn, CASES, [row(self.cases[c]) for c in self.new_cases])
        if self.dirty:
            cols = [c for c in ROW_COLUMNS if c != "id"]
            stmt = update(CASES).where(CASES.c.id == bindparam("_id")).values(
                {c: bindparam(f"b_{c}") for c in cols})
            conn.execute(stmt, [{"_id": c, **{f"b_{k}": v for k, v in row(self.cases[c]).items() if k != "id"}}
                                for c in self.dirty])
        if self.events:
            add(conn, EVENTS, self.events)
        if self.changes:
            add(conn, CHANGES, self.changes)
        if self.applied:
            add(conn, APPLIED, self.applied)


def present(conn: Connection, column, values: list[str]) -> set:
    """Which of `values` the string column `column` holds."""
    return {v for i in range(0, len(values), 900)
            for v in conn.scalars(select(column).where(column.in_(values[i:i + 900])))}


def add(conn: Connection, table, rows: list[dict]) -> None:
    """Insert `rows` into `table` in one executemany: on SQLite straight to the driver, in
    the forms SQLAlchemy stores (sync.rawsql; SQLAlchemy's per-row parameter processing
    would cost a fifth of the push)."""
    if conn.dialect.name == "sqlite":
        raw_insert(conn, table.name, rows)
    else:
        conn.execute(insert(table), rows)
