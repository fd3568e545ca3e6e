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
from functools import lru_cache

from sqlalchemy import text

from models.db import Database

from ..clock import to_local, utcnow
from . import learning, rank, store
from .articles import Article, answer_text, plain
from .lexicon import Lexicon
from .lexicon import entries as lexicon_entries
from .lexicon import stamp as lexicon_stamp
from .segment import normalize, query_words
from .sounds import Sounds

TITLE_WEIGHT, TAGS_WEIGHT, BODY_WEIGHT = 8.0, 4.0, 1.0
EXPIRED_FACTOR = 0.8  # expired articles stay findable but yield to a current one of similar score
POSTING_BUDGET = 1000  # matching rows FTS5 may score per query (see KnowledgeService._plan)
SNIPPET_CHARS = 80
MAX_QUERY_WORDS = 24
CANDIDATES = 15  # FTS5's best this many are weighed by rank.score
LEARNED_CANDIDATES = 10  # and the articles with the most learned evidence for the query
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
    if phrase and 2 <= len(words) <= 3:
        # The words in order as one phrase, so the exact phrase ranks first.
        # Only for short queries: FTS5 checks positions in every article
        # holding all the words, which costs more than the rest of the query.
        terms.append('"' + " ".join(w.replace('"', '""') for w in words) + '"')
    return " OR ".join(terms)


