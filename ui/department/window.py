"""The window a department liaison gets: the unit's inbox beside the case detail with the
department's actions, and the status bar with the account, the unit and the sync state.

No call bar, call form, caller log or knowledge panel: those are the seat's. The account
decides which window opens (ui/app.py build_main_window): a `liaison` signed in through
the central server gets this one, for the department the server named.
"""
from __future__ import annotations

import base64
import logging

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSplitter, QWidget

from console.clock import to_local

from .. import keyboard
from ..shortcuts import DEPARTMENT_SHORTCUTS, CheatSheet, translated
from ..tasks import stop_all
from .actions import DepartmentCaseDetail
from .inbox import DepartmentInbox

log = logging.getLogger(__name__)
# shortcut -> the action it picks in the case detail; F2 (sign for) also does it: nothing to type
PICKS = {"sign_for": "accept", "reply": "reply", "request_extension": "request_extension",
         "return_case": "return", "sub_dispatch": "sub_dispatch", "assist_opinion": "assist_opinion"}
DO_AT_ONCE = frozenset({"accept"})


class DepartmentWindow(QMainWindow):
    """The department mode of the console window (objectName `mainWindow`, like the seat's)."""

    department_mode = True
    # the lock screen listens to these on any window; a department's window has no calls
    call_started = Signal(str)
    call_ringing = Signal(str)
    lock_requested = Signal()
    sync_panel_requested = Signal()

    def __init__(self, services, bridge, settings=None, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.services = services
        self.bridge = bridge
        self.settings = settings or services.load_settings()
        self.unit = services.actor.department
        self._sync_configured = False
        self._setup_ui()
        self._setup_actions()
        self._setup_status_bar()
        bridge.sync_status_changed.connect(self.show_sync_status)
        bridge.cases_changed.connect(self._on_cases_changed)
        self._restore_layout()

    # -- public --------------------------------------------------------------------------
    def start(self) -> None:
        """Load the inbox's first page (call after show())."""
        self.inbox.start()
        self.inbox.table.setFocus()
        self._refresh_local_sync()

    def open_case(self, case_id) -> bool:
        return self.detail.load(case_id)

    def pick(self, action: str) -> bool:
        """A shortcut: the selected case's `action` chosen in the detail, its details focused
        (sign for is done at once). False, with the reason shown, when it cannot be offered."""
        if not self._load_current():
            self.statusBar().showMessage(self.tr("Choose a case in the inbox first."), 5000)
            return False
        if not self.detail.choose(action):
            self.statusBar().showMessage(self.detail.error.text(), 8000)
            return False
        return self.detail.act() if action in DO_AT_ONCE else True

    def do_action(self) -> bool:
        """Ctrl+Enter: do the action chosen in the detail."""
        return self.detail.act()

    def on_call_event(self, _event) -> None:
        """A caller-ID event: a department's window takes no calls."""

    def show_sync_status(self, status) -> None:
        if status.configured:
            self._sync_configured = True
        if not status.configured:
            text = self.tr("Local only")
        else:
            text = self.tr("Online") if status.online else self.tr("Offline")
            if status.syncing:
                text += " · " + self.tr("syncing")
            if status.last_success:
                text += " · " + self.tr("last sync {0}").format(to_local(status.last_success).strftime("%H:%M"))
        text += " · " + self.tr("{0} unsynced changes").format(status.pending)
        if status.conflicts or status.rejected:
            text += " · " + self.tr("{0} need attention").format(status.conflicts + status.rejected)
        self.sync_label.setText(text)
        self.sync_label.setToolTip(status.message or text)

    def set_sync_configured(self, configured: bool) -> None:
        """True once a sync client reports; its SyncStatus then owns the label."""
        self._sync_configured = configured

    def show_cheat_sheet(self) -> CheatSheet:
        sheet = CheatSheet(self, DEPARTMENT_SHORTCUTS)
        sheet.show()
        self._cheat_sheet = sheet
        return sheet

    def panes(self) -> list[QWidget]:
        return [self.inbox, self.detail]

    def cycle_pane(self, step: int) -> None:
        """F6 / Shift+F6: the inbox, the case detail."""
        panes = self.panes()
        now = keyboard.pane_of(QApplication.focusWidget(), panes)
        nxt = panes[(now + step) % len(panes)] if now >= 0 else panes[0]
        keyboard.focus_first(nxt)

    def quit(self) -> bool:
        return self.close()

    def closeEvent(self, event) -> None:
        try:
            s = self.settings
            s.geometry = base64.b64encode(bytes(self.saveGeometry())).decode()
            s.splitter_sizes = list(self.splitter.sizes())
            s.queue_column_widths = self.inbox.column_widths()
            self.services.save_settings(s)
        except Exception:  # never keep the liaison from quitting over a layout setting
            log.exception("saving the layout failed")
        super().closeEvent(event)
        stop_all(self)  # no inbox filter may still run when Qt deletes the window

    # -- ui ------------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        s = self.services
        unit_name = s.names.departments.get(self.unit or "", self.unit or "")
        self.setWindowTitle(self.tr("12345 Hotline · {0}").format(unit_name or self.tr("no department")))
        self.inbox = DepartmentInbox(s.queue, s.names, self.unit, self.bridge, self, s.categories, s.districts)
        self.detail = DepartmentCaseDetail(s, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="mainSplitter")
        self.splitter.addWidget(self.inbox)
        self.splitter.addWidget(self.detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([700, 560])
        self.setCentralWidget(self.splitter)
        keyboard.install(self)
        self.inbox.case_activated.connect(self._on_case_activated)
        self.inbox.case_selected.connect(self.open_case)
        self.detail.status_message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.detail.acted.connect(lambda _summary: self.inbox.refresh())

    def _setup_actions(self) -> None:
        handlers = {sid: (lambda a=action: self.pick(a)) for sid, action in PICKS.items()}
        handlers.update({
            "do_action": self.do_action,
            "focus_queue": self.inbox.focus_filter,
            "open_case": lambda: self._load_current() and self.detail.setFocus(),
            "refresh": self.inbox.refresh,
            "sort_queue": self.inbox.sort_by_current_column,
            "next_pane": lambda: self.cycle_pane(1),
            "previous_pane": lambda: self.cycle_pane(-1),
            "sync_panel": self.sync_panel_requested.emit,
            "lock": self.lock_requested.emit,
            "cheat_sheet": self.show_cheat_sheet,
            "quit": self.quit,
        })
        for i, tab in enumerate(self.inbox.views, start=1):
            handlers[f"tab_{i}"] = lambda t=tab: self.inbox.show_tab(t)
        self.actions_by_id: dict[str, QAction] = {}
        for sc in DEPARTMENT_SHORTCUTS:
            act = QAction(translated(sc.label), self)
            act.setObjectName(f"action_{sc.id}")
            act.setShortcut(QKeySequence(sc.keys))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(lambda _checked=False, run=handlers[sc.id]: run())
            self.addAction(act)
            self.actions_by_id[sc.id] = act
        self.actions_by_id["do_action"].setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])

    def _setup_status_bar(self) -> None:
        a = self.services.actor
        unit = self.services.names.departments.get(a.department or "", a.department or self.tr("no department"))
        self.operator_label = QLabel(self.tr("{0} ({1}) · Department liaison · {2}").format(a.name or a.login, a.login,
                                                                                           unit),
                                     self, objectName="operatorLabel")
        self.operator_label.setAccessibleName(self.tr("Account and unit"))
        self.sync_label = QLabel(self.tr("Local only"), self, objectName="syncStatus")
        self.sync_label.setAccessibleName(self.tr("Sync state"))
        for w in (self.operator_label, self.sync_label):
            self.statusBar().addPermanentWidget(w)

    def _restore_layout(self) -> None:
        s = self.settings
        if s.geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(s.geometry)))
        if len(s.splitter_sizes) == 2 and all(x > 0 for x in s.splitter_sizes):
            self.splitter.setSizes(s.splitter_sizes)
        if s.queue_column_widths:
            self.inbox.set_column_widths(s.queue_column_widths)

    # -- slots ---------------------------------------------------------------------------
    def _load_current(self) -> bool:
        case_id = self.inbox.current_case_id()
        shown = self.detail.detail.case.id if self.detail.detail is not None else None
        if case_id is not None and case_id != shown:
            self.detail.load(case_id)
        return self.detail.detail is not None

    def _on_case_activated(self, case_id) -> None:
        if self.open_case(case_id):
            keyboard.focus_first(self.detail)

    def _on_cases_changed(self, _change) -> None:
        if self.detail.detail is not None:
            self.detail.reload()
        self._refresh_local_sync()

    def _refresh_local_sync(self) -> None:
        if self._sync_configured:
            return
        try:
            from sync.status import SyncStatus
            pending, rejected, conflicts = self.services.local_sync_counts()
        except Exception:  # the counts are informative only
            log.debug("local outbox count unavailable", exc_info=True)
            return
        self.show_sync_status(SyncStatus(configured=False, pending=pending, rejected=rejected, conflicts=conflicts))
