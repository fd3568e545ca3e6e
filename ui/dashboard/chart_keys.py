"""Keyboard for the dashboard's charts: a chart is a Tab stop, the arrows move a marker over
its bars (hours, or the rows of a bar chart), Enter opens the queue on the marked bar as a
click would."""
from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt

STEPS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}
OPEN = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class ChartKeys(QObject):
    """Attach to a pyqtgraph PlotWidget; `count()` bars, `open_bar(i)` does what a click on bar i does."""

    def __init__(self, widget: pg.PlotWidget, count: Callable[[], int], open_bar: Callable[[int], None],
                 horizontal_bars: bool, offset: float = 0.0):
        super().__init__(widget)
        self.widget, self.count, self.open_bar, self.offset = widget, count, open_bar, offset
        self.index = 0
        # a vertical line over an hour, or a horizontal one along a row of a bar chart
        self.marker = pg.InfiniteLine(angle=0 if horizontal_bars else 90, pen=pg.mkPen("#1a73e8", width=2))
        self.marker.hide()
        widget.addItem(self.marker)
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(self)

    def move_to(self, index: int) -> None:
        n = self.count()
        if n <= 0:
            return
        self.index = max(0, min(n - 1, index))
        self.marker.setValue(self.index + self.offset)
        self.marker.show()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            self.move_to(self.index)
        elif kind == QEvent.Type.FocusOut:
            self.marker.hide()
        elif kind == QEvent.Type.KeyPress:
            key = event.key()
            if key in STEPS:
                self.move_to(self.index + STEPS[key])
                return True
            if key in (Qt.Key.Key_Home, Qt.Key.Key_End):
                self.move_to(0 if key == Qt.Key.Key_Home else self.count() - 1)
                return True
            if key in OPEN and 0 <= self.index < self.count():
                self.open_bar(self.index)
                return True
        return False
