"""A plain-Python signal: the core announces changes without knowing about Qt.

`ui/` has one adapter that connects to these and re-emits on the GUI thread.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


class Signal:
    """Connect callables; `emit` calls each, logging (not raising) a failing one."""

    def __init__(self, name: str = ""):
        self.name = name
        self._slots: list[Callable] = []
        self._lock = threading.Lock()

    def connect(self, slot: Callable) -> None:
        with self._lock:
            if slot not in self._slots:
                self._slots.append(slot)

    def disconnect(self, slot: Callable) -> None:
        with self._lock:
            if slot in self._slots:
                self._slots.remove(slot)

    def emit(self, *args) -> None:
        with self._lock:
            slots = list(self._slots)
        for slot in slots:
            try:
                slot(*args)
            except Exception:  # a broken listener must not undo a committed case
                log.exception("listener of %s failed", self.name)


@dataclass(frozen=True)
class CasesChanged:
    """Which cases changed and why (`created`, an action name, `synced`, `bulk`)."""

    case_ids: tuple
    reason: str


cases_changed = Signal("cases_changed")
drafts_changed = Signal("drafts_changed")
