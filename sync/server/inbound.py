"""The strict shape of a pushed operation (sync/server/sync-protocol.md, "Push").

A push batch is parsed by hand for speed (push_envelope.read checks its envelope);
each operation's payload is then checked here against one set of typed
shapes, with the console's own limits (console.intake.LIMITS), in one pydantic
pass. An operation that does not fit is rejected with the reason, like any
other refused operation: the console shows it on the case and the rest of the
batch goes on, so one malformed operation never wedges an outbox.

The same shapes are the push body's schema in the OpenAPI document.
"""
from __future__ import annotations

from typing import Annotated, Literal, NotRequired

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from typing_extensions import TypedDict

from console.intake import LIMITS, CallRecord, IntakeError, ReferenceCodes, validate
from console.workflow import ACTIONS, CHANNELS, REQUEST_TYPES, URGENCIES

BIG = 2**63 - 1  # the largest integer every database column here holds
NO_NUL = r"^[^\x00]*$"  # PostgreSQL stores no NUL in text; it is never text a person typed
_NO_CONTROL = r"^[^\x00-\x1f]*$"

# what console.phone.normalize returns: a mobile number, a landline with its area code, or nothing
NORMALIZED_PHONE = r"^(1[0-9]{10}|0[0-9]{9,11})?$"
Seq = Annotated[int, Field(ge=0, le=BIG)]


# the field types, each a named alias (a type checker reads an alias, not a call, in an annotation):
# text a person typed, within its field's limit; identifiers and times, no control characters
Text = Annotated[str, Field(max_length=max(LIMITS.values()), pattern=NO_NUL)]
AddressText = Annotated[str, Field(max_length=LIMITS["address"], pattern=NO_NUL)]
DescriptionText = Annotated[str, Field(max_length=LIMITS["description"], pattern=NO_NUL)]
CallerNameText = Annotated[str, Field(max_length=LIMITS["caller_name"], pattern=NO_NUL)]
AnswerText = Annotated[str, Field(max_length=LIMITS["answer"], pattern=NO_NUL)]
Ident = Annotated[str, Field(max_length=64, pattern=_NO_CONTROL)]
Ident8 = Annotated[str, Field(max_length=8, pattern=_NO_CONTROL)]
Ident16 = Annotated[str, Field(max_length=16, pattern=_NO_CONTROL)]
Ident32 = Annotated[str, Field(max_length=32, pattern=_NO_CONTROL)]
Ident40 = Annotated[str, Field(max_length=40, pattern=_NO_CONTROL)]
Scalar = Annotated[str, Field(max_length=max(LIMITS.values()), pattern=NO_NUL)] | int | bool | None


class CaseIn(TypedDict):
    """A received case's creation fields (console.cases._creation_payload)."""

    __pydantic_config__ = ConfigDict(strict=True, extra="forbid")  # type: ignore[misc]
    number: Annotated[str, Field(min_length=1, max_length=64, pattern=_NO_CONTROL)]
    station: NotRequired[Ident16 | None]
    type: Literal[REQUEST_TYPES]  # type: ignore[valid-type]
    urgency: NotRequired[Literal[URGENCIES]]  # type: ignore[valid-type]
    channel: NotRequired[Literal[CHANNELS]]  # type: ignore[valid-type]
    category_code: NotRequired[Ident32 | None]
    district_code: NotRequired[Ident32 | None]
    address: NotRequired[AddressText]
    description: DescriptionText
    caller_phone: NotRequired[Annotated[str, Field(pattern=NORMALIZED_PHONE)] | None]
    caller_name: NotRequired[CallerNameText]
    confidential: NotRequired[bool]
    repeat_caller: NotRequired[bool]
    created_at: NotRequired[Ident40]


class EditedFields(TypedDict, total=False):
    """The free-text fields an `edit` may change (workflow.EDITABLE_FIELDS), each in its limit."""

    __pydantic_config__ = ConfigDict(strict=True, extra="forbid")  # type: ignore[misc]
    description: DescriptionText
    address: AddressText
    caller_name: CallerNameText
    answer: AnswerText


