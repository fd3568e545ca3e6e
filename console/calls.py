"""The seat's calls: what rang, what was answered, missed or abandoned, and callbacks.

Every call the telephone system announces (console.cti) is one row of the
caller log (models.CallLogEntry), written at once: the call bar reads the calls
still open from it, the caller log lists them all, and the timers and the
handling time (answer -> save) are computed from its stored times, so a restart
loses none of them.

Outcomes: `ringing` until the call is answered or ends; `answered` once the
telephone (or the operator, for a call made from the console) says so;
`missed` when it ended unanswered because the seat did not take it (the
telephone's cause is busy, noAnswer, timeout or rejected); `abandoned` when
the caller hung up before anyone answered (any other cause).
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update

from models import Caller, CallLogEntry
from models.db import Database

from .clock import utcnow
from .phone import PhoneError, normalize

OUTCOMES = ("ringing", "answered", "missed", "abandoned")
MISSED_CAUSES = frozenset({"busy", "noAnswer", "noanswer", "timeout", "rejected", "declined"})


@dataclass(frozen=True)
class CallView:
    """One call as the call bar and the caller log show it."""

    id: uuid.UUID
    call_id: str
    phone: str
    direction: str
    outcome: str
    rang_at: datetime
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    saved_at: datetime | None = None
    case_number: str = ""
    history_count: int = 0  # the caller's earlier cases
    called_back_at: datetime | None = None
    callback_of: uuid.UUID | None = None

    @property
    def live(self) -> bool:
        """Still on the line (ringing or talking)."""
        return self.ended_at is None

    def seconds(self, now: datetime) -> int:
        """The call's timer: from the answer (or the ring while ringing) to its end or now."""
        start = self.answered_at or self.rang_at
        return max(0, int(((self.ended_at or now) - start).total_seconds()))

    def handling_seconds(self) -> int | None:
        """Answer -> save, once the call was saved as a case (from the ring for a telephone
        that never sent `answer`)."""
        if self.saved_at is None:
            return None
        return max(0, int((self.saved_at - (self.answered_at or self.rang_at)).total_seconds()))


def _phone(text: str) -> str:
    try:
        return normalize(text) or (text or "").strip()[:32]
    except PhoneError:
        return (text or "").strip()[:32]


