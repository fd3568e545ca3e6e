"""Knowledge articles and the segmented full-text index over them.

The FTS5 tables (`kb_fts` over articles, `kb_duty_fts` over the departments'
responsibility lists) are virtual tables made by migration 0002_knowledge;
they hold text already segmented into space-separated words by
`console.knowledge.segment`, because SQLite's tokenizers do not split Chinese.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class KnowledgeArticle(Base):
    """One article. `doc` is the integer key the FTS row shares (rowid), so an
    update rewrites exactly one index row; `article_id` is the public id."""

    __tablename__ = "kb_articles"

    doc: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")  # explicit answer text; empty = derived from the body
    category_code: Mapped[str | None] = mapped_column(String(16))
    department_code: Mapped[str | None] = mapped_column(String(32))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(Text, default="")
    effective_date: Mapped[date | None]
    expiry_date: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)
    editor: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class LexiconEntry(Base):
    """A change to the shipped colloquial lexicon (resources/kb/lexicon.tsv):
    a spoken term and the words the articles use for it, added or edited by a
    team lead (`source` local) or received with the knowledge feed (`feed`);
    `deleted` hides a shipped term."""

    __tablename__ = "kb_lexicon"

    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    targets: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(16), default="local")
    deleted: Mapped[bool] = mapped_column(default=False)
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class LearnedWord(Base):
    """Evidence that callers who used `word` were answered with `article_id`:
    learned from cases answered with the article. `weight` was the evidence at
    `updated_at`; it halves every half-life since (console.knowledge.learning)."""

    __tablename__ = "kb_learned"

    article_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    word: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    weight: Mapped[float] = mapped_column(Float, default=0.0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
