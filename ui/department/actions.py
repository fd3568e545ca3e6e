"""The case detail as a department liaison sees it: the seat's panel (facts, deadline,
timeline) with the department's actions and the details each needs.

Only the actions `console.permissions.actions_for` allows the signed-in liaison on the
case are offered (the lead unit signs for, returns, asks for more time, replies and passes
the case down; an assisting unit gives its opinion); the central server checks the same
table again when the action is pushed.
"""
from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget

from console.permissions import actions_for

from ..case_detail import CaseDetailPanel
from ..terms import term

# what a department does on a case, in the order the panel offers them
DEPARTMENT_ACTIONS = ("accept", "reply", "request_extension", "return", "sub_dispatch", "assist_opinion",
                      "progress_contact", "note")
TEXT_ACTIONS = ("note", "assist_opinion")  # the text typed in the reason line is the payload's text
MAX_EXTENSION_DAYS = 30


def units_below(services, unit: str | None) -> list:
    """The units directly below `unit` (a district government's street offices), as DepartmentViews."""
    if not unit:
        return []
    try:
        from console.refdata import children  # reference data with levels (h/units)
    except ImportError:
        children = None
    if children is not None:
        try:
            return list(children(services.departments, unit))
        except Exception:  # an older reference table: fall back to the parent codes it has
            pass
    return [d for d in services.departments if getattr(d, "parent_code", None) == unit]


class DepartmentCaseDetail(CaseDetailPanel):
    """CaseDetailPanel with the department's actions (objectName `caseDetail` like the seat's)."""

    def allowed(self) -> list[str]:
        if self.detail is None:
            return []
        c = self.detail.case
        owes_contact = c.contact_deadline is not None and c.contacted_at is None
        offered = set(actions_for(self.services.actor, c))
        return [a for a in DEPARTMENT_ACTIONS if a in offered and (a != "progress_contact" or owes_contact)]

    def choose(self, action: str) -> bool:
        """Pick `action` in the panel and put the focus where its details are typed (a shortcut's
        first half: Ctrl+Enter or Enter in the reason line then does it). False when the
        action is not offered on this case now."""
        i = self.action_combo.findData(action)
        if i < 0:
            self.error.setText(self.tr("Not offered on this case now: {0}").format(term("action", action)))
            return False
        self.action_combo.setCurrentIndex(i)
        first = {"reply": self.result, "request_extension": self.extension_days, "return": self.suggested,
                 "sub_dispatch": self.below}.get(action, self.reason)
        (first if first.isVisibleTo(self) or first is self.reason else self.reason).setFocus(
            Qt.FocusReason.ShortcutFocusReason)
        return True

    # -- ui ----------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        super()._setup_ui()
        unit = self.services.actor.department
        self.apply_button.setToolTip(self.tr("Ctrl+Enter"))
        # reply (办结): the result for the citizen, resolved or not; its photos and documents go in through
        # the attachment strip above (each an `attach` event of its own)
        reply = QWidget(self)
        rl = QVBoxLayout(reply)
        rl.setContentsMargins(0, 0, 0, 0)
        self.result = QPlainTextEdit(self, objectName="replyResult")
        self.result.setAccessibleName(self.tr("Result for the citizen"))
        self.result.setPlaceholderText(self.tr("What was done, and the result (read to the citizen at the callback)"))
        self.result.setTabChangesFocus(True)
        self.result.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        row = QHBoxLayout()
        self.reply_resolved = QComboBox(self, objectName="replyResolved")
        self.reply_resolved.setAccessibleName(self.tr("Resolved"))
        self.reply_resolved.addItem(self.tr("Resolved"), True)
        self.reply_resolved.addItem(self.tr("Not resolved (explained to the citizen)"), False)
        row.addWidget(QLabel(self.tr("Outcome"), self))
        row.addWidget(self.reply_resolved, 1)
        rl.addWidget(self.result)
        rl.addLayout(row)
        # return (退单): optionally the unit the department believes responsible
        self.suggested = QComboBox(self, objectName="returnSuggestedUnit")
        self.suggested.setAccessibleName(self.tr("Unit believed responsible"))
        self.suggested.addItem(self.tr("(not named)"), None)
        for d in self.services.departments:
            if d.code != unit:
                self.suggested.addItem(d.name, d.code)
        # extension (延期): how many more working days
        ext = QWidget(self)
        el = QHBoxLayout(ext)
        el.setContentsMargins(0, 0, 0, 0)
        self.extension_days = QSpinBox(self, objectName="extensionDays")
        self.extension_days.setAccessibleName(self.tr("More working days"))
        self.extension_days.setRange(1, MAX_EXTENSION_DAYS)
        self.extension_days.setValue(5)
        self.extension_days.setSuffix(self.tr(" working days"))
        el.addWidget(self.extension_days)
        el.addStretch(1)
        # sub-dispatch (下派): a unit directly below this one
        self.below = QComboBox(self, objectName="subDispatchUnit")
        self.below.setAccessibleName(self.tr("Unit below to pass the case to"))
        for d in units_below(self.services, unit):
            self.below.addItem(d.name, d.code)
        for key, widget in (("reply", reply), ("return", self.suggested), ("request_extension", ext),
                            ("sub_dispatch", self.below)):
            self._pages[key] = self.extra.addWidget(widget)
        for a, b in pairwise([self.answer, self.result, self.reply_resolved, self.suggested, self.extension_days,
                              self.below, self.reason]):
            QWidget.setTabOrder(a, b)

    def _on_action_changed(self, *_args) -> None:
        super()._on_action_changed()
        action = self.action_combo.currentData()
        if action in TEXT_ACTIONS:
            self.reason_label.setText(self.tr("Text (required)"))
            self.reason.setPlaceholderText(self.tr("The opinion or note, as the lead unit will read it")
                                           if action == "assist_opinion" else self.tr("Required for this action"))

    def act(self) -> bool:
        action = self.action_combo.currentData()
        if action == "reply" and not self.result.toPlainText().strip():
            self.error.setText(self.tr("Not done: write the result for the citizen."))
            self.result.setFocus()
            return False
        if action == "assist_opinion" and not self.reason.text().strip():
            self.error.setText(self.tr("Not done: write the opinion."))
            self.reason.setFocus()
            return False
        if action == "sub_dispatch" and not self.below.currentData():
            self.error.setText(self.tr("Not done: this unit has no unit below it to pass the case to."))
            return False
        done = super().act()
        if done and action == "reply":
            self.result.clear()
        return done

    def _payload(self, action: str) -> dict:
        if action == "reply":
            return {"result": self.result.toPlainText().strip(), "resolved": bool(self.reply_resolved.currentData())}
        if action == "return":
            unit = self.suggested.currentData()
            return {"suggested_unit": unit} if unit else {}
        if action == "request_extension":
            return {"extra": f"{self.extension_days.value()}wd"}
        if action == "sub_dispatch":
            return {"unit": self.below.currentData()}
        if action in TEXT_ACTIONS:
            return {"text": self.reason.text().strip()}
        return super()._payload(action)
