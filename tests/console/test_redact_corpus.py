"""The redaction corpus: hotline descriptions written to be hard, each with its expected public form.

tests/data/redaction_corpus.tsv holds the sentences (phones written every way, ID and bank card
numbers, e-mail and chat ids, plates, house numbers, callers', third parties' and titled names,
and the look-alikes that must stay: place and firm names, ordinary words after 来电人, dates,
amounts, bus lines). A sentence noted `miss:` is one the redactor gets wrong today: it is
expected to fail, strictly, so that fixing it shows up.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from console.redact import redact

CORPUS = Path(__file__).resolve().parents[1] / "data" / "redaction_corpus.tsv"


def _cases():
    for n, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        text, caller, expected, note = line.split("\t")
        marks = [pytest.mark.xfail(strict=True, reason=note)] if note.startswith("miss:") else []
        yield pytest.param(text, caller, expected, id=f"line{n}", marks=marks)


def test_the_corpus_is_big_enough():
    assert sum(1 for _ in _cases()) >= 150


@pytest.mark.parametrize(("text", "caller", "expected"), list(_cases()))
def test_corpus_sentence(text, caller, expected):
    assert redact(text, caller_name=caller) == expected
