"""The queue's saved views as buttons that wrap onto a second row instead of scrolling out of
sight ("的工单" was a tab cut by the scroll arrows). It keeps the part of QTabBar's API the
queue uses (addTab, tabData, tabText, setTabText, count, currentIndex, setCurrentIndex,
currentChanged) and is one Tab stop: Left/Right/Home/End choose the view."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QLayout, QSizePolicy, QToolButton, QWidget

STYLE = ("QToolButton { border: 1px solid #b8c2cc; border-radius: 3px; padding: 2px 8px; background: #f4f6f8; }"
         " QToolButton:checked { background: #ffffff; border-color: #1a73e8; font-weight: bold; }"
         ' QToolButton[focusmark="true"] { border: 2px solid #1a73e8; }')


class FlowLayout(QLayout):
    """Items left to right, wrapping to the next row when the width runs out."""

    def __init__(self, parent=None, spacing: int = 4):
        super().__init__(parent)
        self._items = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, i):  # noqa: N802
        return self._items[i] if 0 <= i < len(self._items) else None

    def takeAt(self, i):  # noqa: N802
        return self._items.pop(i) if 0 <= i < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, move: bool) -> int:
        x, y, row = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and row > 0:
                x, y, row = rect.x(), y + row + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            row = max(row, hint.height())
        return y + row - rect.y()


class ViewBar(QWidget):
    currentChanged = Signal(int)  # noqa: N815 (QTabBar's name)

    def __init__(self, parent=None, objectName: str = "queueTabs"):  # noqa: N803
        super().__init__(parent, objectName=objectName)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._layout = FlowLayout(self)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._group.idToggled.connect(self._on_toggled)
        self._buttons: list[QToolButton] = []
        self._data: list = []

    # -- QTabBar's API, the part the queue uses -------------------------------------------
    def addTab(self, text: str) -> int:  # noqa: N802
        b = QToolButton(self, checkable=True, text=text)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the bar is the Tab stop; arrows choose
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        i = len(self._buttons)
        self._group.addButton(b, i)
        self._buttons.append(b)
        self._data.append(None)
        self._layout.addWidget(b)
        if i == 0:
            b.setChecked(True)
        return i

    def setTabData(self, i: int, data) -> None:  # noqa: N802
        self._data[i] = data

    def tabData(self, i: int):  # noqa: N802
        return self._data[i] if 0 <= i < len(self._data) else None

    def tabText(self, i: int) -> str:  # noqa: N802
        return self._buttons[i].text() if 0 <= i < len(self._buttons) else ""

    def setTabText(self, i: int, text: str) -> None:  # noqa: N802
        self._buttons[i].setText(text)
        self._buttons[i].setAccessibleName(text)
        self.updateGeometry()

    def count(self) -> int:
        return len(self._buttons)

    def currentIndex(self) -> int:  # noqa: N802
        return self._group.checkedId()

    def setCurrentIndex(self, i: int) -> None:  # noqa: N802
        if 0 <= i < len(self._buttons) and i != self.currentIndex():
            self._buttons[i].setChecked(True)

    # -- layout and keys ---------------------------------------------------------------
    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._layout.heightForWidth(width)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._layout.minimumSize().width(), self.heightForWidth(max(self.width(), 1)))

    def keyPressEvent(self, event) -> None:  # noqa: N802
        i, n = self.currentIndex(), self.count()
        step = {Qt.Key.Key_Left: i - 1, Qt.Key.Key_Right: i + 1, Qt.Key.Key_Home: 0, Qt.Key.Key_End: n - 1}
        if event.key() in step and n:
            self.setCurrentIndex(max(0, min(n - 1, step[event.key()])))
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        self._mark_focus()

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._mark_focus()

    def _mark_focus(self) -> None:
        """The checked button wears the focus frame while the bar has the focus."""
        for b in self._buttons:
            mark = self.hasFocus() and b.isChecked()
            if b.property("focusmark") != mark:
                b.setProperty("focusmark", mark)
                b.style().unpolish(b)
                b.style().polish(b)

    def _on_toggled(self, i: int, checked: bool) -> None:
        self._mark_focus()
        if checked and not self.signalsBlocked():
            self.currentChanged.emit(i)
