"""What the sync client tells the rest of the program (plain Python, no Qt).

The sync client emits `sync_status_changed` with a `SyncStatus` whenever
something a person would notice changes; the UI's adapter re-emits it on the
GUI thread for the status bar.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from console.signals import Signal


@dataclass(frozen=True)
class SyncStatus:
    configured: bool = False  # False: no central server set, the console works on its own
    online: bool = False
    syncing: bool = False
    pending: int = 0  # outbox operations not yet applied by the server
    rejected: int = 0  # operations the server refused, waiting for a person
    conflicts: int = 0  # free-text conflicts waiting for a person
    last_success: datetime | None = None  # stored form (naive UTC)
    message: str = ""  # the last error in plain words, empty when fine


sync_status_changed = Signal("sync_status_changed")
