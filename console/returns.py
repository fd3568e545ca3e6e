"""A case's returns (退单) and what became of each, read from its events: which unit returned
it, the unit it named responsible, and the team lead's review (accepted, rejected) or, for a
case returned again, the dispute's binding decision. The case detail shows them to a team
lead; the monthly report lists the month's reviews and decisions. Pure: events in, records out."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

# what became of a return: waiting for review / for a dispute decision, or the decision made
PENDING_REVIEW, PENDING_DISPUTE = "pending_review", "pending_dispute"
APPROVED, REJECTED, DECIDED = "approved", "rejected", "decided"
_DECISIONS = {"approve_return": APPROVED, "reject_return": REJECTED, "decide_dispute": DECIDED}


@dataclass(frozen=True)
class ReturnRecord:
    at: datetime
    unit: str | None  # the lead unit that returned the case
    reason: str
    suggested_unit: str | None
    outcome: str  # PENDING_REVIEW, PENDING_DISPUTE, APPROVED, REJECTED or DECIDED
    decided_at: datetime | None = None
    decided_by: str | None = None  # the team lead's login
    decision_reason: str = ""
    bound_unit: str | None = None  # DECIDED: the unit named responsible (binding)

    @property
    def dispute(self) -> bool:
        return self.outcome in (PENDING_DISPUTE, DECIDED)


def returns_of(events) -> list[ReturnRecord]:
    """The returns of one case, oldest first, from its events in order (anything with kind,
    actor, at, reason, payload and to_state)."""
    out: list[ReturnRecord] = []
    lead: str | None = None
    for e in events:
        p = e.payload or {}
        if e.kind == "dispatch":
            lead = p.get("lead_department")
        elif e.kind == "sub_dispatch":
            lead = p.get("unit")
        elif e.kind == "return":
            pending = PENDING_DISPUTE if e.to_state == "dispute" else PENDING_REVIEW
            out.append(ReturnRecord(e.at, lead, (e.reason or "").strip(), p.get("suggested_unit") or None, pending))
        elif e.kind in _DECISIONS:
            if out and out[-1].outcome in (PENDING_REVIEW, PENDING_DISPUTE):
                out[-1] = replace(out[-1], outcome=_DECISIONS[e.kind], decided_at=e.at, decided_by=e.actor,
                                  decision_reason=(e.reason or "").strip(),
                                  bound_unit=p.get("unit") if e.kind == "decide_dispute" else None)
            if e.kind == "decide_dispute":
                lead = p.get("unit")
    return out
