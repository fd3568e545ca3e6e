"""The case queue: saved views with live counts, filters, and the windowed table."""
from __future__ import annotations

import sys
import uuid

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.queue import QueueService
from console.queue_filter import VIEWS, QueueFilter

from .queue_model import CASE_ID_ROLE, COLUMNS, QueueModel, RefNames
from .terms import term
from .view_bar import ViewBar

FILTER_STATES = ("received", "dispatched", "accepted", "returned", "extended", "replied", "callback", "reopened",
                 "answered", "closed", "merged")


class QueuePanel(QWidget):
    case_activated = Signal(object)  # uuid.UUID: open the case (Enter or double click)
    case_selected = Signal(object)  # uuid.UUID: the current row changed
    filter_changed = Signal(object)  # QueueFilter

    def __init__(self, service: QueueService, names: RefNames, bridge=None, parent=None,
                 categories: list | None = None, districts: list | None = None, departments: list | None = None):
        super().__init__(parent)
        self.service = service
        self.names = names
        self.model = QueueModel(service, names, self)
        self._extra: QueueFilter | None = None  # fields of a click-through filter the widgets can't show
        self._view_counts: dict[str, int] = {}
        self._setup_ui(categories or [], districts or [], departments or [])
        self._text_timer = QTimer(self, singleShot=True, interval=250)
        self._text_timer.timeout.connect(self._apply_filter)
        self._change_timer = QTimer(self, singleShot=True, interval=300)
        self._change_timer.timeout.connect(self.refresh)
        self._clock_timer = QTimer(self, interval=30_000)
        self._clock_timer.timeout.connect(self._on_clock)
        self._clock_timer.start()
        if bridge is not None:
            bridge.cases_changed.connect(self._on_cases_changed)
        self.model.counted.connect(self._on_model_counted)
        self.model.searching.connect(self._on_model_searching)

    # -- public ------------------------------------------------------------------------
    def start(self, view: str = "all_open", sort: str = "created", descending: bool = True) -> None:
        """Show the first page (call once the window is built)."""
        sort = sort if sort in COLUMNS else "created"
        self.model.sort_key, self.model.descending = sort, descending
        header = self.table.horizontalHeader()
        header.blockSignals(True)  # the first load below reads with this order already
        header.setSortIndicator(COLUMNS.index(sort),
                                Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)
        self._set_tab(view)
        self.model.set_filter(self.current_filter())
        self.refresh_counts()

    def show_filter(self, f: QueueFilter) -> None:
        """Show exactly the filter's cases (the dashboard's click-through)."""
        self._set_tab(f.view)
        self.filter_edit.blockSignals(True)
        self.filter_edit.setText(f.text)
        self.filter_edit.blockSignals(False)
        for combo, value in ((self.state_combo, f.states[0] if len(f.states) == 1 else None),
                             (self.category_combo, f.category_code), (self.district_combo, f.district),
                             (self.department_combo, f.department)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)
        self._extra = f
        self.model.set_filter(f)
        self.filter_changed.emit(f)

    def current_filter(self) -> QueueFilter:
        tab = self.tabs.tabData(self.tabs.currentIndex()) or self.views[0]
        state = self.state_combo.currentData()
        base = self._extra or QueueFilter()
        return base.with_(**self._tab_filter(tab), text=self.filter_edit.text().strip(),
                          states=(state,) if state else (),
                          category_code=self.category_combo.currentData(),
                          district=self.district_combo.currentData(),
                          department=self.department_combo.currentData())

    def refresh(self) -> None:
        """Reload keeping the scroll position and the selected case."""
        current = self.current_case_id()
        scroll = self.table.verticalScrollBar().value()
        self.model.reload()
        self.table.verticalScrollBar().setValue(scroll)
        if current is not None:
            self.select_case(current, scroll_to=False)
        self.refresh_counts()

    def refresh_counts(self) -> None:
        self._view_counts = self._tab_counts()
        for i in range(self.tabs.count()):
            view = self.tabs.tabData(i)
            self.tabs.setTabText(i, f"{self._tab_label(view)} ({self._view_counts.get(view, 0):,})")

    # the tabs: the seat's saved views here; a department's inbox (ui/department/inbox.py) has its own
    views: tuple[str, ...] = VIEWS

    def _tab_label(self, tab: str) -> str:
        return term("view", tab)

    def _tab_filter(self, tab: str) -> dict:
        """The QueueFilter fields a tab sets."""
        return {"view": tab}

    def _tab_counts(self) -> dict[str, int]:
        return self.service.view_counts()

    def view_counts(self) -> dict[str, int]:
        return dict(self._view_counts)

    def current_case_id(self) -> uuid.UUID | None:
        idx = self.table.currentIndex()
        value = self.model.data(self.model.index(idx.row(), 0), CASE_ID_ROLE) if idx.isValid() else None
        return uuid.UUID(value) if value else None

    def select_case(self, case_id: uuid.UUID, scroll_to: bool = True) -> bool:
        row = self.model.row_of(case_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        if scroll_to:
            self.table.scrollTo(index)
        return True

    def column_widths(self) -> dict[str, int]:
        return {name: self.table.columnWidth(i) for i, name in enumerate(COLUMNS)}

    def set_column_widths(self, widths: dict[str, int]) -> None:
        for i, name in enumerate(COLUMNS):
            if 20 <= int(widths.get(name, 0)) <= 1000:
                self.table.setColumnWidth(i, int(widths[name]))

    def sort_by_current_column(self) -> None:
        """F9: sort by the column of the current cell (Left/Right pick it); again reverses the order."""
        header = self.table.horizontalHeader()
        idx = self.table.currentIndex()
        column = idx.column() if idx.isValid() else header.sortIndicatorSection()
        ascending = Qt.SortOrder.AscendingOrder
        order = (Qt.SortOrder.DescendingOrder if header.sortIndicatorOrder() == ascending else ascending) \
            if header.sortIndicatorSection() == column else ascending
        header.setSortIndicator(column, order)  # sortIndicatorChanged sorts the model
        self.table.setFocus()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    # -- ui ----------------------------------------------------------------------------
    def _setup_ui(self, categories, districts, departments) -> None:
        self.tabs = ViewBar(self, objectName="queueTabs")  # wraps instead of scrolling tabs out of sight
        self.tabs.setAccessibleName(self.tr("Queue views"))
        for view in self.views:
            i = self.tabs.addTab(self._tab_label(view))
            self.tabs.setTabData(i, view)
        self.tabs.currentChanged.connect(self._apply_filter)

        self.filter_edit = QLineEdit(self, objectName="queueFilter", clearButtonEnabled=True)
        self.filter_edit.setPlaceholderText(self.tr("Filter: number, phone or words"))
        self.filter_edit.setAccessibleName(self.tr("Queue filter"))
        self.filter_edit.textChanged.connect(lambda _t: self._text_timer.start())
        self.filter_edit.returnPressed.connect(self._apply_filter)

        def combo(name: str, label: str, items: list[tuple[str, str]]) -> QComboBox:
            box = QComboBox(self, objectName=name)
            box.setAccessibleName(label)
            box.setToolTip(label)
            box.addItem(label, None)
            for code, text in items:
                box.addItem(text, code)
            box.currentIndexChanged.connect(self._apply_filter)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(5)
            # never narrower than its own "Any ..." label (it read "Any distric"); long item texts elide
            box.setMinimumWidth(box.fontMetrics().horizontalAdvance(label) + 36)
            return box

        self.state_combo = combo("queueState", self.tr("Any state"), [(s, term("state", s)) for s in FILTER_STATES])
        self.category_combo = combo("queueCategory", self.tr("Any category"),
                                    [(c.code, c.path) for c in categories])
        self.district_combo = combo("queueDistrict", self.tr("Any district"), [(d.code, d.name) for d in districts])
        self.department_combo = combo("queueDepartment", self.tr("Any department"),
                                      [(d.code, d.name) for d in departments])

        self.table = QTableView(self, objectName="queueView")
        self.table.setAccessibleName(self.tr("Case queue"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vh = self.table.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row size bookkeeping on 1M rows
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        hh = self.table.horizontalHeader()
        hh.setSectionsMovable(True)
        hh.setStretchLastSection(True)
        hh.setSortIndicatorShown(True)
        hh.sortIndicatorChanged.connect(self._on_sort)
        hh.setSectionsClickable(True)
        for name, width in (("number", 160), ("deadline", 96), ("state", 80), ("type", 60), ("urgency", 56),
                            ("category", 90), ("district", 70), ("caller", 150), ("department", 120), ("created", 90)):
            self.table.setColumnWidth(COLUMNS.index(name), width)
        self.table.doubleClicked.connect(self._on_table_activated)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)

        self.count_label = QLabel(self, objectName="queueCount")
        self.count_label.setAccessibleName(self.tr("Number of cases shown"))

        # the text filter has a row of its own: beside four combo boxes it shrank to "Filter..."
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for box in (self.state_combo, self.category_combo, self.district_combo, self.department_combo):
            filters.addWidget(box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.tabs)
        layout.addWidget(self.filter_edit)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    def _set_tab(self, view: str) -> None:
        for i in range(self.tabs.count()):
            if self.tabs.tabData(i) == view:
                self.tabs.blockSignals(True)
                self.tabs.setCurrentIndex(i)
                self.tabs.blockSignals(False)

    # -- slots -------------------------------------------------------------------------
    def _apply_filter(self, *_args) -> None:
        self._extra = None
        f = self.current_filter()
        self.model.set_filter(f)
        self.filter_changed.emit(f)

    def _on_sort(self, column: int, order) -> None:
        self.model.sort(column, order)

    def _on_table_activated(self, index) -> None:
        value = self.model.data(self.model.index(index.row(), 0), CASE_ID_ROLE)
        if value:
            self.case_activated.emit(uuid.UUID(value))

    def _on_current_row(self, current, _previous) -> None:
        value = self.model.data(self.model.index(current.row(), 0), CASE_ID_ROLE) if current.isValid() else None
        if value:
            self.case_selected.emit(uuid.UUID(value))

    def _on_cases_changed(self, _change) -> None:
        self._change_timer.start()  # a burst of changes (a sync page) reloads once

    def _on_clock(self) -> None:
        self.model.tick()
        self.refresh_counts()

    def _on_model_searching(self, busy: bool) -> None:
        if busy:
            self.count_label.setText(self.tr("Searching the descriptions..."))

    def _on_model_counted(self, count) -> None:
        n = f"{count.n:,}+" if count.capped else f"{count.n:,}"
        self.count_label.setText(self.tr("{0} cases").format(n))


def main() -> int:
    """Launch the queue alone on a temporary demo profile: `python -m ui.queue_panel`."""
    from PySide6.QtWidgets import QApplication

    from console import refdata

    from .demo_profile import demo_window_profile
    app = QApplication.instance() or QApplication(sys.argv[:1])
    profile, actor, _tmp = demo_window_profile(cases=2000)
    names = ref_names(profile.db)
    panel = QueuePanel(QueueService(profile.db, actor.operator_id), names, None, None,
                       refdata.categories(profile.db), refdata.districts(profile.db), refdata.departments(profile.db))
    panel.resize(900, 600)
    panel.show()
    panel.start()
    return app.exec()


def ref_names(db) -> RefNames:
    from console import refdata
    return RefNames({c.code: c.name for c in refdata.categories(db)}, {d.code: d.name for d in refdata.districts(db)},
                    {d.code: d.name for d in refdata.departments(db)})


if __name__ == "__main__":
    sys.exit(main())
