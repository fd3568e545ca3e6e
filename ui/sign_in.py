"""The sign-in dialog and the login/password form it shares with the lock screen.

The form runs `console.signin.sign_in` (through the `attempt` function it is
given) off the GUI thread: the central server may take seconds to answer, or
not answer at all, and the window must not freeze meanwhile.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from console.signin import DEMO_PASSWORD, SignIn, SignInError, TooSoon

from .tasks import LatestTask

log = logging.getLogger(__name__)

Attempt = Callable[[str, str], SignIn]  # (login, password) -> SignIn; raises SignInError


class SignInForm(QWidget):
    """Login name, password, a message line and a Sign in button; Enter signs in."""

    signed_in = Signal(object)  # console.signin.SignIn

    def __init__(self, attempt: Attempt, login: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signInForm")
        self.attempt = attempt
        self._busy = False
        self.checks = LatestTask("sign-in", self)
        self.checks.finished.connect(self._on_result)
        self._countdown = QTimer(self, interval=1000)
        self._countdown.timeout.connect(self._tick)
        self._wait_left = 0
        self._setup_ui()
        self.login.setText(login)

    def set_login_fixed(self, fixed: bool) -> None:
        """Unlocking: the login is the locked operator's and cannot be edited."""
        self.login.setReadOnly(fixed)
        self.login.setFocusPolicy(Qt.FocusPolicy.NoFocus if fixed else Qt.FocusPolicy.StrongFocus)

    def focus_first_empty(self) -> None:
        (self.password if self.login.text().strip() else self.login).setFocus()

    def clear(self) -> None:
        self.password.clear()
        self.message.clear()

    def submit(self) -> None:
        """Check the login and password (off the GUI thread); `signed_in` on success."""
        if self._busy or self._wait_left > 0:
            return
        login, password = self.login.text().strip(), self.password.text()
        self._set_busy(True)
        self.message.setText(self.tr("Checking the password…"))
        self.checks.run(lambda: self._run(login, password))

    # -- ui ----------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.login = QLineEdit(self, objectName="signInLogin")
        self.login.setAccessibleName(self.tr("Login name"))
        self.login.setMaxLength(64)
        self.password = QLineEdit(self, objectName="signInPassword")
        self.password.setAccessibleName(self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.message = QLabel(self, objectName="signInMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Sign-in message"))
        self.message.setStyleSheet("color:#b02a37;")
        self.button = QPushButton(self.tr("Sign in"), self, objectName="signInButton")
        self.button.setAccessibleName(self.tr("Sign in"))
        # Enter in the fields is handled by their returnPressed; a dialog's (auto)default
        # button would also take that Enter and sign in with the password still empty
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.submit)
        self.login.returnPressed.connect(self._on_login_return)
        self.password.returnPressed.connect(self.submit)
        fields = QFormLayout()
        fields.addRow(self.tr("&Login name"), self.login)
        fields.addRow(self.tr("&Password"), self.password)
        for w in (self.login, self.password):
            w.setMinimumWidth(240)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(fields)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        layout.addLayout(row)

    def _on_login_return(self) -> None:
        if self.password.text():
            self.submit()
        else:
            self.password.setFocus()

    def _run(self, login: str, password: str):
        try:
            return self.attempt(login, password)
        except SignInError as exc:
            return exc
        except Exception as exc:  # shown as a sentence; the trace stays in the log
            log.exception("sign-in failed")
            return exc

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.button.setEnabled(not busy and self._wait_left <= 0)
        self.password.setReadOnly(busy)

    def _on_result(self, result) -> None:
        self._set_busy(False)
        if isinstance(result, SignIn):
            self.password.clear()
            self.message.clear()
            self.signed_in.emit(result)
            return
        self.password.clear()
        self.password.setFocus()
        if isinstance(result, TooSoon):
            self._wait_left = max(1, int(result.wait + 0.999))
            self.button.setEnabled(False)
            self._countdown.start()
        self.message.setText(self.message_for(result))

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._countdown.stop()
            self.button.setEnabled(not self._busy)
            self.message.setText(self.tr("You can try again now."))
        else:
            self.message.setText(self.message_for(TooSoon(self._wait_left)))

    def message_for(self, error: Exception) -> str:
        """The operator's sentence for a refused sign-in."""
        code = getattr(error, "code", "")
        if code == "empty":
            return self.tr("Type your login name and password.")
        if code == "wrong":
            return self.tr("Wrong login name or password.")
        if code == "no_verifier":
            return self.tr("The central server cannot be reached, and this operator has never signed in on this "
                           "computer while it could. Sign in once while the central server is reachable.")
        if code == "too_soon":
            return self.tr("Too many wrong passwords. Try again in {0} s.").format(
                max(1, int(getattr(error, "wait", 1) + 0.999)))
        if isinstance(error, SignInError):
            return self.tr("The sign-in was refused: {0}").format(str(error))
        return self.tr("The sign-in failed ({0}). Try again, or ask the administrator.").format(type(error).__name__)


class SignInDialog(QDialog):
    """Before the window opens: who sits at this seat. Enter signs in, Esc quits."""

    def __init__(self, attempt: Attempt, login: str = "", demo: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in - 12345 Hotline Console"))
        self.result_sign_in: SignIn | None = None
        title = QLabel(self.tr("12345 Hotline Console"), self, objectName="signInTitle")
        title.setStyleSheet("font-size:18px; font-weight:bold;")
        intro = QLabel(self.tr("Sign in with your own login name and password."), self)
        intro.setWordWrap(True)
        self.form = SignInForm(attempt, login, self)
        self.form.signed_in.connect(self._on_signed_in)
        self.hint = QLabel(self, objectName="signInHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("background:#fff3cd; color:#664d03; padding:6px;")
        if demo:
            self.hint.setText(self.tr("Demo profile: every demo operator (op01 to op05, lead01, admin) has the "
                                      "password {0}. A real profile never has it.").format(DEMO_PASSWORD))
        self.hint.setVisible(demo)
        quit_button = QPushButton(self.tr("Quit"), self, objectName="signInQuit")
        quit_button.setAccessibleName(self.tr("Quit"))
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.hint)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(quit_button)
        layout.addLayout(row)
        self.setMinimumWidth(440)
        self.form.focus_first_empty()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.form.focus_first_empty()

    def _on_signed_in(self, done: SignIn) -> None:
        self.result_sign_in = done
        self.accept()
