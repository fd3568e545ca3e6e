"""A case's timeline in sentences: who (a unit's or an operator's name, not a code) did what,
with the reason, and the chosen event in full in a read-only box the keyboard reaches."""
from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QPlainTextEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from console.clock import to_local

from .plain_text import tooltip
from .terms import term

HIGHLIGHT = ("instruct", "supervise", "pick")
# what a team lead must not miss among a department's events: its opinion as an assisting unit, a decision
NOTICE = ("assist_opinion", "decide_dispute")
WHAT = 3  # the column of the sentence
translate = QCoreApplication.translate  # lupdate reads translate("Timeline", "...") calls
_DURATION = re.compile(r"^\s*(\d+)\s*(wd|d|h)\s*$")
_SHOWN_KEYS = {"case", "into_id", "fields"}  # internal ids; `fields` is worded by the edit sentence


def duration(value) -> str:
    """'3wd' -> '3 working days' (in the operator's language); anything else as given."""
    m = _DURATION.match(str(value or ""))
    if not m:
        return str(value or "")
    n, unit = int(m.group(1)), m.group(2)
    # singular and plural as two messages: Chinese has one form, English two (no numerus entries needed)
    if unit == "wd":
        text = translate("Timeline", "1 working day") if n == 1 else \
            translate("Timeline", "{0} working days")
    elif unit == "d":
        text = translate("Timeline", "1 day") if n == 1 else \
            translate("Timeline", "{0} days")
    else:
        text = translate("Timeline", "1 hour") if n == 1 else \
            translate("Timeline", "{0} hours")
    return text.format(n)


def _yes_no(value) -> str:
    return translate("Timeline", "yes") if value else translate("Timeline", "no")


class Namer:
    """Display names for actors and units: departments by name, operators by name and login."""

    def __init__(self, departments: dict[str, str], operators: dict[str, str] | None = None):
        self.departments = departments
        self.operators = operators or {}

    def actor(self, actor: str) -> str:
        if actor == "system":
            return translate("Timeline", "System")
        if actor in self.departments:
            return self.departments[actor]
        name = self.operators.get(actor)
        return f"{name} ({actor})" if name else actor

    def unit(self, code) -> str:
        return self.departments.get(code or "", code or "")


def sentence(event, names: Namer) -> str:
    """What the event did, as a sentence without its actor (the actor has its own column)."""
    p, r, k = event.payload or {}, (event.reason or "").strip(), event.kind
    units = lambda codes: "、".join(names.unit(c) for c in codes or [])  # noqa: E731
    if k == "receive":
        text = translate("Timeline", "Received the call")
    elif k == "dispatch":
        text = translate("Timeline", "Dispatched to {0}").format(names.unit(p.get("lead_department")))
        if p.get("assist_departments"):
            text += translate("Timeline", ", assisted by {0}").format(units(p["assist_departments"]))
    elif k == "accept":
        text = translate("Timeline", "Signed for the case")
    elif k == "return":
        text = translate("Timeline", "Returned the case")
        if p.get("suggested_unit"):
            text += translate("Timeline", ", naming {0} as responsible").format(names.unit(p["suggested_unit"]))
    elif k == "approve_return":
        text = translate("Timeline", "Accepted the return, to be dispatched again")
    elif k == "reject_return":
        text = translate("Timeline", "Rejected the return: back to the department, deadlines unchanged")
    elif k == "decide_dispute":
        text = translate("Timeline", "Decided the dispute: {0} is responsible (binding)").format(
            names.unit(p.get("unit")))
        if p.get("assist_departments"):
            text += translate("Timeline", ", assisted by {0}").format(units(p["assist_departments"]))
    elif k == "assist_opinion":
        text = translate("Timeline", "Assisting unit's opinion: {0}").format(p.get("text", ""))
    elif k == "sub_dispatch":
        text = translate("Timeline", "Passed down to {0}").format(names.unit(p.get("unit")))
    elif k == "request_extension":
        text = translate("Timeline", "Asked for {0} more").format(duration(p.get("extra")))
    elif k == "approve_extension":
        text = translate("Timeline", "Approved {0} more").format(duration(p.get("extra")))
    elif k == "reject_extension":
        text = translate("Timeline", "Refused the extension")
    elif k == "reply":
        text = translate("Timeline", "Replied with the result: {0}").format(p.get("result", ""))
    elif k == "queue_callback":
        text = translate("Timeline", "Queued for a callback")
    elif k == "callback":
        text = translate("Timeline", "Called the caller back: satisfied {0}, resolved {1}").format(
            _yes_no(p.get("satisfied")), _yes_no(p.get("resolved"))) if "satisfied" in p \
            else translate("Timeline", "Called the caller back")
    elif k == "reopen":
        text = translate("Timeline", "Reopened the case")
    elif k == "close":
        text = translate("Timeline", "Closed the case")
    elif k == "cancel":
        text = translate("Timeline", "Cancelled the case")
    elif k == "transfer":
        from .emergency_banner import line_name
        text = translate("Timeline", "Transferred the caller to {0}").format(line_name(str(p.get("to", ""))))
    elif k == "merge":
        text = translate("Timeline", "Merged into {0}").format(p.get("into", ""))
    elif k == "supervise":
        text = translate("Timeline", "Urged the department to act")
    elif k == "instruct":
        text = translate("Timeline", "Recorded a leader's instruction ({0})").format(term("level", p.get("level")))
    elif k == "pick":
        text = translate("Timeline", "Marked as a leader's pick")
    elif k == "edit":
        text = translate("Timeline", "Edited: {0}").format(", ".join(_field(f) for f in (p.get("fields") or {})))
    elif k == "answer":
        text = translate("Timeline", "Answered directly: {0}").format(p.get("answer", ""))
    elif k == "unit_contacted":
        text = translate("Timeline", "Reached {0}'s 24-hour contact: {1}").format(names.unit(p.get("unit")),
                                                                                 p.get("person", ""))
    elif k == "note" and p.get("transferred_to"):
        from .emergency_banner import line_name
        text = translate("Timeline", "Put the caller through to {0}").format(line_name(str(p["transferred_to"])))
    elif k == "note":
        text = translate("Timeline", "Note: {0}").format(p.get("text", ""))
    elif k == "attach":
        from .attachments_strip import file_size
        size = file_size(int(p.get("size") or 0))
        text = (translate("Timeline", "Attached {0} ({1}), may be published") if p.get("public") else
                translate("Timeline", "Attached {0} ({1})")).format(p.get("name", ""), size)
    else:  # an action this console does not know yet: its name and details, never dropped
        extra = {key: v for key, v in p.items() if key not in _SHOWN_KEYS}
        text = term("action", k) + (": " + "; ".join(f"{key}: {v}" for key, v in extra.items()) if extra else "")
    if r and k != "note":
        text += translate("Timeline", ". Reason: {0}").format(r)
    if p.get("media_error"):  # an Open311 request whose media_url could not be attached
        text += translate("Timeline", ". The photo it linked was not attached: {0}").format(p["media_error"])
    return text


