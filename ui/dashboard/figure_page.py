"""What the team lead's assessment pages share (efficiency, instructions, early warning): a
table whose cells open the cases behind them, and a page that reads its figures and those
cases off the GUI thread (ui/tasks.py LatestTask) through ui/services.py Services."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.clock import utcnow
from console.metrics import local_today
from console.queue_filter import QueueFilter
from ui.tasks import LatestTask

STALE_S = 60  # shown again after this long, a page reads its figures again
OPENS = Qt.ItemDataRole.UserRole + 1  # a cell's click-through: a function returning case numbers


@dataclass(frozen=True)
class Cell:
    text: str
    opens: Callable[[], list[str]] | None = None  # runs on the worker thread
    tip: str = ""
    number: bool = False  # right-aligned
    color: str = ""  # a text colour other than the usual


class FigureTable(QTableWidget):
    """Read-only rows of figures; activating a cell that has a click-through (a click, or Enter)
    emits `opened` with it."""

    opened = Signal(object)

    def __init__(self, name: str, title: str, headers: list[str], stretch: int | None = None):
        super().__init__(0, len(headers))
        self.setObjectName(name)
        self.setAccessibleName(title)
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        self.stretch = stretch
        self.cellClicked.connect(self._on_cell)
        self.cellActivated.connect(self._on_cell)  # Enter

    def set_rows(self, rows: list[list[Cell]]) -> None:
        self.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                item = QTableWidgetItem(cell.text)
                item.setData(OPENS, cell.opens)
                if cell.tip:
                    item.setToolTip(cell.tip)
                if cell.number:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if cell.color:
                    item.setForeground(QColor(cell.color))
                elif cell.opens is not None:  # a figure that opens its cases looks like a link
                    item.setForeground(Qt.GlobalColor.darkBlue)
                self.setItem(i, j, item)
        self.resizeColumnsToContents()
        # never narrower than the header's text: the header measures CJK text in the primary font,
        # while it is drawn in a wider fallback font
        metrics = QFontMetrics(self.horizontalHeader().font())
        for j in range(self.columnCount()):
            label = self.horizontalHeaderItem(j)
            if label is not None:
                need = metrics.horizontalAdvance(label.text()) + 2 * metrics.averageCharWidth() + 8
                self.setColumnWidth(j, max(self.columnWidth(j), need))
        head = self.horizontalHeader()
        if self.stretch is not None:
            head.setSectionResizeMode(self.stretch, head.ResizeMode.Stretch)
        else:
            head.setStretchLastSection(True)

    def opens_at(self, row: int, col: int):
        item = self.item(row, col)
        return None if item is None else item.data(OPENS)

    def _on_cell(self, row: int, col: int) -> None:
        fn = self.opens_at(row, col)
        if fn is not None:
            self.opened.emit(fn)


def box(title: str, inner: QWidget, name: str) -> QGroupBox:
    """`inner` under a title."""
    b = QGroupBox(title)
    b.setObjectName(name)
    lay = QVBoxLayout(b)
    lay.setContentsMargins(4, 4, 4, 4)
    lay.addWidget(inner)
    return b


def months_back(today: date, n: int = 13) -> list[str]:
    """This month and the n - 1 before it, newest first, as YYYY-MM."""
    out, y, m = [], today.year, today.month
    for _ in range(n):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out


def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


class FigurePage(QWidget):
    """A page that loads its figures on a worker thread when shown (first, and again once they are
    a minute old) and on `load()`, and opens the cases behind a figure in the queue
    (`open_queue(QueueFilter)`), reading them on the worker thread too. Its own strings are under
    the context "FigurePage" (self.tr would look them up under the subclass's name)."""

    loaded = Signal(object)  # the data just drawn
    task_name = "figures"

    def __init__(self, services, open_queue: Callable[[QueueFilter], None],
                 clock: Callable[[], datetime] = utcnow, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.open_queue, self.clock = services, open_queue, clock
        self.data: Any = None
        self._asked_at: float | None = None
        self.loader = LatestTask(self.task_name, self)
        self.loader.finished.connect(self._on_loader_finished)
        self.loader.failed.connect(self._on_task_failed)
        self.opener = LatestTask(self.task_name + " cases", self)
        self.opener.finished.connect(self._on_opener_finished)
        self.opener.failed.connect(self._on_task_failed)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        self.controls = QHBoxLayout()
        outer.addLayout(self.controls)
        self.body = QVBoxLayout()
        outer.addLayout(self.body, 1)
        self.status = QLabel()
        self.status.setObjectName(f"{self.objectName() or 'figures'}_status")
        self.status.setWordWrap(True)
        outer.addWidget(self.status)

    # -- for the subclasses ----------------------------------------------------------------
    def build(self) -> Any:  # runs on the worker thread
        raise NotImplementedError

    def draw(self, data: Any) -> None:
        raise NotImplementedError

    def month_combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(QCoreApplication.translate("FigurePage", "Month"))
        for month in months_back(local_today(self.clock())):
            combo.addItem(month, month)
        combo.currentIndexChanged.connect(lambda _i: self.load())
        return combo

    def refresh_button(self) -> QPushButton:
        b = QPushButton(QCoreApplication.translate("FigurePage", "Refresh"))
        b.setObjectName(f"{self.objectName()}_refresh")
        b.clicked.connect(self.load)
        return b

    def label(self, text: str, buddy: QWidget) -> QLabel:
        lbl = QLabel(text)
        lbl.setBuddy(buddy)
        return lbl

    def table(self, name: str, title: str, headers: list[str], stretch: int | None = None) -> FigureTable:
        t = FigureTable(name, title, headers, stretch)
        t.opened.connect(self.open_cases)
        return t

    # -- public ------------------------------------------------------------------------------
    def load(self) -> None:
        """Read the figures again (off the GUI thread); `loaded` says when they are drawn."""
        self._asked_at = time.monotonic()
        self.status.setText(QCoreApplication.translate("FigurePage", "Loading…"))
        self.loader.run(self.build)

    def open_cases(self, fn: Callable[[], list[str]]) -> None:
        """Read the cases behind a figure off the GUI thread, then show exactly them in the queue."""
        self.status.setText(QCoreApplication.translate("FigurePage", "Finding the cases…"))
        self.opener.run(fn)

    def stop(self) -> None:
        """Wait for running reads (call before the database closes)."""
        self.loader.stop()
        self.opener.stop()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._asked_at is None or time.monotonic() - self._asked_at > STALE_S:
            self.load()

    def closeEvent(self, event) -> None:
        self.stop()
        super().closeEvent(event)

    # -- slots ------------------------------------------------------------------------------
    def _on_loader_finished(self, data: Any) -> None:
        self.data = data
        self.draw(data)
        self.status.setText(QCoreApplication.translate(
            "FigurePage", "Activate a figure in blue (click or Enter) to open its cases in the queue."))
        self.loaded.emit(data)

    def _on_opener_finished(self, numbers: list[str]) -> None:
        if not numbers:
            self.status.setText(QCoreApplication.translate("FigurePage", "No cases behind this figure."))
            return
        self.status.setText(QCoreApplication.translate("FigurePage", "{0} case(s) opened in the queue.")
                            .format(len(numbers)))
        self.open_queue(QueueFilter(view="all", numbers=tuple(numbers)))

    def _on_task_failed(self, message: str) -> None:
        self.status.setText(QCoreApplication.translate("FigurePage", "Could not read the figures: %1")
                            .replace("%1", message))
