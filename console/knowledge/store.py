"""Writing articles and the segmented index rows that go with them.

Each article row and its FTS row are written in the same transaction, so the
index never disagrees with the table. Segmentation happens before the write
(it is the slow part), in plain Python, so a caller can run it off the GUI
thread like any other import.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, text

from models.base import utcnow
from models.db import Database
from models.storage_forms import stored_time

from .articles import Article
from .segment import index_text

BATCH = 500
_COLUMNS = ("article_id, title, body, answer, category_code, department_code, tags, source, "
            "effective_date, expiry_date, version, editor")


_generation = 0


def generation() -> int:
    """Bumped by every load in this process, so cached word counts know to refresh."""
    return _generation


@dataclass
class LoadCounts:
    """What a load did: new articles, updated ones (version bumped), unchanged ones."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


def index_row(doc: int, a: Article) -> dict:
    """The FTS5 row of an article: title, tags and body segmented into words."""
    return {"doc": doc, "title": index_text(a.title), "tags": index_text(" ".join(a.tags)),
            "body": index_text(a.body)}


def row_to_article(row) -> Article:
    """An Article from a kb_articles row (selected with _COLUMNS)."""
    return Article(
        id=row.article_id, title=row.title, body=row.body, answer=row.answer,
        category_code=row.category_code, department_code=row.department_code,
        tags=tuple(json.loads(row.tags) if isinstance(row.tags, str) else (row.tags or ())),
        source=row.source, effective_date=_day(row.effective_date), expiry_date=_day(row.expiry_date),
        version=row.version, editor=row.editor)


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _params(a: Article, version: int, now: datetime) -> dict:
    return {"article_id": a.id, "title": a.title, "body": a.body, "answer": a.answer,
            "category_code": a.category_code, "department_code": a.department_code,
            "tags": json.dumps(list(a.tags), ensure_ascii=False), "source": a.source,
            "effective_date": a.effective_date.isoformat() if a.effective_date else None,
            "expiry_date": a.expiry_date.isoformat() if a.expiry_date else None,
            "version": version, "editor": a.editor, "updated_at": stored_time(now)}


def load(db: Database, articles: Iterable[Article], now: datetime | None = None) -> LoadCounts:
    """Insert new articles and update changed ones (version = max(given, stored + 1)).

    An article whose content equals the stored one is left alone, version
    included, so importing an export changes nothing. Runs in batches, one
    transaction per batch.
    """
    global _generation
    counts = LoadCounts()
    now = now or utcnow()
    _generation += 1
    for batch in _batches(articles, BATCH):
        with db.engine.begin() as conn:
            _load_batch(conn, batch, now, counts)
    _generation += 1
    return counts


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: dict[str, Article] = {}
    for a in items:
        batch[a.id] = a  # the last copy of an id in a batch wins, as it would one by one
        if len(batch) >= size:
            yield list(batch.values())
            batch = {}
    if batch:
        yield list(batch.values())


def _load_batch(conn: Connection, batch: list[Article], now: datetime, counts: LoadCounts) -> None:
    ids = [a.id for a in batch]
    existing = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        marks = ",".join(f":i{n}" for n in range(len(part)))
        for row in conn.execute(text(f"SELECT doc, {_COLUMNS} FROM kb_articles WHERE article_id IN ({marks})"),
                                {f"i{n}": v for n, v in enumerate(part)}):
            existing[row.article_id] = (row.doc, row_to_article(row))
    next_doc = (conn.execute(text("SELECT COALESCE(MAX(doc), 0) FROM kb_articles")).scalar() or 0) + 1
    inserts, updates, fts_new, fts_drop = [], [], [], []
    for a in batch:
        old = existing.get(a.id)
        if old is None:
            p = _params(a, a.version, now)
            p["doc"] = next_doc
            inserts.append(p)
            fts_new.append(index_row(next_doc, a))
            next_doc += 1
            counts.added += 1
        elif old[1].content_key() == a.content_key() and a.version <= old[1].version:
            counts.unchanged += 1
        else:
            doc, stored = old
            p = _params(a, max(a.version, stored.version + 1), now)
            p["doc"] = doc
            updates.append(p)
            fts_drop.append({"doc": doc})
            fts_new.append(index_row(doc, a))
            counts.updated += 1
    if inserts:
        conn.execute(text(f"INSERT INTO kb_articles (doc, {_COLUMNS}, updated_at) VALUES "
                          "(:doc, :article_id, :title, :body, :answer, :category_code, :department_code, :tags, "
                          ":source, :effective_date, :expiry_date, :version, :editor, :updated_at)"), inserts)
    if updates:
        conn.execute(text("UPDATE kb_articles SET title=:title, body=:body, answer=:answer, "
                          "category_code=:category_code, department_code=:department_code, tags=:tags, "
                          "source=:source, effective_date=:effective_date, expiry_date=:expiry_date, "
                          "version=:version, editor=:editor, updated_at=:updated_at WHERE doc=:doc"), updates)
    if fts_drop:
        conn.execute(text("DELETE FROM kb_fts WHERE rowid = :doc"), fts_drop)
    if fts_new:
        conn.execute(text("INSERT INTO kb_fts (rowid, title, tags, body) VALUES (:doc, :title, :tags, :body)"),
                     fts_new)


def delete(db: Database, article_ids: Iterable[str]) -> int:
    """Remove articles and their index rows (the sync feed's deletions); returns how many went."""
    global _generation
    gone = 0
    with db.engine.begin() as conn:
        for aid in dict.fromkeys(article_ids):
            doc = conn.execute(text("SELECT doc FROM kb_articles WHERE article_id = :i"), {"i": aid}).scalar()
            if doc is None:
                continue
            conn.execute(text("DELETE FROM kb_fts WHERE rowid = :d"), {"d": doc})
            conn.execute(text("DELETE FROM kb_articles WHERE doc = :d"), {"d": doc})
            gone += 1
    _generation += 1
    return gone


def all_articles(db: Database) -> Iterator[Article]:
    """Every article, ordered by id (the export order)."""
    with db.engine.connect() as conn:
        for row in conn.execute(text(f"SELECT {_COLUMNS} FROM kb_articles ORDER BY article_id")):
            yield row_to_article(row)


def get(db: Database, article_id: str) -> Article | None:
    """One article by its id, or None."""
    with db.engine.connect() as conn:
        row = conn.execute(text(f"SELECT {_COLUMNS} FROM kb_articles WHERE article_id = :i"),
                           {"i": article_id}).first()
        return row_to_article(row) if row else None


def rebuild_duties(db: Database) -> int:
    """Re-index the departments' responsibility lists (one FTS row per line); returns the line count."""
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM kb_duty_fts"))
        rows = []
        for code, name, duties in conn.execute(text("SELECT code, name, responsibilities FROM departments")):
            for n, line in enumerate(json.loads(duties) if isinstance(duties, str) else (duties or [])):
                rows.append({"code": code, "line": n, "name": index_text(name), "text": index_text(line)})
        if rows:
            conn.execute(text("INSERT INTO kb_duty_fts (department_code, line, name, text) "
                              "VALUES (:code, :line, :name, :text)"), rows)
        return len(rows)
