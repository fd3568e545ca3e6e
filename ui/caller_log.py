"""The caller log: every incoming call of the seat (answered, missed, abandoned) and the
callbacks made, newest first; F9 (or Enter) calls the chosen caller back."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.calls import CallService, CallView
from console.clock import to_local
from console.phone import display


class CallLogModel(QAbstractTableModel):
    """The log's rows (a few hundred at most: the newest `limit` calls)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[CallView] = []

    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Direction"), self.tr("Caller"), self.tr("Outcome"),
                self.tr("Earlier cases"), self.tr("Case"), self.tr("Called back")]

    def set_rows(self, rows: list[CallView]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> CallView | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 7

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        c = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(c, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and c.outcome in ("missed", "abandoned") \
                and c.called_back_at is None:
            return QBrush(QColor("#fde2e1"))
        return None

    def _text(self, c: CallView, col: int) -> str:
        if col == 0:
            return to_local(c.rang_at).strftime("%m-%d %H:%M:%S")
        if col == 1:
            return self.tr("Callback") if c.direction == "out" else self.tr("Incoming")
        if col == 2:
            return display(c.phone) if c.phone else self.tr("no number")
        if col == 3:
            return outcome_label(c.outcome)
        if col == 4:
            return str(c.history_count)
        if col == 5:
            return c.case_number
        return to_local(c.called_back_at).strftime("%H:%M") if c.called_back_at else ""


def outcome_label(outcome: str) -> str:
    # literal translate() calls: lupdate reads them
    return {"ringing": QCoreApplication.translate("CallerLog", "Ringing"),
            "answered": QCoreApplication.translate("CallerLog", "Answered"),
            "missed": QCoreApplication.translate("CallerLog", "Missed"),
            "abandoned": QCoreApplication.translate("CallerLog", "Abandoned")}.get(outcome, outcome)


class CallerLog(QWidget):
    callback_requested = Signal(object)  # the log entry's id
    status_message = Signal(str)

    def __init__(self, calls: CallService, parent=None):
        super().__init__(parent)
        self.setObjectName("callerLog")
        self.setAccessibleName(self.tr("Caller log"))
        self.calls = calls
        self.model = CallLogModel(self)
        self._setup_ui()

    def refresh(self) -> None:
        self.model.set_rows(self.calls.log(outcome=self.filter.currentData()))
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def focus_table(self) -> None:
        self.refresh()
        self.table.setFocus()

    def call_back(self) -> bool:
        """F9 / Enter: call the chosen caller back."""
        row = self.model.row_at(self.table.currentIndex().row())
        if row is None or not row.phone:
            self.status_message.emit(self.tr("Choose a call with a number to call back."))
            return False
        self.callback_requested.emit(row.id)
        return True

    def _setup_ui(self) -> None:
        self.filter = QComboBox(self, objectName="callerLogFilter")
        self.filter.setAccessibleName(self.tr("Show calls"))
        for label, key in ((self.tr("All calls"), None), (self.tr("Missed"), "missed"),
                           (self.tr("Abandoned"), "abandoned"), (self.tr("Answered"), "answered")):
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table = QTableView(self, objectName="callerLogTable")
        self.table.setAccessibleName(self.tr("Calls, newest first: F9 or Enter calls back"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _i: self.call_back())
        self.callback_button = QPushButton(self.tr("Call back (F9)"), self, objectName="callerLogCallBack")
        self.callback_button.setAccessibleName(self.tr("Call back the chosen caller"))
        self.callback_button.clicked.connect(self.call_back)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show"), self))
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.callback_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