def _field(name: str) -> str:
    return {"description": translate("Timeline", "description"),
            "address": translate("Timeline", "address"),
            "caller_name": translate("Timeline", "caller's name"),
            "answer": translate("Timeline", "answer")}.get(name, name)


class TimelineView(QWidget):
    """The events in a table of sentences; the current one in full below it (Tab reaches it)."""

    def __init__(self, departments: dict[str, str], operators: dict[str, str] | None = None, parent=None):
        super().__init__(parent)
        self.names = Namer(departments, operators)
        self.tree = QTreeWidget(self, objectName="caseTimeline")
        self.tree.setAccessibleName(self.tr("Timeline"))
        # the sentence is last and takes the rest of the width; the chosen one is shown in full below
        self.tree.setHeaderLabels([self.tr("Time"), self.tr("By"), self.tr("State"), self.tr("What happened")])
        self.tree.setRootIsDecorated(False)
        self.tree.setTabKeyNavigation(False)
        self.tree.setColumnWidth(0, 95)
        self.tree.setColumnWidth(1, 130)
        self.tree.setColumnWidth(2, 120)
        self.tree.currentItemChanged.connect(self._on_current)
        self.full = QPlainTextEdit(self, objectName="caseTimelineText", readOnly=True, tabChangesFocus=True)
        self.full.setAccessibleName(self.tr("The chosen event in full"))
        self.full.setMaximumHeight(80)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.full)

    def show_events(self, events) -> None:
        self.tree.clear()
        self.full.clear()
        for e in events:
            states = f"{term('state', e.from_state)} → {term('state', e.to_state)}" \
                if e.from_state != e.to_state else term("state", e.to_state)
            what = sentence(e, self.names)
            item = QTreeWidgetItem([to_local(e.at).strftime("%m-%d %H:%M"), self.names.actor(e.actor), states, what])
            item.setToolTip(WHAT, tooltip(what))
            item.setData(0, Qt.ItemDataRole.UserRole, f"{to_local(e.at).strftime('%Y-%m-%d %H:%M')} · "
                                                      f"{self.names.actor(e.actor)} · {states}\n{what}")
            if e.kind in HIGHLIGHT:
                for col in range(4):
                    item.setForeground(col, Qt.GlobalColor.darkRed)
            elif e.kind in NOTICE:
                for col in range(4):
                    item.setForeground(col, Qt.GlobalColor.darkBlue)
            self.tree.addTopLevelItem(item)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(self.tree.topLevelItemCount() - 1))

    def _on_current(self, item, _previous) -> None:
        self.full.setPlainText(item.data(0, Qt.ItemDataRole.UserRole) if item is not None else "")