class CallService:
    """Record the calls of an operator's seat and read them back."""

    def __init__(self, db: Database, operator_login: str, clock: Callable[[], datetime] = utcnow):
        self.db = db
        self.login = operator_login
        self.clock = clock

    # -- telephone events ------------------------------------------------------------------
    def ring(self, call_id: str, phone: str, direction: str = "in") -> CallView:
        """A call rings (idempotent per call id: a repeated newCall changes nothing)."""
        with self.db.session() as s, s.begin():
            row = self._find(s, call_id)
            if row is None:
                row = CallLogEntry(call_id=call_id[:64], operator_login=self.login, phone=_phone(phone),
                                   direction="out" if direction == "out" else "in", outcome="ringing",
                                   cause="", rang_at=self.clock(), case_number="")
                s.add(row)
                s.flush()
            return self._view(s, row)

    def answer(self, call_id: str, phone: str = "") -> CallView:
        """The call was answered (rings it first when its newCall never came)."""
        self.ring(call_id, phone)
        with self.db.session() as s, s.begin():
            row = self._find(s, call_id)
            assert row is not None  # ring() above made it when its newCall never came
            if row.answered_at is None and row.ended_at is None:
                row.answered_at = self.clock()
                row.outcome = "answered"
            return self._view(s, row)

    def hangup(self, call_id: str, cause: str = "") -> CallView | None:
        """The call ended; unanswered, it becomes missed or abandoned. None for an unknown call."""
        with self.db.session() as s, s.begin():
            row = self._find(s, call_id)
            if row is None:
                return None
            if row.ended_at is None:
                row.ended_at = self.clock()
                row.cause = (cause or "")[:32]
                if row.answered_at is None:
                    row.outcome = "missed" if cause in MISSED_CAUSES else "abandoned"
            return self._view(s, row)

    def saved(self, call_id: str, case_number: str) -> CallView | None:
        """The call was logged as `case_number`; its handling time ends here."""
        with self.db.session() as s, s.begin():
            row = self._find(s, call_id)
            if row is None:
                return None
            if row.saved_at is None:
                row.saved_at = self.clock()
                row.case_number = case_number[:40]
            return self._view(s, row)

    def handling_seconds(self, call_id: str) -> int | None:
        """Seconds from the call's answer to now (what the case being saved records), or None for
        an unknown call. A call the telephone rang but never said was answered counts from its ring."""
        view = self.get(call_id)
        if view is None:
            return None
        return max(0, int((self.clock() - (view.answered_at or view.rang_at)).total_seconds()))

    def call_back(self, entry_id: uuid.UUID) -> CallView:
        """Start an outgoing call to the caller of log entry `entry_id` (answered at once:
        the operator dials from the console). LookupError when the entry is gone or has no number."""
        now = self.clock()
        with self.db.session() as s, s.begin():
            origin = s.get(CallLogEntry, entry_id)
            if origin is None or not origin.phone:
                raise LookupError("no caller to call back")
            row = CallLogEntry(call_id="cb-" + uuid.uuid4().hex[:16], operator_login=self.login, phone=origin.phone,
                               direction="out", outcome="answered", cause="", rang_at=now, answered_at=now,
                               case_number="", callback_of=origin.id)
            s.add(row)
            if origin.called_back_at is None:
                origin.called_back_at = now
            s.flush()
            return self._view(s, row)

    # -- reads -----------------------------------------------------------------------------
    def get(self, call_id: str) -> CallView | None:
        with self.db.session() as s:
            row = self._find(s, call_id)
            return None if row is None else self._view(s, row)

    def open_calls(self) -> list[CallView]:
        """The calls the bar shows: still on the line, or answered and not yet saved, oldest first."""
        with self.db.session() as s:
            rows = s.scalars(select(CallLogEntry).where(
                CallLogEntry.operator_login == self.login, CallLogEntry.saved_at.is_(None),
                (CallLogEntry.ended_at.is_(None)) | (CallLogEntry.answered_at.is_not(None)))
                .order_by(CallLogEntry.rang_at)).all()
            return self._views(s, rows)

    def log(self, limit: int = 200, outcome: str | None = None) -> list[CallView]:
        """The caller log, newest first; `outcome` keeps one of OUTCOMES."""
        with self.db.session() as s:
            q = select(CallLogEntry).where(CallLogEntry.operator_login == self.login)
            if outcome:
                q = q.where(CallLogEntry.outcome == outcome)
            rows = s.scalars(q.order_by(CallLogEntry.rang_at.desc()).limit(limit)).all()
            return self._views(s, rows)

    def close_unsaved(self, call_id: str) -> None:
        """The operator threw the call's form away: it leaves the bar (the log keeps it)."""
        with self.db.session() as s, s.begin():
            s.execute(update(CallLogEntry).where(CallLogEntry.call_id == call_id,
                                                 CallLogEntry.operator_login == self.login,
                                                 CallLogEntry.saved_at.is_(None))
                      .values(saved_at=self.clock(), ended_at=func.coalesce(CallLogEntry.ended_at, self.clock())))

    # -- helpers ---------------------------------------------------------------------------
    def _find(self, s, call_id: str) -> CallLogEntry | None:
        return s.scalars(select(CallLogEntry).where(CallLogEntry.call_id == call_id[:64],
                                                    CallLogEntry.operator_login == self.login)
                         .order_by(CallLogEntry.rang_at.desc()).limit(1)).first()

    def _views(self, s, rows) -> list[CallView]:
        phones = {r.phone for r in rows if r.phone}
        counts = dict(s.execute(select(Caller.phone, Caller.case_count).where(Caller.phone.in_(phones))).all()) \
            if phones else {}
        return [self._view(s, r, counts.get(r.phone, 0)) for r in rows]

    def _view(self, s, r: CallLogEntry, count: int | None = None) -> CallView:
        if count is None:
            count = (s.scalar(select(Caller.case_count).where(Caller.phone == r.phone)) if r.phone else 0) or 0
        return CallView(r.id, r.call_id, r.phone, r.direction, r.outcome, r.rang_at, r.answered_at, r.ended_at,
                        r.saved_at, r.case_number, count, r.called_back_at, r.callback_of)
