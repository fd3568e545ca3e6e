"""The colloquial lexicon: what callers say -> the words the articles use.

The shipped entries are `resources/kb/lexicon.tsv` (several hundred spoken,
regional and everyday terms: 黑车 -> 非法营运, 老年卡 -> 老年人优待证,
娃儿 -> 儿童). A profile's changes live in `kb_lexicon`: entries a team lead
added, edited or removed (`source` local) and the city's entries received with
the central server's knowledge feed (`source` feed). A query is expanded with
the official words of every term it holds; search weighs them below the
caller's own words (search.EXPANSION_WEIGHT).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Connection, select

from models.base import utcnow
from models.db import Database
from models.knowledge import LexiconEntry

from .. import audit
from .segment import KB_RESOURCES, normalize, words

SHIPPED = KB_RESOURCES / "lexicon.tsv"
EDITOR_ROLES = frozenset({"team_lead", "admin"})
MAX_TERM = 32
MAX_TARGETS = 8


class LexiconError(ValueError):
    """A lexicon change that can't be made (plain message for the operator)."""


@dataclass(frozen=True)
class Term:
    """One entry as a team lead sees it."""

    term: str
    targets: tuple[str, ...]
    source: str  # shipped, local, feed
    kind: str = ""


@lru_cache(maxsize=1)
def shipped() -> dict[str, Term]:
    """The entries of resources/kb/lexicon.tsv by normalized term."""
    out: dict[str, Term] = {}
    if not SHIPPED.exists():
        return out
    for line in SHIPPED.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        term = normalize(parts[0].strip())
        targets = tuple(t.strip() for t in (parts[1] if len(parts) > 1 else "").split(",") if t.strip())
        if term and targets:
            out[term] = Term(term, targets, "shipped", parts[2].strip() if len(parts) > 2 else "")
    return out


def entries(conn: Connection) -> dict[str, Term]:
    """Every entry in force in this profile: shipped ones, changed by kb_lexicon."""
    table = dict(shipped())
    for row in conn.execute(select(LexiconEntry.__table__)).all():
        term = normalize(row.term)
        if row.deleted:
            table.pop(term, None)
        else:
            table[term] = Term(term, tuple(row.targets or ()), row.source)
    return table


def stamp(conn: Connection) -> tuple:
    """Changes when kb_lexicon does (a cheap query to know when to reload)."""
    return tuple(conn.exec_driver_sql("SELECT COUNT(*), MAX(updated_at) FROM kb_lexicon").one())


class Lexicon:
    """The expansion table: normalized term -> the segmented official words."""

    def __init__(self, terms: dict[str, Term]):
        self.table: dict[str, tuple[str, ...]] = {}
        self.whole: dict[str, tuple[str, ...]] = {}  # the official words as written (犬只, cut into 犬 只)
        for term, entry in terms.items():
            targets: list[str] = []
            for t in entry.targets:
                targets.extend(words(t))
            self.table[term] = tuple(dict.fromkeys(targets))
            self.whole[term] = tuple(normalize(t) for t in entry.targets)
        self._cuts = {t: tuple(words(t)) for ts in self.whole.values() for t in ts}
        # terms of two or more characters also match as substrings of the query text
        self.phrases = [(t, ws) for t, ws in self.table.items() if len(t) > 1]

    def cut(self, official: str) -> tuple[str, ...]:
        """The index words of an official term as written (segmented once, when loaded)."""
        return self._cuts.get(official) or tuple(words(official))

    def expand(self, tokens: list[str], text: str = "") -> tuple[dict[str, str], dict[str, str]]:
        """({official word: the spoken term it came from}, {official term as written:
        the spoken term}) for the query's tokens and the terms found in `text`,
        leaving out words the query already has."""
        have = set(tokens)
        found = [w for w in tokens if w in self.table]
        if text:
            norm = normalize(text[:2000])
            found += [phrase for phrase, _ in self.phrases if phrase in norm and phrase not in found]
        extra: dict[str, str] = {}
        whole: dict[str, str] = {}
        for term in found:
            for s in self.table[term]:
                if s not in have:
                    extra.setdefault(s, term)
            for t in self.whole[term]:
                whole.setdefault(t, term)
        return extra, whole


def set_term(db: Database, term: str, targets: list[str], actor_login: str, actor_role: str,
             source: str = "local") -> Term:
    """Add or change an entry (team leads and admins only)."""
    _check_role(actor_role)
    term = normalize(str(term or "").strip())
    clean = [t.strip() for t in targets if isinstance(t, str) and t.strip()]
    if not term or len(term) > MAX_TERM:
        raise LexiconError(f"a term is 1 to {MAX_TERM} characters")
    if not clean or len(clean) > MAX_TARGETS or any(len(t) > MAX_TERM for t in clean):
        raise LexiconError(f"give 1 to {MAX_TARGETS} official words of at most {MAX_TERM} characters")
    _write(db, term, clean, source, actor_login, deleted=False)
    return Term(term, tuple(clean), source)


def remove_term(db: Database, term: str, actor_login: str, actor_role: str) -> bool:
    """Remove an entry (a shipped one is hidden). False when there was none."""
    _check_role(actor_role)
    term = normalize(str(term or "").strip())
    with db.engine.connect() as conn:
        known = term in entries(conn)
    if not known:
        return False
    _write(db, term, [], "local", actor_login, deleted=True)
    return True


def apply_feed(db: Database, items: list[dict]) -> int:
    """Entries received with the knowledge feed: {"term", "targets"} or {"term", "deleted"}."""
    n = 0
    for item in items:
        term = normalize(str(item.get("term") or "").strip())
        targets = [t for t in item.get("targets") or [] if isinstance(t, str) and t.strip()]
        if not term or len(term) > MAX_TERM or (not item.get("deleted") and not targets):
            continue
        _write(db, term, targets[:MAX_TARGETS], "feed", "central", deleted=bool(item.get("deleted")))
        n += 1
    return n


def _check_role(role: str) -> None:
    if role not in EDITOR_ROLES:
        raise LexiconError("only a team lead or an admin changes the lexicon")


def _write(db: Database, term: str, targets: list[str], source: str, who: str, deleted: bool) -> None:
    with db.session() as s, s.begin():
        row = s.get(LexiconEntry, term)
        if row is None:
            row = LexiconEntry(term=term)
            s.add(row)
        row.targets, row.source, row.deleted, row.updated_by, row.updated_at = targets, source, deleted, who, utcnow()
        audit.record(s, who, "kb_lexicon_remove" if deleted else "kb_lexicon_set", term, source=source)


__all__ = ["Lexicon", "LexiconError", "Term", "apply_feed", "entries", "remove_term", "set_term",
           "shipped", "stamp"]
