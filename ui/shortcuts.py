"""Every keyboard shortcut of the window, in one table: the actions are built
from it and the F1 cheat sheet lists it, so the two can't disagree."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
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
    Shortcut("new_call", "Ctrl+N", "New call (from anywhere)"),
    Shortcut("save", "Ctrl+S", "Save the call"),
    Shortcut("save_dispatch", "Ctrl+Return", "Save and dispatch to the lead department"),
    Shortcut("merge", "Ctrl+M", "Merge the call into the selected likely duplicate"),
    Shortcut("discard", "Ctrl+Shift+Backspace", "Discard the draft"),
    Shortcut("focus_phone", "Alt+1", "Go to the caller's phone"),
    Shortcut("focus_description", "Alt+2", "Go to the description"),
    Shortcut("focus_knowledge", "Ctrl+K", "Search the knowledge base"),
    Shortcut("insert_article", "F8", "Insert the selected article's answer into the reply"),
    Shortcut("focus_queue", "Ctrl+F", "Filter the queue"),
    Shortcut("open_case", "Ctrl+O", "Open the selected case"),
    Shortcut("show_form", "Ctrl+L", "Back to the call form"),
    Shortcut("refresh", "F5", "Refresh the queue and counts"),
    Shortcut("view_1", "Ctrl+1", "Queue: My cases"),
    Shortcut("view_2", "Ctrl+2", "Queue: Due today"),
    Shortcut("view_3", "Ctrl+3", "Queue: Overdue"),
    Shortcut("view_4", "Ctrl+4", "Queue: Urgent"),
    Shortcut("view_5", "Ctrl+5", "Queue: All open"),
    Shortcut("view_6", "Ctrl+6", "Queue: Waiting for callback"),
    Shortcut("view_7", "Ctrl+7", "Queue: All"),
    Shortcut("next_call", "Alt+PgDown", "Next call in the call bar into the form"),
    Shortcut("previous_call", "Alt+PgUp", "Previous call in the call bar into the form"),
    Shortcut("caller_log", "Ctrl+J", "Caller log: incoming, missed and abandoned calls"),
    Shortcut("call_back", "F9", "Call back the caller chosen in the caller log"),
    Shortcut("lock", "Ctrl+Shift+L", "Lock the seat"),
    Shortcut("cheat_sheet", "F1", "This list of shortcuts"),
    Shortcut("quit", "Ctrl+Q", "Quit"),
]
BY_ID = {s.id: s for s in SHORTCUTS}


def label(shortcut_id: str) -> str:
    return _t(BY_ID[shortcut_id].label)


def _labels_for_lupdate() -> list[str]:
    # lupdate reads literal translate() calls; these mirror SHORTCUTS one to one
    return [
        QCoreApplication.translate("Shortcuts", "New call (from anywhere)"),
        QCoreApplication.translate("Shortcuts", "Save the call"),
        QCoreApplication.translate("Shortcuts", "Save and dispatch to the lead department"),
        QCoreApplication.translate("Shortcuts", "Merge the call into the selected likely duplicate"),
        QCoreApplication.translate("Shortcuts", "Discard the draft"),
        QCoreApplication.translate("Shortcuts", "Go to the caller's phone"),
        QCoreApplication.translate("Shortcuts", "Go to the description"),
        QCoreApplication.translate("Shortcuts", "Search the knowledge base"),
        QCoreApplication.translate("Shortcuts", "Insert the selected article's answer into the reply"),
        QCoreApplication.translate("Shortcuts", "Filter the queue"),
        QCoreApplication.translate("Shortcuts", "Open the selected case"),
        QCoreApplication.translate("Shortcuts", "Back to the call form"),
        QCoreApplication.translate("Shortcuts", "Refresh the queue and counts"),
        QCoreApplication.translate("Shortcuts", "Queue: My cases"),
        QCoreApplication.translate("Shortcuts", "Queue: Due today"),
        QCoreApplication.translate("Shortcuts", "Queue: Overdue"),
        QCoreApplication.translate("Shortcuts", "Queue: Urgent"),
        QCoreApplication.translate("Shortcuts", "Queue: All open"),
        QCoreApplication.translate("Shortcuts", "Queue: Waiting for callback"),
        QCoreApplication.translate("Shortcuts", "Queue: All"),
        QCoreApplication.translate("Shortcuts", "Next call in the call bar into the form"),
        QCoreApplication.translate("Shortcuts", "Previous call in the call bar into the form"),
        QCoreApplication.translate("Shortcuts", "Caller log: incoming, missed and abandoned calls"),
        QCoreApplication.translate("Shortcuts", "Call back the caller chosen in the caller log"),
        QCoreApplication.translate("Shortcuts", "Lock the seat"),
        QCoreApplication.translate("Shortcuts", "This list of shortcuts"),
        QCoreApplication.translate("Shortcuts", "Quit"),
    ]


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
