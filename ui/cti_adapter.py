"""Caller-ID events to the GUI thread: the listener (console.cti) may run on
the qasync loop or on a thread of its own; a queued Qt signal brings each
event to the window either way."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class CtiAdapter(QObject):
    call_event = Signal(object)  # console.cti.CallEvent

    def deliver(self, event) -> None:
        """The listener's callback: safe to call from any thread."""
        self.call_event.emit(event)
