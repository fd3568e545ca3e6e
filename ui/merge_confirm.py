"""Asks before a call is merged into another case: what goes where, and why.

Merging cannot be undone and decides who is called back, so the window never
merges on one key: Ctrl+M opens this, Enter merges with the reason shown
(editable), Escape keeps the call as it is.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class MergeConfirmDialog(QDialog):
    confirmed = Signal(str)  # the reason

    def __init__(self, target_number: str, target_text: str, reason: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mergeConfirm")
        self.setWindowTitle(self.tr("Merge the call"))
        question = QLabel(self.tr("Merge this call into {0}?\n{1}\nIts caller will be called back with {0}.")
                          .format(target_number, target_text[:80]), self)
        question.setWordWrap(True)
        self.reason = QLineEdit(reason, self)
        self.reason.setObjectName("mergeReason")
        self.reason.setAccessibleName(self.tr("Reason for the merge"))
        self.error = QLabel(self)
        self.error.setStyleSheet("color:#b02a37;")
        buttons = QDialogButtonBox(self)
        self.merge_button = buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Keep the call"), QDialogButtonBox.ButtonRole.RejectRole)
        self.merge_button.setDefault(True)
        buttons.accepted.connect(self._on_merge)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(QLabel(self.tr("Reason (required)"), self))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reason.selectAll()
        self.reason.setFocus()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.activateWindow()  # the keys go to the question, not to the form behind it
        self.reason.setFocus()

    def _on_merge(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self.error.setText(self.tr("A reason is required for a merge."))
            self.reason.setFocus()
            return
        self.accept()
        self.confirmed.emit(reason)
