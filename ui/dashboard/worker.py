"""Builds dashboard snapshots off the GUI thread, one at a time, newest wins."""
from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object, object)  # (result, thread id)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], object], signals: _Signals):
        super().__init__()
        self.fn, self.signals = fn, signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # a failed refresh is shown, never crashes the window
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.signals.done.emit(result, threading.get_ident())


class SnapshotRunner(QObject):
    """Runs `fn` on its own one-thread pool; a request made while one runs is
    coalesced into a single run after it. Results arrive through `done` on the
    thread that owns this object (the GUI thread)."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[], object], parent: QObject | None = None):
        super().__init__(parent)
        self.fn = fn
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._busy = False
        self._again = False
        self.last_thread: int | None = None  # where the last snapshot was built (tests check: not the GUI thread)

    def request(self) -> None:
        if self._busy:
            self._again = True
            return
        self._busy = True
        self.pool.start(_Job(self.fn, self._signals))

    def busy(self) -> bool:
        return self._busy

    def stop(self) -> None:
        """Wait for a running snapshot and drop pending ones (before the database closes)."""
        self._again = False
        self.pool.waitForDone()

    def _next(self) -> None:
        self._busy = False
        if self._again:
            self._again = False
            self.request()

    def _on_done(self, result, thread_id) -> None:
        self.last_thread = thread_id
        self.done.emit(result)
        self._next()

    def _on_failed(self, message: str) -> None:
        self.failed.emit(message)
        self._next()
