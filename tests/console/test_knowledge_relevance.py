"""Relevance over caller-style queries (tests/data/kb_relevance_*.jsonl):
the share with a right article in the top 3 and the mean reciprocal rank.

The thresholds sit just under the figures measured when this was written
(docs/knowledge.md), so a change that makes ranking worse fails here.
"""
from __future__ import annotations

import json
from pathlib import Path

from console.knowledge import KnowledgeService

DATA = Path(__file__).resolve().parents[1] / "data"
# 82 queries: parts 1-2 (70, the synonym map was written looking at their
# misses: 1.000 / 0.957) and part 3 (12, written afterwards and not tuned
# for: 0.917 / 0.836). Together measured 0.988 / 0.939.
TOP3_MIN = 0.98
MRR_MIN = 0.93
# The ranker alone, without the colloquial synonym map: measured 0.927 / 0.855.
PLAIN_TOP3_MIN = 0.92
PLAIN_MRR_MIN = 0.85


def relevance_queries() -> list[dict]:
    out = []
    for path in sorted(DATA.glob("kb_relevance_*.jsonl")):
        for n, line in enumerate(path.open(encoding="utf-8"), 1):
            if line.strip():
                q = json.loads(line)
                q["where"] = f"{path.name}:{n}"
                out.append(q)
    return out


def measure(service: KnowledgeService, queries: list[dict]) -> tuple[float, float, list[str]]:
    """(top-3 share, MRR over the first 10 results, the queries that missed the top 3)."""
    top3, rr, misses = 0, 0.0, []
    for q in queries:
        found = [h.id for h in service.search(q["query"], 10)]
        rank = next((i for i, a in enumerate(found, 1) if a in q["expected"]), None)
        if rank and rank <= 3:
            top3 += 1
        else:
            misses.append(f"{q['where']} {q['query']} -> {found[:3]} (want {q['expected']})")
        rr += 1 / rank if rank else 0.0
    return top3 / len(queries), rr / len(queries), misses


def test_relevance_set_is_big_enough_and_points_at_real_articles(profile):
    queries = relevance_queries()
    assert len(queries) >= 60
    kb = KnowledgeService(profile.db)
    for q in queries:
        assert q["expected"] and all(kb.get(a) for a in q["expected"]), q


def test_top3_share_and_mrr_do_not_fall(profile):
    top3, mrr, misses = measure(KnowledgeService(profile.db), relevance_queries())
    print(f"\nrelevance: top-3 {top3:.3f}, MRR {mrr:.3f}; misses: {misses}")
    assert top3 >= TOP3_MIN, misses
    assert mrr >= MRR_MIN


def test_ranking_without_synonyms_still_holds(profile):
    top3, mrr, misses = measure(KnowledgeService(profile.db, synonyms=False), relevance_queries())
    print(f"\nwithout synonyms: top-3 {top3:.3f}, MRR {mrr:.3f}")
    assert top3 >= PLAIN_TOP3_MIN, misses
    assert mrr >= PLAIN_MRR_MIN
