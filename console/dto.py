"""Plain dataclasses the services return: no ORM objects leave console/."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from .clock import iso


@dataclass(frozen=True)
class Actor:
    """Who acts: the login, the role, and for a liaison the department."""

    login: str
    role: str
    name: str = ""
    operator_id: uuid.UUID | None = None
    department: str | None = None


@dataclass(frozen=True)
class EventView:
    id: uuid.UUID
    seq: int
    kind: str
    actor: str
    actor_role: str
    at: datetime
    from_state: str | None
    to_state: str | None
    reason: str
    payload: dict

    def to_json(self) -> dict:
        return {"id": str(self.id), "seq": self.seq, "kind": self.kind, "actor": self.actor,
                "actor_role": self.actor_role, "at": iso(self.at), "from_state": self.from_state,
                "to_state": self.to_state, "reason": self.reason, "payload": self.payload}


@dataclass(frozen=True)
class CaseSummary:
    id: uuid.UUID
    number: str
    state: str
    type: str
    urgency: str
    channel: str
    category_code: str | None
    district: str | None
    address: str
    description: str
    caller_phone: str
    caller_name: str
    lead_department: str | None
    assist_departments: list[str]
    deadline: datetime | None
    sign_deadline: datetime | None
    reply_deadline: datetime | None
    created_at: datetime
    updated_at: datetime
    repeat_caller: bool
    supervised: int
    instruction_level: str | None
    leader_pick: bool
    satisfied: bool | None
    resolved: bool | None
    knowledge_article_id: str | None
    merged_into: str | None
    answer: str
    version: int
    satisfaction: str | None = None  # satisfied, basically_satisfied, dissatisfied
    callback_attempts: int = 0
    contact_deadline: datetime | None = None  # the 1-hour progress contact of an urgent case
    contacted_at: datetime | None = None
    extension_requested: str | None = None
    return_count: int = 0
    returned_from: str | None = None  # a return under review: the state it came from
    suggested_unit: str | None = None  # the unit the returning department named responsible
    binding_unit: str | None = None  # the unit a dispute decision named responsible
    upper_units: tuple[str, ...] = ()  # the units that passed the case down (sub-dispatch)
    unit_contacted_at: datetime | None = None  # an urgent case: a unit's 24-hour contact reached (last time)

    def to_json(self) -> dict:
        return {
            "id": str(self.id), "number": self.number, "state": self.state, "type": self.type,
            "urgency": self.urgency, "channel": self.channel, "category_code": self.category_code,
            "district": self.district, "address": self.address, "description": self.description,
            "caller_phone": self.caller_phone, "caller_name": self.caller_name,
            "lead_department": self.lead_department, "assist_departments": self.assist_departments,
            "deadline": iso(self.deadline), "sign_deadline": iso(self.sign_deadline),
            "reply_deadline": iso(self.reply_deadline), "created_at": iso(self.created_at),
            "updated_at": iso(self.updated_at), "repeat_caller": self.repeat_caller,
            "supervised": self.supervised, "instruction_level": self.instruction_level,
            "leader_pick": self.leader_pick, "satisfied": self.satisfied, "resolved": self.resolved,
            "knowledge_article_id": self.knowledge_article_id, "merged_into": self.merged_into,
            "answer": self.answer, "version": self.version, "satisfaction": self.satisfaction,
            "callback_attempts": self.callback_attempts, "contact_deadline": iso(self.contact_deadline),
            "contacted_at": iso(self.contacted_at), "extension_requested": self.extension_requested,
            "return_count": self.return_count, "returned_from": self.returned_from,
            "suggested_unit": self.suggested_unit, "binding_unit": self.binding_unit,
            "upper_units": list(self.upper_units),
            "unit_contacted_at": iso(self.unit_contacted_at),
        }


@dataclass(frozen=True)
class MergedCase:
    """A case merged into another: its number, caller and when it came in; the surviving
    case's callback covers its caller too."""

    number: str
    caller_phone: str
    caller_name: str
    created_at: datetime
    reason: str

    def to_json(self) -> dict:
        return {"number": self.number, "caller_phone": self.caller_phone, "caller_name": self.caller_name,
                "created_at": iso(self.created_at), "reason": self.reason}


@dataclass(frozen=True)
class CaseDetail:
    case: CaseSummary
    events: list[EventView] = field(default_factory=list)
    merged: list[MergedCase] = field(default_factory=list)  # every case merged into this one

    def to_json(self) -> dict:
        out = self.case.to_json()
        out["events"] = [e.to_json() for e in self.events]
        out["merged"] = [m.to_json() for m in self.merged]
        return out

    def callers_to_call_back(self) -> list[tuple[str, str]]:
        """(phone, name) of everyone the callback covers: this case's caller and each merged
        case's, each number once."""
        seen, out = set(), []
        for phone, name in [(self.case.caller_phone, self.case.caller_name),
                            *((m.caller_phone, m.caller_name) for m in self.merged)]:
            if phone and phone not in seen:
                seen.add(phone)
                out.append((phone, name))
        return out


@dataclass(frozen=True)
class CallerHistory:
    phone: str
    name: str
    case_count: int
    repeat: bool
    recent: list[CaseSummary]


@dataclass(frozen=True)
class DuplicateHint:
    case: CaseSummary
    similarity: float