# extra_items (PEP 728): pydantic reads it; mypy does not know the keyword yet
class EventPayload(TypedDict, total=False, extra_items=Scalar):  # type: ignore[call-arg]
    """What an action carries: the keys the workflow reads are typed; any other key holds
    one short scalar (a note's text, a reply's result...)."""

    __pydantic_config__ = ConfigDict(strict=True)  # type: ignore[misc]
    case: CaseIn
    fields: EditedFields
    lead_department: Ident
    assist_departments: Annotated[list[Ident], Field(max_length=50)]
    extra: Ident32
    satisfied: bool
    satisfaction: Ident32
    resolved: bool
    into: Ident
    into_id: Ident
    answer: AnswerText
    article_id: Ident | None
    level: Ident16
    to: Ident8
    result: Text
    text: Text
    unit: Ident32  # decide_dispute's responsible unit, sub_dispatch's unit below
    suggested_unit: Ident32 | None  # the unit a return names responsible


class EventIn(TypedDict):
    """One case event as the console records it (console.cases.CaseService.record)."""

    __pydantic_config__ = ConfigDict(strict=True, extra="forbid")  # type: ignore[misc]
    id: Ident
    seq: NotRequired[Seq]
    kind: Literal[tuple(ACTIONS)]  # type: ignore[valid-type]
    actor: NotRequired[Ident]
    actor_role: NotRequired[Ident32]
    at: NotRequired[Ident40]
    from_state: NotRequired[Ident32]
    to_state: NotRequired[Ident32]
    reason: NotRequired[Text]
    payload: EventPayload


class OpPayload(TypedDict, extra_items=Scalar):  # type: ignore[call-arg]  # PEP 728, as EventPayload
    """A `case_event` operation's payload."""

    __pydantic_config__ = ConfigDict(strict=True)  # type: ignore[misc]
    case_id: Ident
    case_number: NotRequired[Ident | None]
    base_version: NotRequired[Seq | None]
    event: EventIn


class OpIn(BaseModel):
    """One outbox operation (for the schema; the push checks its envelope by hand)."""

    op_id: Ident
    seq: Seq
    kind: Literal["case_event"]
    payload: OpPayload
    server_base: Seq | None = Field(None, description="the last server version of the case the device had "
                                                      "seen when it made the change (per-field merge base)")


class PushIn(BaseModel):
    """A push batch."""

    device_id: Annotated[str, Field(min_length=1, max_length=64, pattern=_NO_CONTROL)]
    epoch: Ident | None = None
    sent_at: Annotated[str, Field(max_length=40, pattern=_NO_CONTROL,
                                  description="the device's clock when sending; only differences on the device's "
                                              "own clock are used (event age), never compared with the server's")]
    ops: list[OpIn] = Field(..., max_length=2000)


_OP_PAYLOAD = TypeAdapter(OpPayload)


def op_problem(payload: dict) -> str | None:
    """Why a pushed operation's payload is not one the server takes, or None."""
    try:
        _OP_PAYLOAD.validate_python(payload)
    except ValidationError as exc:
        return "malformed operation: " + "; ".join(
            f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()[:5])
    return None


def mark_malformed(ops: list[dict]) -> None:
    """Set each `case_event` operation's "malformed" key to why its payload is refused, or None
    (whatever a client sent under that key is overwritten)."""
    for op in ops:
        op["malformed"] = op_problem(op["payload"]) if op.get("kind") == "case_event" else None


def receive_problems(case: dict, codes: ReferenceCodes) -> list[str]:
    """The console's own intake rules (console.intake.validate) applied to a pushed case:
    a request type, a known category where the type needs one, a district, a place, a
    description of a few characters. The emergency transfer is its own later event; the
    phone number's shape is CaseIn's (normalizing it again costs more than the push)."""
    record = CallRecord(caller_phone="", caller_name=case.get("caller_name") or "",
                        type=case.get("type") or "", category_code=case.get("category_code") or "",
                        district=case.get("district_code") or "", address=case.get("address") or "",
                        description=case.get("description") or "", urgency=case.get("urgency") or "normal",
                        channel=case.get("channel") or "phone", transfer_to="110")
    try:
        validate(record, ReferenceCodes(codes.categories, codes.districts, frozenset()))
    except IntakeError as exc:
        return [f"{k}: {e.message}" for k, e in exc.errors.items()]
    return []
