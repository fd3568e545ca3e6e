"""Learning from the operators' choices: when a case is answered with an
article, the words of its description become evidence for that article.

Evidence is a weight per (article, word) in `kb_learned`, a field of its own
that search weighs apart from the article's text (search.LEARNED_WEIGHT). A
weight halves every HALF_LIFE_DAYS, so the city's phrasing of this season
counts more than last year's; an answer adds 1 to what is left of it. An
article keeps at most CAP_WORDS words (the weakest go) and a word's weight is
capped at MAX_WEIGHT, so one busy week can't own an article. Team leads list
and remove what was learned (`main.py kb learned`).
"""
from __future__ import annotations

import math
from datetime import datetime

from sqlalchemy import Connection, text

from models.base import utcnow
from models.db import Database
from models.storage_forms import stored_time

from .. import audit
from .lexicon import EDITOR_ROLES, LexiconError
from .segment import query_words

HALF_LIFE_DAYS = 90.0
CAP_WORDS = 40
MAX_WEIGHT = 8.0
WORDS_PER_CASE = 16


def decayed(weight: float, updated_at: datetime, now: datetime) -> float:
    """`weight` as of `now`, halved every HALF_LIFE_DAYS since `updated_at`."""
    age_days = max(0.0, (now - updated_at).total_seconds() / 86400)
    return weight * math.pow(0.5, age_days / HALF_LIFE_DAYS)


def learn(conn: Connection, article_id: str, description: str, now: datetime | None = None) -> int:
    """Record the description's words as evidence for `article_id` (inside the
    caller's transaction). Returns how many words were counted."""
    article_id = str(article_id or "")
    found = [w for w in query_words(description or "", WORDS_PER_CASE) if len(w) > 1 and not w.isdigit()]
    if not article_id or not found:
        return 0
    now = now or utcnow()
    old = {r[0]: decayed(r[1], _time(r[2]), now) for r in conn.exec_driver_sql(
        "SELECT word, weight, updated_at FROM kb_learned WHERE article_id = ?", (article_id,))}
    for w in found:
        old[w] = min(MAX_WEIGHT, old.get(w, 0.0) + 1.0)
    keep = sorted(old.items(), key=lambda kv: -kv[1])[:CAP_WORDS]
    conn.exec_driver_sql("DELETE FROM kb_learned WHERE article_id = ?", (article_id,))
    stamp = stored_time(now)
    conn.exec_driver_sql("INSERT INTO kb_learned (article_id, word, weight, updated_at) VALUES (?, ?, ?, ?)",
                         [(article_id, w, weight, stamp) for w, weight in keep])
    return len(found)


def evidence(conn: Connection, words: list[str], now: datetime | None = None) -> dict[str, dict[str, float]]:
    """{article id: {word: weight now}} for the articles that learned any of `words`."""
    if not words:
        return {}
    now = now or utcnow()
    marks = ",".join("?" * len(words))
    out: dict[str, dict[str, float]] = {}
    for article_id, word, weight, at in conn.exec_driver_sql(
            f"SELECT article_id, word, weight, updated_at FROM kb_learned WHERE word IN ({marks})", tuple(words)):
        out.setdefault(article_id, {})[word] = decayed(weight, _time(at), now)
    return out


def learned(db: Database, article_id: str | None = None, now: datetime | None = None) -> list[tuple[str, str, float]]:
    """(article id, word, weight now), strongest first: what a team lead reviews."""
    now = now or utcnow()
    sql = "SELECT article_id, word, weight, updated_at FROM kb_learned"
    args: tuple = ()
    if article_id:
        sql, args = sql + " WHERE article_id = ?", (article_id,)
    with db.engine.connect() as conn:
        rows = [(a, w, decayed(x, _time(t), now)) for a, w, x, t in conn.exec_driver_sql(sql, args)]
    return sorted(rows, key=lambda r: (-r[2], r[0], r[1]))


def forget(db: Database, article_id: str, word: str | None, actor_role: str, actor_login: str = "-") -> int:
    """Remove a learned word of an article (or all it learned); team leads and admins only.
    The removal is recorded in the profile's audit log."""
    if actor_role not in EDITOR_ROLES:
        raise LexiconError("only a team lead or an admin removes what the knowledge base learned")
    with db.engine.begin() as conn:
        if word:
            cur = conn.execute(text("DELETE FROM kb_learned WHERE article_id = :a AND word = :w"),
                               {"a": article_id, "w": word})
        else:
            cur = conn.execute(text("DELETE FROM kb_learned WHERE article_id = :a"), {"a": article_id})
        removed = cur.rowcount
    audit.record(db, actor_login, "kb_learned_forget", article_id, word=word or "*", removed=removed)
    return removed


def _time(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
