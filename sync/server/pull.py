"""The pull: cases changed after a cursor, in commit order, and the cache of their texts.

Every console pulls the same new cases, so each snapshot's text is kept under
(case, version, format): a version of a case never changes once committed, and each
text is read in one consistent transaction (CentralDB.read), so a kept text is never
a torn snapshot. Cases just pushed are serialized ahead of the pulls, in a thread
of their own (`prewarm`).
"""
from __future__ import annotations

import itertools
import json
import logging
import threading
from collections import OrderedDict

from sqlalchemy import Connection, func, select

from ..protocol import CASE_FIELDS, EVENT_FIELDS, PAGE_FORMATS
from .access import Caller, EpochChanged, department_cases, visible
from .case_rows import CASES
from .db import CentralDB
from .models import CentralCase, Change, Meta
from .snapshots import snapshot_texts

log = logging.getLogger(__name__)
MAX_LIMIT = 5000


def epoch_of(conn: Connection) -> str:
    """The server's epoch (a new one after a restore: consoles then resync)."""
    return conn.scalar(select(Meta.value).where(Meta.key == "epoch")) or ""


class Pulls:
    """Pull pages over a CentralDB, with the texts of recent snapshots kept."""

    CACHE_SIZE = 50_000  # snapshot texts kept
    PREWARM_FORMAT = "rows"  # the format consoles pull in

    def __init__(self, db: CentralDB):
        self.db = db
        self._cache: OrderedDict[tuple[str, int, str], str] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._warm_lock = threading.Lock()
        self._to_warm: dict[str, None] = {}
        self._warmer: threading.Thread | None = None

    def page(self, caller: Caller, cursor: int, limit: int, client_epoch: str | None, fmt: str = "objects") -> str:
        """The JSON text of the page after `cursor`; its next cursor even when it is empty.
        `fmt` "rows" writes each case as a row (protocol.snapshot_to_row)."""
        if fmt not in PAGE_FORMATS:
            raise ValueError(f"unknown page format {fmt!r}")
        limit = max(1, min(limit, MAX_LIMIT))
        with self.db.read() as conn:
            epoch = epoch_of(conn)
            head = conn.scalar(select(func.max(Change.id))) or 0
            if (client_epoch and client_epoch != epoch) or cursor > head:
                raise EpochChanged(epoch)
            cols = [Change.id, Change.case_id, CentralCase.version]  # each case's version in the same read
            if caller.role == "liaison":  # what `visible` reads
                cols += [CentralCase.lead_department, CentralCase.assist_departments, CentralCase.upper_units]
            q = select(*cols).join(CentralCase, CentralCase.id == Change.case_id).where(
                Change.id > cursor, Change.id <= head)
            if caller.role == "liaison":  # cases it leads, assists or passed down (`visible` then decides exactly)
                q = q.where(department_cases(CentralCase.__table__, caller.department))
            rows = conn.execute(q.order_by(Change.id).limit(limit)).all()
            more = len(rows) == limit
            next_cursor = rows[-1].id if more else head
            texts = self._texts(conn, {r.case_id: r for r in rows}, caller, fmt)
        page: dict = {"epoch": epoch, "cursor": cursor, "next_cursor": next_cursor, "changes": len(rows), "more": more}
        if fmt == "rows":
            page.update(format="rows", case_fields=CASE_FIELDS, event_fields=EVENT_FIELDS)
        head_text = json.dumps(page, separators=(",", ":"))
        return head_text[:-1] + ',"cases":[' + ",".join(texts) + "]}"

    def _texts(self, conn: Connection, heads: dict, caller: Caller, fmt: str) -> list[str]:
        """The texts of the cases `heads` (id -> a row with its version, read in this
        transaction) this caller may see, kept ones reused."""
        get = self._cache.get
        with self._cache_lock:
            texts = {c: get((c, head.version, fmt)) for c, head in heads.items()}
        missing = [c for c, text in texts.items() if text is None]
        if missing:
            made = snapshot_texts(conn, missing, fmt)
            with self._cache_lock:
                for case_id, version, text in made:
                    texts[case_id] = text
                    self._cache[(case_id, version, fmt)] = text
                while len(self._cache) > self.CACHE_SIZE:
                    self._cache.popitem(last=False)
        return [text for c, text in texts.items()
                if text and (caller.role != "liaison" or visible(heads[c], caller))]

    def prewarm(self, case_ids: list[str]) -> None:
        """Serialize the snapshots of cases just pushed for the pulls to come (every console
        pulls them), in a thread of its own; a thread runs only while there is work."""
        if not case_ids:
            return
        with self._warm_lock:
            self._to_warm.update(dict.fromkeys(case_ids))
            if self._warmer is not None:
                return
            self._warmer = threading.Thread(target=self._warm, name="pull-prewarm", daemon=True)
            self._warmer.start()

    def warmed(self, timeout: float | None = None) -> bool:
        """Wait until the snapshots asked for by `prewarm` so far are serialized."""
        with self._warm_lock:
            warmer = self._warmer
        if warmer is not None:
            warmer.join(timeout)
        return not (warmer is not None and warmer.is_alive())

    def _warm(self) -> None:
        while True:
            with self._warm_lock:
                ids = list(itertools.islice(self._to_warm, 2000))
                for case_id in ids:
                    del self._to_warm[case_id]
                if not ids:
                    self._warmer = None
                    return
            try:
                with self.db.read() as conn:
                    heads = {r.id: r for i in range(0, len(ids), 900) for r in conn.execute(
                        select(CASES.c.id, CASES.c.version).where(CASES.c.id.in_(ids[i:i + 900])))}
                    self._texts(conn, heads, Caller("prewarm", "operator"), self.PREWARM_FORMAT)
            except Exception:  # only a cache: the pull makes the texts itself
                log.exception("could not serialize %d snapshots ahead of the pulls", len(ids))
