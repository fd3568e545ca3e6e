"""Intake: validate a call record and log it as a case.

The form, `cases add --from-json` and the central server's Open311 POST all
come through `validate` and `IntakeService.log_call`, so a record refused in
one place is refused everywhere, with the same field and reason.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields, replace
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from models import Caller, Case, Category, Department, District
from models.base import new_id

from . import emergency as emergency_lines
from .cases import CaseService, summary
from .dto import Actor, CaseSummary
from .phone import PhoneError, normalize
from .signals import CasesChanged
from .workflow import CHANNELS, REQUEST_TYPES, URGENCIES, WorkflowError

LIMITS = {"caller_name": 50, "address": 200, "description": 5000, "answer": 5000}
MIN_DESCRIPTION = 4
NEEDS_CATEGORY = {"consultation", "help", "complaint", "report", "suggestion"}
NEEDS_DISTRICT = {"help", "complaint", "report"}
NEEDS_ADDRESS = {"complaint", "report"}
REPEAT_WINDOW = timedelta(days=30)


@dataclass
class CallRecord:
    """What the operator (or another channel) gives for one request. Field
    names are the ones `cases list --json` prints."""

    caller_phone: str = ""
    caller_name: str = ""
    type: str = ""
    category_code: str = ""
    district: str = ""
    address: str = ""
    description: str = ""
    urgency: str = "normal"
    channel: str = "phone"
    lead_department: str = ""
    assist_departments: list[str] = field(default_factory=list)
    answer: str = ""
    article_id: str = ""
    transfer_to: str = ""
    confidential: bool = False

    @classmethod
    def from_dict(cls, data: dict) -> CallRecord:
        """Build from JSON; unknown keys are refused so a typo is not silently lost."""
        if not isinstance(data, dict):
            raise IntakeError({"_": FieldError("invalid", "a record is a JSON object")})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise IntakeError({k: FieldError("unknown_field", f"unknown field {k!r}") for k in unknown})
        values: dict[str, Any] = {}
        for k, v in data.items():
            if k == "assist_departments":
                values[k] = list(v or [])
            elif k == "confidential":
                values[k] = bool(v)
            else:
                values[k] = "" if v is None else str(v)
        return cls(**values)


@dataclass(frozen=True)
class FieldError:
    code: str  # required, too_long, too_short, invalid, unknown, invalid_choice, unknown_field
    message: str
    limit: int | None = None


class IntakeError(ValueError):
    """The record was refused; `errors` maps each field to what is wrong."""

    def __init__(self, errors: dict[str, FieldError]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {e.message}" for k, e in errors.items()))


@dataclass(frozen=True)
class ValidCall:
    record: CallRecord
    phone: str | None  # normalized, None for an anonymous caller


def validate(record: CallRecord, known: ReferenceCodes | None = None) -> ValidCall:
    """Check every field; raise IntakeError naming all that are wrong at once."""
    errors: dict[str, FieldError] = {}
    r = record
    for name, limit in LIMITS.items():
        value = getattr(r, name)
        if len(value) > limit:
            errors[name] = FieldError("too_long", f"{len(value):,} characters, at most {limit:,}", limit)
    emergency = r.urgency == "emergency"
    if emergency and not r.type:  # a caller in danger is transferred first; the type can wait
        r = replace(r, type="help")
    if r.type not in REQUEST_TYPES:
        errors["type"] = FieldError("required" if not r.type else "invalid_choice",
                                    f"choose one of {', '.join(REQUEST_TYPES)}")
    if r.urgency not in URGENCIES:
        errors["urgency"] = FieldError("invalid_choice", f"choose one of {', '.join(URGENCIES)}")
    if r.channel not in CHANNELS:
        errors["channel"] = FieldError("invalid_choice", f"choose one of {', '.join(CHANNELS)}")
    phone = None
    try:
        phone = normalize(r.caller_phone)
    except PhoneError as exc:
        errors["caller_phone"] = FieldError("invalid", str(exc))
    text = r.description.strip()
    if "description" not in errors:
        if not text:
            errors["description"] = FieldError("required", "describe the request")
        elif len(text) < MIN_DESCRIPTION:
            errors["description"] = FieldError("too_short", f"at least {MIN_DESCRIPTION} characters", MIN_DESCRIPTION)
    # an emergency transfer needs only the description (and the phone when known)
    if r.type in NEEDS_CATEGORY and not r.category_code and not emergency:
        errors["category_code"] = FieldError("required", "choose a category")
    if r.type in NEEDS_DISTRICT and not r.district and not emergency:
        errors["district"] = FieldError("required", "choose the district where it happens")
    if r.type in NEEDS_ADDRESS and not r.address.strip() and "address" not in errors and not emergency:
        errors["address"] = FieldError("required", "give the place (road, compound or landmark)")
    if emergency and r.transfer_to not in emergency_lines.transfer_targets():
        errors["transfer_to"] = FieldError(
            "required", "an emergency is transferred to 110, 119, 120, 122 or a utility's emergency line")
    if r.lead_department and r.answer:
        errors["answer"] = FieldError("invalid", "a case is either answered directly or dispatched, not both")
    if known is not None:
        if r.category_code and r.category_code not in known.categories:
            errors["category_code"] = FieldError("unknown", f"no category {r.category_code!r}")
        if r.district and r.district not in known.districts:
            errors["district"] = FieldError("unknown", f"no district {r.district!r}")
        for dept in filter(None, [r.lead_department, *r.assist_departments]):
            if dept not in known.departments:
                errors["lead_department" if dept == r.lead_department else "assist_departments"] = \
                    FieldError("unknown", f"no department {dept!r}")
    if errors:
        raise IntakeError(errors)
    return ValidCall(r, phone)


@dataclass(frozen=True)
class ReferenceCodes:
    categories: frozenset[str]
    districts: frozenset[str]
    departments: frozenset[str]


class IntakeService:
    """Logs validated calls as cases, with caller upkeep and the first action."""

    def __init__(self, cases: CaseService):
        self.cases = cases
        self._codes: ReferenceCodes | None = None

    def reference_codes(self) -> ReferenceCodes:
        if self._codes is None:
            with self.cases.db.session() as s:
                self._codes = ReferenceCodes(
                    frozenset(s.scalars(select(Category.code))), frozenset(s.scalars(select(District.code))),
                    frozenset(s.scalars(select(Department.code))))
        return self._codes

    def log_call(self, record: CallRecord, actor: Actor, case_id: uuid.UUID | None = None,
                 handle_seconds: int | None = None) -> CaseSummary:
        """Validate and save one call; dispatch, answer or transfer it when the record says so.

        `handle_seconds` is the call's answer -> save time (console.calls), None for a
        record that did not come from a call.

        Raises IntakeError (nothing saved) for a bad record.
        """
        valid = validate(record, self.reference_codes())
        r = valid.record
        utility = emergency_lines.utility_line(r.transfer_to) if r.urgency == "emergency" else None
        now = self.cases.clock()
        # no autoflush: the rows are written once, at the commit, in dependency order
        with self.cases.db.session() as s, s.begin(), s.no_autoflush:
            repeat = False
            caller_id = None
            if valid.phone:
                caller = s.scalar(select(Caller).where(Caller.phone == valid.phone))
                if caller is None:
                    caller = Caller(id=new_id(), phone=valid.phone, name=r.caller_name.strip(), first_seen=now,
                                    case_count=0)
                    s.add(caller)
                elif r.caller_name.strip():
                    caller.name = r.caller_name.strip()
                if caller.case_count:
                    recent = s.scalar(select(Case.id).where(Case.caller_phone == valid.phone,
                                                            Case.created_at >= now - REPEAT_WINDOW).limit(1))
                    repeat = recent is not None
                caller_id = caller.id
                caller.case_count += 1
            case = self.cases.create(s, {
                "id": case_id, "type": r.type, "urgency": "urgent" if utility else r.urgency, "channel": r.channel,
                "category_code": r.category_code or None, "district_code": r.district or None,
                "address": r.address.strip(), "description": r.description.strip(),
                "caller_id": caller_id, "caller_phone": valid.phone or "",
                "caller_name": r.caller_name.strip(), "repeat_caller": repeat, "confidential": r.confidential,
                "assist_departments": []}, actor, now, handle_seconds)
            try:
                if utility is not None:
                    # the utility must act on site: the call is put through to its line and the case is
                    # dispatched to it as urgent, so the hotline follows it up
                    self.cases.record(s, case, "note", actor, "", {"text": f"transferred to {utility.code}",
                                                                   "transferred_to": utility.code}, now)
                    self.cases.record(s, case, "dispatch", actor, "", {
                        "lead_department": utility.department, "assist_departments": []}, now)
                elif r.urgency == "emergency":
                    self.cases.record(s, case, "transfer", actor, "", {"to": r.transfer_to}, now)
                elif r.lead_department:
                    self.cases.record(s, case, "dispatch", actor, "", {
                        "lead_department": r.lead_department, "assist_departments": r.assist_departments}, now)
                elif r.answer.strip():
                    self.cases.record(s, case, "answer", actor, "", {
                        "answer": r.answer.strip(), "article_id": r.article_id or None}, now)
            except WorkflowError as exc:
                raise IntakeError({"_": FieldError("invalid", str(exc))}) from None
            result = summary(case)
        self.cases.bus.emit(CasesChanged((result.id,), "created"))
        return result
