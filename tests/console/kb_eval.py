"""Relevance measurement of knowledge search, shared by the relevance tests and
the benchmark: the query sets, top-3 share and MRR, and two baselines measured
the same way in the same run (a LIKE scan, a plain character-bigram index).

A set is JSON Lines: `{"query": ..., "grades": {article id: 2 answers it, 1 related}}`
(the older sets say `"expected": [ids]`, read as grade 2). A query with no graded
article is one the base cannot answer: it counts as right when search says
nothing was found.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
SETS = {
    "published": ["kb_relevance_part1.jsonl", "kb_relevance_part2.jsonl", "kb_relevance_part3.jsonl"],
    "callers-tune": ["kb_callers_tune.jsonl"],
    "callers-heldout": ["kb_callers_heldout.jsonl"],
}


def load(name: str) -> list[dict]:
    """The queries of set `name` (SETS), each with `grades` and `where` (file:line)."""
    out = []
    for fname in SETS[name]:
        for n, line in enumerate((DATA / fname).open(encoding="utf-8"), 1):
            if line.strip():
                q = json.loads(line)
                grades = q.get("grades")
                if grades is None:
                    grades = {a: 2 for a in q["expected"]}
                out.append({"query": q["query"], "grades": grades, "where": f"{fname}:{n}"})
    return out


@dataclass
class Score:
    """Top-3 share and MRR (first 10) over the answerable queries; the share of
    unanswerable ones answered with nothing."""

    top3: float
    mrr: float
    answerable: int
    empty_right: float
    unanswerable: int
    misses: list[str] = field(default_factory=list)

    def row(self) -> str:
        return (f"top-3 {self.top3:.3f}  MRR {self.mrr:.3f}  ({self.answerable} answerable; "
                f"nothing-found right {self.empty_right:.2f} of {self.unanswerable})")


def measure(search: Callable[[str], list[str]], queries: list[dict]) -> Score:
    """Score `search` (query -> article ids, best first) on `queries`."""
    top3 = rr = 0.0
    empty_right = 0
    answerable = [q for q in queries if any(g >= 2 for g in q["grades"].values())]
    misses = []
    for q in queries:
        found = search(q["query"])[:10]
        if q not in answerable:
            empty_right += not found
            if found:
                misses.append(f"{q['where']} {q['query']} -> {found[:3]} (want nothing)")
            continue
        want = {a for a, g in q["grades"].items() if g >= 2}
        rank = next((i for i, a in enumerate(found, 1) if a in want), None)
        if rank and rank <= 3:
            top3 += 1
        else:
            misses.append(f"{q['where']} {q['query']} -> {found[:3]} (want {sorted(want)})")
        rr += 1 / rank if rank else 0.0
    n, m = len(answerable) or 1, (len(queries) - len(answerable)) or 1
    return Score(top3 / n, rr / n, len(answerable), empty_right / m, len(queries) - len(answerable), misses)


_SPACE = re.compile(r"\s+")


def _bigrams(text: str) -> list[str]:
    text = _SPACE.sub("", text.lower())
    return [text[i:i + 2] for i in range(len(text) - 1)]


class BigramIndex:
    """A plain character-bigram index with BM25 over title, tags and body as one
    text: what a search without word segmentation or synonyms ranks."""

    def __init__(self, articles: list[dict], k1: float = 1.2, b: float = 0.75):
        self.ids = [a["id"] for a in articles]
        self.tf = [Counter(_bigrams(a["title"] + " " + " ".join(a.get("tags", [])) + " " + a["body"]))
                   for a in articles]
        self.len = [sum(c.values()) for c in self.tf]
        self.avg = sum(self.len) / max(1, len(self.len))
        self.df: dict[str, int] = defaultdict(int)
        for c in self.tf:
            for g in c:
                self.df[g] += 1
        self.k1, self.b = k1, b

    def search(self, query: str) -> list[str]:
        n = len(self.ids)
        grams = set(_bigrams(query))
        scores = []
        for i, c in enumerate(self.tf):
            s = 0.0
            for g in grams:
                f = c.get(g)
                if f:
                    idf = math.log(1 + (n - self.df[g] + 0.5) / (self.df[g] + 0.5))
                    s += idf * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * self.len[i] / self.avg))
            if s > 0:
                scores.append((s, self.ids[i]))
        scores.sort(reverse=True)
        return [a for _, a in scores[:10]]


def like_search(db, query: str) -> list[str]:
    """Every query word in the title or body (LIKE '%word%'), first 10 rows, no
    ranking: a help desk without a search engine."""
    from console.knowledge.segment import query_words
    words = query_words(query, 24)
    if not words:
        return []
    where = " AND ".join(f"(title LIKE :w{i} OR body LIKE :w{i})" for i in range(len(words)))
    params = {f"w{i}": f"%{w}%" for i, w in enumerate(words)}
    from sqlalchemy import text
    with db.engine.connect() as conn:
        return [r[0] for r in conn.execute(text(f"SELECT article_id FROM kb_articles WHERE {where} LIMIT 10"), params)]


def shipped_articles() -> list[dict]:
    from console.knowledge import shipped_files
    return [json.loads(line) for f in shipped_files() for line in f.open(encoding="utf-8") if line.strip()]
