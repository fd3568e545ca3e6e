"""The window's lock: after an idle time or on the lock shortcut, a screen that hides
every case and caller and asks the operator's password again.

While locked, the window's content (the splitter with the queue, the form and the
case), its status bar and its open dialogs are hidden, not only covered, so
neither a glance nor a screen reader finds a caller's data; the window's
shortcuts are off. The form's draft is written to disk first and the form is
left as it was, so unlocking brings the call back exactly. Another operator may
sign in at the lock screen instead: the window then asks to be replaced by that
operator's (`switch_requested`); the draft stays the first operator's.

Idle means no keyboard or mouse input anywhere in the application, watched by
one application-wide event filter. An incoming call does not unlock: the lock
screen only says a call is waiting.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.signin import SignIn

from .sign_in import Attempt, SignInForm

log = logging.getLogger(__name__)

DEFAULT_IDLE_MINUTES = 10
_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
                    QEvent.Type.TouchBegin, QEvent.Type.TabletPress})


class LockScreen(QFrame):
    """What the locked window shows: who is signed in, the password, another operator."""

    def __init__(self, actor, attempt: Attempt, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lockScreen { background:#243447; } #lockCard { background:palette(window); "
                           "border-radius:8px; }")
        self.actor = actor
        card = QFrame(self, objectName="lockCard")
        title = QLabel(self.tr("This seat is locked"), card, objectName="lockTitle")
        title.setStyleSheet("font-size:18px; font-weight:bold;")
        self.who = QLabel(card, objectName="lockWho")
        self.who.setWordWrap(True)
        self.call_notice = QLabel(self.tr("A call is waiting: unlock to take it."), card, objectName="lockCallNotice")
        self.call_notice.setStyleSheet("background:#cfe2ff; color:#084298; padding:6px; font-weight:bold;")
        self.call_notice.hide()
        self.form = SignInForm(attempt, actor.login, card)
        self.form.button.setText(self.tr("Unlock"))
        self.form.button.setAccessibleName(self.tr("Unlock"))
        self.form.set_login_fixed(True)
        self.switch_button = QPushButton(self.tr("Sign in as another operator"), card, objectName="lockSwitch")
        self.switch_button.setAutoDefault(False)
        self.switch_button.setAccessibleName(self.tr("Sign in as another operator"))
        self.switch_button.clicked.connect(self.allow_other_operator)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.addWidget(title)
        inner.addWidget(self.who)
        inner.addWidget(self.call_notice)
        inner.addWidget(self.form)
        row = QHBoxLayout()
        row.addWidget(self.switch_button)
        row.addStretch(1)
        inner.addLayout(row)
        card.setMinimumWidth(460)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        self.reset()

    def reset(self) -> None:
        """Back to "unlock as the signed-in operator"."""
        a = self.actor
        self.who.setText(
            self.tr(
                "{0} ({1}) is signed in. Type the password to unlock. Another operator may sign "
                "in instead: {0}'s unsaved call then stays saved as a draft."
            ).format(a.name or a.login, a.login)
        )
        self.form.login.setText(a.login)
        self.form.set_login_fixed(True)
        self.form.button.setText(self.tr("Unlock"))
        self.form.button.setAccessibleName(self.tr("Unlock"))
        self.form.clear()
        self.call_notice.hide()

    def allow_other_operator(self) -> None:
        self.form.set_login_fixed(False)
        self.form.login.clear()
        self.form.password.clear()
        self.form.button.setText(self.tr("Sign in"))
        self.form.button.setAccessibleName(self.tr("Sign in"))
        self.form.login.setFocus()


class LockController(QObject):
    """Locks `window` when idle or asked; unlocks on the right password."""

    locked = Signal()
    unlocked = Signal()
    switch_requested = Signal(object)  # console.signin.SignIn of another operator

    def __init__(self, window, attempt: Attempt, idle_minutes: float | None = None):
        super().__init__(window)
        self.window = window
        self.screen = LockScreen(window.services.actor, attempt, window)
        self.screen.hide()
        self.screen.form.signed_in.connect(self._on_signed_in)
        self._locked = False
        self._hidden: list[QWidget] = []
        self._enabled_actions: list = []
        self._idle = QTimer(self, singleShot=True)
        self._idle.timeout.connect(self.lock)
        self.set_idle_minutes(DEFAULT_IDLE_MINUTES if idle_minutes is None else idle_minutes)
        QApplication.instance().installEventFilter(self)  # sees the window's own events too
        window.call_started.connect(self._on_call_started)
        window.call_ringing.connect(self._on_call_started)  # a call ringing in the call bar waits too

    def set_idle_minutes(self, minutes: float) -> None:
        """Lock after `minutes` without input (a damaged setting falls back to the default)."""
        try:
            minutes = float(minutes)
        except (TypeError, ValueError):
            minutes = DEFAULT_IDLE_MINUTES
        if not minutes > 0:
            minutes = DEFAULT_IDLE_MINUTES
        self._idle.setInterval(max(1, int(minutes * 60_000)))
        if not self._locked:
            self._idle.start()

    def is_locked(self) -> bool:
        return self._locked

    def lock(self) -> None:
        """Hide everything personal, keep the draft, ask for the password."""
        if self._locked:
            return
        self._locked = True
        self._idle.stop()
        w = self.window
        try:
            if getattr(w, "form", None) is not None:  # a department's window has no call form
                w.form.save_draft()
        except Exception:  # the form keeps its text either way; the lock must happen
            log.exception("saving the draft before locking failed")
        self._enabled_actions = [a for a in w.actions() if a.isEnabled()]
        for a in self._enabled_actions:
            a.setEnabled(False)
        self._hidden = [d for d in w.findChildren(QDialog) if d.isVisible()]
        self._hidden += [x for x in (w.centralWidget(), w.statusBar()) if x is not None and x.isVisible()]
        for x in self._hidden:
            x.hide()
        self.screen.reset()
        self.screen.setGeometry(w.rect())
        self.screen.show()
        self.screen.raise_()
        self.screen.form.focus_first_empty()
        self.locked.emit()

    def unlock(self) -> None:
        """Show the window again as it was (after the password was checked)."""
        if not self._locked:
            return
        self._locked = False
        self.screen.hide()
        for x in self._hidden:
            x.show()
        for a in self._enabled_actions:
            a.setEnabled(True)
        self._hidden, self._enabled_actions = [], []
        self._idle.start()
        self.unlocked.emit()

    # -- events ------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind in _INPUT:
            if not self._locked:
                self._idle.start()
        elif obj is self.window and kind == QEvent.Type.Resize and self._locked:
            self.screen.setGeometry(self.window.rect())
        return False

    def _on_signed_in(self, done: SignIn) -> None:
        if done.actor.login == self.window.services.actor.login:
            self.unlock()
        else:
            self.switch_requested.emit(done)

    def _on_call_started(self, _call_id: str) -> None:
        if self._locked:
            self.screen.call_notice.show()


def attach_lock(window, attempt: Attempt) -> LockController:
    """The lock of `window`, after the operator's idle setting; the lock shortcut locks it."""
    controller = LockController(window, attempt, getattr(window.settings, "lock_idle_minutes", None))
    window.lock_requested.connect(controller.lock)
    window.lock_control = controller
    return controller
