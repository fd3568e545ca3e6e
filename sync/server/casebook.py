"""The server's cases: one object the HTTP routes hold, each job in a module of its own.

- push.py (and push_batch.py): pushed operations, applied with group commit;
- pull.py: pull pages and the cache of snapshot texts;
- snapshots.py: the one serializer of snapshots (pulls, acknowledgements, reads);
- reads.py, actions.py: the case API; filing.py: cases filed through Open311;
- case_rows.py: a case row as a namespace and the one way a write changes it.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from console.attachments import BlobStore
from console.clock import utcnow
from console.deadlines import SlaPolicy

from . import actions, filing, reads
from .access import Caller, EpochChanged, NotVisible, NotYourDevice, visible
from .blobs import default_blob_dir
from .case_rows import CASES, EVENTS, Rules, reference_codes
from .db import CentralDB
from .media_fetch import MediaFetch
from .pull import Pulls
from .push import Pushes
from .stations import WEB_STATION

__all__ = ["CASES", "EVENTS", "Caller", "Casebook", "EpochChanged", "NotVisible", "NotYourDevice",
           "reference_codes", "visible"]


class Casebook(Rules):
    """The authority's case logic over a CentralDB."""

    def __init__(self, db: CentralDB, policy: SlaPolicy | None = None, clock: Callable[[], datetime] = utcnow):
        super().__init__(db, policy, clock)
        self.blobs = BlobStore(default_blob_dir(db.url))  # attachment bytes (create_app may set another)
        self.media_fetch = MediaFetch()
        self.pulls = Pulls(db)
        self.pushes = Pushes(self, committed=self.pulls.prewarm)

    def push(self, caller: Caller, device_id: str, ops: list[dict], sent_at: str, client_epoch: str | None,
             plain: bool = False) -> dict:
        """A console's batch of operations (push.Pushes.push)."""
        return self.pushes.push(caller, device_id, ops, sent_at, client_epoch, plain)

    def pull_text(self, caller: Caller, cursor: int, limit: int, client_epoch: str | None,
                  fmt: str = "objects") -> str:
        """The JSON text of a pull page (pull.Pulls.page)."""
        return self.pulls.page(caller, cursor, limit, client_epoch, fmt)

    def get(self, caller: Caller, ref: str) -> dict:
        return reads.get_case(self.db, caller, ref)

    def list_cases(self, caller: Caller, state: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        return reads.list_cases(self.db, caller, state, limit, offset)

    def act(self, caller: Caller, ref: str, action: str, reason: str = "", payload: dict | None = None) -> dict:
        return actions.act(self, caller, ref, action, reason, payload)

    def create(self, fields: dict, caller: Caller, station: str = WEB_STATION, media=None,
               media_error: str = "") -> dict:
        return filing.create(self, fields, caller, station, media, media_error)