class KnowledgeService:
    """Search and read the knowledge base of one profile (thread-safe: a
    connection per call)."""

    def __init__(self, db: Database, today=city_today, lexicon: bool = True, learned: bool = True,
                 sounds: bool = True):
        self.db = db
        # each can be turned off only to measure what it adds (docs/knowledge.md)
        self.use_lexicon, self.use_learned, self.use_sounds = lexicon, learned, sounds
        self.today = today
        self._stats: dict[str, tuple[int, int]] = {}
        self._stats_stamp: tuple = ()
        self._duties_ready = False
        self._lexicon: tuple[tuple, Lexicon | None] = ((), None)
        self._sounds: tuple[tuple, Sounds | None] = ((), None)

    def _words(self, query, limit: int) -> list[str]:
        """The query's search words (plus lexicon words), or [] for nothing to search."""
        if not isinstance(query, str) or limit < 1:
            return []
        with self.db.engine.connect() as conn:
            q = self._query(conn, query)
        return q.words if q else []

    def _query(self, conn, query: str) -> rank.Query | None:
        literal = query_words(query, MAX_QUERY_WORDS)
        if not literal:
            return None
        q = rank.Query(literal, {w: 1.0 for w in literal})
        if self.use_lexicon:
            added, whole = self.lexicon(conn).expand(literal, query)
            for w, origin in added.items():
                if len(q.weights) >= 2 * MAX_QUERY_WORDS:
                    break
                q.weights[w], q.origin[w] = rank.EXPANSION_WEIGHT, origin
            if whole:
                lexicon = self.lexicon(conn)
                stats, n_docs = self._word_stats(conn, list(q.weights), fresh=False)
                for phrase in whole:
                    parts = [w for w in lexicon.cut(phrase) if w in stats]
                    q.phrases[phrase] = rank.EXPANSION_WEIGHT * max(
                        (rank.idf(stats[w][0], max(n_docs, 1)) for w in parts), default=0.0)
        if self.use_sounds:
            # pinyin initials (sbk, gjj) the base does not hold as words
            latin = [w for w in literal if w.isascii() and w.isalpha() and len(w) >= 3]
            if latin:
                stats, _ = self._word_stats(conn, latin, fresh=False)
                unknown = [w for w in latin if stats[w][0] == 0]
                if unknown:
                    for w, origin in self._sound_map(conn).corrections("", unknown).items():
                        q.weights.setdefault(w, rank.SOUND_WEIGHT)
                        q.origin.setdefault(w, origin)
        return q


    def lexicon(self, conn) -> Lexicon:
        """The lexicon in force (reloaded when kb_lexicon changes)."""
        stamp = lexicon_stamp(conn)
        lexicon = self._lexicon[1]
        if self._lexicon[0] != stamp or lexicon is None:
            lexicon = Lexicon(lexicon_entries(conn))
            self._lexicon = (stamp, lexicon)
        return lexicon

    def search(self, query: str, limit: int = 10, min_topic: float = rank.MIN_TOPIC) -> list[Hit]:
        """The best `limit` articles for `query` (any text: never raises on content).
        Articles not about the query (rank.MIN_TOPIC: no query word of weight in their
        title, tags or learned words) are left out, so a query the base can't answer
        gets [] ("nothing found"), not weak hits."""
        if not isinstance(query, str) or limit < 1:
            return []
        with self.db.engine.connect() as conn:
            self._word_stats(conn, [])  # drop cached word counts if the base changed (once per search)
            q = self._query(conn, query)
            if q is None:
                return []
            scored = self._rank(conn, q, limit)
            if self.use_sounds and (not scored or max(t[1] for t in scored) < min_topic):
                # nothing good with the caller's own words: perhaps initials or a typo
                extra = self._sound_map(conn).corrections(query, q.literal)
                if extra:
                    for w, origin in extra.items():
                        q.weights.setdefault(w, rank.SOUND_WEIGHT)
                        q.origin.setdefault(w, origin)
                    scored = self._rank(conn, q, limit)
            scored = [t for t in scored if t[1] >= min_topic][:limit]
            # Only the winners are read in full and get a snippet and an answer.
            marks = ",".join("?" * len(scored))
            rows = {r.doc: r for r in conn.exec_driver_sql(
                f"SELECT a.doc, {_A_COLUMNS} FROM kb_articles a WHERE a.doc IN ({marks})",
                tuple(t[2] for t in scored))} if scored else {}
        hits = []
        for score, _topic, doc, expired in scored:
            art = store.row_to_article(rows[doc])
            hits.append(Hit(art.id, art.title, score, snippet(art, q.words), expired, art.department_code,
                            art.category_code, answer_text(art), art.source, art.tags, art.version,
                            art.expiry_date))
        return hits

    def _rank(self, conn, q: rank.Query, limit: int) -> list[tuple[float, float, int, bool]]:
        """(score, topic, doc, expired) of the candidates, best first: FTS5 finds them
        (bm25 over every word alike), rank.score weighs them (see console/knowledge/rank.py)."""
        plan = self._plan(conn, q.words, fresh=False)
        docs: list[int] = []
        if plan.words:
            expr = match_expression(plan.words, phrase=len(plan.words) > 1, title_boost=not plan.titles_only)
            if plan.titles_only:
                expr = "{title tags} : (" + expr + ")"
            # exec_driver_sql: plain DB-API calls, no statement compilation per keystroke
            docs = [r[0] for r in conn.exec_driver_sql(
                "SELECT rowid FROM kb_fts WHERE kb_fts MATCH ? AND rowid > ? ORDER BY bm25(kb_fts, ?, ?, ?) LIMIT ?",
                (expr, plan.min_doc, TITLE_WEIGHT, TAGS_WEIGHT, BODY_WEIGHT, max(CANDIDATES, limit + 5)))]
        learned: dict[int, dict[str, float]] = {}
        if self.use_learned:
            evidence = learning.evidence(conn, q.literal)
            if evidence:
                marks = ",".join("?" * len(evidence))
                by_id = dict(conn.exec_driver_sql(
                    f"SELECT article_id, doc FROM kb_articles WHERE article_id IN ({marks})", tuple(evidence)).all())
                strongest = sorted(evidence, key=lambda a: -sum(evidence[a].values()))[:LEARNED_CANDIDATES]
                learned = {by_id[a]: evidence[a] for a in evidence if a in by_id}
                docs += [by_id[a] for a in strongest if a in by_id and by_id[a] not in docs]
        if not docs:
            return []
        marks = ",".join("?" * len(docs))
        wanted = frozenset(q.weights)
        found = conn.exec_driver_sql(
            f"SELECT f.rowid, f.title, f.tags, f.body, a.expiry_date FROM kb_fts f JOIN kb_articles a "
            f"ON a.doc = f.rowid WHERE f.rowid IN ({marks})", tuple(docs))
        cands = [(rank.Doc.of(doc, title, tags, body, wanted), expiry) for doc, title, tags, body, expiry in found]
        stats, n_docs = self._word_stats(conn, q.words, fresh=False)
        idfs = {w: rank.idf(stats[w][0], max(n_docs, 1)) for w in q.words}
        avg_len = sum(d.length for d, _ in cands) / len(cands)
        today = self.today()
        out = []
        for d, expiry in cands:
            score, topic = rank.score(q, d, idfs, avg_len, learned.get(d.doc))
            expired = expiry is not None and store._day(expiry) < today
            out.append((score * (EXPIRED_FACTOR if expired else 1.0), topic, d.doc, expired))
        out.sort(key=lambda t: -t[0])
        return out

    def _sound_map(self, conn) -> Sounds:
        stamp = (conn.exec_driver_sql("SELECT MAX(doc) FROM kb_articles").scalar() or 0, store.generation())
        sounds = self._sounds[1]
        if self._sounds[0] != stamp or sounds is None:
            sounds = Sounds.load(conn)
            self._sounds = (stamp, sounds)
        return sounds

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

    def department_names(self) -> dict[str, str]:
        """{department code: name}, for showing who is responsible for an article."""
        with self.db.engine.connect() as conn:
            return dict(conn.execute(text("SELECT code, name FROM departments")).all())

    def count(self) -> int:
        with self.db.engine.connect() as conn:
            return conn.execute(text("SELECT COUNT(*) FROM kb_articles")).scalar() or 0

    def search_responsibilities(self, query: str, limit: int = 5, district: str | None = None,
                                jurisdiction: bool = False) -> list[DutyHit]:
        """Departments whose responsibility list matches `query`, best line first
        ("who handles illegal parking on a pavement?"). `jurisdiction`: only units that
        serve a case in `district` (city units, and that district's own; city units only
        when `district` is None), as console.routing does."""
        words = self._words(query, limit)
        if not words:
            return []
        self._ensure_duties()
        with self.db.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT f.department_code, f.line, bm25(kb_duty_fts, 0, 0, 2.0, 1.0) AS rank, "
                "d.name, d.responsibilities FROM kb_duty_fts f JOIN departments d ON d.code = f.department_code "
                "WHERE kb_duty_fts MATCH :q" + (" AND (d.level = 'city' OR d.district_code = :district)"
                                               if jurisdiction else "") + " ORDER BY rank LIMIT :n"),
                {"q": match_expression(words, title_boost=False), "n": limit, "district": district}).all()
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

    def _plan(self, conn, words: list[str], fresh: bool = True) -> _Plan:
        """Which words to send to FTS5 so that it scores at most about
        POSTING_BUDGET rows: bm25 costs several microseconds per matching
        row, and a word found in a tenth of 100,000 articles would otherwise
        cost a hundred milliseconds. Rarer words are kept first (they carry
        most of the bm25 weight anyway); when even the rarest is too common,
        only titles and tags are searched, and when it is that common in
        titles too, only the newest articles holding it (a rowid range FTS5
        answers without reading the rest). A base of at most POSTING_BUDGET
        articles is always searched whole."""
        stats, n_docs = self._word_stats(conn, words, fresh)
        known = [w for w in words if stats[w][0] > 0]
        if min(n_docs, sum(stats[w][0] for w in known)) <= POSTING_BUDGET:
            return _Plan(known, False)
        by_rarity = sorted(known, key=lambda w: stats[w][0])
        if stats[by_rarity[0]][0] <= POSTING_BUDGET:
            cheap = set(_within(by_rarity, lambda w: stats[w][0]))
            return _Plan([w for w in words if w in cheap], False)
        in_titles = sorted((w for w in known if stats[w][1] > 0), key=lambda w: stats[w][1])
        if not in_titles:
            # common in bodies, in no title: the newest articles holding the rarest word
            return _Plan(by_rarity[:1], False, _window(n_docs, stats[by_rarity[0]][0]))
        chosen = _within(in_titles, lambda w: stats[w][1])
        return _Plan(chosen, True, _window(n_docs, stats[chosen[0]][1]))

    def _word_stats(self, conn, words: list[str], fresh: bool = True) -> tuple[dict[str, tuple[int, int]], int]:
        """({word: (articles holding it, titles or tags holding it)}, highest doc number), cached
        until the index gains an article (a count read per query is cheap:
        MAX of the primary key)."""
        # fresh=False: the caller checked the stamp already in this search
        stamp = (conn.exec_driver_sql("SELECT MAX(doc) FROM kb_articles").scalar() or 0, store.generation()) \
            if fresh or not self._stats_stamp else self._stats_stamp
        if stamp != self._stats_stamp:
            self._stats.clear()
            self._stats_stamp = stamp
        missing = [w for w in words if w not in self._stats]
        for w in missing:
            total = tt = 0
            for col, n in conn.exec_driver_sql("SELECT col, doc FROM kb_fts_vocab_col WHERE term = ?", (w,)):
                if col in ("title", "tags"):
                    tt += n
            total = conn.exec_driver_sql("SELECT doc FROM kb_fts_vocab WHERE term = ?", (w,)).scalar() or 0
            self._stats[w] = (total, tt)
        if len(self._stats) > 50_000:  # a long session of odd queries: start again
            self._stats.clear()
        return {w: self._stats.get(w) or (0, 0) for w in words}, stamp[0]


