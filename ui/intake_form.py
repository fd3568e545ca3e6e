"""The call-logging form: keyboard first, autosaved, never loses a call.

Tab order follows the conversation: phone, caller, type, category, place,
description, urgency, disposition. The draft is written to the database at
most DRAFT_DELAY_MS after a keystroke and at once when the focus moves.
"""
from __future__ import annotations

import logging
import sys
import uuid

from PySide6.QtCore import QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.callers import caller_history, duplicate_hints
from console.clock import to_local
from console.emergency import utility_line
from console.intake import CallRecord, FieldError, IntakeError
from console.phone import PhoneError, display, normalize
from console.refdata import pinyin_keys
from console.workflow import CHANNELS, REQUEST_TYPES, URGENCIES, WorkflowError

from .category_picker import CategoryPicker
from .emergency_banner import EmergencyBanner, transfer_choices
from .intake_messages import field_message
from .merge_confirm import MergeConfirmDialog
from .queue_model import CaseListModel
from .refusals import refusal_text
from .terms import term
from .unit_picker import AssistPicker, UnitContactBox, fill_lead, lead_why

log = logging.getLogger(__name__)

DRAFT_DELAY_MS = 400
DISPOSITIONS = ("none", "answer", "dispatch")
# form field -> CallRecord field, in the conversation's order
FIELDS = {"intakeCallerPhone": "caller_phone", "intakeCallerName": "caller_name", "intakeRequestType": "type",
          "intakeCategory": "category_code", "intakeDistrict": "district", "intakeAddress": "address",
          "intakeDescription": "description", "intakeUrgency": "urgency", "intakeTransferTo": "transfer_to",
          "intakeDisposition": "disposition", "intakeAnswer": "answer", "intakeLeadDepartment": "lead_department",
          "intakeChannel": "channel", "intakeConfidential": "confidential"}
ERROR_FIELDS = ("caller_phone", "caller_name", "type", "category_code", "district", "address", "description",
                "urgency", "transfer_to", "answer", "lead_department", "_")


