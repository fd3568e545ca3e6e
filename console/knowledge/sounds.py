"""Sound-alike words: pinyin initials (sbk, gjj) and homophone typos (设保卡,
公基金, 身分证) mapped to the words of the articles' titles and tags.

The vocabulary is the title and tag words FTS5 already holds (fts5vocab), so
it follows the base; each word's pinyin comes from `pypinyin`. Search asks
for corrections only when a query found nothing good with its own words
(search.KnowledgeService.search): a caller's real words are never replaced.
"""
from __future__ import annotations

import re
from functools import lru_cache

from sqlalchemy import Connection

_HAN = re.compile(r"[\u3400-\u9fff]+")
_LATIN = re.compile(r"^[a-z]{2,6}$")


@lru_cache(maxsize=65536)
def _syllables(word: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin
    return tuple(lazy_pinyin(word, style=Style.NORMAL, errors="ignore"))


class Sounds:
    """Maps from sound to the base's title and tag words."""

    def __init__(self, vocabulary: list[str]):
        self.by_initials: dict[str, set[str]] = {}
        self.by_pinyin: dict[str, set[str]] = {}
        self.vocabulary = set(vocabulary)
        for w in vocabulary:
            if len(w) < 2 or not _HAN.fullmatch(w):
                continue
            syl = _syllables(w)
            if len(syl) != len(w):
                continue
            self.by_initials.setdefault("".join(s[0] for s in syl), set()).add(w)
            self.by_pinyin.setdefault(" ".join(syl), set()).add(w)

    @classmethod
    def load(cls, conn: Connection) -> Sounds:
        rows = conn.exec_driver_sql("SELECT term FROM kb_fts_vocab_col WHERE col IN ('title', 'tags')")
        return cls(sorted({r[0] for r in rows}))

    def corrections(self, text: str, tokens: list[str]) -> dict[str, str]:
        """Title and tag words the query may have meant: initials typed in Latin letters
        (3+ letters, so two-letter abbreviations like 5g or id stay themselves) and
        runs of its Chinese that sound like a word of the base but are not one.
        {word: the part of the query it corrects}."""
        out: dict[str, str] = {}
        for t in tokens:
            if _LATIN.match(t) and len(t) >= 3:
                for w in sorted(self.by_initials.get(t, ()), key=len, reverse=True)[:3]:
                    out.setdefault(w, t)
        for run in _HAN.findall(text[:200]):
            for size in (4, 3, 2):
                for i in range(len(run) - size + 1):
                    piece = run[i:i + size]
                    if piece in self.vocabulary:
                        continue
                    for w in self.by_pinyin.get(" ".join(_syllables(piece)), ()):
                        if w != piece:
                            out.setdefault(w, piece)
        return out
