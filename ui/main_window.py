"""The operator's window: queue | call form or case detail | knowledge panel,
and a status bar with the operator, the role, the call timer and the sync state."""
from __future__ import annotations

import base64
import logging
import uuid

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.clock import utcnow
from console.operator_settings import OperatorSettings
from console.queue_filter import VIEWS, QueueFilter

from . import keyboard
from .call_bar import CallBar
from .caller_log import CallerLog
from .case_detail import CaseDetailPanel
from .intake_form import IntakeForm
from .knowledge_panel import KnowledgePanel
from .queue_panel import QueuePanel
from .shortcuts import BY_ID, SHORTCUTS, CheatSheet, label
from .tasks import stop_all

log = logging.getLogger(__name__)
LOCAL_CALL = "local-"  # the id of a call the telephone did not announce


class MainWindow(QMainWindow):
    call_started = Signal(str)  # call id
    call_ended = Signal(str)
    call_ringing = Signal(str)  # a call rings in the call bar while the form holds another
    lock_requested = Signal()  # the lock shortcut (ui/lock.py locks the window)
    sync_panel_requested = Signal()  # Ctrl+Shift+Y (ui/sync_panel.py's controller opens the panel)

    def __init__(self, services, bridge, knowledge_service=None, settings: OperatorSettings | None = None,
                 parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.services = services
        self.bridge = bridge
        self.settings = settings or services.load_settings()
        self.knowledge_service = knowledge_service
        self.knowledge_panel = None
        self.calls = services.calls
        self._setup_ui()
        self._setup_actions()
        self._setup_status_bar()
        bridge.sync_status_changed.connect(self.show_sync_status)
        bridge.cases_changed.connect(self._on_cases_changed)
        self._restore_layout()

    # -- public (used by the dashboard, the CTI adapter, tests) ------------------------------
    def add_page(self, widget: QWidget, title: str, wide: bool = False) -> int:
        """Add a page (e.g. the dashboard) as a tab beside the call form and the case detail.

        A `wide` page gets the whole width while it is the current tab (a dashboard is
        unreadable in a third of the window); `show_queue` (its click-throughs) goes back to
        the normal layout with the queue filtered.
        """
        if not hasattr(self, "_wide_pages"):
            self._wide_pages: set[QWidget] = set()
            self._wide_mode = False
            self._normal_sizes: list[int] = []
            self.workspace.currentChanged.connect(self._on_workspace_current_changed)
        if wide:
            self._wide_pages.add(widget)
        keyboard.tab_leaves_tables(widget)
        return self.workspace.addTab(widget, title)

    def _on_workspace_current_changed(self, index: int) -> None:
        wide = self.workspace.widget(index) in self._wide_pages
        if wide == self._wide_mode:
            return
        if wide:
            self._normal_sizes = list(self.splitter.sizes())
            total = sum(self._normal_sizes)
            self.knowledge_dock.hide()
            self.queue.hide()
            self.splitter.setSizes([0, total, 0])
        else:
            self.queue.show()
            self.knowledge_dock.show()
            if self._normal_sizes:
                self.splitter.setSizes(self._normal_sizes)
        self._wide_mode = wide

    def show_queue(self, f: QueueFilter) -> None:
        """Show exactly the filter's cases in the queue."""
        if getattr(self, "_wide_mode", False):  # leave the full-width page so the queue is seen
            self.workspace.setCurrentWidget(self.form)
        self.queue.show_filter(f)
        self.queue.table.setFocus()

    def start(self) -> None:
        """Load the first queue page and bring back an unsaved call (call after show())."""
        self.queue.start(self.settings.queue_view if self.settings.queue_view in VIEWS else "all_open",
                         self.settings.queue_sort, self.settings.queue_descending)
        if self.form.restore_latest_draft():
            self.workspace.setCurrentWidget(self.form)
        else:
            self.form.phone.setFocus()
        self.call_bar.refresh()
        self._update_call_timer()
        self._refresh_local_sync()

    def new_call(self, phone: str = "", call_id: str = "") -> None:
        """Open a call in the form (Ctrl+N, a callback, or a ringing call the form is free for)."""
        if not call_id or self.calls.get(call_id) is None:
            # a call the telephone did not announce (Ctrl+N, a walk-in): answered now
            call_id = call_id or LOCAL_CALL + uuid.uuid4().hex[:16]
            self.calls.answer(call_id, phone)
        self.workspace.setCurrentWidget(self.form)
        self.form.start_call(phone, call_id)
        self.call_bar.refresh()
        self._update_call_timer()
        self.call_started.emit(self.form.call_id)

    def on_call_event(self, event) -> None:
        """A caller-ID event (console.cti.CallEvent) arrived on the GUI thread."""
        outcome = self.call_bar.on_call_event(event)
        if self.workspace.currentWidget() is self.caller_log:
            self.caller_log.refresh()
        if outcome == "open":
            self.new_call(event.from_number, event.call_id)
            self.statusBar().showMessage(self.tr("Incoming call from {0}").format(event.from_number), 8000)
            return
        if outcome == "ended":
            self.end_call()
            return
        if event.event != "hangup" and event.call_id != self.form.call_id:
            self.call_ringing.emit(event.call_id)
        self._update_call_timer()

    def end_call(self) -> None:
        self._update_call_timer()
        self.call_ended.emit(self.form.call_id)

    def call_running(self) -> bool:
        call = self.calls.get(self.form.call_id) if self.form.call_id else None
        return call is not None and call.live

    def show_caller_log(self) -> None:
        self.workspace.setCurrentWidget(self.caller_log)
        self.caller_log.focus_table()

    def call_back(self, entry_id) -> None:
        """Call back the caller of a caller-log entry: a new call in the form with the number."""
        try:
            view = self.calls.call_back(entry_id)
        except LookupError:
            self.statusBar().showMessage(self.tr("This call has no number to call back."), 8000)
            return
        self.new_call(view.phone, view.call_id)
        self.caller_log.refresh()

    def show_sync_status(self, status) -> None:
        if status.configured:
            self._sync_configured = True
        if not status.configured:
            text = self.tr("Local only")
            if status.pending:
                text += " · " + self.tr("{0} unsynced changes").format(status.pending)
        else:
            text = self.tr("Online") if status.online else self.tr("Offline")
            if status.syncing:
                text += " · " + self.tr("syncing")
            text += " · " + self.tr("{0} unsynced changes").format(status.pending)
            if status.last_success:
                from console.clock import to_local
                text += " · " + self.tr("last sync {0}").format(to_local(status.last_success).strftime("%H:%M"))
            if status.conflicts or status.rejected:
                text += " · " + self.tr("{0} need attention").format(status.conflicts + status.rejected)
        self.sync_label.setText(text)
        self.sync_label.setToolTip(status.message or text)

    def open_case(self, case_id) -> None:
        if self.detail.load(case_id):
            self.workspace.setCurrentWidget(self.detail)

    def save_layout(self) -> None:
        s = self.settings
        s.geometry = base64.b64encode(bytes(self.saveGeometry())).decode()
        s.window_state = base64.b64encode(bytes(self.saveState())).decode()
        wide = getattr(self, "_wide_mode", False)
        s.splitter_sizes = list(self._normal_sizes if wide and self._normal_sizes else self.splitter.sizes())
        s.queue_column_widths = self.queue.column_widths()
        s.queue_view = self.queue.current_filter().view
        s.queue_sort, s.queue_descending = self.queue.model.sort_key, self.queue.model.descending
        self.services.save_settings(s)

    # -- ui ----------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        s = self.services
        self.setWindowTitle(self.tr("12345 Hotline Console"))
        self.queue = QueuePanel(s.queue, s.names, self.bridge, self, s.categories, s.districts, s.departments)
        self.form = IntakeForm(s, self)
        self.detail = CaseDetailPanel(s, self)
        self.workspace = QTabWidget(self, objectName="workspaceTabs")
        self.workspace.setAccessibleName(self.tr("Workspace"))
        self.workspace.addTab(self.form, self.tr("Call"))
        self.workspace.addTab(self.detail, self.tr("Case"))
        self.knowledge_dock = QWidget(self, objectName="knowledgeDock")
        self.knowledge_dock.setAccessibleName(self.tr("Knowledge base"))
        kl = QVBoxLayout(self.knowledge_dock)
        kl.setContentsMargins(0, 0, 0, 0)
        self._place_knowledge_panel(kl)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="mainSplitter")
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.workspace)
        self.splitter.addWidget(self.knowledge_dock)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([520, 500, 340])
        self.form.call_clock = self.calls.handling_seconds
        self.call_bar = CallBar(self.calls, self.form, self)
        self.form.discarded.connect(self._on_form_discarded)
        self.call_bar.status_message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.call_bar.call_switched.connect(lambda _c: self._in_form(self._update_call_timer))
        self.caller_log = CallerLog(self.calls, self)
        self.caller_log.callback_requested.connect(self.call_back)
        self.caller_log.status_message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.add_page(self.caller_log, self.tr("Caller log"))
        central = QWidget(self, objectName="centralArea")
        cl = QVBoxLayout(central)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(self.call_bar)
        cl.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        keyboard.install(self)

        self.form.status_message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.detail.status_message.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.form.case_saved.connect(self._on_case_saved)
        self.queue.case_activated.connect(self.open_case)
        self.form.history_view.activated.connect(self._on_history_activated)
        if self.knowledge_panel is not None:
            self.form.description_changed.connect(self.knowledge_panel.suggest_for)
            self.form.district.currentIndexChanged.connect(  # responsible units within the case's district
                lambda _i: self.knowledge_panel.set_district(self.form.district.currentData()))
            self.knowledge_panel.article_chosen.connect(self._on_article_chosen)

    def _place_knowledge_panel(self, layout) -> None:
        if self.knowledge_service is None:
            return
        self.knowledge_panel = KnowledgePanel(self.knowledge_service, self.knowledge_dock)
        # the window's shortcut table owns F8 (and lists it in the cheat sheet); two actions
        # with the same key would make Qt call the key ambiguous and run neither
        self.knowledge_panel.insert_action.setShortcut(QKeySequence())
        layout.addWidget(self.knowledge_panel)

    def _setup_actions(self) -> None:
        handlers = {
            "new_call": lambda: self.new_call(),
            "save": lambda: self._in_form(self.form.save),
            "save_dispatch": lambda: self._in_form(lambda: self.form.save(dispatch=True)),
            "merge": lambda: self._in_form(self.form.merge_into_selected),
            "discard": lambda: self._in_form(self.form.discard),
            "focus_phone": lambda: self._in_form(self.form.phone.setFocus),
            "focus_description": lambda: self._in_form(self.form.description.setFocus),
            "focus_knowledge": self._focus_knowledge,
            "insert_article": lambda: self.knowledge_panel.insert_current(),
            "focus_queue": self.queue.focus_filter,
            "open_case": lambda: self.queue.current_case_id() and self.open_case(self.queue.current_case_id()),
            "show_form": lambda: self._in_form(lambda: None),
            "refresh": self.queue.refresh,
            "emergency": lambda: self._in_form(self.form.emergency_banner.accept),
            "focus_history": lambda: self._in_form(self._focus_history),
            "focus_duplicates": lambda: self._in_form(self._focus_duplicates),
            "sort_queue": self.queue.sort_by_current_column,
            "next_pane": lambda: self.cycle_pane(1),
            "previous_pane": lambda: self.cycle_pane(-1),
            "next_page": lambda: self._step_page(1),
            "previous_page": lambda: self._step_page(-1),
            "sync_panel": self.sync_panel_requested.emit,
            "lock": self.lock_requested.emit,
            "cheat_sheet": self.show_cheat_sheet,
            "quit": self.quit,
            "next_call": lambda: self.call_bar.step(1),
            "previous_call": lambda: self.call_bar.step(-1),
            "caller_log": self.show_caller_log,
            "call_back": self._call_back_chosen,
        }
        for i, view in enumerate(VIEWS, start=1):
            handlers[f"view_{i}"] = lambda v=view: self.show_queue(QueueFilter(view=v))
        self.actions_by_id: dict[str, QAction] = {}
        for sc in SHORTCUTS:
            act = QAction(label(sc.id), self)
            act.setObjectName(f"action_{sc.id}")
            act.setShortcut(QKeySequence(sc.keys))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            # triggered(bool) would hand `checked` to the handler's first parameter (Ctrl+1..7 once
            # received False as their view): every handler is called with no argument
            act.triggered.connect(lambda _checked=False, run=handlers[sc.id]: run())
            self.addAction(act)
            self.actions_by_id[sc.id] = act
        # Enter on the numeric keypad saves-and-dispatches too
        self.actions_by_id["save_dispatch"].setShortcuts([QKeySequence(BY_ID["save_dispatch"].keys),
                                                          QKeySequence("Ctrl+Enter")])

    def _setup_status_bar(self) -> None:
        a = self.services.actor
        bar = self.statusBar()
        self.operator_label = QLabel(self.tr("{0} ({1}) · {2}").format(a.name or a.login, a.login, self._role(a.role)),
                                     self, objectName="operatorLabel")
        self.operator_label.setAccessibleName(self.tr("Operator and role"))
        self.call_label = QLabel(self, objectName="callTimer")
        self.call_label.setAccessibleName(self.tr("Call timer"))
        self.sync_label = QLabel(self.tr("Local only"), self, objectName="syncStatus")
        self.sync_label.setAccessibleName(self.tr("Sync state"))
        for w in (self.operator_label, self.call_label, self.sync_label):
            bar.addPermanentWidget(w)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._update_call_timer)
        self._tick.start()
        self._update_call_timer()

    def _role(self, role: str) -> str:
        return {"operator": self.tr("Operator"), "team_lead": self.tr("Team lead"), "admin": self.tr("Administrator"),
                "liaison": self.tr("Department liaison")}.get(role, role)

    def _restore_layout(self) -> None:
        s = self.settings
        if s.geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(s.geometry)))
        if len(s.splitter_sizes) == 3 and all(x > 0 for x in s.splitter_sizes):
            self.splitter.setSizes(s.splitter_sizes)
        if s.queue_column_widths:
            self.queue.set_column_widths(s.queue_column_widths)

    # -- slots -------------------------------------------------------------------------
    def show_cheat_sheet(self) -> CheatSheet:
        sheet = CheatSheet(self)
        sheet.show()
        self._cheat_sheet = sheet
        return sheet

    def panes(self) -> list[QWidget]:
        """The panes F6 cycles through, in screen order (only the visible ones)."""
        return [p for p in (self.queue, self.workspace, self.knowledge_dock) if p.isVisible()]

    def cycle_pane(self, step: int) -> None:
        """F6 / Shift+F6: focus the next / previous pane, where its focus last was."""
        panes = self.panes()
        if not panes:
            return
        here = lambda p: self.workspace.currentWidget() if p is self.workspace else p  # noqa: E731
        now = keyboard.pane_of(QApplication.focusWidget(), panes)
        if now >= 0:
            here(panes[now])._last_focus = QApplication.focusWidget()
        for k in range(1, len(panes) + 1):
            pane = panes[(now + step * k) % len(panes)] if now >= 0 else panes[0 if step > 0 else -1]
            if keyboard.focus_first(here(pane)):
                return

    def _step_page(self, step: int) -> None:
        n = self.workspace.count()
        self.workspace.setCurrentIndex((self.workspace.currentIndex() + step) % n)
        keyboard.focus_first(self.workspace.currentWidget())

    def _focus_history(self) -> None:
        view = self.form.history_view
        if view.model().rowCount() and not view.currentIndex().isValid():
            view.setCurrentIndex(view.model().index(0, 0))
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_duplicates(self) -> None:
        view = self.form.duplicates
        if view.isVisibleTo(self.form) and view.model().rowCount():
            if not view.currentIndex().isValid():
                view.selectRow(0)
            view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.statusBar().showMessage(self.tr("No likely duplicates for this call."), 5000)

    def _on_history_activated(self, index) -> None:
        case = self.form.history_model.case_at(index.row())
        if case is not None:
            self.open_case(case.id)

    def _in_form(self, fn) -> None:
        self.workspace.setCurrentWidget(self.form)
        fn()

    def _focus_knowledge(self) -> None:
        target = self.knowledge_dock.findChild(QWidget, "knowledgeSearch")
        (target or self.knowledge_dock).setFocus()

    def _on_article_chosen(self, article) -> None:
        self.workspace.setCurrentWidget(self.form)
        self.form.insert_article(article)

    def _on_case_saved(self, summary) -> None:
        call_id = self.form.call_id  # the form clears it after this signal
        if call_id:
            self.calls.saved(call_id, summary.number)
            if call_id.startswith(LOCAL_CALL):  # no telephone will hang it up
                self.calls.hangup(call_id, "saved")
        self.end_call()
        self.queue.refresh()
        self.queue.select_case(summary.id)

    def _on_cases_changed(self, _change) -> None:
        if self.detail.detail is not None and self.workspace.currentWidget() is self.detail:
            self.detail.reload()
        self._refresh_local_sync()

    def _refresh_local_sync(self) -> None:
        if getattr(self, "_sync_configured", False):
            return
        try:
            from sync.status import SyncStatus
            pending, rejected, conflicts = self.services.local_sync_counts()
        except Exception:  # the counts are informative only
            log.debug("local outbox count unavailable", exc_info=True)
            return
        self.show_sync_status(SyncStatus(configured=False, pending=pending, rejected=rejected, conflicts=conflicts))

    def set_sync_configured(self, configured: bool) -> None:
        """True once a sync client reports; its SyncStatus then owns the label."""
        self._sync_configured = configured

    def _update_call_timer(self) -> None:
        call = self.calls.get(self.form.call_id) if self.form.call_id else None
        if call is None:
            self.call_label.setText(self.tr("No call"))
            self.call_label.setStyleSheet("")
            return
        secs = call.seconds(utcnow())  # from the stored answer time: a restart keeps the timer
        text = f"{secs // 60:02d}:{secs % 60:02d}"
        if call.live:
            self.call_label.setText(self.tr("Call {0}").format(text))
            self.call_label.setStyleSheet("color:#0b5394; font-weight:bold;")
        else:
            self.call_label.setStyleSheet("")
            self.call_label.setText(self.tr("Ended {0}").format(text))

    def _on_form_discarded(self, call_id: str) -> None:
        if call_id:
            self.calls.close_unsaved(call_id)  # thrown away: it leaves the bar, the caller log keeps it
        self.call_bar.refresh()
        self._update_call_timer()

    def _call_back_chosen(self) -> None:
        if self.workspace.currentWidget() is not self.caller_log:
            self.show_caller_log()
        self.caller_log.call_back()

    def quit(self) -> bool:
        """Ctrl+Q: close the window, asking first while calls are unsaved."""
        if not self._confirm_quit():
            return False
        self._quit_confirmed = True
        return self.close()

    def _confirm_quit(self) -> bool:
        self.form.save_draft()
        self.call_bar.refresh()
        unsaved = len(self.call_bar.entries)
        if not unsaved and not self.form.has_content():
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Quit?"),
                          self.tr("Calls not saved as cases: {0}. They are kept as drafts and come back at the "
                                  "next sign-in. Quit now?").format(max(unsaved, 1)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("quitQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)

    def closeEvent(self, event) -> None:
        # the title bar's close button asks like Ctrl+Q; a close by the program (the lock
        # screen's sign-in of another operator, tests) does not
        if event.spontaneous() and not getattr(self, "_quit_confirmed", False) and not self._confirm_quit():
            event.ignore()
            return
        self.form.save_draft()
        try:
            self.save_layout()
        except Exception:  # never keep the operator from quitting over a layout setting
            log.exception("saving the layout failed")
        super().closeEvent(event)
        stop_all(self)  # no snapshot or search may still run when Qt deletes the pages