class IntakeForm(QWidget):
    case_saved = Signal(object)  # CaseSummary
    description_changed = Signal(str)  # for the knowledge panel's suggestions
    history_shown = Signal(object)  # CallerHistory or None
    status_message = Signal(str)
    drafts_changed = Signal()  # a draft was kept, restored or dropped: the call bar reads them again
    discarded = Signal(str)  # the call id whose form was thrown away

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.setObjectName("intakeForm")
        self.services = services
        self.call_id = ""
        self.article_id = ""
        self.article_title = ""
        self._draft_id: uuid.UUID | None = None
        self._loading = False
        self._dirty = False
        self._history_phone: str | None = None
        self._history = None
        self.call_clock = None  # call id -> seconds since the call was answered (console.calls), set by the window
        self._confirm_pending = False  # Ctrl+Enter showed the destination; the next Ctrl+Enter commits
        self._default_channel = services.default_channel
        self._setup_ui()
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self._phone_timer = QTimer(self, singleShot=True, interval=150)
        self._phone_timer.timeout.connect(self._load_history)
        self._dup_timer = QTimer(self, singleShot=True, interval=400)
        self._dup_timer.timeout.connect(self._load_duplicates)
        self._connect()
        QApplication.instance().focusChanged.connect(self._on_focus_changed)

    # -- public ------------------------------------------------------------------------
    def start_call(self, phone: str = "", call_id: str = "") -> None:
        """A new call: clear the form (the previous draft is kept when it had content) and fill the number."""
        if self._dirty or self.has_content():
            self.save_draft()
            self._draft_id = None
        self._clear()
        self.call_id = call_id or uuid.uuid4().hex
        self.refresh_drafts()
        if phone:
            self.phone.setText(phone)
            self._load_history()
            self.name.setFocus()
        else:
            self.phone.setFocus()
        self._mark_dirty()

    def snapshot(self) -> dict:
        """The form's fields as plain data (what the draft stores)."""
        return {
            "caller_phone": self.phone.text(), "caller_name": self.name.text(),
            "type": self.type_combo.currentData() or "", "category_code": self.category.code(),
            "category_text": self.category.text(), "district": self.district.currentData() or "",
            "address": self.address.text(), "description": self.description.toPlainText(),
            "urgency": self.urgency.currentData() or "normal", "transfer_to": self.transfer.currentData() or "",
            "disposition": self.disposition.currentData() or "none", "answer": self.answer.toPlainText(),
            "article_id": self.article_id, "article_title": self.article_title,
            "lead_department": self.lead.currentData() or "", "assist_departments": self._assist_codes(),
            "channel": self.channel.currentData() or self._default_channel,
            "confidential": self.confidential.isChecked(),
        }

    def restore(self, data: dict, focus_field: str = "", call_id: str = "", draft_id: uuid.UUID | None = None) -> None:
        """Fill the form from a draft and put the focus back where it was."""
        self._loading = True
        try:
            self._clear()
            self._draft_id = draft_id
            self.call_id = call_id
            self.phone.setText(data.get("caller_phone", ""))
            self.name.setText(data.get("caller_name", ""))
            _select(self.type_combo, data.get("type") or None)
            if data.get("category_code"):
                self.category.set_code(data["category_code"])
            else:
                self.category.setText(data.get("category_text", ""))
            _select(self.district, data.get("district") or None)
            self.address.setText(data.get("address", ""))
            self.description.setPlainText(data.get("description", ""))
            _select(self.urgency, data.get("urgency") or "normal")
            _select(self.transfer, data.get("transfer_to") or None)
            _select(self.disposition, data.get("disposition") or "none")
            self.answer.setPlainText(data.get("answer", ""))
            self.article_id, self.article_title = data.get("article_id", ""), data.get("article_title", "")
            self._update_departments()
            _select(self.lead, data.get("lead_department") or None)
            self._set_assist(data.get("assist_departments") or [])
            _select(self.channel, data.get("channel") if data.get("channel") in CHANNELS else self._default_channel)
            self.confidential.setChecked(bool(data.get("confidential")))
        finally:
            self._loading = False
        self._update_article_label()
        self._update_visibility()
        self._load_history()
        self._dup_timer.start()
        target = self.findChild(QWidget, focus_field) if focus_field else None
        (target or self.phone).setFocus()
        if isinstance(target, QLineEdit):
            target.end(False)
        elif isinstance(target, QPlainTextEdit):
            target.moveCursor(target.textCursor().MoveOperation.End)

    def restore_latest_draft(self) -> bool:
        """Bring back the operator's last draft (after a crash); True when there was one."""
        draft = self.services.drafts.latest(self.services.actor.login)
        if draft is None:
            return False
        self.restore(draft.data, draft.focus_field, draft.call_id, draft.id)
        self.refresh_drafts()
        text = self.tr("Restored: the unsaved call last written at {0}. Check it, then save or discard it.").format(
            to_local(draft.updated_at).strftime("%H:%M:%S") if draft.updated_at else "")
        self.restored_notice.setText(text)
        self.restored_notice.show()
        self.status_message.emit(text)
        return True

    def save_draft(self) -> None:
        """Write the draft now (the debounce timer and focus changes call this)."""
        self._draft_timer.stop()
        if not self._dirty:
            return
        if not self.has_content() and self._draft_id is None:
            self._dirty = False
            return
        try:
            self._draft_id = self.services.drafts.save(self.services.actor.login, self.snapshot(),
                                                       self._focus_name(), self.call_id, self._draft_id)
            self._dirty = False
        except Exception:  # a failed write is retried on the next keystroke; the form keeps everything
            log.exception("writing the draft failed")
            self.status_message.emit(self.tr("The draft could not be written; it is kept in the form."))

    def refresh_drafts(self) -> None:
        """Tell the call bar that the drafts changed (it lists the calls left unsaved)."""
        self.drafts_changed.emit()

    def has_content(self) -> bool:
        d = self.snapshot()
        return any(d[k] for k in ("caller_phone", "caller_name", "category_code", "category_text", "address",
                                  "description", "answer"))

    def insert_article(self, article) -> None:
        """A knowledge article was chosen: answer directly with its text, citing it."""
        _select(self.disposition, "answer")
        self.answer.setPlainText(getattr(article, "answer", "") or "")
        self.article_id = str(getattr(article, "id", "") or "")
        self.article_title = str(getattr(article, "title", "") or "")
        self._update_article_label()
        self._update_visibility()
        self._mark_dirty()

    def record(self, dispatch: bool = False) -> CallRecord:
        d = self.snapshot()
        disposition = "dispatch" if dispatch else d["disposition"]
        emergency = d["urgency"] == "emergency"
        return CallRecord(
            caller_phone=d["caller_phone"], caller_name=d["caller_name"], type=d["type"],
            category_code=d["category_code"], district=d["district"], address=d["address"],
            description=d["description"], urgency=d["urgency"],
            transfer_to=d["transfer_to"] if emergency else "",
            lead_department=d["lead_department"] if disposition == "dispatch" and not emergency else "",
            assist_departments=d["assist_departments"] if disposition == "dispatch" and not emergency else [],
            answer=d["answer"] if disposition == "answer" and not emergency else "",
            article_id=d["article_id"] if disposition == "answer" and not emergency else "",
            channel=d["channel"], confidential=d["confidential"])

    def save(self, dispatch: bool = False):
        """Log the call; on refusal show each message next to its field and keep everything.

        Save-and-dispatch goes in two steps: the first shows where the case goes and its
        deadlines (`dispatch_preview`), the second (with nothing changed between) commits.
        """
        if dispatch and not self._confirm_pending:
            self.dispatch_preview()
            return None
        self._cancel_confirm()
        rec = self.record(dispatch)
        self._clear_errors()
        try:
            saved = self.services.intake.log_call(rec, self.services.actor, handle_seconds=self._handling_seconds())
        except IntakeError as exc:
            self._show_errors(exc.errors)
            self.save_draft()
            return None
        except WorkflowError as exc:
            self._show_errors({"_": FieldError("invalid", refusal_text(exc))})
            return None
        if self._draft_id is not None:
            self.services.drafts.discard(self._draft_id)
        self._draft_id = None
        self._dirty = False
        self.status_message.emit(self.tr("Saved {0}.").format(saved.number))
        self._record_unit_contact(saved)
        self.case_saved.emit(saved)
        self._clear()
        self.call_id = ""
        self.refresh_drafts()
        self.phone.setFocus()
        return saved

    def dispatch_preview(self) -> str:
        """Ctrl+Enter, first press: pick the lead department (the first suggestion when none is
        chosen), show the destination and deadlines, and wait for the second press."""
        if self.urgency.currentData() == "emergency":
            self.status_message.emit(self.tr("An emergency is transferred, not dispatched."))
            return ""
        was = self._loading
        self._loading = True  # choosing the defaults here is not an edit that cancels the preview
        try:
            if not self.lead.currentData() and self.lead.count() > 1:
                self.lead.setCurrentIndex(1)  # the first suggestion
            _select(self.disposition, "dispatch")
        finally:
            self._loading = was
        self._update_visibility()
        if not self.lead.currentData():
            self._set_error("lead_department", self.tr("Choose the lead department."))
            self.lead.setFocus()
            return ""
        t, u = self.type_combo.currentData(), self.urgency.currentData() or "normal"
        names = {d.code: d.name for d in self.services.departments}
        dest = names.get(self.lead.currentData(), self.lead.currentData())
        assist = "、".join(names.get(c, c) for c in self._assist_codes())
        text = self.tr("Dispatch to {0}").format(dest)
        if assist:
            text += self.tr(" (assisting: {0})").format(assist)
        if t:
            policy, now = self.services.cases.policy, self.services.cases.clock()
            fmt = lambda dt: to_local(dt).strftime("%m-%d %H:%M") if dt else "-"  # noqa: E731
            text += " · " + self.tr("Sign for by {0}, reply by {1}.").format(
                fmt(policy.due("sign", t, u, now)), fmt(policy.due("reply", t, u, now)))
        text += "\n" + self.tr("Press Ctrl+Enter again to save and dispatch; any change cancels.")
        self.confirm_label.setText(text)
        self.confirm_label.show()
        self.deadline_label.hide()  # the preview says the deadlines
        self._confirm_pending = True
        return text

    def _cancel_confirm(self) -> None:
        self._confirm_pending = False
        self.confirm_label.hide()
        self.deadline_label.show()

    def merge_into_selected(self):
        """Ask, then save the call and merge it into the highlighted likely duplicate (Ctrl+M, then Enter)."""
        row = max(self.duplicates.currentIndex().row(), 0)
        target = self.dup_model.case_at(row)
        if target is None:
            self.status_message.emit(self.tr("No likely duplicate to merge into."))
            return None
        self.merge_dialog = MergeConfirmDialog(target.number, target.description,
                                               self.tr("Same matter as {0}").format(target.number), self)
        self.merge_dialog.confirmed.connect(lambda reason: self._merge_confirmed(target, reason))
        self.merge_dialog.open()
        return self.merge_dialog

    def _merge_confirmed(self, target, reason: str):
        rec = self.record()
        rec.lead_department, rec.assist_departments, rec.answer, rec.article_id = "", [], "", ""
        self._clear_errors()
        try:
            saved = self.services.intake.log_call(rec, self.services.actor, handle_seconds=self._handling_seconds())
        except IntakeError as exc:
            self._show_errors(exc.errors)
            return None
        try:
            merged = self.services.cases.act(saved.number, "merge", self.services.actor, reason,
                                             {"into": target.number})
        except WorkflowError as exc:  # saved as a case of its own; the operator sees why it was not merged
            merged = saved
            self.status_message.emit(self.tr("Saved {0}; not merged: {1}").format(saved.number, refusal_text(exc)))
        else:
            self.status_message.emit(self.tr("Saved {0} and merged it into {1}.").format(saved.number,
                                                                                       target.number))
        if self._draft_id is not None:
            self.services.drafts.discard(self._draft_id)
        self._draft_id = None
        self._dirty = False
        self.case_saved.emit(merged)
        self._clear()
        self.phone.setFocus()
        return merged

    def discard(self, ask: bool = True) -> bool:
        """Throw the form away (Ctrl+Shift+Backspace); asks first when something was typed."""
        if ask and self.has_content():
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Discard the call?"),
                              self.tr("What was typed for this call is lost. Discard it?"),
                              QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, self)
            box.setObjectName("discardQuestion")
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter keeps the call
            box.exec()
            if box.clickedButton() is not box.button(QMessageBox.StandardButton.Discard):
                return False
        if self._draft_id is not None:
            self.services.drafts.discard(self._draft_id)
        self._draft_id = None
        self._clear()
        self._dirty = False
        self.refresh_drafts()
        self.phone.setFocus()
        call_id, self.call_id = self.call_id, ""
        self.discarded.emit(call_id)
        return True

    def _handling_seconds(self) -> int | None:
        return self.call_clock(self.call_id) if self.call_clock is not None and self.call_id else None

    def error_text(self, field: str) -> str:
        label = self._errors.get(field)
        return label.text() if label is not None and label.isVisibleTo(self) else ""

    def history(self):
        return self._history

    # -- ui ----------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        s = self.services

        def named(widget, name, accessible):
            widget.setObjectName(name)
            widget.setAccessibleName(accessible)
            return widget

        self.phone = named(QLineEdit(self), "intakeCallerPhone", self.tr("Caller's phone"))
        self.phone.setPlaceholderText(self.tr("138 0013 8000 or 028-8600 1234"))
        self.name = named(QLineEdit(self), "intakeCallerName", self.tr("Caller's name"))
        self.name.setMaxLength(50)
        self.type_combo = named(QComboBox(self), "intakeRequestType", self.tr("Request type"))
        self.type_combo.addItem(self.tr("Choose..."), None)
        for t in REQUEST_TYPES:
            self.type_combo.addItem(term("type", t), t)
        self.category = named(CategoryPicker(s.categories, self), "intakeCategory", self.tr("Category"))
        self.category.setPlaceholderText(self.tr("Type Chinese or pinyin initials, e.g. wy"))
        self.district = named(QComboBox(self), "intakeDistrict", self.tr("District"))
        self.district.setEditable(True)
        self.district.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.district.addItem("", None)
        for d in s.districts:
            self.district.addItem(d.name, d.code)
        self.district.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.district.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.address = named(QLineEdit(self), "intakeAddress", self.tr("Address"))
        self.address.setPlaceholderText(self.tr("Road, compound or landmark"))
        self._places = QStringListModel(self)
        places = QCompleter(self._places, self)
        places.setFilterMode(Qt.MatchFlag.MatchContains)
        places.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.address.setCompleter(places)
        self.description = named(_Compact(QPlainTextEdit)(self), "intakeDescription", self.tr("Description"))
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("What happened, where, since when, what the caller asks for"))
        self.description.setMinimumHeight(54)  # three lines; it grows into any room left
        self.description.setMaximumHeight(120)
        self.urgency = named(QComboBox(self), "intakeUrgency", self.tr("Urgency"))
        for u in URGENCIES:
            self.urgency.addItem(term("urgency", u), u)
        self.transfer = named(QComboBox(self), "intakeTransferTo", self.tr("Transfer to"))
        self.transfer.addItem(self.tr("Choose..."), None)
        for target, label in transfer_choices():  # 110/119/120/122 and the utilities' lines
            self.transfer.addItem(label, target)
        self.transfer_note = named(QLabel(self.tr(
            "EMERGENCY: a threat to life or public safety is not a hotline case. Put the caller through to "
            "110, 119, 120, 122 or the utility's emergency line, stay on the line until they answer, then "
            "save to log the transfer."), self), "intakeTransferNote", self.tr("Emergency transfer instruction"))
        self.transfer_note.setWordWrap(True)
        self.transfer_note.setStyleSheet("background:#f8d7da; color:#842029; padding:6px; font-weight:bold;")
        self.disposition = named(QComboBox(self), "intakeDisposition", self.tr("Disposition"))
        labels = (self.tr("Save as received (decide later)"), self.tr("Answer directly"),
                  self.tr("Dispatch to a department"))
        for key, label in zip(DISPOSITIONS, labels, strict=True):
            self.disposition.addItem(label, key)
        self.answer = named(QPlainTextEdit(self), "intakeAnswer", self.tr("Answer given to the caller"))
        self.answer.setTabChangesFocus(True)
        self.answer.setMaximumHeight(80)
        self.article_label = named(QLabel(self), "intakeArticle", self.tr("Cited knowledge article"))
        self.article_label.setWordWrap(True)
        self.lead = named(QComboBox(self), "intakeLeadDepartment", self.tr("Lead department"))
        self.lead_why = named(QLabel(self), "intakeLeadWhy", self.tr("Why this unit"))
        self.lead_why.setWordWrap(True)
        self.lead_why.setStyleSheet("color:#555; font-size:11px;")
        # suggested units first (their why as the tooltip); every unit behind "Show all units"
        self.assist_picker = AssistPicker(s.departments, "intakeAssistDepartments", self)
        self.assist = self.assist_picker.list
        self.unit_contact = UnitContactBox("intakeUnitContact", self)  # urgent: the lead unit's 24-hour contact
        self._unit_contact: tuple[str, str] | None = None  # (unit, person) reached, recorded when the call is saved
        self._routing = s.route(None, None)  # the suggestions for the category, district and address typed
        self._proposed_lead: str | None = None  # the lead we proposed (not the operator's own choice)
        self.deadline_label = named(QLabel(self), "intakeDeadline", self.tr("Deadline"))
        self.deadline_label.setStyleSheet("font-weight:bold;")
        self.deadline_label.setWordWrap(True)
        self.save_button = named(QPushButton(self.tr("Save (Ctrl+S)"), self), "intakeSave", self.tr("Save"))
        self.save_dispatch_button = named(QPushButton(self.tr("Save and dispatch (Ctrl+Enter)"), self),
                                          "intakeSaveDispatch", self.tr("Save and dispatch"))
        self.save_dispatch_button.setDefault(False)
        self.discard_button = named(QPushButton(self.tr("Discard"), self), "intakeDiscard", self.tr("Discard draft"))
        self.channel = named(QComboBox(self), "intakeChannel", self.tr("Channel"))
        channels = (self.tr("Phone"), self.tr("Mailbox"), self.tr("Website"), self.tr("App"), self.tr("Walk-in"))
        for key, label in zip(CHANNELS, channels, strict=True):
            self.channel.addItem(label, key)
        _select(self.channel, self._default_channel)
        self.confidential = named(QCheckBox(self.tr("Confidential (caller's identity withheld)"), self),
                                  "intakeConfidential", self.tr("Confidential"))
        self.confirm_label = named(QLabel(self), "intakeDispatchConfirm", self.tr("Dispatch preview"))
        self.confirm_label.setWordWrap(True)
        self.confirm_label.setStyleSheet("background:#cfe2ff; color:#084298; padding:4px; font-weight:bold;")
        self.confirm_label.hide()
        self.restored_notice = named(QLabel(self), "intakeRestoredNotice", self.tr("Restored draft"))
        self.restored_notice.setWordWrap(True)
        self.restored_notice.setStyleSheet("background:#fff3cd; color:#664d03; padding:4px;")
        self.restored_notice.hide()

        # caller history and duplicates
        self.repeat_flag = named(QLabel(self), "intakeRepeatFlag", self.tr("Repeat caller"))
        self.repeat_flag.setStyleSheet("background:#fff3cd; color:#664d03; padding:3px; font-weight:bold;")
        self.repeat_flag.setWordWrap(False)
        self.history_label = named(QLabel(self), "intakeHistoryTitle", self.tr("Caller history"))
        self.history_model = CaseListModel(s.names, self)
        self.history_view = named(_Compact(QTableView)(self), "intakeHistory", self.tr("Caller's earlier cases"))
        self.dup_model = CaseListModel(s.names, self)
        self.duplicates = named(_Compact(QTableView)(self), "intakeDuplicates", self.tr("Likely duplicates"))
        for view, model in ((self.history_view, self.history_model), (self.duplicates, self.dup_model)):
            view.setModel(model)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.verticalHeader().setVisible(False)
            view.horizontalHeader().setStretchLastSection(True)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # out of the Tab chain of the conversation
            view.setColumnWidth(0, 170)
            view.setColumnWidth(1, 80)
            view.setColumnWidth(2, 70)
            view.setColumnWidth(3, 80)
        self.history_view.setMinimumHeight(70)

        self.duplicates.setMaximumHeight(90)
        self.duplicates.setMinimumHeight(70)

        self.dup_title = named(QLabel(self.tr("Likely duplicates (Ctrl+M merges into the chosen one)"),
                                      self), "intakeDuplicatesTitle", self.tr("Likely duplicates"))
        self.dup_title.setStyleSheet("color:#7a3d00; font-weight:bold;")
        self.dup_title.setWordWrap(True)
        self.merge_button = named(QPushButton(self.tr("Merge (Ctrl+M)"), self), "intakeMerge",
                                  self.tr("Merge into the selected duplicate"))
        self.merge_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        # error labels beside each field
        self._errors: dict[str, QLabel] = {}
        for fname in ERROR_FIELDS:
            label = QLabel(self)
            label.setObjectName(f"intakeError_{fname.strip('_') or 'form'}")
            label.setAccessibleName(self.tr("Error"))
            label.setStyleSheet("color:#b02a37;")
            label.setWordWrap(True)
            label.hide()
            self._errors[fname] = label

        def with_error(widget, fname):
            box = QWidget(self)
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(1)
            v.addWidget(widget)
            v.addWidget(self._errors[fname])
            return box

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(4)  # every pixel counts at 1366x768 with the call bar
        row1 = QHBoxLayout()
        row1.addWidget(with_error(self.phone, "caller_phone"), 3)
        row1.addWidget(QLabel(self.tr("Name"), self))
        row1.addWidget(with_error(self.name, "caller_name"), 2)
        form.addRow(self.tr("Phone"), row1)
        row2 = QHBoxLayout()
        row2.addWidget(with_error(self.type_combo, "type"), 1)
        row2.addWidget(QLabel(self.tr("Category"), self))
        row2.addWidget(with_error(self.category, "category_code"), 2)
        form.addRow(self.tr("Type"), row2)
        row3 = QHBoxLayout()
        row3.addWidget(with_error(self.district, "district"), 1)
        row3.addWidget(with_error(self.address, "address"), 3)
        form.addRow(self.tr("Place"), row3)
        form.addRow(self.tr("Description"), with_error(self.description, "description"))
        row4 = QHBoxLayout()
        row4.addWidget(with_error(self.urgency, "urgency"), 1)
        row4.addWidget(self.disposition, 2)
        form.addRow(self.tr("Urgency"), row4)
        row5 = QHBoxLayout()
        row5.addWidget(self.channel, 1)
        row5.addWidget(self.confidential, 2)
        form.addRow(self.tr("Channel"), row5)

        self.transfer_box = QWidget(self)
        tb = QVBoxLayout(self.transfer_box)
        tb.setContentsMargins(0, 0, 0, 0)
        tb.addWidget(self.transfer_note)
        tb.addWidget(with_error(self.transfer, "transfer_to"))
        self.answer_box = QWidget(self)
        ab = QVBoxLayout(self.answer_box)
        ab.setContentsMargins(0, 0, 0, 0)
        ab.addWidget(self.article_label)
        ab.addWidget(with_error(self.answer, "answer"))
        self.dispatch_box = QWidget(self)
        db = QFormLayout(self.dispatch_box)
        db.setContentsMargins(0, 0, 0, 0)
        lead_row = QHBoxLayout()  # the why beside the lead: no height to spare at 1366x768
        lead_row.addWidget(with_error(self.lead, "lead_department"), 2)
        lead_row.addWidget(self.lead_why, 3)
        db.addRow(self.tr("Lead"), lead_row)
        db.addRow(self.tr("Assisting"), self.assist_picker)

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.save_dispatch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)

        left = QVBoxLayout()
        left.addWidget(self.restored_notice)
        left.addLayout(form)
        self.emergency_banner = EmergencyBanner(self)  # proposes 特急 and the line (ui/emergency_banner.py)
        left.addWidget(self.emergency_banner)
        left.addWidget(self.transfer_box)
        left.addWidget(self.answer_box)
        left.addWidget(self.dispatch_box)
        left.addWidget(self.unit_contact)
        left.addWidget(self.deadline_label)
        left.addWidget(self.confirm_label)
        left.addWidget(self._errors["_"])
        left.addLayout(buttons)

        side = QFrame(self)  # no title: the history line says whose history it is
        side.setFrameShape(QFrame.Shape.StyledPanel)
        side.setObjectName("intakeCallerBox")
        sl = QVBoxLayout(side)
        sl.setContentsMargins(4, 4, 4, 4)
        head = QHBoxLayout()
        head.addWidget(self.history_label, 1)
        head.addWidget(self.repeat_flag)
        sl.addLayout(head)
        sl.addWidget(self.history_view, 1)
        self.dup_box = QFrame(self)
        dl = QVBoxLayout(self.dup_box)
        dl.setContentsMargins(0, 0, 0, 0)
        dup_head = QHBoxLayout()
        dup_head.addWidget(self.dup_title, 1)
        dup_head.addWidget(self.merge_button)
        dl.addLayout(dup_head)
        dl.addWidget(self.duplicates)
        sl.addWidget(self.dup_box)

        inner = QWidget(self)
        il = QVBoxLayout(inner)
        il.setContentsMargins(6, 6, 6, 6)
        il.addLayout(left)
        il.addWidget(side, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        order = [self.phone, self.name, self.type_combo, self.category, self.district, self.address,
                 self.description, self.urgency, self.disposition, self.transfer, self.answer, self.lead,
                 self.assist, self.channel, self.confidential, self.save_button, self.save_dispatch_button,
                 self.discard_button]
        for a, b in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self._update_departments()
        self._update_visibility()
        self._show_history(None)
        self.dup_box.hide()

    def _connect(self) -> None:
        for w in (self.phone, self.name, self.address):
            w.textEdited.connect(self._mark_dirty)
        self.category.textEdited.connect(self._mark_dirty)
        self.category.category_chosen.connect(self._on_category_chosen)
        self.phone.textChanged.connect(lambda _t: self._phone_timer.start())
        self.phone.editingFinished.connect(self._check_phone)
        self.description.textChanged.connect(self._on_description_changed)
        self.answer.textChanged.connect(self._mark_dirty)
        for combo in (self.type_combo, self.urgency, self.transfer, self.disposition, self.lead):
            combo.currentIndexChanged.connect(self._on_combo_changed)
        self.district.currentIndexChanged.connect(self._on_district_changed)
        self.district.lineEdit().editingFinished.connect(self._resolve_district)
        self.assist.itemChanged.connect(self._mark_dirty)
        self.address.editingFinished.connect(self._update_departments)  # a street named there may take the case
        self.unit_contact.contacted.connect(self._on_unit_contacted)
        self.address.textEdited.connect(lambda _t: self._dup_timer.start())
        self.save_button.clicked.connect(lambda: self.save())
        self.save_dispatch_button.clicked.connect(lambda: self.save(dispatch=True))
        self.discard_button.clicked.connect(lambda: self.discard())  # not discard(ask=checked)
        self.merge_button.clicked.connect(self.merge_into_selected)
        self.channel.currentIndexChanged.connect(self._mark_dirty)
        self.confidential.toggled.connect(self._mark_dirty)

    # -- behaviour ---------------------------------------------------------------------
    def _mark_dirty(self, *_args) -> None:
        if self._loading:
            return
        if self._confirm_pending:
            self._cancel_confirm()  # the preview no longer shows what would be saved
        self._dirty = True
        if not self._draft_timer.isActive():  # not restarted: typing can't postpone the write
            self._draft_timer.start()

    def _on_focus_changed(self, old, new) -> None:
        if old is not None and old in (self.district, self.district.lineEdit()) \
                and new not in (self.district, self.district.lineEdit()):
            self._resolve_district()  # editingFinished doesn't come while the completer popup is open
        if self._dirty and (self.isAncestorOf(old) if old else False):
            self.save_draft()

    def _focus_name(self) -> str:
        w = QApplication.focusWidget()
        while w is not None and w is not self:
            if w.objectName() in FIELDS:
                return w.objectName()
            w = w.parentWidget()
        return ""

    def _on_description_changed(self) -> None:
        self._mark_dirty()
        self._dup_timer.start()
        self.description_changed.emit(self.description.toPlainText())

    def _on_combo_changed(self, *_args) -> None:
        self._mark_dirty()
        self._update_visibility()
        self._update_units()

    def _on_category_chosen(self, _code: str) -> None:
        self._mark_dirty()
        self._update_departments()
        self._dup_timer.start()

    def _on_district_changed(self, *_args) -> None:
        self._mark_dirty()
        code = self.district.currentData()
        d = next((d for d in self.services.districts if d.code == code), None)
        self._places.setStringList(list(d.streets + d.roads + d.communities) if d else [])
        self._update_departments()
        self._dup_timer.start()

    def _resolve_district(self) -> None:
        """Typed text (name, part of it, or pinyin initials such as jj) picks the district."""
        typed = self.district.currentText().strip().lower()
        if not typed or (self.district.currentData() and self.district.currentText() == typed):
            return
        best = None
        for d in self.services.districts:
            full, initials = pinyin_keys(d.name)
            if typed == d.name:
                best = d
                break
            if best is None and (d.name.startswith(typed) or typed in d.name or initials.startswith(typed)
                                 or full.startswith(typed)):
                best = d
        _select(self.district, best.code if best else None)
        if best is None:
            self._set_error("district", self.tr("Unknown district; pick one from the list."))
        else:
            self._set_error("district", "")

    def _update_departments(self) -> None:
        current = self.lead.currentData()
        routing = self.services.route(self.category.code() or None, self.district.currentData(), self.address.text())
        suggested = routing.lead + routing.assist
        self.lead.blockSignals(True)
        fill_lead(self.lead, routing, self.services.departments, self.tr("Choose the lead department..."))
        # keep the operator's choice; a proposal of ours follows the category, district and address
        proposal = suggested[0].code if suggested else None
        if current and current != self._proposed_lead:
            _select(self.lead, current)
        else:
            _select(self.lead, proposal)
            self._proposed_lead = proposal
        self.lead.blockSignals(False)
        self._routing = routing
        self._update_units()
        self._update_deadline()

    def _update_units(self) -> None:
        """The why of the lead, the assisting suggestions, the urgent case's unit contact."""
        lead = self.lead.currentData()
        why = lead_why(self.lead)
        self.lead_why.setText(self.tr("Why: {0}").format(why) if why else "")
        self.lead_why.setVisible(bool(why))
        self.assist_picker.set_suggestions(self._routing, lead)
        urgency = self.urgency.currentData()
        unit = None
        if urgency == "emergency":
            line = utility_line(self.transfer.currentData() or "")
            unit = self.services.unit(line.department if line else None)
        elif urgency == "urgent" and self.disposition.currentData() == "dispatch":
            unit = self.services.unit(lead)
        if self._unit_contact and (unit is None or self._unit_contact[0] != unit.code):
            self._unit_contact = None  # reached a unit the case no longer goes to
        self.unit_contact.show_unit(unit, self._contact_note())

    def _contact_note(self) -> str:
        if not self._unit_contact:
            return ""
        return self.tr("Reached {0}; recorded when the call is saved.").format(self._unit_contact[1])

    def _on_unit_contacted(self, unit: str, person: str) -> None:
        self._unit_contact = (unit, person)
        self.unit_contact.set_status(self._contact_note())
        self._mark_dirty()

    def _record_unit_contact(self, saved) -> None:
        """After the save: the contact reached while the call was open, as a `unit_contacted` event."""
        reached, self._unit_contact = self._unit_contact, None
        if not reached or reached[0] not in (saved.lead_department, *saved.assist_departments):
            return
        try:
            self.services.cases.act(saved.number, "unit_contacted", self.services.actor, "",
                                    {"unit": reached[0], "person": reached[1]})
        except WorkflowError as exc:
            self.status_message.emit(self.tr("Saved {0}; the unit contact was not recorded: {1}").format(
                saved.number, refusal_text(exc)))

    def _update_visibility(self) -> None:
        emergency = self.urgency.currentData() == "emergency"
        disp = self.disposition.currentData()
        self.transfer_box.setVisible(emergency)
        self.disposition.setEnabled(not emergency)
        self.answer_box.setVisible(not emergency and disp == "answer")
        self.dispatch_box.setVisible(not emergency and disp == "dispatch")
        self.save_dispatch_button.setEnabled(not emergency)
        self._update_deadline()

    def _update_deadline(self) -> None:
        t, u = self.type_combo.currentData(), self.urgency.currentData() or "normal"
        if not t:
            self.deadline_label.setText(self.tr("Choose the request type to see the deadline."))
            return
        if u == "emergency":
            self.deadline_label.setText(self.tr("Emergency: no hotline deadline once the transfer is logged."))
            return
        policy, now = self.services.cases.policy, self.services.cases.clock()
        fmt = lambda dt: to_local(dt).strftime("%m-%d %H:%M") if dt else "-"  # noqa: E731
        disp = self.disposition.currentData()
        if disp == "answer":
            self.deadline_label.setText(self.tr("Answered directly: closed on the call, no deadline."))
        elif disp == "dispatch":
            self.deadline_label.setText(self.tr("Deadline: sign for by {0}, reply by {1}").format(
                fmt(policy.due("sign", t, u, now)), fmt(policy.due("reply", t, u, now))))
        else:
            due = policy.due("contact", t, u, now) or policy.due("dispatch", t, u, now)
            self.deadline_label.setText(self.tr("Deadline: dispatch by {0}").format(fmt(due)))

    def _check_phone(self) -> None:
        try:
            normalize(self.phone.text())
            self._set_error("caller_phone", "")
        except PhoneError as exc:
            self._set_error("caller_phone", field_message("caller_phone", FieldError("invalid", str(exc))))

    def _load_history(self) -> None:
        try:
            number = normalize(self.phone.text())
        except PhoneError:
            number = None
        if number == self._history_phone:
            return
        self._history_phone = number
        history = caller_history(self.services.cases, number) if number else None
        self._show_history(history)
        if history and history.name and not self.name.text():
            self.name.setText(history.name)
            self._mark_dirty()

    def _show_history(self, history) -> None:
        self._history = history
        if history is None:
            self.history_label.setText(self.tr("Caller history appears when the number is complete."))
            self.repeat_flag.hide()
            self.history_model.set_cases([])
        else:
            self.history_label.setText(self.tr("{0}: {1} earlier cases").format(
                display(history.phone), history.case_count))
            self.repeat_flag.setVisible(history.repeat)
            self.repeat_flag.setText(self.tr("Repeat caller (30 days)"))
            self.repeat_flag.setToolTip(self.tr("Repeat caller: called within the last 30 days"))
            self.history_model.set_cases(history.recent)
        self.history_shown.emit(history)

    def _load_duplicates(self) -> None:
        hints = duplicate_hints(self.services.cases, self.district.currentData(), self.category.code() or None,
                                self.description.toPlainText(), self.address.text())
        self.dup_model.set_cases([h.case for h in hints], [h.similarity for h in hints])
        self.dup_box.setVisible(bool(hints))
        if hints:
            self.duplicates.selectRow(0)

    def _assist_codes(self) -> list[str]:
        return self.assist_picker.codes()

    def _set_assist(self, codes: list[str]) -> None:
        self.assist_picker.set_codes(codes)

    def _update_article_label(self) -> None:
        none = self.tr("No article cited (choose one in the knowledge panel)")
        self.article_label.setText(self.tr("Cited article: {0}").format(self.article_title or self.article_id)
                                   if self.article_id else none)

    def _clear(self) -> None:
        was = self._loading
        self._loading = True
        try:
            for w in (self.phone, self.name, self.category, self.address):
                w.clear()
            self.category.set_code("")
            self.description.clear()
            self.answer.clear()
            for combo in (self.type_combo, self.district, self.urgency, self.transfer, self.disposition, self.lead):
                combo.setCurrentIndex(0)
            self._set_assist([])
            self._unit_contact = None
            _select(self.channel, self._default_channel)
            self.confidential.setChecked(False)
            self._cancel_confirm()
            self.restored_notice.hide()
            self.article_id = self.article_title = ""
            self._history_phone = None
            self._show_history(None)
            self.dup_model.set_cases([])
            self.dup_box.hide()
            self._clear_errors()
        finally:
            self._loading = was
        self._update_article_label()
        self._update_visibility()

    def _clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()

    def _set_error(self, field: str, text: str) -> None:
        label = self._errors.get(field) or self._errors["_"]
        label.setText(text)
        label.setVisible(bool(text))

    def _show_errors(self, errors: dict) -> None:
        widgets = {v: k for k, v in FIELDS.items()}
        first = None
        for name in ERROR_FIELDS:
            if name in errors:
                self._set_error(name, field_message(name, errors[name]) if name != "_" else errors[name].message)
                first = first or widgets.get(name)
        for name, err in errors.items():
            if name not in ERROR_FIELDS:
                self._set_error("_", err.message)
        if first:
            target = self.findChild(QWidget, first)
            if target is not None:
                target.setFocus()
        self.status_message.emit(self.tr("Not saved: correct the marked fields. Nothing was lost."))


def _Compact(base):  # noqa: N802 (a class factory)
    """`base` asking for no more height than its minimum: it still grows into room left over.
    The scroll area sizes a form with wrapped labels by preferred heights, and the 190 px a
    text box or table prefers made the form scroll at 1366x768."""
    class Compact(base):
        def sizeHint(self):  # noqa: N802 (Qt's name)
            hint = super().sizeHint()
            return QSize(hint.width(), max(self.minimumHeight(), self.minimumSizeHint().height()))
    Compact.__name__ = f"Compact{base.__name__}"
    return Compact


def _select(combo: QComboBox, data) -> None:
    i = combo.findData(data)
    combo.setCurrentIndex(i if i >= 0 else 0)


def main() -> int:
    """Launch the form alone on a temporary demo profile: `python -m ui.intake_form`."""
    from .demo_profile import demo_window_profile
    from .services import build_services
    app = QApplication.instance() or QApplication(sys.argv[:1])
    profile, actor, _tmp = demo_window_profile(cases=500)
    form = IntakeForm(build_services(profile, actor))
    form.resize(640, 720)
    form.show()
    form.start_call()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
