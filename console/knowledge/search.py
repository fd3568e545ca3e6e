"""Ranked search over the segmented FTS5 index.

The MATCH expression is built here from the query's words, each one a
double-quoted FTS5 string, joined by OR; nothing the operator types reaches
FTS5 syntax, so quotes, `*`, `-`, NEAR, AND, parentheses or emoji are just
text (and characters that are not letters or digits never become words).
Ranking is FTS5's bm25 with the title weighted above the tags and the tags
above the body; articles holding more of the query's words, and the exact
phrase, rank higher. Words found in most articles are dropped from the
expression (they rank nothing and would make FTS5 score the whole table).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text

from models.db import Database

from ..clock import to_local, utcnow
from . import store
from .articles import Article, answer_text, plain
from .segment import expand, normalize, query_words

TITLE_WEIGHT, TAGS_WEIGHT, BODY_WEIGHT = 8.0, 4.0, 1.0
EXPIRED_FACTOR = 0.8  # expired articles stay findable but yield to a current one of similar score
COMMON_SHARE = 0.25   # a word in more than this share of articles is dropped (if others remain)
SNIPPET_CHARS = 80
MAX_QUERY_WORDS = 24
_A_COLUMNS = ", ".join("a." + c.strip() for c in store._COLUMNS.split(","))


@dataclass(frozen=True)
class Hit:
    """One search result. `snippet` marks matched words with ** **; `answer`
    is the plain text the operator inserts into the reply."""

    id: str
    title: str
    score: float
    snippet: str
    expired: bool
    department_code: str | None
    category_code: str | None
    answer: str
    source: str = ""
    tags: tuple[str, ...] = ()
    version: int = 1
    expiry_date: date | None = None

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "score": round(self.score, 4), "snippet": self.snippet,
                "expired": self.expired, "department_code": self.department_code,
                "category_code": self.category_code, "source": self.source,
                "expiry_date": self.expiry_date.isoformat() if self.expiry_date else None, "answer": self.answer}


@dataclass(frozen=True)
class DutyHit:
    """A line of a department's responsibility list that matches the query."""

    department_code: str
    department_name: str
    line: str
    snippet: str
    score: float


def city_today() -> date:
    return to_local(utcnow()).date()


def match_expression(words: list[str], phrase: bool = True, title_boost: bool = True) -> str:
    """An FTS5 MATCH string: each word quoted (embedded quotes doubled), OR-ed,
    plus the words in order as one phrase so an exact phrase ranks first."""
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    terms = list(quoted)
    if title_boost:
        # The same words restricted to the title are extra phrases with their
        # own (title-only) document frequency: a word in every body (12345,
        # 办理) has an IDF near zero there, but it still tells which titles
        # are about it.
        terms.append("title : (" + " OR ".join(quoted) + ")")
    if phrase and 2 <= len(words) <= 8:
        terms.append('"' + " ".join(w.replace('"', '""') for w in words) + '"')
    return " OR ".join(terms)


