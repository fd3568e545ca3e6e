"""The knowledge base feed: articles an admin uploads (JSON Lines), pulled by consoles.

Each upload gives the changed articles the next feed sequence numbers, so a
console asks for "everything after N" and never misses or repeats one.
"""
from __future__ import annotations

import json

from sqlalchemy import insert, select, update

from console.clock import utcnow

from .db import CentralDB
from .models import KbArticle, Meta


class FeedError(ValueError):
    """A line of the upload is not an article (all lines are refused then)."""


def parse_jsonl(text: str) -> list[dict]:
    """Articles from JSON Lines; every bad line is named, nothing is stored when one is bad."""
    out, problems = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as exc:
            problems.append(f"line {n}: not JSON ({exc.msg})")
            continue
        if not isinstance(data, dict) or not str(data.get("id") or "").strip():
            problems.append(f"line {n}: an article is an object with an \"id\"")
            continue
        if not data.get("deleted") and not (str(data.get("title") or "").strip() and str(data.get("body") or "").strip()):
            problems.append(f"line {n}: an article needs a title and a body")
            continue
        out.append(data)
    if problems:
        raise FeedError("; ".join(problems[:20]) + (f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""))
    return out


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
