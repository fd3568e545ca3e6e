"""ui.tasks.LatestTask: off the GUI thread, newest request wins, cancellation, failures
logged and announced to the window's banner."""
from __future__ import annotations

import logging
import threading

from PySide6.QtWidgets import QWidget

from ui.tasks import LatestTask, failures


class Gate:
    """A function that waits (on the pool thread) until the test lets it go."""

    def __init__(self, value):
        self.value = value
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self):
        self.started.set()
        assert self.release.wait(10)
        return self.value


def test_the_result_comes_back_on_the_gui_thread_from_another(qtbot):
    task = LatestTask("sum")
    seen = []
    task.finished.connect(lambda v: seen.append((v, threading.get_ident())))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.run(lambda: sum(range(10)))
    assert seen == [(45, threading.get_ident())]
    assert task.last_thread not in (None, threading.get_ident())
    qtbot.waitUntil(lambda: not task.busy(), timeout=5000)


def test_the_newest_request_wins(qtbot):
    task = LatestTask("search")
    seen = []
    task.finished.connect(seen.append)
    slow, queued = Gate("old"), []
    task.run(slow)
    assert slow.started.wait(5)
    task.run(lambda: queued.append("never") or "middle")  # superseded before it starts: never runs
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.run(lambda: "new")
        slow.release.set()
    qtbot.waitUntil(lambda: not task.busy(), timeout=5000)
    assert seen == ["new"]  # the running one's answer arrived and was dropped
    assert queued == []


def test_a_superseded_result_is_delivered_when_asked_for(qtbot):
    task = LatestTask("snapshot", deliver_superseded=True)
    seen = []
    task.finished.connect(seen.append)
    slow = Gate("older")
    task.run(slow)
    assert slow.started.wait(5)
    task.run(lambda: "skipped")
    task.run(lambda: "newest")
    slow.release.set()
    qtbot.waitUntil(lambda: seen == ["older", "newest"] and not task.busy(), timeout=5000)


def test_cancel_drops_a_running_result_and_stop_waits_for_it(qtbot):
    task = LatestTask("report", deliver_superseded=True)
    seen = []
    task.finished.connect(seen.append)
    slow = Gate("late")
    task.run(slow)
    assert slow.started.wait(5)
    task.cancel()
    assert task.busy()
    threading.Timer(0.05, slow.release.set).start()
    task.stop()  # returns once the running function has returned
    assert not task.busy()
    qtbot.wait(50)
    assert seen == []


def test_a_failure_is_logged_and_announced_to_the_widget_and_the_banner(qtbot, caplog):
    task = LatestTask("broken")
    messages, banner = [], []
    task.failed.connect(messages.append)
    failures().failed.connect(lambda name, kind: banner.append((name, kind)))

    def boom():
        raise ValueError("the database file is damaged")
    with caplog.at_level(logging.ERROR, logger="ui.tasks"), qtbot.waitSignal(task.failed, timeout=5000):
        task.run(boom)
    assert messages == ["ValueError: the database file is damaged"]
    assert ("broken", "ValueError") in banner  # the type only: the text may quote a caller
    record = next(r for r in caplog.records if r.name == "ui.tasks")
    # the traceback is in the log (as exc_info, or as text once a scrubbing filter has run)
    assert "broken" in record.getMessage() and "ValueError" in caplog.text
    with qtbot.waitSignal(task.finished, timeout=5000):  # the pool thread survived
        task.run(lambda: "fine")


def test_close_waits_for_the_running_function_and_runs_nothing_after(qtbot):
    task = LatestTask("closing")
    seen = []
    task.finished.connect(seen.append)
    slow = Gate("late")
    task.run(slow)
    assert slow.started.wait(5)
    threading.Timer(0.2, slow.release.set).start()
    task.close()  # returns only when the running function has
    assert not task.busy() and task.closed
    ran = []
    task.run(lambda: ran.append(1))
    qtbot.wait(100)
    assert ran == [] and seen == []


def test_a_closing_window_stops_its_dashboard_under_a_running_snapshot(qtbot, profile, monkeypatch):
    """The window's pages are deleted with it: no snapshot may still run then (it crashed CI)."""
    from console.monitor import MonitorService
    from ui.app import build_main_window
    gate = Gate(None)
    real = MonitorService.snapshot

    def slow_snapshot(self, now):
        gate()
        return real(self, now)

    monkeypatch.setattr(MonitorService, "snapshot", slow_snapshot)
    win = build_main_window(profile, profile.actor("lead01"))
    qtbot.addWidget(win)
    assert gate.started.wait(5)  # the dashboard's first snapshot is running
    dashboard = win.findChild(QWidget, "dashboardPage")
    threading.Timer(0.2, gate.release.set).start()
    win.close()
    tasks = win.findChildren(LatestTask)
    assert dashboard.runner in tasks and all(t.closed and not t.busy() for t in tasks)
    dashboard.refresh()  # its timer may still fire: nothing starts
    assert not dashboard.runner.busy()
