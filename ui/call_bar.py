"""The call bar: every call of the seat in one row above the workspace.

The call in the form is marked active; the others are ringing, held (answered,
waiting while the operator finishes another) or unsaved drafts (a call whose
form was left with text). Each shows the caller's number, how many earlier
cases the caller has and its timer. A call that rings while the form holds
another call only rings here: it never takes the form over. Alt+PageDown /
Alt+PageUp (or Enter on a chosen call) bring another call into the form; the
one that was there keeps its draft and stays in the bar.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListView, QListWidget, QListWidgetItem

from console.calls import CallService, CallView
from console.clock import to_local, utcnow
from console.phone import display

ROLE_KEY = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class BarEntry:
    """One call (or unsaved draft) in the bar."""

    key: str  # the call id, or "draft:<id>" for a draft without a call
    kind: str  # active, ringing, held, draft
    phone: str
    history_count: int
    call: CallView | None = None
    draft_id: uuid.UUID | None = None


class CallBar(QFrame):
    call_switched = Signal(str)  # the call id now in the form
    status_message = Signal(str)

    def __init__(self, calls: CallService, form, parent=None):
        super().__init__(parent)
        self.setObjectName("callBar")
        self.setAccessibleName(self.tr("Calls"))
        self.calls = calls
        self.form = form
        self.entries: list[BarEntry] = []
        self._setup_ui()
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._update_texts)
        self._tick.start()
        # after the form has cleared itself (it does so once its case_saved listeners ran)
        form.case_saved.connect(lambda _s: QTimer.singleShot(0, self.refresh))
        self._later = QTimer(self, singleShot=True, interval=0)  # several changes in one turn: one read
        self._later.timeout.connect(self.refresh)
        form.drafts_changed.connect(self._later.start)

    # -- public ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the open calls and the drafts again and show them."""
        self._later.stop()
        open_calls = self.calls.open_calls()
        drafts = self.form.services.drafts.list(self.form.services.actor.login)
        by_call = {d.call_id: d for d in drafts if d.call_id}
        active = self.form.call_id
        entries: list[BarEntry] = []
        shown_calls = set()
        for c in open_calls:
            d = by_call.get(c.call_id)
            if c.call_id == active:
                kind = "active"
            elif c.answered_at is None and c.ended_at is None:
                kind = "ringing"
            else:
                kind = "held"
            entries.append(BarEntry(c.call_id, kind, c.phone, c.history_count, c, d.id if d else None))
            shown_calls.add(c.call_id)
        for d in drafts:
            if d.call_id in shown_calls:
                continue
            kind = "active" if (d.call_id and d.call_id == active) or d.id == self.form._draft_id else "draft"
            phone = d.data.get("caller_phone", "")
            entries.append(BarEntry(d.call_id or f"draft:{d.id}", kind, phone, 0, None, d.id))
        if active and not any(e.kind == "active" for e in entries) and self.form.has_content():
            entries.insert(0, BarEntry(active, "active", self.form.phone.text(), 0))
        self.entries = entries
        self._fill()

    def active_call(self) -> CallView | None:
        """The call in the form, as the caller log has it (None for a form without a logged call)."""
        return next((e.call for e in self.entries if e.kind == "active" and e.call is not None), None)

    def others(self) -> list[BarEntry]:
        return [e for e in self.entries if e.kind != "active"]

    def switch_to(self, key: str) -> bool:
        """Bring the call (or draft) `key` into the form; the form's call keeps its draft."""
        entry = next((e for e in self.entries if e.key == key), None)
        if entry is None or entry.kind == "active":
            return False
        self.form.save_draft()
        draft = self.form.services.drafts.get(entry.draft_id) if entry.draft_id else None
        if draft is not None:
            self.form.restore(draft.data, draft.focus_field, draft.call_id, draft.id)
            self.form.refresh_drafts()
        else:
            self.form.start_call(entry.phone, entry.key)
        self.refresh()
        self.call_switched.emit(self.form.call_id)
        return True

    def step(self, delta: int) -> bool:
        """Alt+PageDown / Alt+PageUp: the next (or previous) call after the active one."""
        if not self.entries:
            self.status_message.emit(self.tr("No other call."))
            return False
        keys = [e.key for e in self.entries]
        current = next((i for i, e in enumerate(self.entries) if e.kind == "active"), -1)
        for n in range(1, len(keys) + 1):
            i = (current + delta * n) % len(keys)
            if self.entries[i].kind != "active":
                return self.switch_to(keys[i])
        self.status_message.emit(self.tr("No other call."))
        return False

    def entry_text(self, e: BarEntry) -> str:
        kind = {"active": self.tr("Now"), "ringing": self.tr("Ringing"), "held": self.tr("Held"),
                "draft": self.tr("Unsaved")}[e.kind]
        who = display(e.phone) if e.phone else self.tr("no number")
        parts = [f"{kind} {who}", self.tr("earlier cases: {0}").format(e.history_count)]
        if e.call is not None:
            secs = e.call.seconds(utcnow())
            parts.append(f"{secs // 60:02d}:{secs % 60:02d}")
        elif e.draft_id is not None:
            d = self.form.services.drafts.get(e.draft_id)
            if d is not None and d.updated_at:
                parts.append(to_local(d.updated_at).strftime("%H:%M"))
        return " · ".join(parts)

    # -- ui ----------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self.tr("Calls"), self, objectName="callBarTitle")
        self.title.setStyleSheet("font-weight:bold;")
        self.list = QListWidget(self, objectName="callBarList")
        self.list.setAccessibleName(self.tr("Calls: Enter brings the chosen call into the form"))
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        line = self.fontMetrics().height()
        self.list.setFixedHeight(line + 16)  # one row of calls: the form below needs the height
        self.list.itemActivated.connect(lambda item: self.switch_to(item.data(ROLE_KEY)))
        self.empty = QLabel(self.tr("No call. Incoming calls ring here."), self, objectName="callBarEmpty")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)

    def _fill(self) -> None:
        self.list.clear()
        colours = {"active": "#cfe2ff", "ringing": "#fff3cd", "held": "#e2e3e5", "draft": "#f8f9fa"}
        for e in self.entries:
            item = QListWidgetItem(self.entry_text(e), self.list)
            item.setData(ROLE_KEY, e.key)
            item.setBackground(QBrush(QColor(colours[e.kind])))
            item.setSizeHint(QSize(self.list.fontMetrics().horizontalAdvance(item.text()) + 24,
                                   self.list.height() - 8))
            if e.kind == "active":
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                item.setSizeHint(QSize(item.sizeHint().width() + 24, item.sizeHint().height()))
        self.list.setVisible(bool(self.entries))
        self.empty.setVisible(not self.entries)

    def _update_texts(self) -> None:
        for row, e in enumerate(self.entries):
            item = self.list.item(row)
            if item is not None and e.call is not None and e.call.live:
                item.setText(self.entry_text(e))

    # -- telephone events (MainWindow.on_call_event hands them here) ---------------------
    def form_busy(self) -> bool:
        """Whether the form holds a call in progress: text typed, or a call still open."""
        if self.form.has_content():
            return True
        call = self.calls.get(self.form.call_id) if self.form.call_id else None
        return call is not None and call.saved_at is None and (call.live or call.answered_at is not None) \
            and call.outcome != "ringing"

    def on_call_event(self, event) -> str:
        """Record a console.cti.CallEvent; returns "open" when the form should take the call,
        "ring" when it only rings in the bar, "ended" when the form's call hung up, "" otherwise."""
        result = ""
        if event.event == "newCall":
            self.calls.ring(event.call_id, event.from_number, event.direction)
            result = "ring"
        elif event.event == "answer":
            self.calls.answer(event.call_id, event.from_number)
            result = "ring"
        elif event.event == "hangup":
            self.calls.hangup(event.call_id, event.cause)
            result = "ended" if event.call_id == self.form.call_id else ""
        if result == "ring":
            if event.call_id == self.form.call_id:
                result = ""
            elif not self.form_busy():
                result = "open"
            else:
                self.status_message.emit(self.tr("A call from {0} is ringing in the call bar: Alt+PageDown "
                                                 "takes it, the form keeps this call.").format(
                    display(event.from_number)))
        if result != "open":  # an opened call is shown once the form has it (MainWindow.new_call)
            self.refresh()
        return result
