"""Walk a window's Tab chain with real key presses: every interactive widget must be reached,
and no widget may keep the focus (a trap)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTabBar,
               QTextEdit)


def interactive(root: QWidget) -> list[QWidget]:
    """Visible, enabled widgets a person acts on, without the parts of another one (a combo's line
    edit, a tab bar's scroll buttons, a line edit's clear button)."""
    found = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, INTERACTIVE) or not w.isVisible() or not w.isEnabled():
            continue
        parent = w.parentWidget()
        inner = False
        while parent is not None and parent is not root:
            if isinstance(parent, INTERACTIVE):
                inner = True
                break
            parent = parent.parentWidget()
        if inner:
            continue
        # a part that takes no focus of its own is worked through a focusable ancestor (the queue's view
        # bar: one Tab stop, arrows choose the view); that ancestor is what Tab must reach
        holder = _focus_holder(w, root) if w.focusPolicy() == Qt.FocusPolicy.NoFocus else None
        target = holder or w
        if target not in found:
            found.append(target)
    return found


def _focus_holder(w: QWidget, root: QWidget) -> QWidget | None:
    parent = w.parentWidget()
    while parent is not None and parent is not root:
        if parent.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return parent
        parent = parent.parentWidget()
    return None


def _owner(w: QWidget | None, candidates: set) -> QWidget | None:
    while w is not None and w not in candidates:
        w = w.parentWidget()
    return w


def walk(root: QWidget, start: QWidget, presses: int | None = None, back: bool = False) -> tuple[list, list]:
    """Press Tab (or Shift+Tab) from `start`; return (the widgets focused in turn, traps seen)."""
    widgets = interactive(root)
    candidates = set(widgets)
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    seen, traps = [], []
    last = _owner(QApplication.focusWidget(), candidates)
    mod = Qt.KeyboardModifier.ShiftModifier if back else Qt.KeyboardModifier.NoModifier
    key = Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab
    for _ in range(presses or 2 * len(widgets) + 4):
        QTest.keyClick(QApplication.focusWidget() or root, key, mod)
        now = _owner(QApplication.focusWidget(), candidates)
        if now is last and now is not None:
            traps.append(now)
        if now is not None:
            seen.append(now)
        last = now
    return seen, traps


def name(w: QWidget) -> str:
    return w.objectName() or f"{type(w).__name__}:{w.accessibleName()}"
