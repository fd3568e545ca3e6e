"""The team lead's live dashboard: the queue at a glance, every figure a way in.

A timer (and every "cases changed" from the core) asks for a new snapshot;
console.monitor.snapshot builds it on a worker thread with its own session,
and the widget only writes the numbers into items made once. Each chart bar,
heat-map cell and table row carries the QueueFilter of exactly the cases it
counts; a click hands it to `open_queue`.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console import monitor
from console.clock import to_local, utcnow
from console.dto import Actor
from console.queue_filter import QueueFilter
from ui.report.export import MonthlyReports
from ui.tasks import LatestTask
from ui.terms import terms

from .charts import BarChart, HourlyChart, heat_color
from .figure_page import box

REFRESH_MS = 5000
CHANGE_DEBOUNCE_MS = 300


class DashboardWidget(QWidget):
    """Live monitoring page. `open_queue(QueueFilter)` shows the queue filtered to a figure's cases."""

    refreshed = Signal(object)  # the console.monitor.Dashboard just drawn

    def __init__(self, monitor_service: monitor.MonitorService, reports: MonthlyReports,
                 open_queue: Callable[[QueueFilter], None], clock: Callable[[], datetime] = utcnow,
                 interval_ms: int = REFRESH_MS, bridge=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.monitor, self.reports, self.open_queue, self.clock = monitor_service, reports, open_queue, clock
        self.actor: Actor = monitor_service.actor
        self.data: monitor.Dashboard | None = None
        self._filters: dict[str, list[QueueFilter]] = {}
        # a snapshot that finished after a newer request is still fresh enough to draw
        self.runner = LatestTask("dashboard snapshot", self, deliver_superseded=True)
        self.runner.finished.connect(self._on_runner_done)
        self.runner.failed.connect(self._on_runner_failed)
        self._steps: list = []
        self._pending = None
        self._drawn: dict = {}
        self.exporter = None
        self._stepper = QTimer(self)
        self._stepper.setInterval(0)
        self._stepper.timeout.connect(self._on_stepper_timeout)
        self._setup_ui()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(CHANGE_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self._bridge = bridge
        if bridge is not None:
            bridge.cases_changed.connect(self._on_cases_changed)
        self.timer.start()
        self.refresh()

    # -- public ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Ask for a new snapshot (built off the GUI thread; requests made while one runs become one)."""
        self.runner.run(self._build)

    def stop(self) -> None:
        """Stop refreshing and wait for a running snapshot (call before closing the database)."""
        self.timer.stop()
        self._stepper.stop()
        self._debounce.stop()
        if self._bridge is not None:
            try:
                self._bridge.cases_changed.disconnect(self._on_cases_changed)
            except (RuntimeError, TypeError):
                pass
            self._bridge = None
        self.runner.stop()

    def closeEvent(self, event) -> None:
        self.stop()
        super().closeEvent(event)

    # -- building ------------------------------------------------------------------------
    def _build(self) -> monitor.Dashboard:
        # runs on the worker thread: its own session, nothing of Qt
        return self.monitor.snapshot(self.clock())

    def _setup_ui(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setObjectName("dashboard_scroll")
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        grid = QVBoxLayout(body)
        head = QHBoxLayout()
        self.status = QLabel(self.tr("Loading…"))
        self.status.setObjectName("dashboard_status")
        head.addWidget(self.status, 1)
        self.report_button = QPushButton(self.tr("Monthly report…"))
        self.report_button.setObjectName("dashboard_report")
        self.report_button.setAccessibleName(self.tr("Monthly report…"))
        self.report_button.clicked.connect(self._on_report_clicked)
        head.addWidget(self.report_button)
        grid.addLayout(head)

        self.lead_area = QWidget()
        lead = QVBoxLayout(self.lead_area)
        lead.setContentsMargins(0, 0, 0, 0)
        self.flagged = self._table("dashboard_flagged", self.tr("Leaders' instructions and picks, still open"),
                                   [self.tr("Case"), self.tr("Flag"), self.tr("State"), self.tr("Category"),
                                    self.tr("Department"), self.tr("Deadline")])
        self.flagged.setMinimumHeight(90)
        self.flagged.setMaximumHeight(150)
        lead.addWidget(self._box(self.tr("Leaders' instructions and picks, still open"), self.flagged,
                                 "dashboard_flagged_box"))

        strip = QHBoxLayout()
        self.state_buttons: dict[str, QPushButton] = {}
        for st in monitor.OPEN_ORDER:
            b = self._button(f"dashboard_state_{st}", terms()["state"].get(st, st))
            b.clicked.connect(lambda _=False, key=st: self._open_state(key))
            self.state_buttons[st] = b
            strip.addWidget(b)
        lead.addLayout(strip)
        # the deadlines at risk and what waits for a team lead: a row of their own (one row of
        # thirteen would not fit a 1366-pixel window in English)
        strip = QHBoxLayout()
        self.due_button = self._button("dashboard_due_soon", self.tr("Due in 2 hours"))
        self.due_button.clicked.connect(lambda: self._open(self.data.due_soon.filter if self.data else None))
        self.overdue_button = self._button("dashboard_overdue", self.tr("Overdue"))
        self.overdue_button.clicked.connect(lambda: self._open(self.data.overdue.filter if self.data else None))
        # urgent cases whose 1-hour progress contact is overdue: the urgent queue, worst first
        self.contact_button = self._button("dashboard_contacts", self.tr("1-hour contacts overdue"))
        self.contact_button.clicked.connect(
            lambda: self._open(QueueFilter(view="urgent", due_before=self.data.now) if self.data else None))
        strip.addWidget(self.due_button)
        strip.addWidget(self.overdue_button)
        strip.addWidget(self.contact_button)
        # what waits for a team lead's decision: returns under review, responsibility disputes
        self.decision_labels = {"return_review": self.tr("Returns to review"), "dispute": self.tr("Disputes")}
        self.decision_buttons: dict[str, QPushButton] = {}
        for st in monitor.DECISION_STATES:
            b = self._button(f"dashboard_decision_{st}", self.decision_labels[st])
            b.clicked.connect(lambda _=False, key=st: self._open_decision(key))
            self.decision_buttons[st] = b
            strip.addWidget(b)
        strip.insertSpacing(3, 16)
        lead.addLayout(strip)

        charts = QGridLayout()
        self.hourly = HourlyChart(self.tr("Intake per hour: today and the same day last week"), self.tr("Today"),
                                  self.tr("Last week"), self._on_hour_clicked)
        self.categories = BarChart(self.tr("Hot categories, last 7 days (grey: the 7 days before)"),
                                   "dashboard_categories", lambda i: self._open_index("categories_week", i))
        self.districts = BarChart(self.tr("Districts, last 7 days (grey: the 7 days before)"),
                                  "dashboard_districts", lambda i: self._open_index("districts_week", i), rows=12)
        charts.addWidget(self.hourly.widget, 0, 0)
        charts.addWidget(self.categories.widget, 0, 1)
        charts.addWidget(self.districts.widget, 0, 2)
        lead.addLayout(charts)

        hot = QHBoxLayout()
        self.heat = QTableWidget(0, 0)
        self.heat.setObjectName("dashboard_heatmap")
        self.heat.setAccessibleName(self.tr("District by category heat map, last 7 days"))
        self.heat.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heat.cellClicked.connect(self._on_heat_clicked)
        self.heat.cellActivated.connect(self._on_heat_clicked)  # Enter on a cell
        # sized once when the grid is made: ResizeToContents would re-measure every cell on each refresh
        self.heat.horizontalHeader().setDefaultSectionSize(52)
        self.heat.setMinimumHeight(330)
        hot.addWidget(self._box(self.tr("District by category, last 7 days"), self.heat, "dashboard_heat_box"), 4)
        self.today_top = self._table("categories_today", self.tr("Top categories today"),
                                     [self.tr("Category"), self.tr("Cases")])
        self.rising = self._table("rising", self.tr("Rising fastest"),
                                  [self.tr("Category"), self.tr("7 days"), self.tr("7 days before")])
        self.district_today = self._table("districts_today", self.tr("Top districts today"),
                                          [self.tr("District"), self.tr("Cases")])
        hot.addWidget(self._box(self.tr("Top categories today"), self.today_top, "dashboard_today_box"), 1)
        hot.addWidget(self._box(self.tr("Top districts today"), self.district_today, "dashboard_dtoday_box"), 1)
        hot.addWidget(self._box(self.tr("Rising fastest"), self.rising, "dashboard_rising_box"), 2)
        lead.addLayout(hot)

        lists = QHBoxLayout()
        case_headers = [self.tr("Case"), self.tr("State"), self.tr("Category"), self.tr("Department"),
                        self.tr("Deadline")]
        self.overdue = self._table("overdue", self.tr("Overdue, worst first"), case_headers + [self.tr("Late")])
        self.due_soon = self._table("due_soon", self.tr("Due in the next 2 hours"), case_headers + [self.tr("Left")])
        lists.addWidget(self._box(self.tr("Overdue, worst first"), self.overdue, "dashboard_overdue_box"))
        lists.addWidget(self._box(self.tr("Due in the next 2 hours"), self.due_soon, "dashboard_due_box"))
        lead.addLayout(lists)
        self.departments = self._table("departments", self.tr("Departments"),
                                       [self.tr("Department"), self.tr("Open"), self.tr("On-time replies (month)"),
                                        self.tr("Returns (month)")])
        grid.addWidget(self.lead_area)

        people = QHBoxLayout()
        self.operators = self._table("operators", self.tr("Operators today"),
                                     [self.tr("Operator"), self.tr("Calls logged"), self.tr("Direct answers"),
                                      self.tr("Avg. handling (min)"), self.tr("Callbacks due")])
        self.operators.cellClicked.connect(self._on_operator_clicked)
        self.operators.cellActivated.connect(self._on_operator_clicked)
        people.addWidget(self._box(self.tr("Operators today"), self.operators, "dashboard_operators_box"))
        self.dept_box = self._box(self.tr("Departments"), self.departments, "dashboard_departments_box")
        people.addWidget(self.dept_box)
        grid.addLayout(people)

    def _box(self, title: str, inner: QWidget, name: str) -> QGroupBox:
        return box(title, inner, name)

    def _button(self, name: str, label: str) -> QPushButton:
        b = QPushButton(label)
        b.setObjectName(name)
        b.setAccessibleName(label)
        b.setMinimumHeight(48)
        font = QFont(b.font())
        font.setPointSize(font.pointSize() + 1)
        b.setFont(font)
        return b

    def _table(self, key: str, title: str, headers: list[str]) -> QTableWidget:
        t = QTableWidget(0, len(headers))
        t.setObjectName(key if key.startswith("dashboard_") else f"dashboard_{key}")
        t.setAccessibleName(title)
        t.setHorizontalHeaderLabels(headers)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.verticalHeader().setVisible(False)
        t.horizontalHeader().setStretchLastSection(True)
        t.setMinimumHeight(200)
        if len(headers) <= 3:  # a name and its counts: the name takes the room
            t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            t.horizontalHeader().setStretchLastSection(False)
        table_key = key.removeprefix("dashboard_")
        if table_key != "operators":
            t.cellClicked.connect(lambda row, _col, k=table_key: self._open_index(k, row))
            t.cellActivated.connect(lambda row, _col, k=table_key: self._open_index(k, row))  # Enter
        return t

    # -- drawing -------------------------------------------------------------------------
    def _on_runner_done(self, d: monitor.Dashboard) -> None:
        # drawn a section per event-loop turn, so no single step holds the GUI thread
        # for more than a few milliseconds and input and painting go on in between
        self._pending = d
        self._steps = [self._draw_head] if d.own_only else [
            self._draw_head, self._draw_buttons, self._draw_hourly, self._draw_bars, self._draw_hot_tables,
            self._draw_case_lists, self._draw_departments, self._draw_heat_step]
        self._steps.append(self._draw_done)
        if not self._stepper.isActive():
            self._stepper.start()

    def _on_stepper_timeout(self) -> None:
        if not self._steps:
            self._stepper.stop()
            return
        self._steps.pop(0)(self._pending)

    def _draw_head(self, d: monitor.Dashboard) -> None:
        local = to_local(d.now)
        self.status.setText(self.tr("Updated %1").replace("%1", local.strftime("%H:%M:%S")))
        self.lead_area.setVisible(not d.own_only)
        self.dept_box.setVisible(not d.own_only)
        self._fill(self.operators, "operators", [
            (f"{r.name} ({r.login})", r.intake, r.answered,
             "—" if r.avg_handling_minutes is None else f"{r.avg_handling_minutes:.1f}", r.callbacks_due)
            for r in d.operators], [r.filter for r in d.operators])
        self._callback_filters = [r.callbacks_filter for r in d.operators]

    def _draw_buttons(self, d: monitor.Dashboard) -> None:
        st = terms()["state"]
        for bar in d.open_by_state:
            _set_text(self.state_buttons[bar.key], f"{st.get(bar.key, bar.key)}\n{int(bar.value):,}")
        _set_text(self.due_button, self.tr("Due in 2 hours") + f"\n{int(d.due_soon.value):,}")
        _set_text(self.overdue_button, self.tr("Overdue") + f"\n{int(d.overdue.value):,}")
        for bar in d.decisions:
            _set_text(self.decision_buttons[bar.key], f"{self.decision_labels[bar.key]}\n{int(bar.value):,}")
        c = d.contacts
        if c is not None:
            _set_text(self.contact_button, self.tr("1-hour contacts overdue") + f"\n{c.overdue:,} · "
                      + self.tr("missed today: {0}").format(c.missed))

    def _draw_hourly(self, d: monitor.Dashboard) -> None:
        self._filters["hourly"] = [b.filter for b in d.hourly_today]
        values = ([b.value for b in d.hourly_today], list(d.hourly_last_week))
        if values != self._drawn.get("hourly"):  # pyqtgraph repaints on every setData: only when it changed
            self._drawn["hourly"] = values
            self.hourly.set_data(*values)

    def _draw_bars(self, d: monitor.Dashboard) -> None:
        for chart, key, bars in ((self.categories, "categories_week", d.top_categories_week),
                                 (self.districts, "districts_week", d.top_districts_week)):
            self._filters[key] = [b.filter for b in bars[: chart.rows]]
            values = ([b.label for b in bars], [b.value for b in bars], [b.previous or 0 for b in bars])
            if values != self._drawn.get(key):
                self._drawn[key] = values
                chart.set_data(*values)

    def _draw_hot_tables(self, d: monitor.Dashboard) -> None:
        top = d.top_categories_today
        self._fill(self.today_top, "categories_today", [(b.label, int(b.value)) for b in top], [b.filter for b in top])
        self._fill(self.district_today, "districts_today",
                   [(b.label, int(b.value)) for b in d.top_districts_today], [b.filter for b in d.top_districts_today])
        self._fill(self.rising, "rising", [(b.label, int(b.value), int(b.previous or 0)) for b in d.rising],
                   [b.filter for b in d.rising])

    def _draw_case_lists(self, d: monitor.Dashboard) -> None:
        st = terms()["state"]
        level = {"city": self.tr("City instruction"), "district": self.tr("District instruction"),
                 "township": self.tr("Township instruction"), "pick": self.tr("Leader's pick")}
        self._fill(self.flagged, "flagged", [(r.number, level.get(r.flag, r.flag), st.get(r.state, r.state),
                                              r.category, r.department, _time(r.deadline)) for r in d.flagged],
                   [r.filter for r in d.flagged])
        self._fill(self.overdue, "overdue", [_case_cells(r, st) + (_duration(r.minutes),) for r in d.overdue_cases],
                   [r.filter for r in d.overdue_cases])
        self._fill(self.due_soon, "due_soon", [_case_cells(r, st) + (_duration(r.minutes),) for r in d.due_soon_cases],
                   [r.filter for r in d.due_soon_cases])

    def _draw_departments(self, d: monitor.Dashboard) -> None:
        self._fill(self.departments, "departments", [
            (r.name, r.open, r.on_time.percent(), r.returns) for r in d.departments], [r.filter for r in d.departments])

    def _draw_heat_step(self, d: monitor.Dashboard) -> None:
        self._draw_heat(d.heat)

    def _draw_done(self, d: monitor.Dashboard) -> None:
        self.data = d  # the figures every click reads, now all on screen
        self.refreshed.emit(d)

    def categories_today_table(self) -> QTableWidget:
        return self.today_top

    def _draw_heat(self, heat: monitor.HeatMap | None) -> None:
        if heat is None:
            return
        t = self.heat
        if t.rowCount() != len(heat.districts) or t.columnCount() != len(heat.categories):
            t.setRowCount(len(heat.districts))
            t.setColumnCount(len(heat.categories))
            t.setHorizontalHeaderLabels(["\n".join(_wrap(name)) for _, name in heat.categories])
            t.setVerticalHeaderLabels([name for _, name in heat.districts])
            t.resizeRowsToContents()
        top = max((v for row in heat.values for v in row), default=0)
        for i, row in enumerate(heat.values):
            for j, v in enumerate(row):
                item = t.item(i, j)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    t.setItem(i, j, item)
                item.setText(f"{v:,}" if v else "")
                item.setBackground(heat_color(v, top))
                item.setForeground(Qt.GlobalColor.white if top and v / top > 0.6 else Qt.GlobalColor.black)
        self._heat = heat

    def _fill(self, table: QTableWidget, key: str, rows: list[tuple], filters: list[QueueFilter]) -> None:
        self._filters[key] = filters
        table.setUpdatesEnabled(False)
        first = table.rowCount() == 0 and rows
        table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                text = f"{value:,}" if isinstance(value, int) else str(value)
                item = table.item(i, j)
                if item is None:
                    item = QTableWidgetItem(text)
                    if isinstance(value, int):
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    table.setItem(i, j, item)
                else:
                    item.setText(text)
        if first:  # columns sized to the first content, then left alone (measuring every refresh costs frames)
            table.resizeColumnsToContents()
            # and never narrower than the header's own text: the header's size hint measures CJK text
            # in the primary font, while it is drawn in a fallback font that is wider
            head = table.horizontalHeader()
            metrics = QFontMetrics(head.font())
            for j in range(table.columnCount()):
                label = table.horizontalHeaderItem(j)
                if label is not None:
                    need = metrics.horizontalAdvance(label.text()) + 2 * metrics.averageCharWidth() + 8
                    table.setColumnWidth(j, max(table.columnWidth(j), need))
        table.setUpdatesEnabled(True)

    # -- clicks --------------------------------------------------------------------------
    def _open(self, f: QueueFilter | None) -> None:
        if f is not None:
            self.open_queue(f)

    def _open_index(self, key: str, index: int) -> None:
        filters = self._filters.get(key, [])
        if 0 <= index < len(filters):
            self.open_queue(filters[index])

    def _open_state(self, state: str) -> None:
        if self.data:
            for bar in self.data.open_by_state:
                if bar.key == state:
                    self.open_queue(bar.filter)

    def _open_decision(self, state: str) -> None:
        if self.data:
            for bar in self.data.decisions:
                if bar.key == state:
                    self.open_queue(bar.filter)

    def _on_hour_clicked(self, hour: int) -> None:
        self._open_index("hourly", hour)

    def _on_heat_clicked(self, row: int, col: int) -> None:
        heat = getattr(self, "_heat", None)
        if heat is not None and row < len(heat.districts) and col < len(heat.categories):
            self.open_queue(heat.cell_filter(row, col))

    def _on_operator_clicked(self, row: int, col: int) -> None:
        # the "callbacks due" column opens that operator's waiting callbacks, the rest today's calls
        key = "operators"
        if col == 4 and row < len(getattr(self, "_callback_filters", [])):
            self.open_queue(self._callback_filters[row])
            return
        self._open_index(key, row)

    def export_report(self, month: str, path, fmt: str = "pdf") -> None:
        """Write the monthly report on a worker thread; the status line says when it is done."""
        from ui.report.export import ReportExporter
        if self.exporter is None:
            self.exporter = ReportExporter(self.reports, self)
            self.exporter.finished.connect(
                lambda p: self.status.setText(self.tr("Report written: %1").replace("%1", p)))
            self.exporter.failed.connect(
                lambda m: self.status.setText(self.tr("Report failed: %1").replace("%1", m)))
        self.status.setText(self.tr("Writing the %1 report…").replace("%1", month))
        self.exporter.export(month, path, fmt)

    def _on_report_clicked(self) -> None:
        from ui.report.export import ReportDialog
        dialog = ReportDialog(self, to_local(self.clock()).date())
        if dialog.exec() != ReportDialog.DialogCode.Accepted:
            return
        path = dialog.ask_path()
        if path is not None:
            month, fmt = dialog.chosen()
            self.export_report(month, path, fmt)

    def _on_cases_changed(self, _change) -> None:
        self._debounce.start()

    def _on_runner_failed(self, message: str) -> None:
        self.status.setText(self.tr("Could not refresh: %1").replace("%1", message))


def _set_text(button: QPushButton, text: str) -> None:
    if button.text() != text:  # an unchanged label costs no relayout
        button.setText(text)


def _wrap(name: str, width: int = 4) -> list[str]:
    return [name[i:i + width] for i in range(0, len(name), width)] or [""]


def _time(stored: datetime | None) -> str:
    return to_local(stored).strftime("%m-%d %H:%M") if stored else ""


def _duration(minutes: float) -> str:
    # units in the operator's language ("9.4 天", not "9.4 d")
    if minutes >= 1440:
        return QCoreApplication.translate("DashboardWidget", "{0} days").format(f"{minutes / 1440:.1f}")
    if minutes >= 60:
        return QCoreApplication.translate("DashboardWidget", "{0} hours").format(f"{minutes / 60:.1f}")
    return QCoreApplication.translate("DashboardWidget", "{0} min").format(f"{minutes:.0f}")


def _case_cells(r: monitor.CaseRow, st: dict) -> tuple:
    return (r.number, st.get(r.state, r.state), r.category, r.department, _time(r.deadline))


def main() -> int:
    """`python -m ui.dashboard.widget DATA_DIR`: the dashboard alone on a profile, clicks printed."""
    import sys

    from PySide6.QtWidgets import QApplication

    from console.profile import open_profile
    from ui.bridge import core_signals_bridge
    from ui.services import build_services

    app = QApplication(sys.argv)
    prof = open_profile(sys.argv[1] if len(sys.argv) > 1 else None)
    services = build_services(prof, prof.actor("lead01"))
    w = DashboardWidget(services.monitor, services.reports, lambda f: print("open queue:", f),
                        bridge=core_signals_bridge())
    w.resize(1500, 1000)
    w.show()
    code = app.exec()
    w.stop()
    prof.close()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
