"""Ranking the candidates FTS5 found: weighted query words, the learned field,
titles about a short query, and how much of the query a hit answers.

FTS5's bm25 weighs every word of the MATCH expression alike, so a lexicon word
(老年人优待证 for 老年卡) would count as much as the caller's own word and a
rare official term would outrank what the caller said. FTS5 only finds the
candidates; this module scores them with BM25F over the stored segmented
title, tags and body (each word with its own weight: the caller's words 1,
lexicon words EXPANSION_WEIGHT, sound-alike corrections SOUND_WEIGHT), adds
the evidence learned from answered cases, and says how strongly the article is
*about* the query (`topic`: the heaviest query word, by weight and idf, that its
title or tags hold, or that it learned): search answers "nothing found" when no
candidate reaches MIN_TOPIC instead of showing hits that only share a word of
their body with the caller's sentence.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

EXPANSION_WEIGHT = 0.5  # a lexicon word against the caller's own
SOUND_WEIGHT = 0.8  # a sound-alike correction (设保卡 -> 社保卡, sbk -> 社保卡)
LEARNED_WEIGHT = 0.6  # the learned field against the article's text
FIELD_WEIGHTS = (8.0, 4.0, 1.0)  # title, tags, body
TITLE_ABOUT_BOOST = 1.5  # a one- or two-word query whose words the title holds
K1, B = 1.2, 0.5
BODY_TOPIC = 0.25  # what a word found only in the body says about the article, against the title
TITLE_FLOOR = 1.0  # the least a caller's own word in a title says about the article
MIN_TOPIC = 1.0  # calibrated on the relevance sets (docs/knowledge.md)


@dataclass
class Query:
    """The words of one query: the caller's own (`literal`), each word's weight,
    and for every added word the spoken word or phrase it stands for."""

    literal: list[str]
    weights: dict[str, float]
    origin: dict[str, str] = field(default_factory=dict)
    # added terms as written (犬只, which the index holds as 犬 只), to tell titles about them
    phrases: dict[str, float] = field(default_factory=dict)

    @property
    def words(self) -> list[str]:
        return list(self.weights)


@dataclass
class Doc:
    """A candidate's stored segmented fields, as much as scoring needs: the title
    and tag words, and how often each query word is in each field."""

    doc: int
    title: frozenset
    tags: frozenset
    tf: dict  # query word -> weighted term frequency (title, tags, body by FIELD_WEIGHTS)
    length: int
    heading: str  # title and tags without the spaces between words

    @classmethod
    def of(cls, doc: int, title: str, tags: str, body: str, words: frozenset) -> Doc:
        # only the query's words are counted (a Counter of every body word costs more than the rest)
        tt, tg, bd = title.split(), tags.split(), body.split()
        wt, wg, wb = FIELD_WEIGHTS
        tf = {}
        for w in words.intersection(tt).union(words.intersection(tg), words.intersection(bd)):
            tf[w] = wt * tt.count(w) + wg * tg.count(w) + wb * bd.count(w)
        return cls(doc, frozenset(tt), frozenset(tg), tf, len(bd), title.replace(" ", "") + "|" + tags.replace(" ", ""))


def idf(df: int, n_docs: int) -> float:
    """BM25's idf; a word no article holds counts as one held by one article."""
    df = max(1, df)
    return math.log(1 + (n_docs - df + 0.5) / (df + 0.5))


def score(q: Query, d: Doc, idfs: dict[str, float], avg_len: float,
          learned: dict[str, float] | None = None) -> tuple[float, float]:
    """(score, topic) of candidate `d` for query `q`."""
    norm = K1 * (1 - B + B * d.length / max(1.0, avg_len))
    total = topic = 0.0
    for w, tf in d.tf.items():
        weight = q.weights[w]
        if tf:
            total += weight * idfs.get(w, 0.0) * tf * (K1 + 1) / (tf + norm)
            if len(w) > 1 and (w in d.title or w in d.tags):
                # a caller's word in the title counts even when every body holds it too (12345)
                topic = max(topic, weight * max(idfs.get(w, 0.0), TITLE_FLOOR if weight >= 1 else 0.0))
            elif len(w) > 1 and len(q.literal) <= 2:
                # a one- or two-word query for a rare word of a body: that body is about it;
                # in a caller's long sentence a body word alone is too weak a sign
                topic = max(topic, BODY_TOPIC * weight * idfs.get(w, 0.0))
    for phrase, weight in q.phrases.items():
        if len(phrase) > 1 and phrase in d.heading:
            topic = max(topic, weight)
    for w in q.literal:
        ev = (learned or {}).get(w)
        if ev:
            gain = LEARNED_WEIGHT * idfs.get(w, 0.0) * min(1.0, ev / 2.0)
            total += gain
            topic = max(topic, gain)
    if len(q.literal) <= 2 and q.literal and all(
            w in d.title or w in d.tags or any(o in d.title for o, src in q.origin.items() if src == w)
            for w in q.literal):
        total *= TITLE_ABOUT_BOOST
    return total, topic
