"""Case detail: the caller, the deadline, leaders' instructions up front, the
timeline of events, and the actions the operator's role and the case's state allow."""
from __future__ import annotations

import logging
import sys
import uuid
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.cases import CaseNotFound
from console.clock import to_local
from console.permissions import actions_for
from console.phone import display
from console.queue_filter import QueueFilter
from console.returns import returns_of
from console.workflow import ACTIONS, INSTRUCTION_LEVELS, SATISFACTION_LEVELS, WorkflowError

from .attachments_strip import AttachmentStrip
from .queue_model import countdown
from .refusals import refusal_text
from .terms import term
from .timeline import TimelineView
from .unit_picker import AssistPicker, UnitContactBox, fill_lead, lead_why

# hotline-side actions this panel offers (department actions happen in the departments' system)
PANEL_ACTIONS = ("dispatch", "answer", "progress_contact", "queue_callback", "callback", "callback_unreached",
                 "reopen", "review_reopen", "review_close", "close", "close_without_callback", "merge", "supervise",
                 "instruct", "pick", "approve_extension", "reject_extension", "cancel", "note",
                 "approve_return", "reject_return", "decide_dispute")
# the actions that name a lead unit and its assisting units (an accepted return is dispatched again at once)
UNIT_ACTIONS = ("dispatch", "approve_return", "decide_dispute")


