"""The window locks on the shortcut and when idle, hides every caller, keeps the call, and
opens again only for the operator's password (or for another operator, in their own window)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from console.cti import CallEvent
from console.signin import DEMO_PASSWORD, install_demo_verifiers
from ui.app import build_main_window, sign_in_attempt
from ui.seat import Seat

from .keys import type_text

PHONE, DESCRIPTION = "13511112222", "楼上漏水到我家天花板"


def _type_call(qtbot, window) -> None:
    QTest.keyClick(window.queue.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    type_text(window.form.phone, PHONE)
    window.form.description.setFocus()
    type_text(window.form.description, DESCRIPTION)


def _readable_text(window) -> str:
    """Every text a person (or a screen reader) could read in the window now."""
    seen = []
    for w in window.findChildren(QWidget):
        if not w.isVisible():
            continue
        for getter in ("text", "toPlainText", "windowTitle"):
            value = getattr(w, getter, None)
            if callable(value):
                try:
                    seen.append(str(value()))
                except TypeError:
                    pass
    return "\n".join(seen)


def _unlock_with(qtbot, window, password: str) -> None:
    form = window.lock_control.screen.form
    qtbot.waitUntil(lambda: form.password.isVisible())
    type_text(form.password, password)
    QTest.keyClick(form.password, Qt.Key.Key_Return)


def test_lock_on_the_shortcut_hides_the_call_and_the_right_password_brings_it_back(qtbot, window, filled):
    install_demo_verifiers(filled.db)
    _type_call(qtbot, window)
    assert PHONE in _readable_text(window)
    QTest.keyClick(window.form.description, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    lock = window.lock_control
    assert lock.is_locked() and lock.screen.isVisible()
    text = _readable_text(window)
    assert PHONE not in text and DESCRIPTION not in text and "楼上" not in text
    assert not window.form.description.isVisible() and not window.queue.isVisible()
    window.resize(1100, 700)  # the lock screen keeps covering the whole window
    qtbot.waitUntil(lambda: lock.screen.geometry() == window.rect())
    draft = window.services.drafts.latest("op01")  # on disk before the screen locked
    assert draft is not None and draft.data.get("description") == DESCRIPTION
    # shortcuts and typing do nothing to the form while locked
    QTest.keyClick(lock.screen.form.password, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.form.description.toPlainText() == DESCRIPTION

    _unlock_with(qtbot, window, "not-my-password")
    qtbot.waitUntil(lambda: lock.screen.form.message.text() == "Wrong login name or password.", timeout=10_000)
    assert lock.is_locked()
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        _unlock_with(qtbot, window, DEMO_PASSWORD)
    assert not lock.screen.isVisible() and window.form.description.isVisible()
    assert window.form.phone.text() == PHONE and window.form.description.toPlainText() == DESCRIPTION
    assert lock.screen.form.password.text() == ""


def test_idle_locks_and_a_call_does_not_unlock(qtbot, window, filled):
    install_demo_verifiers(filled.db)
    lock = window.lock_control
    assert window.settings.lock_idle_minutes == 10 and lock._idle.interval() == 600_000
    for damaged in ("soon", -1, 0, None):  # a damaged setting never disables the lock
        lock.set_idle_minutes(damaged)
        assert lock._idle.interval() == 600_000
    _type_call(qtbot, window)
    with qtbot.waitSignal(lock.locked, timeout=10_000):
        lock.set_idle_minutes(0.002)  # a tenth of a second without input
    assert DESCRIPTION not in _readable_text(window)
    window.on_call_event(CallEvent("newCall", "c-9", "13600001111"))
    QApplication.processEvents()
    assert lock.is_locked() and lock.screen.call_notice.isVisible()
    assert "13600001111" not in _readable_text(window)
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        _unlock_with(qtbot, window, DEMO_PASSWORD)
    # the waiting call rings in the call bar once unlocked; the call typed before the lock keeps the form
    assert window.form.description.toPlainText() == DESCRIPTION
    assert [(e.kind, e.phone) for e in window.call_bar.others()] == [("ringing", "13600001111")]
    assert "136 0000 1111" in window.call_bar.list.item(1).text()


def test_another_operator_signs_in_at_the_lock_and_the_first_ones_call_waits_for_them(qtbot, profile):
    install_demo_verifiers(profile.db)
    attempt = sign_in_attempt(profile)
    seat = Seat(profile, attempt, lambda *a, **kw: build_main_window(*a, knowledge=False, **kw))
    first = seat.open(attempt("op01", DEMO_PASSWORD))  # replaced windows are deleted: not qtbot's to close
    qtbot.waitExposed(first)
    _type_call(qtbot, first)
    first.lock_control.lock()
    screen = first.lock_control.screen
    QTest.mouseClick(screen.switch_button, Qt.MouseButton.LeftButton)
    assert screen.form.login.text() == "" and not screen.form.login.isReadOnly()
    type_text(screen.form.login, "op02")
    type_text(screen.form.password, DEMO_PASSWORD)
    with qtbot.waitSignal(seat.window_changed, timeout=10_000):
        QTest.keyClick(screen.form.password, Qt.Key.Key_Return)
    second = seat.window
    assert not first.isVisible()  # op01's window is closed, not left behind the new one
    assert second is not first and second.services.actor.login == "op02"
    assert second.form.description.toPlainText() == "" and not second.lock_control.is_locked()
    assert second.services.drafts.latest("op02") is None
    assert second.services.drafts.latest("op01").data.get("description") == DESCRIPTION
    # op01 signs in again (op02 locks, op01 takes the seat): the call comes back
    second.lock_control.lock()
    with qtbot.waitSignal(seat.window_changed, timeout=10_000):
        seat.switch(attempt("op01", DEMO_PASSWORD))
    third = seat.window
    qtbot.addWidget(third)
    assert third.services.actor.login == "op01"
    assert third.form.phone.text() == PHONE and third.form.description.toPlainText() == DESCRIPTION


def test_the_unlock_password_is_the_locked_operators_not_anyones(qtbot, window, filled):
    install_demo_verifiers(filled.db)
    lock = window.lock_control
    lock.lock()
    form = lock.screen.form
    assert form.login.text() == "op01" and form.login.isReadOnly()
    switched = []
    lock.switch_requested.connect(switched.append)
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        _unlock_with(qtbot, window, DEMO_PASSWORD)
    assert switched == []
