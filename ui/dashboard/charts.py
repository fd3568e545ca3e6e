"""pyqtgraph charts of the dashboard: items made once, then only setData/setOpts."""
from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from .chart_keys import ChartKeys

ACCENT = QColor("#2f6fb3")
MUTED = QColor("#b8c4d6")


def _plot(title: str, name: str) -> pg.PlotWidget:
    w = pg.PlotWidget(background="w")
    w.setObjectName(name)
    w.setAccessibleName(title)
    # the parenthetical goes on a second, smaller line: a chart a third of the window wide
    # would otherwise cut the title off
    cut = title.find("（") if "（" in title else title.find(" (")
    shown = title if cut < 0 else (f"{title[:cut].strip()}<br><span style='font-size:9pt; color:#666'>"
                                  f"{title[cut:].strip()}</span>")
    w.setTitle(shown, color="#222", size="11pt")
    w.setMenuEnabled(False)
    w.setMouseEnabled(False, False)
    w.hideButtons()
    w.getPlotItem().showGrid(y=True, alpha=0.2)
    font = QFont()
    font.setPointSize(8)
    for axis in ("left", "bottom"):
        w.getAxis(axis).setTickFont(font)
        w.getAxis(axis).setTextPen("#333")
    w.setMinimumHeight(230)
    return w


class HourlyChart:
    """Intake per hour today (bars) against the same weekday last week (line)."""

    def __init__(self, title: str, legend_today: str, legend_before: str, on_click: Callable[[int], None]):
        self.widget = _plot(title, "dashboard_hourly")
        self.on_click = on_click
        self.bars = pg.BarGraphItem(x=list(range(24)), height=[0] * 24, width=0.7, brush=ACCENT, pen=None,
                                    name=legend_today)
        self.line = pg.PlotDataItem(list(range(24)), [0] * 24, pen=pg.mkPen("#e07b00", width=2),
                                    symbol="o", symbolSize=4, symbolBrush="#e07b00", name=legend_before)
        self.widget.addLegend(offset=(-8, 4), labelTextSize="8pt")
        self.widget.addItem(self.bars)
        self.widget.addItem(self.line)
        self.widget.getAxis("bottom").setTicks([[(h, f"{h}") for h in range(0, 24, 3)]])
        self.widget.setXRange(-0.6, 23.6, padding=0)
        self.widget.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.keys = ChartKeys(self.widget, lambda: 24, self.on_click, horizontal_bars=False)  # arrows + Enter

    def set_data(self, today: list[float], before: list[int]) -> None:
        self.bars.setOpts(height=today)
        self.line.setData(list(range(24)), before)
        self.widget.setYRange(0, max(today + before + [1]) * 1.1, padding=0)

    def _on_scene_clicked(self, event) -> None:
        pos = self.widget.getPlotItem().vb.mapSceneToView(event.scenePos())
        self.click_at(pos.x())

    def click_at(self, x: float) -> None:
        hour = int(round(x))
        if 0 <= hour < 24:
            self.on_click(hour)


class BarChart:
    """Horizontal bars with names on the left axis; the previous period as thin grey bars."""

    def __init__(self, title: str, name: str, on_click: Callable[[int], None], rows: int = 10):
        self.widget = _plot(title, name)
        self.on_click = on_click
        self.rows = rows
        self.n = 0
        self.previous = pg.BarGraphItem(x0=[0] * rows, y=list(range(rows)), height=0.25, width=[0] * rows,
                                        brush=MUTED, pen=None)
        self.current = pg.BarGraphItem(x0=[0] * rows, y=[r + 0.25 for r in range(rows)], height=0.45,
                                       width=[0] * rows, brush=ACCENT, pen=None)
        self.widget.addItem(self.previous)
        self.widget.addItem(self.current)
        self.widget.getPlotItem().invertY(True)
        self.widget.getAxis("left").setWidth(110)
        self.widget.setMinimumHeight(260)
        self.widget.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.keys = ChartKeys(self.widget, lambda: self.n, self.on_click, horizontal_bars=True, offset=0.12)

    def set_data(self, labels: list[str], values: list[float], previous: list[float] | None = None) -> None:
        labels, values = labels[: self.rows], values[: self.rows]
        self.n = len(values)
        pad = [0] * (self.rows - self.n)
        self.current.setOpts(width=list(values) + pad)
        prev = list((previous or [0] * self.n)[: self.n]) + pad
        self.previous.setOpts(width=prev)
        self.widget.getAxis("left").setTicks([[(i + 0.12, lbl) for i, lbl in enumerate(labels)]])
        self.widget.setYRange(-0.4, max(self.rows, 1) - 0.2, padding=0)
        self.widget.setXRange(0, max(values + prev + [1]) * 1.1, padding=0)

    def _on_scene_clicked(self, event) -> None:
        pos = self.widget.getPlotItem().vb.mapSceneToView(event.scenePos())
        self.click_at(pos.y())

    def click_at(self, y: float) -> None:
        row = int(y + 0.4)
        if 0 <= row < self.n:
            self.on_click(row)


def heat_color(value: int, top: int) -> QColor:
    """White to deep red by share of the largest cell."""
    if top <= 0 or value <= 0:
        return QColor(Qt.GlobalColor.white)
    share = min(value / top, 1.0)
    return QColor.fromHsvF(0.02, 0.08 + 0.82 * share, 1.0 - 0.25 * share)
