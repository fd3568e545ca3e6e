"""Public-safety signals in a call: which emergency line the caller must be put through to.

The words live in `resources/emergency_signals.toml` and the lines (110/119/120/122 and the
utilities' own emergency lines) in `resources/seed/emergency_lines.json`, so a centre adds a
phrase or a line without touching code. No Qt here: the form's banner, the CLI and a test use
the same `detect`.
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from resources import resource_path

SIGNALS_FILE = resource_path("emergency_signals.toml")
LINES_FILE = resource_path("seed", "emergency_lines.json")
PUBLIC_LINES = ("110", "119", "120", "122")


@dataclass(frozen=True)
class Line:
    """A line an emergency call is put through to; a utility's line also names its department."""

    code: str
    name: str
    kind: str  # "public" (110/119/120/122) or "utility"
    department: str | None = None


@dataclass(frozen=True)
class Signal:
    id: str
    label: str
    target: str
    phrases: tuple[str, ...] = ()
    all_of: tuple[tuple[str, ...], ...] = ()
    weak: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Alert:
    """What the detector proposes: the signal, the words that fired it and the line to transfer to."""

    signal: str
    label: str
    matched: str
    line: Line

    @property
    def utility(self) -> bool:
        return self.line.kind == "utility"


@dataclass(frozen=True)
class Lexicon:
    signals: tuple[Signal, ...]
    not_now: tuple[str, ...]
    negators: tuple[str, ...]
    negation_window: int


class LexiconError(ValueError):
    """The signals file is malformed (named key, signal and reason)."""


@lru_cache(maxsize=1)
def lines() -> dict[str, Line]:
    """Every line an emergency may be transferred to, by its number."""
    data = json.loads(LINES_FILE.read_text(encoding="utf-8"))
    return {d["code"]: Line(d["code"], d["name"], d["kind"], d.get("department")) for d in data}


def transfer_targets() -> tuple[str, ...]:
    """The numbers a transfer may name: 110/119/120/122 first, then the utilities' lines."""
    return tuple(lines())


def utility_line(code: str) -> Line | None:
    """The utility line `code`, or None for a public line or an unknown number."""
    line = lines().get(code)
    return line if line is not None and line.kind == "utility" else None


def load_lexicon(path: Path = SIGNALS_FILE) -> Lexicon:
    """Read and check the signals file; raise LexiconError naming what is wrong."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    known = lines()
    signals = []
    for raw in data.get("signal", []):
        sid = raw.get("id", "?")
        if raw.get("target") not in known:
            raise LexiconError(f"signal {sid}: target {raw.get('target')!r} is not a line of {LINES_FILE.name}")
        if not (raw.get("phrases") or raw.get("all_of") or raw.get("weak")):
            raise LexiconError(f"signal {sid}: no phrases, all_of or weak words")
        if raw.get("weak") and not raw.get("categories"):
            raise LexiconError(f"signal {sid}: weak words need categories")
        signals.append(Signal(sid, raw.get("label", sid), raw["target"], tuple(raw.get("phrases", ())),
                              tuple(tuple(g) for g in raw.get("all_of", ())), tuple(raw.get("weak", ())),
                              tuple(raw.get("categories", ())), tuple(raw.get("exclude", ()))))
    not_now = data.get("not_now", {})
    return Lexicon(tuple(signals), tuple(not_now.get("words", ())), tuple(not_now.get("negators", ())),
                   int(not_now.get("negation_window", 4)))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return load_lexicon()


_SPACE = re.compile(r"\s+")
_CLAUSE = re.compile(r"[，。！？；,.!?;、]")


def detect(description: str, category_code: str | None = "", lexicon: Lexicon | None = None) -> Alert | None:
    """The most severe public-safety signal in the call, or None.

    `category_code` lets a weak word count (a "smell" under 燃气供应与安全); a top-level
    category code matches its children.
    """
    lex = lexicon or default_lexicon()
    text = _SPACE.sub("", description or "")
    if not text or any(w in text for w in lex.not_now):
        return None
    category = category_code or ""
    for sig in lex.signals:
        if any(w in text for w in sig.exclude):
            continue
        matched = _first_phrase(text, sig.phrases, lex)
        if matched is None and sig.all_of and all(any(w in text for w in group) for group in sig.all_of):
            matched = "+".join(next(w for w in group if w in text) for group in sig.all_of)
        if matched is None and sig.weak and any(category.startswith(c) or c.startswith(category) and category
                                                for c in sig.categories):
            matched = _first_phrase(text, sig.weak, lex)
        if matched is not None:
            return Alert(sig.id, sig.label, matched, lines()[sig.target])
    return None


def _first_phrase(text: str, phrases: tuple[str, ...], lex: Lexicon) -> str | None:
    for phrase in phrases:
        start = text.find(phrase)
        while start >= 0:
            # a negation earlier in the same clause ("没有闻到煤气味") cancels the phrase
            before = _CLAUSE.split(text[max(0, start - lex.negation_window):start])[-1]
            if not any(n in before for n in lex.negators):
                return phrase
            start = text.find(phrase, start + 1)
    return None
