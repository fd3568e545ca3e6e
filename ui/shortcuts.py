"""Every keyboard shortcut of the window, in one table: the actions are built
from it and the F1 cheat sheet lists it, so the two can't disagree."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout


def _t(text: str) -> str:
    return QCoreApplication.translate("Shortcuts", text)


@dataclass(frozen=True)
class Shortcut:
    id: str
    keys: str  # QKeySequence portable text
    label: str  # English source, translated in the "Shortcuts" context


SHORTCUTS = [
    Shortcut("new_call", "Ctrl+N", QT_TRANSLATE_NOOP("Shortcuts", "New call (from anywhere)")),
    Shortcut("save", "Ctrl+S", QT_TRANSLATE_NOOP("Shortcuts", "Save the call")),
    Shortcut("save_dispatch", "Ctrl+Return",
             QT_TRANSLATE_NOOP("Shortcuts", "Save and dispatch to the lead department")),
    Shortcut("merge", "Ctrl+M", QT_TRANSLATE_NOOP("Shortcuts", "Merge the call into the selected likely duplicate")),
    Shortcut("discard", "Ctrl+Shift+Backspace", QT_TRANSLATE_NOOP("Shortcuts", "Discard the draft")),
    Shortcut("emergency", "Ctrl+E",
             QT_TRANSLATE_NOOP("Shortcuts", "Emergency: set it and the proposed line to put the caller through to")),
    Shortcut("focus_phone", "Alt+1", QT_TRANSLATE_NOOP("Shortcuts", "Go to the caller's phone")),
    Shortcut("focus_description", "Alt+2", QT_TRANSLATE_NOOP("Shortcuts", "Go to the description")),
    Shortcut("focus_history", "Alt+3",
             QT_TRANSLATE_NOOP("Shortcuts", "Go to the caller's earlier cases (Enter opens one)")),
    Shortcut("focus_duplicates", "Alt+4",
             QT_TRANSLATE_NOOP("Shortcuts", "Go to the likely duplicates (arrows choose, Ctrl+M merges)")),
    Shortcut("focus_knowledge", "Ctrl+K", QT_TRANSLATE_NOOP("Shortcuts", "Search the knowledge base")),
    Shortcut("insert_article", "F8",
             QT_TRANSLATE_NOOP("Shortcuts", "Insert the selected article's answer into the reply")),
    Shortcut("focus_queue", "Ctrl+F", QT_TRANSLATE_NOOP("Shortcuts", "Filter the queue")),
    Shortcut("open_case", "Ctrl+O", QT_TRANSLATE_NOOP("Shortcuts", "Open the selected case")),
    Shortcut("show_form", "Ctrl+L", QT_TRANSLATE_NOOP("Shortcuts", "Back to the call form")),
    Shortcut("refresh", "F5", QT_TRANSLATE_NOOP("Shortcuts", "Refresh the queue and counts")),
    Shortcut("sort_queue", "F7",
             QT_TRANSLATE_NOOP("Shortcuts", "Sort the queue by the current column (again: reverse)")),
    Shortcut("next_pane", "F6", QT_TRANSLATE_NOOP("Shortcuts", "Next pane: queue, workspace, knowledge base")),
    Shortcut("previous_pane", "Shift+F6", QT_TRANSLATE_NOOP("Shortcuts", "Previous pane")),
    Shortcut("next_page", "Ctrl+PgDown",
             QT_TRANSLATE_NOOP("Shortcuts", "Next page of the workspace (call, case, dashboard)")),
    Shortcut("previous_page", "Ctrl+PgUp", QT_TRANSLATE_NOOP("Shortcuts", "Previous page of the workspace")),
    Shortcut("sync_panel", "Ctrl+Shift+Y",
             QT_TRANSLATE_NOOP("Shortcuts", "Sync state: refused operations and conflicts")),
    Shortcut("view_1", "Ctrl+1", QT_TRANSLATE_NOOP("Shortcuts", "Queue: My cases")),
    Shortcut("view_2", "Ctrl+2", QT_TRANSLATE_NOOP("Shortcuts", "Queue: Due today")),
    Shortcut("view_3", "Ctrl+3", QT_TRANSLATE_NOOP("Shortcuts", "Queue: Overdue")),
    Shortcut("view_4", "Ctrl+4", QT_TRANSLATE_NOOP("Shortcuts", "Queue: Urgent")),
    Shortcut("view_5", "Ctrl+5", QT_TRANSLATE_NOOP("Shortcuts", "Queue: All open")),
    Shortcut("view_6", "Ctrl+6", QT_TRANSLATE_NOOP("Shortcuts", "Queue: Waiting for callback")),
    Shortcut("view_7", "Ctrl+7", QT_TRANSLATE_NOOP("Shortcuts", "Queue: All")),
    Shortcut("view_8", "Ctrl+8", QT_TRANSLATE_NOOP("Shortcuts", "Queue: Returns to review (team lead)")),
    Shortcut("view_9", "Ctrl+9", QT_TRANSLATE_NOOP("Shortcuts", "Queue: Responsibility disputes (team lead)")),
    Shortcut("next_call", "Alt+PgDown", QT_TRANSLATE_NOOP("Shortcuts", "Next call in the call bar into the form")),
    Shortcut("previous_call", "Alt+PgUp",
             QT_TRANSLATE_NOOP("Shortcuts", "Previous call in the call bar into the form")),
    Shortcut("caller_log", "Ctrl+J",
             QT_TRANSLATE_NOOP("Shortcuts", "Caller log: incoming, missed and abandoned calls")),
    Shortcut("call_back", "F9", QT_TRANSLATE_NOOP("Shortcuts", "Call back the caller chosen in the caller log")),
    Shortcut("lock", "Ctrl+Shift+L", QT_TRANSLATE_NOOP("Shortcuts", "Lock the seat")),
    Shortcut("cheat_sheet", "F1", QT_TRANSLATE_NOOP("Shortcuts", "This list of shortcuts")),
    Shortcut("quit", "Ctrl+Q", QT_TRANSLATE_NOOP("Shortcuts", "Quit")),
]
BY_ID = {s.id: s for s in SHORTCUTS}


def label(shortcut_id: str) -> str:
    return _t(BY_ID[shortcut_id].label)


class CheatSheet(QDialog):
    """F1: every shortcut and what it does."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("cheatSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        table = QTableWidget(len(SHORTCUTS), 2, self, objectName="cheatSheetTable")
        table.setAccessibleName(self.tr("Keyboard shortcuts"))
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab goes on to Close
        for row, s in enumerate(SHORTCUTS):
            keys = QKeySequence(s.keys).toString(QKeySequence.SequenceFormat.NativeText)
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(label(s.id)))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(520, 620)
        self.setWindowModality(Qt.WindowModality.WindowModal)
