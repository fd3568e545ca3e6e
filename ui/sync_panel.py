"""The sync panel: what the server refused (with its reason) and the free-text
conflicts waiting for a person (keep mine / keep the server's).

Opened by clicking the status bar's sync label (`syncStatus`). `SyncController`
runs the sync client on the program's qasync loop and closes it on quit.
`python -m ui.sync_panel` shows the panel alone over a demo profile.
"""
from __future__ import annotations

import asyncio
import logging
import os

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.clock import to_local
from console.signals import cases_changed
from sync.status import SyncStatus, sync_status_changed

from .plain_text import tooltip
from .refusals import refusal_text
from .terms import term

log = logging.getLogger(__name__)
CENTRAL_ENV = "HOTLINE_CENTRAL_URL"


def _time(stored) -> str:
    return to_local(stored).strftime("%m-%d %H:%M") if stored else ""


class SyncPanel(QWidget):
    """Lists rejected operations and open conflicts; resolves conflicts through the store."""

    sync_requested = Signal()

    def __init__(self, store, actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncPanel")
        self.store = store
        self.actor = actor
        self._conflict_ids: list = []
        self._setup_ui()
        self.refresh()

    # -- public ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the rejected operations and the open conflicts again."""
        rejected = self.store.rejected()
        self.rejected_table.setRowCount(len(rejected))
        for row, op in enumerate(rejected):
            # the server's refusal in the operator's language when it came with a code (ui/refusals.py)
            reason = refusal_text(op) if op.code else op.reason
            for col, text in enumerate((op.case_number, term("action", op.action), _time(op.created_at), reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(tooltip(text))
                self.rejected_table.setItem(row, col, item)
        conflicts = self.store.conflicts()
        self._conflict_ids = [c.id for c in conflicts]
        self.conflict_table.setRowCount(len(conflicts))
        names = {"description": self.tr("Description"), "address": self.tr("Address"),
                 "caller_name": self.tr("Caller name"), "answer": self.tr("Answer")}
        for row, c in enumerate(conflicts):
            for col, text in enumerate((c.case_number, names.get(c.field, c.field), c.local_value,
                                        c.server_value, c.base_value)):
                item = QTableWidgetItem(text)
                item.setToolTip(tooltip(text))
                self.conflict_table.setItem(row, col, item)
        self.rejected_title.setText(self.tr("Refused by the central server ({0})").format(len(rejected)))
        self.conflict_title.setText(self.tr("Conflicts to resolve ({0})").format(len(conflicts)))
        self._update_buttons()

    def first_focus(self) -> QWidget:
        """Where the keyboard starts in the panel: the first table with rows, else the sync button."""
        for table in (self.rejected_table, self.conflict_table):
            if table.rowCount():
                if not table.currentIndex().isValid():
                    table.selectRow(0)
                return table
        return self.sync_button if self.sync_button.isEnabled() else self.rejected_table

    def show_status(self, status: SyncStatus) -> None:
        if not status.configured:
            text = self.tr("No central server configured: this console works on its own.")
        else:
            text = (self.tr("Online") if status.online else self.tr("Offline")) + " · " + \
                self.tr("{0} unsynced changes").format(status.pending)
            if status.last_success:
                text += " · " + self.tr("last sync {0}").format(_time(status.last_success))
            if status.message:
                text += "\n" + status.message
        self.summary.setText(text)
        self.sync_button.setEnabled(status.configured and not status.syncing)

    # -- ui -------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.setWindowTitle(self.tr("Sync"))
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel(self, objectName="syncSummary")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Sync summary"))
        self.sync_button = QPushButton(self.tr("Sync now"), self, objectName="syncNow")
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.sync_button.clicked.connect(self.sync_requested.emit)
        top.addWidget(self.summary, 1)
        top.addWidget(self.sync_button)
        lay.addLayout(top)

        self.rejected_title = QLabel(self, objectName="rejectedTitle")
        lay.addWidget(self.rejected_title)
        self.rejected_table = self._table("rejectedOps", self.tr("Refused operations"),
                                          [self.tr("Case"), self.tr("Action"), self.tr("Made at"), self.tr("Reason")])
        lay.addWidget(self.rejected_table, 1)

        self.conflict_title = QLabel(self, objectName="conflictTitle")
        lay.addWidget(self.conflict_title)
        self.conflict_table = self._table("conflicts", self.tr("Conflicts"),
                                          [self.tr("Case"), self.tr("Field"), self.tr("Mine"), self.tr("Server's"),
                                           self.tr("Before both changes")])
        self.conflict_table.setColumnWidth(2, 210)
        self.conflict_table.setColumnWidth(3, 210)
        self.conflict_table.itemSelectionChanged.connect(self._update_buttons)
        lay.addWidget(self.conflict_table, 1)
        # the chosen row in full: cells are cut to their column, and a tooltip needs the mouse
        self.row_text = QPlainTextEdit(self, objectName="syncRowText", readOnly=True, tabChangesFocus=True)
        self.row_text.setAccessibleName(self.tr("The chosen row in full"))
        self.row_text.setMaximumHeight(90)
        lay.addWidget(self.row_text)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.keep_mine = QPushButton(self.tr("Keep mine"), self, objectName="keepMine")
        self.keep_mine.setAccessibleName(self.tr("Keep my value"))
        self.keep_server = QPushButton(self.tr("Keep the server's"), self, objectName="keepServer")
        self.keep_server.setAccessibleName(self.tr("Keep the server's value"))
        self.keep_mine.clicked.connect(lambda: self._resolve("mine"))
        self.keep_server.clicked.connect(lambda: self._resolve("server"))
        buttons.addWidget(self.keep_mine)
        buttons.addWidget(self.keep_server)
        lay.addLayout(buttons)
        self.resize(900, 560)

    def _table(self, name: str, accessible: str, headers: list[str]) -> QTableWidget:
        t = QTableWidget(0, len(headers), self, objectName=name)
        t.setAccessibleName(accessible)
        t.setHorizontalHeaderLabels(headers)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setWordWrap(False)
        t.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        t.currentCellChanged.connect(lambda row, _c, _pr, _pc, table=t: self._show_row(table, row))
        t.verticalHeader().setVisible(False)
        header = t.horizontalHeader()
        for col in range(len(headers)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        t.setColumnWidth(0, 190)
        t.setColumnWidth(1, 110)
        return t

    def _show_row(self, table: QTableWidget, row: int) -> None:
        cells = []
        for col in range(table.columnCount()):
            item, head = table.item(row, col), table.horizontalHeaderItem(col)
            if item is not None and item.text():
                cells.append(f"{head.text() if head else ''}: {item.text()}")
        self.row_text.setPlainText("\n".join(cells))

    def _selected_conflict(self):
        rows = self.conflict_table.selectionModel().selectedRows()
        return self._conflict_ids[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self._selected_conflict() is not None
        self.keep_mine.setEnabled(chosen)
        self.keep_server.setEnabled(chosen)

    def _resolve(self, keep: str) -> None:
        conflict_id = self._selected_conflict()
        if conflict_id is None:
            return
        try:
            self.store.resolve_conflict(conflict_id, keep, self.actor)
        except Exception as exc:  # a refused edit (the case moved on): say so, keep the conflict
            self.summary.setText(self.tr("Could not resolve: {0}").format(exc))
            return
        self.refresh()
        if keep == "mine":
            self.sync_requested.emit()


class _LabelClick(QObject):
    def __init__(self, callback, parent: QObject):
        super().__init__(parent)
        self.callback = callback

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            self.callback()
            return True
        return False


class SyncController(QObject):
    """Runs the sync client on the qasync loop for the window; opens the panel."""

    def __init__(self, window, profile, actor, central_url: str | None):
        super().__init__(window)
        from sync.store import LocalSyncStore
        self.window, self.actor = window, actor
        self.store = LocalSyncStore(profile.db)
        self.client = None
        self._stop: asyncio.Event | None = None
        self._task: asyncio.Task | None = None
        self._manual: asyncio.Task | None = None
        self._panel: QDialog | None = None
        self.status = SyncStatus()
        if central_url:
            from sync.client import SyncClient
            from sync.endpoint import InsecureCentral, remembered_options
            try:
                self.client = SyncClient(profile.db, central_url, **remembered_options(self.store, central_url))
            except InsecureCentral as exc:  # shown as the sync status; the console works on its own
                log.warning("not syncing: %s", exc)
                self.status = SyncStatus(configured=True, message=str(exc))
        window.bridge.sync_status_changed.connect(self._on_status)
        if hasattr(window, "sync_panel_requested"):  # Ctrl+Shift+Y, the keyboard's way to the panel
            window.sync_panel_requested.connect(self.open_panel)
        label = window.findChild(QLabel, "syncStatus")
        if label is not None:
            label.setCursor(Qt.CursorShape.PointingHandCursor)
            label.installEventFilter(_LabelClick(self.open_panel, label))

    def start(self) -> None:
        """Start syncing in the background (call with the loop running or about to run)."""
        if self.client is None:
            if self.status.message:  # a central URL the console refused: say so in the status bar
                sync_status_changed.emit(self.status)
            return
        self._stop = asyncio.Event()
        self._task = asyncio.ensure_future(self.client.run(self._stop))
        cases_changed.connect(self._on_cases_changed)

    async def stop(self) -> None:
        """Stop syncing and close the HTTP client (on quit)."""
        cases_changed.disconnect(self._on_cases_changed)
        if self.client is None:
            return
        self._stop.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, 5)
            except (TimeoutError, asyncio.CancelledError):
                pass
        await self.client.aclose()

    def download_attachment(self, case_number: str, sha256: str):
        """An awaitable of the attachment's local path, downloaded from the central server."""
        from sync.attachment_transfer import download
        return download(self.client, case_number, sha256)

    def open_panel(self) -> None:
        if self._panel is None:
            self._panel = QDialog(self.window, objectName="syncDialog")
            self._panel.setWindowTitle(self.tr("Sync"))
            lay = QVBoxLayout(self._panel)
            self.panel = SyncPanel(self.store, self.actor, self._panel)
            self.panel.sync_requested.connect(self.sync_now)
            lay.addWidget(self.panel)
            self._panel.resize(920, 600)
        self.panel.refresh()
        self.panel.show_status(self.status)
        self._panel.show()
        self._panel.raise_()
        self._panel.activateWindow()
        self.panel.first_focus().setFocus()

    def sync_now(self) -> None:
        if self.client is None or (self._manual is not None and not self._manual.done()):
            return
        self._manual = asyncio.ensure_future(self._sync_and_refresh())

    async def _sync_and_refresh(self) -> None:
        try:
            await self.client.sync_once()
        except Exception as exc:  # shown in the panel; the background loop keeps retrying
            log.info("manual sync failed: %s", exc)
        if self._panel is not None:
            self.panel.refresh()

    def _on_status(self, status: SyncStatus) -> None:
        self.status = status
        if self._panel is not None and self._panel.isVisible():
            self.panel.show_status(status)
            self.panel.refresh()

    def _on_cases_changed(self, change) -> None:
        if self.client is not None and change.reason != "synced":
            # the core emits on the thread that wrote; the loop is woken thread-safely
            loop = self._task.get_loop() if self._task is not None else None
            if loop is not None and not loop.is_closed():
                loop.call_soon_threadsafe(self.client.nudge)


def central_url_for(profile) -> str | None:
    """The central server: $HOTLINE_CENTRAL_URL, else the one `main.py sync --central` remembered."""
    from sync.store import LocalSyncStore
    return os.environ.get(CENTRAL_ENV) or LocalSyncStore(profile.db).get("central_url")


def _demo() -> int:  # pragma: no cover - a manual look
    import sys
    import tempfile
    import uuid

    from PySide6.QtWidgets import QApplication
    from sqlalchemy import insert

    from console.intake import CallRecord
    from console.profile import open_profile
    from models import Conflict, Outbox

    app = QApplication.instance() or QApplication(sys.argv[:1])
    prof = open_profile(tempfile.mkdtemp(prefix="sync-panel-"))
    actor = prof.actor()
    case = prof.intake.log_call(CallRecord(caller_phone="13800138000", type="help", category_code="0203",
                                           district="JJ", description="路灯不亮已经三天了"), actor)
    with prof.db.engine.begin() as conn:
        conn.execute(Outbox.__table__.update().values(status="rejected",
                                                      reason="cannot dispatch a case that is closed: only a case "
                                                             "that is received, reopened, returned can be dispatched"))
        conn.execute(insert(Conflict.__table__), [{"id": uuid.uuid4(), "case_id": case.id, "field": "description",
                                                   "base_value": "路灯不亮", "local_value": "路灯不亮，已持续三天",
                                                   "server_value": "路灯闪烁不亮", "created_at": case.created_at}])
    from sync.store import LocalSyncStore
    panel = SyncPanel(LocalSyncStore(prof.db), actor)
    panel.show_status(SyncStatus(configured=True, online=False, pending=3, rejected=1, conflicts=1,
                                 last_success=case.created_at, message="cannot reach the central server"))
    panel.show()
    return app.exec()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_demo())
