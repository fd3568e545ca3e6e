"""Caller history by normalized number, and the "three tickets in three days"
duplicate hint."""
from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

from sqlalchemy import func, select

from models import Caller, Case

from .cases import CaseService, summary
from .dto import CallerHistory, DuplicateHint
from .intake import REPEAT_WINDOW
from .phone import PhoneError, normalize

DUPLICATE_WINDOW = timedelta(days=3)
DUPLICATE_THRESHOLD = 0.3
_CANDIDATES = 300


def bigrams(text: str) -> set[str]:
    """Character bigrams of the text's letters and digits: a segmentation-free
    similarity that works the same for Chinese and Latin text."""
    chars = [ch for ch in text.lower() if ch.isalnum()]
    return {a + b for a, b in pairwise(chars)} or set(chars)


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the two texts' bigrams, 0..1."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def caller_history(cases: CaseService, phone: str, limit: int = 20) -> CallerHistory | None:
    """The caller's earlier cases, newest first; None for an empty or invalid number."""
    try:
        number = normalize(phone)
    except PhoneError:
        return None
    if not number:
        return None
    now = cases.clock()
    with cases.db.session() as s:
        caller = s.scalar(select(Caller).where(Caller.phone == number))
        rows = s.scalars(select(Case).where(Case.caller_phone == number)
                         .order_by(Case.created_at.desc()).limit(limit)).all()
        total = s.scalar(select(func.count()).select_from(Case).where(Case.caller_phone == number)) or 0
        recent = sum(1 for c in rows if c.created_at >= now - REPEAT_WINDOW)
        return CallerHistory(number, caller.name if caller else "", total, recent >= 1,
                             [summary(c) for c in rows])


def duplicate_hints(cases: CaseService, district: str | None, category: str | None, description: str,
                    address: str = "", exclude_number: str | None = None, limit: int = 5) -> list[DuplicateHint]:
    """Open or recent cases in the same district and category from the last three days whose
    text is similar (or whose address is the same), most similar first."""
    if not district or not category or len(description.strip()) < 4:
        return []
    since = cases.clock() - DUPLICATE_WINDOW
    with cases.db.session() as s:
        rows = s.scalars(select(Case).where(
            Case.district_code == district, Case.category_code == category, Case.created_at >= since,
            Case.state != "merged").order_by(Case.created_at.desc()).limit(_CANDIDATES)).all()
        hints = []
        for c in rows:
            if c.number == exclude_number:
                continue
            score = similarity(description, c.description)
            if address.strip() and address.strip() == c.address.strip():
                score = max(score, 0.5 + score / 2)
            if score >= DUPLICATE_THRESHOLD:
                hints.append(DuplicateHint(summary(c), round(score, 3)))
    hints.sort(key=lambda h: -h.similarity)
    return hints[:limit]
