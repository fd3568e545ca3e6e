"""Background work for widgets: one helper, the newest request wins.

A `LatestTask` runs plain functions (no Qt; they open their own database session)
on a pool of one Qt thread, so a widget never blocks the GUI thread. Each `run()`
supersedes the requests before it: one that has not started yet never runs, and
the result of one that is running is dropped (unless the owner asked for it, as a
dashboard that shows any fresh snapshot does). `cancel()` supersedes everything
without a new request; `stop()` also waits for the running function (call it
before the database closes); `close()` stops for good, and a window that closes
calls `stop_all(self)` so that no function still runs when Qt deletes it.

Results come back through `finished` on the owner's (GUI) thread. A function that
raises is logged here with its traceback, reported through the task's `failed`
signal (for the widget's own status line) and through `failures().failed`, which
the window's error banner listens to. Only an int crosses the thread boundary in
a signal; results wait beside it under a lock.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class TaskFailures(QObject):
    """Every task's failures, for the window's banner: (task name, the exception's type name).
    The type only: an exception's text may quote a caller, the log has the rest."""

    failed = Signal(str, str)


_failures: TaskFailures | None = None


def failures() -> TaskFailures:
    """The one TaskFailures of the application (made on first use, on the GUI thread)."""
    global _failures
    if _failures is None:
        _failures = TaskFailures(QCoreApplication.instance())
    return _failures


class _Relay(QObject):
    settled = Signal(int)  # request number; its outcome waits in LatestTask._outcomes


class _Job(QRunnable):
    def __init__(self, task: LatestTask, request: int, fn: Callable[[], Any]):
        super().__init__()
        self.task, self.request, self.fn = task, request, fn
        self.setAutoDelete(True)

    def run(self) -> None:
        task = self.task
        if task.superseded(self.request):  # a newer request (queued after this one) or a cancel came first
            task.settle(self.request, None)
            return
        try:
            outcome: tuple = (True, self.fn(), threading.get_ident())
        except Exception as exc:  # reported, never kills the pool thread silently
            log.exception("background task %r failed", task.name)
            outcome = (False, exc, threading.get_ident())
        task.settle(self.request, outcome)


class LatestTask(QObject):
    """Runs one function at a time off the GUI thread; the newest request wins."""

    finished = Signal(object)  # the result of the newest request (or of any, with deliver_superseded)
    failed = Signal(str)  # "Type: message" of a failed request, for the widget's own status line

    def __init__(self, name: str, parent: QObject | None = None, *, deliver_superseded: bool = False):
        super().__init__(parent)
        self.name = name
        self.deliver_superseded = deliver_superseded
        self.last_thread: int | None = None  # where the last result was made (tests: not the GUI thread)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._request = 0
        self._dropped_upto = 0  # requests up to this one were cancelled: never delivered
        self._unsettled: set[int] = set()  # requests submitted whose function has not yet returned
        self._lock = threading.Lock()
        self._outcomes: dict[int, tuple | None] = {}
        self._relay = _Relay(self)
        self._relay.settled.connect(self._on_relay_settled)
        self._closed = False

    def run(self, fn: Callable[[], Any]) -> int:
        """Run `fn()` in the background after what runs now; the requests before it are superseded.
        After `close()` nothing runs (a timer of a closed window may still ask)."""
        if self._closed:
            return self._request
        self._request += 1
        self._unsettled.add(self._request)
        self._pool.start(_Job(self, self._request, fn))
        return self._request

    def cancel(self) -> None:
        """Supersede every request: none not yet started runs, no running one's result is delivered."""
        self._dropped_upto = self._request

    def busy(self) -> bool:
        return bool(self._unsettled)

    def stop(self) -> None:
        """Cancel and wait for the running function (before the database it reads closes)."""
        self.cancel()
        self._pool.waitForDone()
        with self._lock:
            self._outcomes.clear()  # what settled meanwhile is never delivered
        self._unsettled.clear()

    def close(self) -> None:
        """Stop for good: wait for the running function, start nothing any more."""
        self._closed = True
        self.stop()

    @property
    def closed(self) -> bool:
        return self._closed

    def superseded(self, request: int) -> bool:
        """Whether `request` should not start: a newer one was made, or it was cancelled."""
        return request != self._request or request <= self._dropped_upto

    def _wanted(self, request: int) -> bool:
        if request <= self._dropped_upto:
            return False
        return request == self._request or self.deliver_superseded

    def settle(self, request: int, outcome: tuple | None) -> None:
        # pool thread: the outcome is handed over under the lock, the signal carries the number
        with self._lock:
            self._outcomes[request] = outcome
        try:
            self._relay.settled.emit(request)
        except RuntimeError:  # the owner was deleted while this ran: nobody waits for it
            pass

    def _on_relay_settled(self, request: int) -> None:
        with self._lock:
            outcome = self._outcomes.pop(request, None)
        self._unsettled.discard(request)
        if outcome is None:
            return
        ok, value, thread_id = outcome
        if not self._wanted(request):
            return  # a newer request was made meanwhile, or this one was cancelled
        if ok:
            self.last_thread = thread_id
            self.finished.emit(value)
            return
        kind = type(value).__name__
        self.failed.emit(f"{kind}: {value}")
        failures().failed.emit(self.name, kind)


def stop_all(owner: QObject) -> None:
    """Close every task under `owner` (a window that closes), so that none still runs when
    Qt deletes the window and its widgets under a function that reads them."""
    for task in owner.findChildren(LatestTask):
        task.close()
