"""Keyboard habits every page shares: Tab leaves tables, focus is visible, F6 cycles panes."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget

# a focused button or tab gets a frame in the highlight colour; the platform style's own dotted
# focus rectangle is invisible on several of our styled buttons
FOCUS_STYLE = ("QPushButton:focus, QToolButton:focus { border: 2px solid #1a73e8; border-radius: 3px;"
               " padding: 3px 8px; background: palette(button); }"
               " QAbstractItemView:focus { border: 2px solid #1a73e8; }"
               " QTabBar::tab:focus { border: 2px solid #1a73e8; }")


def tab_leaves_tables(root: QWidget) -> None:
    """Tab and Shift+Tab move on to the next widget instead of the next cell (arrows move in the table)."""
    views = root.findChildren(QAbstractItemView)
    if isinstance(root, QAbstractItemView):
        views.append(root)
    for view in views:
        view.setTabKeyNavigation(False)


def install(root: QWidget) -> None:
    """Apply the shared keyboard habits to `root` and everything under it."""
    tab_leaves_tables(root)
    root.setStyleSheet((root.styleSheet() + " " + FOCUS_STYLE).strip())


def focus_first(pane: QWidget) -> bool:
    """Give focus to the last focused widget inside `pane`, else its first Tab stop."""
    remembered = getattr(pane, "_last_focus", None)
    if remembered is not None and _usable(remembered) and pane.isAncestorOf(remembered):
        remembered.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
    w = pane.nextInFocusChain()
    seen = 0
    while w is not None and seen < 2000:
        if pane.isAncestorOf(w) and _usable(w) and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            w.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        w = w.nextInFocusChain()
        seen += 1
        if w is pane:
            break
    return False


def pane_of(widget: QWidget | None, panes: list[QWidget]) -> int:
    """Index of the pane holding `widget`, or -1."""
    for i, pane in enumerate(panes):
        if widget is not None and (widget is pane or pane.isAncestorOf(widget)):
            return i
    return -1


def _usable(w: QWidget) -> bool:
    return w.isVisible() and w.isEnabled() and w.focusPolicy() != Qt.FocusPolicy.NoFocus
