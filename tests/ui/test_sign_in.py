"""The sign-in dialog before the window opens: keyboard only, the password decides.

Signing in against the real central server through this dialog: tests/sync/test_signin.py.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from console.signin import DEMO_PASSWORD, install_demo_verifiers
from ui.app import PASSWORD_ENV, sign_in_attempt, sign_in_seat
from ui.sign_in import SignInDialog


def _dialog(qtbot, profile, login="", demo=False):
    dialog = SignInDialog(sign_in_attempt(profile), login, demo=demo)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def test_demo_operator_signs_in_with_the_keyboard_only(qtbot, profile):
    install_demo_verifiers(profile.db)
    dialog = _dialog(qtbot, profile, demo=True)
    assert dialog.objectName() == "signInDialog"
    assert DEMO_PASSWORD in dialog.hint.text() and dialog.hint.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.login)
    qtbot.keyClicks(dialog.form.login, "lead01")
    qtbot.keyClick(dialog.form.login, Qt.Key.Key_Return)  # Enter in the login goes on to the password
    assert QApplication.focusWidget() is dialog.form.password
    qtbot.wait(100)
    assert dialog.form.message.text() == ""  # that Enter was not an attempt with an empty password
    qtbot.keyClicks(dialog.form.password, DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    actor = dialog.result_sign_in.actor
    assert (actor.login, actor.role, dialog.result_sign_in.online) == ("lead01", "team_lead", False)


def test_a_wrong_password_is_refused_with_a_sentence_and_the_dialog_stays(qtbot, profile):
    install_demo_verifiers(profile.db)
    dialog = _dialog(qtbot, profile, login="op01", demo=True)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.password)  # --operator prefilled the login
    qtbot.keyClicks(dialog.form.password, "guess-1234")
    qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.form.message.text() == "Wrong login name or password.", timeout=10_000)
    assert dialog.isVisible() and dialog.result_sign_in is None
    assert dialog.form.password.text() == ""


def test_a_real_profile_shows_no_demo_password_and_refuses_it(qtbot, profile):
    dialog = _dialog(qtbot, profile, login="lead01")
    assert not dialog.hint.isVisibleTo(dialog) and DEMO_PASSWORD not in dialog.hint.text()
    qtbot.keyClicks(dialog.form.password, DEMO_PASSWORD)
    qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "never signed in" in dialog.form.message.text(), timeout=10_000)
    assert dialog.result_sign_in is None


def test_escape_quits(qtbot, profile):
    dialog = _dialog(qtbot, profile, login="lead01")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.form.password, Qt.Key.Key_Escape)
    assert dialog.result_sign_in is None


@pytest.mark.parametrize("password", ["", "wrong-password", DEMO_PASSWORD])
def test_operator_lead01_alone_grants_nothing(qtbot, profile, monkeypatch, password):
    # the automation path ($HOTLINE_PASSWORD with --operator) checks the password like the dialog
    monkeypatch.setenv(PASSWORD_ENV, password)
    assert sign_in_seat(QApplication.instance(), profile, "lead01", sign_in_attempt(profile)) is None
    install_demo_verifiers(profile.db)
    monkeypatch.setenv(PASSWORD_ENV, password)
    signed = sign_in_seat(QApplication.instance(), profile, "lead01", sign_in_attempt(profile))
    assert (signed is not None) == (password == DEMO_PASSWORD)
    import os
    assert PASSWORD_ENV not in os.environ  # read once, not handed on to child processes


def test_too_many_wrong_passwords_disable_the_button_for_a_while(qtbot, profile):
    install_demo_verifiers(profile.db)
    dialog = _dialog(qtbot, profile, login="op01", demo=True)
    for n in range(4):
        qtbot.keyClicks(dialog.form.password, f"guess-{n}xyz")
        qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.form.message.text() not in ("", "Checking the password…"), timeout=10_000)
        if n < 3:
            assert dialog.form.message.text() == "Wrong login name or password."
            dialog.form.message.clear()
    assert dialog.form.message.text().startswith("Too many wrong passwords")
    assert not dialog.form.button.isEnabled()
