"""The knowledge base feed: articles an admin uploads (JSON Lines), pulled by consoles.

Each upload gives the changed articles the next feed sequence numbers, so a
console asks for "everything after N" and never misses or repeats one.

The same feed carries the city's colloquial lexicon: a line
`{"kind": "lexicon", "term": "黑车", "targets": ["非法营运"]}` (or with
`"deleted": true`) is stored as the entry `lexicon:TERM` and a console hands
it to console.knowledge.lexicon.apply_feed instead of its article loader.
"""
from __future__ import annotations

import json

from sqlalchemy import insert, select, update

from console.clock import utcnow

from .db import CentralDB
from .models import KbArticle, Meta

LEXICON_PREFIX = "lexicon:"


class FeedError(ValueError):
    """A line of the upload is not an article (all lines are refused then)."""


def parse_jsonl(text: str) -> list[dict]:
    """Articles (and lexicon entries) from JSON Lines; every bad line is named,
    nothing is stored when one is bad."""
    out, problems = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as exc:  # not JSON, or a number too long to read (a plain ValueError: no .msg)
            problems.append(f"line {n}: not JSON ({exc.msg if isinstance(exc, json.JSONDecodeError) else exc})")
            continue
        if isinstance(data, dict) and data.get("kind") == "lexicon":
            entry = lexicon_entry(data)
            if isinstance(entry, str):
                problems.append(f"line {n}: {entry}")
            else:
                out.append(entry)
            continue
        if not isinstance(data, dict) or not str(data.get("id") or "").strip():
            problems.append(f"line {n}: an article is an object with an \"id\"")
            continue
        if str(data["id"]).startswith(LEXICON_PREFIX):
            problems.append(f"line {n}: an id starting with {LEXICON_PREFIX!r} is for lexicon entries")
            continue
        has_text = str(data.get("title") or "").strip() and str(data.get("body") or "").strip()
        if not data.get("deleted") and not has_text:
            problems.append(f"line {n}: an article needs a title and a body")
            continue
        out.append(data)
    if problems:
        raise FeedError("; ".join(problems[:20]) + (f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""))
    return out


def lexicon_entry(data: dict) -> dict | str:
    """The stored form of a lexicon line, or what is wrong with it. The term is
    normalized as the console does, so re-uploading 黑车 replaces the same entry."""
    from console.knowledge.lexicon import MAX_TARGETS, MAX_TERM
    from console.knowledge.segment import normalize

    term = normalize(data["term"].strip()) if isinstance(data.get("term"), str) else ""
    if not term or len(term) > MAX_TERM:
        return f"a lexicon entry has a \"term\" of 1 to {MAX_TERM} characters"
    deleted = data.get("deleted") is True
    targets = data.get("targets")
    if not deleted and not (isinstance(targets, list) and 0 < len(targets) <= MAX_TARGETS and all(
            isinstance(t, str) and 0 < len(t.strip()) <= MAX_TERM for t in targets)):
        return f"a lexicon entry has \"targets\": a list of 1 to {MAX_TARGETS} words of at most {MAX_TERM} characters"
    entry = {"id": LEXICON_PREFIX + term, "kind": "lexicon", "term": term}
    return entry | ({"deleted": True} if deleted else {"targets": [t.strip() for t in targets or ()]})


def upload(db: CentralDB, articles: list[dict]) -> dict:
    """Add or replace articles by id (an entry with "deleted": true withdraws one)."""
    added = updated = 0
    now = utcnow()
    with db.write() as conn:
        seq = int(conn.scalar(select(Meta.value).where(Meta.key == "kb_seq")) or 0)
        known = set(conn.scalars(select(KbArticle.id).where(KbArticle.id.in_([str(a["id"]) for a in articles]))))
        for a in articles:
            seq += 1
            row = {"feed_seq": seq, "data": a, "deleted": bool(a.get("deleted")), "updated_at": now}
            if str(a["id"]) in known:
                conn.execute(update(KbArticle).where(KbArticle.id == str(a["id"])).values(row))
                updated += 1
            else:
                conn.execute(insert(KbArticle), [{"id": str(a["id"]), **row}])
                known.add(str(a["id"]))
                added += 1
        conn.execute(update(Meta).where(Meta.key == "kb_seq").values(value=str(seq)))
    return {"added": added, "updated": updated, "feed_seq": seq}


def feed(db: CentralDB, since: int, limit: int = 500) -> dict:
    """Articles changed after feed position `since`, oldest change first."""
    limit = max(1, min(limit, 2000))
    with db.read() as conn:
        rows = conn.execute(select(KbArticle).where(KbArticle.feed_seq > since)
                            .order_by(KbArticle.feed_seq).limit(limit)).all()
        head = int(conn.scalar(select(Meta.value).where(Meta.key == "kb_seq")) or 0)
    return {"since": since, "next": rows[-1].feed_seq if rows else max(since, head) if since <= head else head,
            "more": len(rows) == limit,
            "articles": [{"id": r.id, "seq": r.feed_seq, "deleted": r.deleted, "article": r.data} for r in rows]}
