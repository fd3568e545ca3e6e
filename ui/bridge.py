"""The one adapter from the core's plain-Python signals to Qt signals.

The core (and the sync client, which may run on another thread) emits
`console.signals.cases_changed`, `drafts_changed` and
`sync.status.sync_status_changed`; this object re-emits each as a Qt signal.
A Qt signal emitted from a worker thread reaches slots of GUI objects through
a queued connection, so every widget hears about changes on the GUI thread.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from console import signals as core_signals
from sync import status as sync_status


class CoreSignals(QObject):
    cases_changed = Signal(object)  # console.signals.CasesChanged
    drafts_changed = Signal(object)  # draft id
    sync_status_changed = Signal(object)  # sync.status.SyncStatus

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._links = [(core_signals.cases_changed, self.cases_changed.emit),
                       (core_signals.drafts_changed, self.drafts_changed.emit),
                       (sync_status.sync_status_changed, self.sync_status_changed.emit)]
        for source, slot in self._links:
            source.connect(slot)

    def close(self) -> None:
        """Stop listening (the window is going away)."""
        global _shared
        for source, slot in self._links:
            source.disconnect(slot)
        self._links = []
        if _shared is self:
            _shared = None


_shared: CoreSignals | None = None


def core_signals_bridge() -> CoreSignals:
    """The program's single adapter, made on first use (on the GUI thread)."""
    global _shared
    if _shared is None:
        _shared = CoreSignals()
    return _shared
