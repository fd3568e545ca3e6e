"""An uncaught exception (main thread, another thread, a Qt slot) shows a non-modal banner in
the window, without the exception's text; the operator dismisses it and keeps working."""
from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication

from console.log_scrub import log_uncaught_exceptions

PHONE = "13812345678"


@pytest.fixture
def hooks():
    """The program's hooks, as hotline.cli.run installs them; the test run's are put back."""
    saved = sys.excepthook, threading.excepthook
    log_uncaught_exceptions()
    yield
    sys.excepthook, threading.excepthook = saved


def _bar(window):
    return window.error_banner.parentWidget()


def test_an_exception_shows_the_banner_without_its_text_and_dismiss_hides_it(qtbot, window, hooks, tmp_path):
    banner = window.error_banner
    assert not _bar(window).isVisible()
    try:
        raise RuntimeError(f"caller {PHONE} rang twice")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: _bar(window).isVisible())
    text = banner.message.text()
    assert "RuntimeError" in text and PHONE not in text and "rang twice" not in text
    assert window.isEnabled() and window.form.isEnabled()  # nothing modal: work goes on
    window.grab().save(str(tmp_path / "banner.png"))

    banner.dismiss.click()
    assert not _bar(window).isVisible()


def test_an_exception_in_another_thread_and_in_a_slot_reach_the_banner(qtbot, window, hooks):
    def worker():
        raise ValueError(f"thread saw {PHONE}")

    t = threading.Thread(target=worker, name="worker")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: _bar(window).isVisible())
    assert "ValueError" in window.error_banner.message.text()

    def slot():
        raise KeyError("slot")

    QTimer.singleShot(0, slot)  # PySide6 hands a slot's exception to sys.excepthook
    qtbot.waitUntil(lambda: "2 unexpected errors" in window.error_banner.message.text())
    assert "KeyError" in window.error_banner.message.text()


def test_a_closed_window_stops_listening(qtbot, filled, hooks):
    import logging

    from ui.app import build_main_window
    logger = logging.getLogger("uncaught")
    before = set(logger.handlers)
    win = build_main_window(filled, filled.actor("op01"), knowledge=False)
    added = set(logger.handlers) - before
    assert len(added) == 1
    win.close()  # as the program does: closing stops the pages' background work before deletion
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not added & set(logger.handlers)