@dataclass(frozen=True)
class _Plan:
    words: list[str]
    titles_only: bool
    min_doc: int = 0  # search only articles with doc > min_doc (0: all)


def _window(n_docs: int, df: int) -> int:
    """The lowest doc number of a range of the newest articles expected to
    hold about POSTING_BUDGET rows of a word found in `df` of `n_docs`."""
    if df <= POSTING_BUDGET:
        return 0
    return max(0, n_docs - int(n_docs * POSTING_BUDGET / df))


def _within(ordered: list[str], cost) -> list[str]:
    """The first words of `ordered` whose costs add up to the budget (at least one)."""
    out: list[str] = []
    total = 0
    for w in ordered:
        if out and total + cost(w) > POSTING_BUDGET:
            break
        out.append(w)
        total += cost(w)
    return out


def highlight(textline: str, words: list[str]) -> str:
    """`textline` with every occurrence of the query's words wrapped in ** **."""
    spans = _spans(normalize(textline), words, len(textline))
    return _mark(textline, spans)


@lru_cache(maxsize=2048)
def _snippet_source(markdown: str) -> tuple[str, str]:
    """An article body as one line of plain text, and its normalized form (the same
    articles come back keystroke after keystroke)."""
    # Headings (适用情形, 办理渠道) are the same in every article: not worth snippet space.
    lines = [ln for ln in markdown.splitlines() if not ln.lstrip().startswith("#")]
    body = re.sub(r"\s*\n\s*", " ", plain("\n".join(lines))).strip()
    return body, normalize(body)


def snippet(art: Article, words: list[str], width: int = SNIPPET_CHARS) -> str:
    """The window of the body (plain text) holding the most query words, marked with ** **."""
    body, norm = _snippet_source(art.body)
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
    # Single characters (人, 管 from a long description) would speckle the
    # snippet; they are marked only when the query has nothing longer.
    longer = [w for w in set(words) if len(w) > 1]
    for w in sorted(longer or set(words), key=len, reverse=True):
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