class CaseDetailPanel(QWidget):
    acted = Signal(object)  # CaseSummary after an action
    status_message = Signal(str)

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.setObjectName("caseDetail")
        self.services = services
        self.detail = None
        self._routing = None  # the dispatch page's suggestions for the case shown
        self._setup_ui()

    # -- public ------------------------------------------------------------------------
    def load(self, ref: str | uuid.UUID, opened: bool = True) -> bool:
        """Show the case; `opened` (not a reload of the one shown) audits the read of its caller."""
        try:
            self.detail = self.services.cases.get(ref, reader=self.services.actor.login if opened else None)
        except CaseNotFound:
            self.status_message.emit(self.tr("No such case."))
            return False
        self._show()
        return True

    def reload(self) -> None:
        if self.detail is not None:
            self.load(self.detail.case.id, opened=False)

    def allowed(self) -> list[str]:
        if self.detail is None:
            return []
        c = self.detail.case
        owes_contact = c.contact_deadline is not None and c.contacted_at is None
        return [a for a in actions_for(self.services.actor, c)
                if a in PANEL_ACTIONS and (a != "progress_contact" or owes_contact)]

    def act(self) -> bool:
        """Take the chosen action with its reason and details; show the refusal in plain words."""
        action = self.action_combo.currentData()
        if self.detail is None or not action:
            return False
        reason = self.reason.text().strip()
        payload = self._payload(action)
        self.error.clear()
        spec = ACTIONS[action]
        if (spec.reason_required or action == "note") and not reason:
            self.error.setText(self.tr("Not done: a reason is required for this action."))
            self.reason.setFocus()
            return False
        if action == "merge" and not self._confirm_merge(payload["into"], reason):
            return False
        try:
            summary = self.services.cases.act(self.detail.case.id, action, self.services.actor, reason, payload,
                                              expected_version=self.detail.case.version)
        except (WorkflowError, LookupError) as exc:
            why = refusal_text(exc, self.services.names.departments) if isinstance(exc, WorkflowError) \
                else self.tr("There is no such case.")
            self.error.setText(self.tr("Not done: {0}").format(why))
            return False
        if action == "approve_return" and self.lead.currentData():
            summary = self._redispatch(summary) or summary
        self.reason.clear()
        self.status_message.emit(self.tr("{0}: {1} done.").format(summary.number, term("action", action)))
        self.load(summary.id, opened=False)
        self.acted.emit(summary)
        return True

    def _redispatch(self, approved):
        """The dispatch that follows an accepted return, to the unit chosen (the returning department's
        suggestion first). A refusal leaves the case returned, waiting for a dispatch, and says why."""
        try:
            return self.services.cases.act(approved.id, "dispatch", self.services.actor, "",
                                           self._payload("dispatch"), expected_version=approved.version)
        except WorkflowError as exc:
            self.load(approved.id, opened=False)
            self.error.setText(self.tr("Return accepted; not dispatched: {0}").format(
                refusal_text(exc, self.services.names.departments)))
            return None

    def _confirm_merge(self, into: str, reason: str) -> bool:
        """Merging cannot be undone: say what goes where and ask (Enter does not merge)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Merge case"),
                          self.tr("Merge {0} into {1}?\nReason: {2}\nThe caller of {0} will be called back "
                                  "with {1}.").format(self.detail.case.number, into, reason), parent=self)
        box.setObjectName("mergeConfirm")
        yes = box.addButton(self.tr("Merge"), QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(self.tr("Do not merge"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.exec()
        return box.clickedButton() is yes

    # -- ui ----------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        def named(w, name, acc):
            w.setObjectName(name)
            w.setAccessibleName(acc)
            return w

        self.title = named(QLabel(self), "caseTitle", self.tr("Case"))
        self.title.setStyleSheet("font-size:15px; font-weight:bold;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.instructions = named(QLabel(self), "caseInstructions", self.tr("Leaders' instructions"))
        self.instructions.setWordWrap(True)
        self.instructions.setStyleSheet("background:#f8d7da; color:#842029; padding:6px; font-weight:bold;")
        self.facts = named(QLabel(self), "caseFacts", self.tr("Case facts"))
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deadline = named(QLabel(self), "caseDeadline", self.tr("Deadline"))
        self.deadline.setStyleSheet("font-weight:bold;")
        self.description = named(QLabel(self), "caseDescription", self.tr("Description"))
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # a citizen's text (filed through Open311 too) is shown as typed, never rendered as HTML
        for label in (self.title, self.instructions, self.facts, self.description):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.timeline_view = TimelineView(self.services.names.departments, _operator_names(self.services), self)
        self.attachments = AttachmentStrip(getattr(self.services, "attachments", None), self.services.actor, self)
        self.attachments.added.connect(self._on_attachments_added)
        self.attachments.status_message.connect(self.status_message)
        self.timeline = self.timeline_view.tree

        self.action_combo = named(QComboBox(self), "caseAction", self.tr("Action"))
        self.action_combo.currentIndexChanged.connect(self._on_action_changed)
        self.reason = named(QLineEdit(self), "caseReason", self.tr("Reason"))
        self.reason.returnPressed.connect(self.act)
        self.reason_label = QLabel(self.tr("Reason"), self)
        self.apply_button = named(QPushButton(self.tr("Do it"), self), "caseApply", self.tr("Do the chosen action"))
        self.apply_button.clicked.connect(self.act)
        self.error = named(QLabel(self), "caseActionError", self.tr("Error"))
        self.error.setStyleSheet("color:#b02a37;")
        self.error.setWordWrap(True)

        # the details each action needs
        self.extra = QStackedWidget(self)
        self.extra.addWidget(QWidget(self))  # nothing extra
        # (re-)dispatch: the lead and the assisting units, the responsibility list's suggestions first
        dispatch = QWidget(self)
        self.lead = named(QComboBox(dispatch), "caseLeadDepartment", self.tr("Lead department"))
        fill_lead(self.lead, self.services.route(None, None), self.services.departments,
                  self.tr("Choose the lead department..."))
        self.lead_why = named(QLabel(dispatch), "caseLeadWhy", self.tr("Why this unit"))
        self.lead_why.setWordWrap(True)
        self.lead_why.setStyleSheet("color:#555; font-size:11px;")
        self.assist_picker = AssistPicker(self.services.departments, "caseAssistDepartments", dispatch)
        self.assist = self.assist_picker.list
        dl = QFormLayout(dispatch)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addRow(self.tr("Lead"), self.lead)
        dl.addRow("", self.lead_why)
        dl.addRow(self.tr("Assisting"), self.assist_picker)
        self.lead.currentIndexChanged.connect(self._on_lead_changed)
        self.unit_contact = UnitContactBox("caseUnitContact", self)  # urgent: the lead unit's 24-hour contact
        self.unit_contact.contacted.connect(self._on_unit_contacted)
        self.satisfied = named(QComboBox(self), "caseSatisfied", self.tr("Satisfied"))
        for level in SATISFACTION_LEVELS:
            self.satisfied.addItem(term("satisfaction", level), level)
        self.resolved = named(QComboBox(self), "caseResolved", self.tr("Resolved"))
        self.resolved.addItem(self.tr("Yes"), True)
        self.resolved.addItem(self.tr("No"), False)
        callback = QWidget(self)
        cl = QHBoxLayout(callback)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(QLabel(self.tr("Satisfied"), self))
        cl.addWidget(self.satisfied)
        cl.addWidget(QLabel(self.tr("Resolved"), self))
        cl.addWidget(self.resolved)
        self.into = named(QLineEdit(self), "caseMergeInto", self.tr("Merge into case number"))
        self.into.setPlaceholderText(self.tr("Case number to merge into"))
        self.level = named(QComboBox(self), "caseInstructionLevel", self.tr("Instruction level"))
        for lvl in INSTRUCTION_LEVELS:
            self.level.addItem(term("level", lvl), lvl)
        self.extension = named(QLineEdit(self), "caseExtension", self.tr("Extension"))
        self.extension.setPlaceholderText(self.tr("as requested"))
        self.answer = named(QLineEdit(self), "caseAnswer", self.tr("Answer"))
        self._pages = {}
        for key, widget in (("dispatch", dispatch), ("callback", callback), ("merge", self.into),
                            ("instruct", self.level), ("approve_extension", self.extension), ("answer", self.answer)):
            self._pages[key] = self.extra.addWidget(widget)
        for key in UNIT_ACTIONS:
            self._pages[key] = self._pages["dispatch"]

        actions = QFormLayout()
        actions.addRow(self.tr("Action"), self.action_combo)
        actions.addRow(self.tr("Details"), self.extra)
        actions.addRow(self.reason_label, self.reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.instructions)
        layout.addWidget(self.deadline)
        layout.addWidget(self.facts)
        layout.addWidget(self.description)
        layout.addWidget(self.unit_contact)
        layout.addWidget(self.attachments)
        layout.addWidget(self.timeline_view, 1)
        layout.addLayout(actions)
        layout.addLayout(buttons)
        # Tab follows the screen: the unit's contact, the attachments, the timeline, its full text, the action,
        # its details, reason, the button
        order = [self.unit_contact.person, self.unit_contact.button, *self.attachments.focus_order(),
                 self.timeline, self.timeline_view.full, self.action_combo, self.lead, self.assist_picker.list,
                 self.assist_picker.show_all, self.satisfied, self.resolved, self.into, self.level, self.extension,
                 self.answer, self.reason, self.apply_button]
        for a, b in pairwise(order):
            QWidget.setTabOrder(a, b)
        self._show()

    def _show(self) -> None:
        d = self.detail
        if d is None:
            self.title.setText(self.tr("No case open: press Enter on a row of the queue."))
            for w in (self.instructions, self.facts, self.deadline, self.description):
                w.clear()
            self.instructions.hide()
            self.timeline_view.show_events([])
            self.attachments.show_case(None, False)
            self.unit_contact.show_unit(None)
            self.action_combo.clear()
            self.apply_button.setEnabled(False)
            return
        c = d.case
        names = self.services.names
        self.title.setText(f"{c.number} · {term('state', c.state)}")
        flags = [f"{term('action', e.kind)} ({term('level', e.payload.get('level'))}): {e.reason}"
                 for e in d.events if e.kind == "instruct"]
        if c.leader_pick:
            flags.append(self.tr("Leader's pick: handle first"))
        if c.supervised:
            flags.append(self.tr("Supervised {0} times").format(c.supervised))
        self.instructions.setText("\n".join(flags))
        self.instructions.setVisible(bool(flags))
        text, risk = countdown(c.deadline, self.services.cases.clock())
        self.deadline.setText(self.tr("Deadline: {0} ({1})").format(
            to_local(c.deadline).strftime("%Y-%m-%d %H:%M"), text) if c.deadline else self.tr("No deadline running"))
        colors = {"overdue": "#842029", "soon": "#7a3d00", "today": "#664d03"}
        self.deadline.setStyleSheet(f"font-weight:bold; color:{colors.get(risk, '#1b5e20')};")
        caller = f"{c.caller_name} {display(c.caller_phone)}".strip() or self.tr("anonymous")
        facts = [self.tr("Caller: {0}").format(caller) + (self.tr(" (repeat caller)") if c.repeat_caller else ""),
                 f"{term('type', c.type)} · {term('urgency', c.urgency)} · "
                 f"{names.categories.get(c.category_code or '', '')}",
                 f"{names.districts.get(c.district or '', '')} {c.address}".strip(),
                 self.tr("Received: {0}").format(to_local(c.created_at).strftime("%Y-%m-%d %H:%M"))]
        if c.lead_department:
            assist = ", ".join(names.departments.get(a, a) for a in c.assist_departments)
            facts.append(self.tr("Lead: {0}").format(names.departments.get(c.lead_department, c.lead_department))
                         + (self.tr("; assisting: {0}").format(assist) if assist else ""))
        facts += self._return_facts(d)
        if c.merged_into:
            facts.append(self.tr("Merged into {0}").format(c.merged_into))
        lead = self.services.unit(c.lead_department)
        urgent_contact = self._show_unit_contact(lead)
        if lead is not None and lead.contact_phone and not urgent_contact:  # the unit's 24-hour contact
            facts.append(self.tr("Lead unit's 24-hour contact: {0} {1}").format(lead.contact_person,
                                                                             lead.contact_phone))
        if c.contact_deadline is not None:
            facts.append(self.tr("Progress contact made {0}").format(to_local(c.contacted_at).strftime("%m-%d %H:%M"))
                         if c.contacted_at else self.tr("Progress contact due {0} (1-hour rule)").format(
                             to_local(c.contact_deadline).strftime("%m-%d %H:%M")))
        if c.extension_requested:
            facts.append(self.tr("Extension requested: {0}").format(c.extension_requested))
        if c.satisfaction is not None or c.satisfied is not None:
            level = c.satisfaction or ("satisfied" if c.satisfied else "dissatisfied")
            facts.append(self.tr("Callback: {0}, resolved {1}").format(
                term("satisfaction", level), self.tr("yes") if c.resolved else self.tr("no")))
        if c.callback_attempts:
            facts.append(self.tr("Callback tries without reaching the caller: {0}").format(c.callback_attempts))
        if d.merged:
            facts.append(self.tr("Merged into this case: {0}").format(", ".join(m.number for m in d.merged)))
            callers = [f"{name} {display(phone)}".strip() for phone, name in d.callers_to_call_back()]
            facts.append(self.tr("Call back each caller: {0}").format("; ".join(callers)))
        self.facts.setText("\n".join(f for f in facts if f))
        self.description.setText(c.description + (f"\n\n{self.tr('Answer')}: {c.answer}" if c.answer else ""))
        self.timeline_view.show_events(d.events)
        self._fill_dispatch(d)
        self.attachments.show_case(c, "attach" in actions_for(self.services.actor, c))
        self.action_combo.blockSignals(True)
        self.action_combo.clear()
        for a in self.allowed():
            self.action_combo.addItem(term("action", a), a)
        self.action_combo.blockSignals(False)
        self.apply_button.setEnabled(self.action_combo.count() > 0)
        self._on_action_changed()

    def _show_unit_contact(self, lead) -> bool:
        """An urgent or emergency case's lead unit contact, with who was reached and when; True if shown."""
        c = self.detail.case
        can = "unit_contacted" in actions_for(self.services.actor, c)
        if lead is None or c.urgency not in ("urgent", "emergency") or not can:
            self.unit_contact.show_unit(None)
            return False
        status = ""
        if c.unit_contacted_at is not None:
            last = next((e for e in reversed(self.detail.events) if e.kind == "unit_contacted"), None)
            who = last.payload.get("person", "") if last else ""
            status = self.tr("Contacted {0} at {1}").format(who, to_local(c.unit_contacted_at).strftime("%m-%d %H:%M"))
        self.unit_contact.show_unit(lead, status)
        return True

    def _on_unit_contacted(self, unit: str, person: str) -> None:
        if self.detail is None:
            return
        try:
            summary = self.services.cases.act(self.detail.case.id, "unit_contacted", self.services.actor, "",
                                              {"unit": unit, "person": person},
                                              expected_version=self.detail.case.version)
        except (WorkflowError, LookupError) as exc:
            why = refusal_text(exc) if isinstance(exc, WorkflowError) else self.tr("There is no such case.")
            self.unit_contact.set_status(self.tr("Not recorded: {0}").format(why))
            return
        self.status_message.emit(self.tr("{0}: {1} done.").format(summary.number, term("action", "unit_contacted")))
        self.load(summary.id, opened=False)
        self.acted.emit(summary)

    def _fill_dispatch(self, d) -> None:
        """The unit pages (dispatch, a return's review, a dispute) for this case: the suggestions by its
        category, district and address; a returning department's suggestion first (a review or a
        dispute), else the current lead, else the first suggestion; the current assisting units ticked."""
        c = d.case
        self._routing = self.services.route(c.category_code, c.district, c.address)
        records = returns_of(d.events) if c.state in ("return_review", "returned", "dispute") else []
        suggested = next((r.suggested_unit for r in reversed(records) if r.suggested_unit), None)
        first = self._routing.lead[0].code if self._routing.lead else None
        self.lead.blockSignals(True)
        fill_lead(self.lead, self._routing, self.services.departments, self.tr("Choose the lead department..."))
        self.lead.setCurrentIndex(max(self.lead.findData(suggested or c.lead_department or first), 0))
        self.lead.blockSignals(False)
        self.assist_picker.set_codes(c.assist_departments or [])
        self._on_lead_changed()

    def _on_lead_changed(self, *_args) -> None:
        why = lead_why(self.lead)
        self.lead_why.setText(self.tr("Why: {0}").format(why) if why else "")
        self.lead_why.setVisible(bool(why))
        if self._routing is not None:
            self.assist_picker.set_suggestions(self._routing, self.lead.currentData())

    def _return_facts(self, d) -> list[str]:
        """For a team lead: who returned the case and whom it named, a binding decision, the units above."""
        c, unit = d.case, self.services.names.departments.get
        facts = []
        if c.state in ("return_review", "dispute"):
            for r in returns_of(d.events):
                line = self.tr("Returned by {0}: {1}").format(unit(r.unit or "", r.unit or ""), r.reason)
                if r.suggested_unit:
                    line += self.tr("; names {0} as responsible").format(unit(r.suggested_unit, r.suggested_unit))
                facts.append(line)
        if c.binding_unit:
            facts.append(self.tr("Binding decision: {0} is responsible").format(unit(c.binding_unit, c.binding_unit)))
        if c.upper_units:
            facts.append(self.tr("Passed down by: {0}").format("、".join(unit(u, u) for u in c.upper_units)))
        return facts

    def _assist_codes(self) -> list[str]:
        lead = self.lead.currentData()
        return [a for a in self.assist_picker.codes() if a != lead]

    def _on_attachments_added(self, summary) -> None:
        self.load(summary.id, opened=False)
        self.acted.emit(summary)

    def _on_action_changed(self, *_args) -> None:
        action = self.action_combo.currentData()
        self.extra.setCurrentIndex(self._pages.get(action, 0))
        spec = ACTIONS.get(action) if action else None
        required = bool(spec and spec.reason_required) or action == "note"
        self.reason_label.setText(self.tr("Reason (required)") if required else self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("Required for this action") if required else self.tr("Optional"))
        self.error.clear()

    def _payload(self, action: str) -> dict:
        if action == "dispatch":
            return {"lead_department": self.lead.currentData(), "assist_departments": self._assist_codes()}
        if action == "decide_dispute":
            return {"unit": self.lead.currentData(), "assist_departments": self._assist_codes()}
        if action == "callback":
            return {"satisfaction": self.satisfied.currentData(), "resolved": self.resolved.currentData()}
        if action == "merge":
            return {"into": self.into.text().strip()}
        if action == "instruct":
            return {"level": self.level.currentData()}
        if action == "approve_extension":
            extra = self.extension.text().strip()
            return {"extra": extra} if extra else {}
        if action == "answer":
            return {"answer": self.answer.text().strip()}
        if action == "note":
            return {"text": self.reason.text().strip()}
        return {}


def _operator_names(services) -> dict[str, str]:
    try:
        return services.operator_names()
    except Exception:  # names are a courtesy; the login is shown without them
        logging.getLogger(__name__).warning("operator names unavailable", exc_info=True)
        return {}


def main() -> int:
    """Launch the case detail alone on a temporary demo profile: `python -m ui.case_detail`."""
    from .demo_profile import demo_window_profile
    from .services import build_services
    app = QApplication.instance() or QApplication(sys.argv[:1])
    profile, actor, _tmp = demo_window_profile(cases=200)
    services = build_services(profile, actor)
    panel = CaseDetailPanel(services)
    first = services.queue.page(QueueFilter(view="all_open"), limit=1)
    if first:
        panel.load(first[0].id)
    panel.resize(560, 700)
    panel.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
