"""Knowledge lookup: Chinese-segmented full-text search over the articles
and the departments' responsibility lists, import/export, answer counts.

The UI gets `KnowledgeService(db)` and plain dataclasses (`Hit`, `DutyHit`,
`Article`); see docs/knowledge.md for how search works.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy.exc import IntegrityError

from models import Setting
from models.db import Database

from .articles import Article, ArticleError, answer_text, stable_id
from .counts import answer_counts
from .search import DutyHit, Hit, KnowledgeService, city_today
from .segment import KB_RESOURCES
from .transfer import ImportProblem, ImportReport, ImportSourceError, export_jsonl, import_path

SHIPPED_KEY = "kb.shipped_installed"

__all__ = [
    "Article", "ArticleError", "DutyHit", "Hit", "ImportProblem", "ImportReport", "ImportSourceError",
    "KnowledgeService", "answer_counts", "answer_text", "city_today", "export_jsonl", "import_path",
    "install_shipped", "shipped_files", "stable_id",
]


def shipped_files() -> list[Path]:
    """The sample article files shipped in resources/kb (articles*.jsonl)."""
    return sorted(KB_RESOURCES.glob("articles*.jsonl"))


def install_shipped(db: Database) -> ImportReport | None:
    """Load the shipped sample articles once into a profile (None if already done).

    One primary-key lookup when the profile has them, so opening an existing
    profile costs nothing; a profile whose operator deleted articles does
    not get them back.
    """
    with db.session() as s:
        if s.get(Setting, SHIPPED_KEY) is not None:
            return None
    total = ImportReport()
    for path in shipped_files():
        rep = import_path(db, path)
        total.added += rep.added
        total.updated += rep.updated
        total.unchanged += rep.unchanged
        total.problems += rep.problems
    try:
        with db.session() as s, s.begin():
            if s.get(Setting, SHIPPED_KEY) is None:
                s.add(Setting(key=SHIPPED_KEY, value=str(total.read)))
    except IntegrityError:
        # another process opened the same new profile at the same moment and
        # recorded it first; the articles themselves were loaded idempotently
        pass
    return total