class KnowledgeService:
    """Search and read the knowledge base of one profile (thread-safe: a
    connection per call)."""

    def __init__(self, db: Database, today=city_today, synonyms: bool = True):
        self.db = db
        self.use_synonyms = synonyms  # off only to measure what the synonym map adds
        self.today = today
        self._doc_count: int | None = None
        self._duties_ready = False

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """The best `limit` articles for `query` (any text: never raises on content)."""
        if not isinstance(query, str) or limit < 1:
            return []
        base = query_words(query, MAX_QUERY_WORDS)
        if not base:
            return []
        with self.db.engine.connect() as conn:
            words = self._drop_common(conn, base)
            if self.use_synonyms:
                words += expand(words, query)[:MAX_QUERY_WORDS]
            expr = match_expression(words) if len(words) > 1 else match_expression(words, phrase=False)
            rows = conn.execute(text(
                # Rank inside the FTS table first, then join only the winners.
                f"SELECT a.doc, {_A_COLUMNS}, m.rank FROM ("
                "SELECT rowid AS doc, bm25(kb_fts, :tw, :gw, :bw) AS rank FROM kb_fts "
                "WHERE kb_fts MATCH :q ORDER BY rank LIMIT :n) m "
                "JOIN kb_articles a ON a.doc = m.doc ORDER BY m.rank"),
                {"q": expr, "tw": TITLE_WEIGHT, "gw": TAGS_WEIGHT, "bw": BODY_WEIGHT, "n": limit * 3}).all()
        today = self.today()
        hits = []
        for row in rows:
            art = store.row_to_article(row)
            expired = art.is_expired(today)
            score = -float(row.rank) * (EXPIRED_FACTOR if expired else 1.0)
            hits.append(Hit(art.id, art.title, score, snippet(art, words), expired, art.department_code,
                            art.category_code, answer_text(art), art.source, art.tags, art.version,
                            art.expiry_date))
        hits.sort(key=lambda h: -h.score)
        return hits[:limit]

    def get(self, article_id: str) -> Article | None:
        """The full article (body in Markdown), or None."""
        return store.get(self.db, article_id)

    def hit(self, article_id: str) -> Hit | None:
        """An article in the form search returns (score 0, snippet = start of the body)."""
        art = self.get(article_id)
        if art is None:
            return None
        return Hit(art.id, art.title, 0.0, snippet(art, []), art.is_expired(self.today()), art.department_code,
                   art.category_code, answer_text(art), art.source, art.tags, art.version, art.expiry_date)

    def count(self) -> int:
        with self.db.engine.connect() as conn:
            return conn.execute(text("SELECT COUNT(*) FROM kb_articles")).scalar() or 0

    def search_responsibilities(self, query: str, limit: int = 5) -> list[DutyHit]:
        """Departments whose responsibility list matches `query`, best line first
        ("who handles illegal parking on a pavement?")."""
        if not isinstance(query, str) or limit < 1:
            return []
        words = query_words(query, MAX_QUERY_WORDS)
        if not words:
            return []
        if self.use_synonyms:
            words += expand(words, query)[:MAX_QUERY_WORDS]
        self._ensure_duties()
        with self.db.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT f.department_code, f.line, bm25(kb_duty_fts, 0, 0, 2.0, 1.0) AS rank, "
                "d.name, d.responsibilities FROM kb_duty_fts f JOIN departments d ON d.code = f.department_code "
                "WHERE kb_duty_fts MATCH :q ORDER BY rank LIMIT :n"),
                {"q": match_expression(words, title_boost=False), "n": limit}).all()
        out = []
        for r in rows:
            duties = json.loads(r.responsibilities) if isinstance(r.responsibilities, str) else r.responsibilities
            line = duties[int(r.line)] if int(r.line) < len(duties) else ""
            out.append(DutyHit(r.department_code, r.name, line, highlight(line, words), -float(r.rank)))
        return out

    def _ensure_duties(self) -> None:
        # The responsibility lists are reference data installed with the
        # profile; their index is built the first time anyone asks.
        if self._duties_ready:
            return
        with self.db.engine.connect() as conn:
            empty = conn.execute(text("SELECT 1 FROM kb_duty_fts LIMIT 1")).first() is None
        if empty:
            store.rebuild_duties(self.db)
        self._duties_ready = True

    def _drop_common(self, conn, words: list[str]) -> list[str]:
        if len(words) < 2:
            return words
        if self._doc_count is None or self._doc_count < 1000:
            # Small bases change with every import; big ones are cached (a
            # stale count only shifts the threshold a little).
            self._doc_count = conn.execute(text("SELECT COUNT(*) FROM kb_articles")).scalar() or 0
        if self._doc_count < 200:
            return words
        marks = ",".join(f":w{n}" for n in range(len(words)))
        df = dict(conn.execute(text(f"SELECT term, doc FROM kb_fts_vocab WHERE term IN ({marks})"),
                               {f"w{n}": w for n, w in enumerate(words)}).all())
        limit = COMMON_SHARE * self._doc_count
        kept = [w for w in words if df.get(w, 0) <= limit]
        if not kept:  # every word is common: keep the two rarest
            kept = sorted(words, key=lambda w: df.get(w, 0))[:2]
        return kept


def highlight(textline: str, words: list[str]) -> str:
    """`textline` with every occurrence of the query's words wrapped in ** **."""
    spans = _spans(normalize(textline), words, len(textline))
    return _mark(textline, spans)


def snippet(art: Article, words: list[str], width: int = SNIPPET_CHARS) -> str:
    """The window of the body (plain text) holding the most query words, marked with ** **."""
    body = re.sub(r"\s*\n\s*", " ", plain(art.body)).strip()
    norm = normalize(body)
    if len(norm) != len(body):  # NFKC changed lengths (rare ligatures): mark nothing rather than mis-mark
        return body[:width]
    spans = _spans(norm, words, len(body))
    if not spans:
        return body[:width] + ("…" if len(body) > width else "")
    best_start, best_n = 0, -1
    for s, _ in spans:
        start = max(0, s - width // 4)
        n = sum(1 for a, b in spans if a >= start and b <= start + width)
        if n > best_n:
            best_start, best_n = start, n
    end = min(len(body), best_start + width)
    inner = [(a - best_start, b - best_start) for a, b in spans if a >= best_start and b <= end]
    out = _mark(body[best_start:end], inner)
    return ("…" if best_start > 0 else "") + out + ("…" if end < len(body) else "")


def _spans(norm: str, words: list[str], n: int) -> list[tuple[int, int]]:
    if len(norm) != n:
        return []
    marks = [False] * n
    for w in sorted(set(words), key=len, reverse=True):
        if not w:
            continue
        start = norm.find(w)
        while start >= 0:
            for i in range(start, start + len(w)):
                marks[i] = True
            start = norm.find(w, start + len(w))
    spans, i = [], 0
    while i < n:
        if marks[i]:
            j = i
            while j < n and marks[j]:
                j += 1
            spans.append((i, j))
            i = j
        else:
            i += 1
    return spans


def _mark(textline: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for a, b in spans:
        out.append(textline[pos:a])
        out.append("**" + textline[a:b] + "**")
        pos = b
    out.append(textline[pos:])
    return "".join(out)
