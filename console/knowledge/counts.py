"""Direct answers per article, for the dashboard's direct-answer rate."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from models import Case
from models.db import Database


def answer_counts(db: Database, since: datetime | None = None) -> dict[str, int]:
    """{article id: cases answered directly with it}, optionally only cases
    created at or after `since` (stored naive-UTC time)."""
    q = (select(Case.knowledge_article_id, func.count())
         .where(Case.knowledge_article_id.is_not(None))
         .group_by(Case.knowledge_article_id))
    if since is not None:
        q = q.where(Case.created_at >= since)
    with db.session() as s:
        return {aid: n for aid, n in s.execute(q).all() if aid is not None}
