"""A case row as a plain namespace, and the one way every write changes a case.

Every transition is validated with `console.workflow.check` (through
`console.permissions.authorize`) and derived with `console.lifecycle.apply_action`,
the same code the console runs, on namespaces loaded with SQLAlchemy Core.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from functools import cache, lru_cache
from types import SimpleNamespace

from sqlalchemy import Connection, insert, select, update

from console.attachments import BlobStore
from console.clock import utcnow
from console.deadlines import PolicyError, SlaPolicy, load_policy
from console.intake import ReferenceCodes
from console.lifecycle import apply_action
from console.permissions import Path, authorize
from console.refdata import seed
from console.workflow import State, WorkflowError, sub_dispatch_refusal
from models.base import new_id

from .access import Caller
from .db import CentralDB
from .models import AppliedOp, CentralCase, CentralEvent, Change
from .units import unit_codes, units

CASES = CentralCase.__table__
EVENTS = CentralEvent.__table__
CHANGES = Change.__table__
APPLIED = AppliedOp.__table__
ROW_COLUMNS = [c.name for c in CASES.columns]


@lru_cache(maxsize=1)
def reference_codes() -> ReferenceCodes:
    """The reference codes: the seed files the consoles install, the units of a city's
    own file when the server was given one (sync/server/units.py)."""
    cats = set()
    for top in seed("categories"):
        cats.add(top["code"])
        cats.update(c["code"] for c in top.get("children", []))
    return ReferenceCodes(frozenset(cats), frozenset(d["code"] for d in seed("districts")), unit_codes())


@cache
def unit_parents() -> dict[str, str | None]:
    """Every handling unit the server knows (units.py) -> the unit directly above it (None at the top)."""
    return {u.code: u.parent_code for u in units()}


def unit_refusal(case, action: str, payload: dict) -> None:
    """Raise WorkflowError when a unit an action names is unknown, or a sub-dispatch does not
    go to a unit directly below the case's lead unit."""
    parents = unit_parents()
    if action == "sub_dispatch":
        sub_dispatch_refusal(case, payload["unit"], parents.get(payload["unit"]))
        return
    named = {"decide_dispute": [payload.get("unit"), *(payload.get("assist_departments") or [])],
             "return": [payload.get("suggested_unit")]}.get(action, [])
    for unit in filter(None, named):
        if unit not in parents:
            raise WorkflowError(str(case.state), action, f"no unit {str(unit)[:32]}", "unknown_unit",
                                unit=str(unit)[:32])


class Rules:
    """What every write of the server goes by: the database, the SLA policy, the clock
    and the reference codes."""

    blobs: BlobStore  # attachment bytes (set by the Casebook: sync/server/blobs.py)

    def __init__(self, db: CentralDB, policy: SlaPolicy | None = None, clock: Callable[[], datetime] = utcnow):
        self.db = db
        self.policy = policy or load_policy()
        self.clock = clock
        self.codes = reference_codes()


def blank(case_id: str) -> SimpleNamespace:
    """A case before its `receive`: the defaults of a new row."""
    ns = SimpleNamespace(**{c: None for c in ROW_COLUMNS})
    ns.id, ns.state, ns.version = case_id, State.DRAFT.value, 0
    ns.urgency, ns.channel, ns.address, ns.description, ns.answer = "normal", "phone", "", "", ""
    ns.caller_phone, ns.caller_name, ns.assist_departments, ns.station = "", "", [], ""
    ns.repeat_caller = ns.confidential = ns.leader_pick = False
    ns.supervised = ns.return_count = ns.extension_count = ns.callback_attempts = 0
    ns.field_versions = {}
    return ns


def namespace(row) -> SimpleNamespace:
    """A `cases` row as a namespace `apply_action` may change."""
    data = dict(row._mapping)
    data["assist_departments"] = list(data.get("assist_departments") or [])
    data["field_versions"] = dict(data.get("field_versions") or {})
    return SimpleNamespace(**data)


def row(ns) -> dict:
    """A namespace back as the values of a `cases` row."""
    out = {c: getattr(ns, c) for c in ROW_COLUMNS}
    if out["merged_into_id"] is not None:
        out["merged_into_id"] = str(out["merged_into_id"])
    return out


def find(conn: Connection, ref: str):
    """The case whose number, or else whose id, is `ref` (None if none)."""
    ref = str(ref or "").strip()
    found = conn.execute(select(CASES).where(CASES.c.number == ref)).first()
    if found is None:
        found = conn.execute(select(CASES).where(CASES.c.id == ref)).first()
    return found


def store(conn: Connection, case, event: dict, new: bool) -> None:
    """Write one changed (or `new`) case, its event and its entry in the change feed."""
    values = row(case)
    if new:
        conn.execute(insert(CASES), [values])
    else:
        conn.execute(update(CASES).where(CASES.c.id == case.id).values(
            {k: v for k, v in values.items() if k != "id"}))
    conn.execute(insert(EVENTS), [event])
    conn.execute(insert(CHANGES), [{"case_id": case.id, "lead_department": case.lead_department}])


def transition(policy: SlaPolicy, caller: Caller, path: Path, case, action: str, reason: str, payload: dict,
               at: datetime, event_id: str | None = None, device_id: str | None = None) -> dict:
    """Every write's one way in: `caller` (the authenticated account) is authorized
    for `action` on `case` through `path`, and is the event's actor and role. Changes
    `case` and returns the event (a dict of `case_events` values)."""
    before = case.state
    after = authorize(caller, path, action, case, reason, payload)
    unit_refusal(case, action, payload)
    try:
        apply_action(case, action, after, payload, at, policy)
    except (PolicyError, KeyError, ValueError, TypeError) as exc:
        raise WorkflowError(before, action, f"bad payload: {exc}", "bad_payload") from None
    after = State(case.state)  # the lifecycle's word: the last unreached callback try closes the case
    stored = {k: (str(v) if isinstance(v, uuid.UUID) else v) for k, v in payload.items()}
    return {"id": event_id or str(new_id()), "case_id": case.id, "seq": case.version, "kind": action,
            "actor": caller.login, "actor_role": caller.role, "at": at, "from_state": before,
            "to_state": after.value, "reason": reason or "", "payload": stored, "device_id": device_id}
