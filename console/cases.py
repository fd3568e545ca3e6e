"""The case store: every change is an event, the case row and an outbox row,
written in one transaction; listeners hear about it after the commit."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from models import Case, CaseAlias, CaseEvent, Department, Outbox, StateCount
from models.base import new_id
from models.db import Database
from sync.protocol import CREATION_FIELDS

from . import audit
from .clock import CITY_TZ, utcnow
from .deadlines import SlaPolicy, load_policy
from .dto import Actor, CaseDetail, CaseSummary, EventView, MergedCase
from .knowledge import learning
from .lifecycle import apply_action
from .redact import redact
from .signals import CasesChanged, Signal, cases_changed
from .stations import current_station
from .workflow import OPEN_STATES, State, WorkflowError, check, merge_target_refusal, sub_dispatch_refusal


class CaseNotFound(LookupError):
    """No case with that number or id."""


def summary(c: Case, merged_number: str | None = None) -> CaseSummary:
    """A plain snapshot of an ORM case row."""
    return CaseSummary(
        id=c.id, number=c.number, state=c.state, type=c.type, urgency=c.urgency, channel=c.channel,
        category_code=c.category_code, district=c.district_code, address=c.address,
        description=c.description, caller_phone=c.caller_phone, caller_name=c.caller_name,
        lead_department=c.lead_department, assist_departments=list(c.assist_departments or []),
        deadline=c.deadline, sign_deadline=c.sign_deadline, reply_deadline=c.reply_deadline,
        created_at=c.created_at, updated_at=c.updated_at, repeat_caller=c.repeat_caller,
        supervised=c.supervised, instruction_level=c.instruction_level, leader_pick=c.leader_pick,
        satisfied=c.satisfied, resolved=c.resolved, knowledge_article_id=c.knowledge_article_id,
        merged_into=merged_number, answer=c.answer, version=c.version, satisfaction=c.satisfaction,
        callback_attempts=c.callback_attempts or 0, contact_deadline=c.contact_deadline, contacted_at=c.contacted_at,
        extension_requested=c.extension_requested, return_count=c.return_count or 0, returned_from=c.returned_from,
        suggested_unit=c.suggested_unit, binding_unit=c.binding_unit,
        upper_units=tuple(u for u in (c.upper_units or "").split(",") if u),
        unit_contacted_at=c.unit_contacted_at)


def event_view(e: CaseEvent) -> EventView:
    return EventView(e.id, e.seq, e.kind, e.actor, e.actor_role, e.at, e.from_state, e.to_state,
                     e.reason, dict(e.payload or {}))


class CaseService:
    """Create cases and move them through the workflow, one transaction each."""

    def __init__(self, db: Database, policy: SlaPolicy | None = None, station: str | None = None,
                 prefix: str = "CD", bus: Signal = cases_changed, clock: Callable[[], datetime] = utcnow):
        self.db = db
        self.policy = policy or load_policy()
        self._station = station  # None: the profile's setting, read when a case is numbered
        self.prefix = prefix
        self.bus = bus
        self.clock = clock

    @property
    def station(self) -> str:
        """The station new cases are numbered in: the profile's setting (which the sync
        changes when the central server assigns one), unless one was given."""
        if self._station:
            return self._station
        with self.db.session() as s:
            return current_station(s)

    @station.setter
    def station(self, value: str | None) -> None:
        self._station = value

    # -- reading --------------------------------------------------------------------
    def get(self, ref: str | uuid.UUID, reader: str | None = None) -> CaseDetail:
        """The case by number or id, with its events in order. With `reader` (the login of
        the person who will see the caller's name and phone) the read is audited."""
        with self.db.session() as s:
            c = self._find(s, ref)
            events = s.scalars(select(CaseEvent).where(CaseEvent.case_id == c.id).order_by(CaseEvent.seq)).all()
            detail = CaseDetail(summary(c, self._merged_number(s, c)), [event_view(e) for e in events],
                                merged_cases(s, c.id))
        if reader and (detail.case.caller_name or detail.case.caller_phone or detail.merged):
            audit.record(self.db, reader, audit.READ_PERSONAL, detail.case.number)
        return detail

    def list_cases(self, state: str | None = None, overdue: bool = False, limit: int = 50,
                   offset: int = 0) -> list[CaseSummary]:
        """Cases newest first, or for `overdue` the open ones past their deadline, worst first."""
        q = select(Case)
        if state:
            q = q.where(Case.state == state)
        if overdue:
            q = q.where(Case.deadline.is_not(None), Case.deadline < self.clock()).order_by(Case.deadline)
        else:
            q = q.order_by(Case.created_at.desc())
        with self.db.session() as s:
            return [summary(c) for c in s.scalars(q.limit(limit).offset(offset))]

    def state_counts(self) -> dict[str, int]:
        """The maintained count of cases per state."""
        with self.db.session() as s:
            return {row.state: row.n for row in s.scalars(select(StateCount))}

    # -- writing --------------------------------------------------------------------
    def create(self, s: Session, fields: dict, actor: Actor, at: datetime | None = None,
               handle_seconds: int | None = None) -> Case:
        """Add a received case inside the caller's transaction (used by intake and import).

        `handle_seconds`, for a case logged from a call, is the call's answer -> save time;
        the receive event carries it for the operators' average handling time."""
        at = at or self.clock()
        station = self._station or current_station(s)
        case = Case(id=fields.pop("id", None) or new_id(), number=next_number(s, self.prefix, station, at),
                    station=station, state=State.DRAFT.value, created_at=at, updated_at=at,
                    operator_id=actor.operator_id, version=0, **fields)
        s.add(case)
        payload: dict = {"case": _creation_payload(case)}
        if handle_seconds is not None:
            payload["handle_seconds"] = max(0, int(handle_seconds))
        self.record(s, case, "receive", actor, "", payload, at)
        return case

    def act(self, ref: str | uuid.UUID, action: str, actor: Actor, reason: str = "",
            payload: dict | None = None, expected_version: int | None = None) -> CaseSummary:
        """Take `action` on a case; raise WorkflowError (nothing written) when refused."""
        payload = dict(payload or {})
        with self.db.session() as s, s.begin():
            case = self._find(s, ref)
            if expected_version is not None and case.version != expected_version:
                raise WorkflowError(case.state, action, "the case changed meanwhile; reload it and try again",
                                    "stale_version")
            if action == "merge":
                try:
                    target = self._find(s, payload.get("into") or "")
                except CaseNotFound:
                    raise WorkflowError(case.state, action, f"no case {str(payload.get('into'))[:40]}",
                                        "merge_target_unknown", number=str(payload.get("into"))[:40]) from None
                merge_target_refusal(case, target)
                payload["into"], payload["into_id"] = target.number, target.id
            if action == "sub_dispatch" and isinstance(payload.get("unit"), str):
                above = s.scalar(select(Department.parent_code).where(Department.code == payload["unit"]))
                sub_dispatch_refusal(case, payload["unit"], above)
            self.record(s, case, action, actor, reason, payload, self.clock())
            result = summary(case)
        self.bus.emit(CasesChanged((case.id,), action))
        return result

    def record(self, s: Session, case: Case, action: str, actor: Actor, reason: str, payload: dict,
               at: datetime) -> CaseEvent:
        """Take `action` on `case` inside the caller's transaction: the workflow's check, the
        case's new state, its event and the outbox operation that carries it (WorkflowError,
        nothing written, when refused). Intake records a new case's dispatch or answer with it."""
        before = case.state
        base_version = case.version
        apply_action(case, action, check(before, action, actor.role, reason, payload), payload, at, self.policy)
        after = State(case.state)  # the lifecycle has the last word (an unreachable citizen closes the case)
        if action == "answer" and payload.get("article_id"):
            _learn_from_answer(s, case, str(payload["article_id"]), at)
        stored_payload = {k: (str(v) if isinstance(v, uuid.UUID) else v) for k, v in payload.items()}
        seq = base_version + 1
        event = CaseEvent(id=new_id(), case_id=case.id, seq=seq, kind=action, actor=actor.login,
                          actor_role=actor.role, at=at, from_state=before, to_state=after.value,
                          reason=reason or "", payload=stored_payload)
        s.add(event)
        if before != after.value:
            if before != State.DRAFT:
                _bump_count(s, before, -1)
            _bump_count(s, after.value, +1)
        s.add(Outbox(op_id=new_id(), kind="case_event", case_id=case.id, created_at=at, payload={
            "case_id": str(case.id), "case_number": case.number, "base_version": base_version,
            "event": {"id": str(event.id), "seq": seq, "kind": action, "actor": actor.login,
                      "actor_role": actor.role, "at": at.isoformat(), "from_state": before,
                      "to_state": after.value, "reason": reason or "", "payload": stored_payload}}))
        return event

    def _find(self, s: Session, ref: str | uuid.UUID) -> Case:
        case = None
        if isinstance(ref, uuid.UUID):
            case = s.get(Case, ref)
        else:
            text = str(ref).strip()
            case = s.scalar(select(Case).where(Case.number == text))
            if case is None:  # a number the case had before (provisional, or set aside after a clash)
                case = s.scalar(select(Case).join(CaseAlias, CaseAlias.case_id == Case.id)
                                .where(CaseAlias.number == text))
            if case is None:
                try:
                    case = s.get(Case, uuid.UUID(text))
                except ValueError:
                    pass
        if case is None:
            raise CaseNotFound(f"no case {ref}")
        return case

    @staticmethod
    def _merged_number(s: Session, c: Case) -> str | None:
        if c.merged_into_id is None:
            return None
        return s.scalar(select(Case.number).where(Case.id == c.merged_into_id))


def merged_cases(s: Session, case_id: uuid.UUID) -> list[MergedCase]:
    """The cases merged into `case_id`, oldest first, with the reason each merge gave."""
    rows = s.execute(select(Case.id, Case.number, Case.caller_phone, Case.caller_name, Case.created_at)
                     .where(Case.merged_into_id == case_id).order_by(Case.created_at)).all()
    out = []
    for cid, number, phone, name, created in rows:
        reason = s.scalar(select(CaseEvent.reason).where(CaseEvent.case_id == cid, CaseEvent.kind == "merge")
                          .order_by(CaseEvent.seq.desc()).limit(1))
        out.append(MergedCase(number, phone or "", name or "", created, reason or ""))
    return out


def next_number(s: Session, prefix: str, station: str, at: datetime) -> str:
    """The next case number of `station` for the city day of `at` (PREFIX-STATION-YYYYMMDD-NNNN),
    counted in the caller's transaction; a number some case already holds is passed over."""
    day = (at + CITY_TZ.utcoffset(None)).strftime("%Y%m%d")
    while True:
        last = s.execute(_NEXT_NUMBER, {"station": station, "day": day}).scalar_one()
        number = f"{prefix}-{station}-{day}-{last:04d}"
        if s.execute(_TAKEN, {"n": number}).first() is None:
            return number


_TAKEN = text("SELECT 1 FROM cases WHERE number = :n UNION ALL SELECT 1 FROM case_aliases WHERE number = :n")
_NEXT_NUMBER = text("INSERT INTO case_number_seq (station, day, last) VALUES (:station, :day, 1) "
                    "ON CONFLICT(station, day) DO UPDATE SET last = last + 1 RETURNING last")
_BUMP = text("INSERT INTO state_counts (state, n) VALUES (:state, :delta) "
             "ON CONFLICT(state) DO UPDATE SET n = n + :delta")


def _learn_from_answer(s: Session, case: Case, article_id: str, at: datetime) -> None:
    # Only here, where this console's operator chose the article: pulled events
    # never pass through record(), so another console's answers are not counted
    # twice. The caller's name, numbers and house numbers are taken out first:
    # kb_learned is read by team leads and must not become a list of callers.
    words = redact(case.description or "", [case.caller_name or ""]).replace("某某", " ")
    learning.learn(s.connection(), article_id, words, at)


def _bump_count(s: Session, state: str, delta: int) -> None:
    # one upsert; plain SQL so the ORM does not evaluate the session for it
    s.execute(_BUMP, {"state": state, "delta": delta})


def _creation_payload(case: Case) -> dict:
    out = {f: getattr(case, f) for f in CREATION_FIELDS}
    out["created_at"] = case.created_at.isoformat()
    return out


def recount_states(s: Session) -> None:
    """Rebuild the maintained counts from the case table (after a bulk load)."""
    s.query(StateCount).delete()
    for state, n in s.execute(select(Case.state, func.count()).group_by(Case.state)):
        s.add(StateCount(state=state, n=n))


def open_state_values() -> list[str]:
    return sorted(s.value for s in OPEN_STATES)
