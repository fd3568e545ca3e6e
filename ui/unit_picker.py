"""Choosing the units of a dispatch, and reaching a unit's 24-hour contact.

- `fill_lead`: the lead combo with the responsibility list's suggestions first (★),
  each with its why as the tooltip, then every other unit.
- `AssistPicker`: the assisting units, filtered to the suggested ones (and any
  already ticked) with a "Show all units" switch; each suggestion's why is its tooltip.
- `UnitContactBox`: an urgent case's unit 24-hour contact, with "Contacted" to
  record who answered (the `unit_contacted` action).

Used by the intake form and the case panel alike (python -m ui.unit_picker shows them).
"""
from __future__ import annotations

import sys

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.routing import Routing

CODE = Qt.ItemDataRole.UserRole
WHY = Qt.ItemDataRole.UserRole + 1


def fill_lead(combo: QComboBox, routing: Routing, units: list, placeholder: str) -> None:
    """Refill the lead combo: the placeholder, the suggested leads (★, why as the tooltip), every other unit.
    The caller keeps or sets the selection."""
    combo.clear()
    combo.addItem(placeholder, None)
    seen = set()
    for s in routing.lead:
        combo.addItem("★ " + s.name, s.code)
        combo.setItemData(combo.count() - 1, s.why, Qt.ItemDataRole.ToolTipRole)
        seen.add(s.code)
    for u in units:
        if u.code not in seen:
            combo.addItem(u.name, u.code)


def lead_why(combo: QComboBox) -> str:
    """The why of the chosen lead when it was a suggestion, else ''."""
    return combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole) or ""


class AssistPicker(QWidget):
    """Tick the assisting units: the suggested ones by default, every unit on request."""

    changed = Signal()

    def __init__(self, units: list, list_name: str, parent=None):
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setObjectName(list_name)
        self.list.setAccessibleName(self.tr("Assisting departments"))
        self.list.setMinimumHeight(54)  # three names; it scrolls for the rest
        self.list.setMaximumHeight(70)
        self.show_all = QCheckBox(self.tr("Show all units"), self)
        self.show_all.setObjectName(list_name + "ShowAll")
        self.show_all.setAccessibleName(self.tr("Show all units"))
        self.show_all.setToolTip(self.tr("List every unit, not only those the responsibility list suggests"))
        for u in units:
            item = QListWidgetItem(u.name, self.list)
            item.setData(CODE, u.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self._items = {self.list.item(i).data(CODE): self.list.item(i) for i in range(self.list.count())}
        self._names = {u.code: u.name for u in units}
        self._suggested: list[str] = []
        self._lead: str | None = None
        layout = QHBoxLayout(self)  # side by side: the form has no height to spare at 1366x768
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.show_all, 0, Qt.AlignmentFlag.AlignTop)
        self.list.itemChanged.connect(lambda _i: self.changed.emit())
        self.show_all.toggled.connect(lambda _on: self._filter())
        self._filter()

    def set_suggestions(self, routing: Routing, lead: str | None = None) -> None:
        """Suggested assisting units first, with their why; the other suggested leads after them
        (a unit that could lead may assist). `lead`, the chosen lead, is left out."""
        suggestions = [s for s in routing.assist + routing.lead[1:] if s.code in self._items]
        self.list.blockSignals(True)
        for code, item in self._items.items():
            item.setText(self._names[code])
            item.setToolTip("")
        self._suggested = []
        for row, s in enumerate(suggestions):
            item = self._items[s.code]
            self.list.takeItem(self.list.row(item))
            self.list.insertItem(row, item)
            item.setText("☆ " + s.name)
            item.setToolTip(s.why)
            item.setData(WHY, s.why)
            self._suggested.append(s.code)
        self._lead = lead
        self.list.blockSignals(False)
        self._filter()

    def codes(self) -> list[str]:
        """The ticked units, in list order."""
        return [self.list.item(i).data(CODE) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def set_codes(self, codes) -> None:
        self.list.blockSignals(True)
        for code, item in self._items.items():
            item.setCheckState(Qt.CheckState.Checked if code in codes else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._filter()

    def visible_codes(self) -> list[str]:
        return [self.list.item(i).data(CODE) for i in range(self.list.count()) if not self.list.item(i).isHidden()]

    def _filter(self) -> None:
        every = self.show_all.isChecked() or not self._suggested
        for code, item in self._items.items():
            ticked = item.checkState() == Qt.CheckState.Checked
            shown = every or code in self._suggested or ticked
            item.setHidden(not shown or (code == self._lead and not ticked))


class UnitContactBox(QFrame):
    """The 24-hour contact of the case's lead unit, for an urgent or emergency case;
    "Contacted" says who answered (emits `contacted(unit, person)`)."""

    contacted = Signal(str, str)

    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"QFrame#{name} {{ background:#fff3cd; }}")
        self.unit_code = ""
        self.contact = QLabel(self)
        self.contact.setObjectName(name + "Line")
        self.contact.setTextFormat(Qt.TextFormat.PlainText)
        self.contact.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contact.setWordWrap(True)
        self.contact.setStyleSheet("font-weight:bold; color:#664d03;")
        self.person = QLineEdit(self)
        self.person.setObjectName(name + "Person")
        self.person.setAccessibleName(self.tr("Who answered"))
        self.person.setPlaceholderText(self.tr("Who answered"))
        self.person.setMaxLength(64)
        self.button = QPushButton(self.tr("Contacted"), self)
        self.button.setObjectName(name + "Done")
        self.button.setAccessibleName(self.tr("Contacted"))
        self.button.setToolTip(self.tr("Record that the unit's 24-hour contact was reached, who answered and when"))
        self.done = QLabel(self)
        self.done.setObjectName(name + "Status")
        self.done.setTextFormat(Qt.TextFormat.PlainText)
        self.done.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.person, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(self.contact)
        layout.addLayout(row)
        layout.addWidget(self.done)
        self.button.clicked.connect(self._on_button_clicked)
        self.person.returnPressed.connect(self._on_button_clicked)
        self.hide()

    def show_unit(self, unit, status: str = "") -> None:
        """Show `unit`'s contact (a DepartmentView; None hides the box); `status`: what was done already."""
        if unit is None:
            self.unit_code = ""
            self.hide()
            return
        if unit.code != self.unit_code:
            self.person.setText(unit.contact_person)
        self.unit_code = unit.code
        self.contact.setText(self.tr("{0}, 24-hour contact: {1} {2}").format(
            unit.name, unit.contact_person, unit.contact_phone or self.tr("(no number on file)")))
        self.set_status(status)
        self.show()

    def set_status(self, text: str) -> None:
        self.done.setText(text)
        self.done.setVisible(bool(text))

    def _on_button_clicked(self) -> None:
        person = self.person.text().strip()
        if not self.unit_code:
            return
        if not person:
            self.set_status(self.tr("Type who answered first."))
            self.person.setFocus()
            return
        self.contacted.emit(self.unit_code, person)


def main() -> int:
    """The pickers alone on the shipped units: `python -m ui.unit_picker`."""
    from console import refdata
    from console.routing import route
    app = QApplication.instance() or QApplication(sys.argv[:1])
    units = refdata.seed_units()
    r = route(units, "0701", "JN")
    w = QWidget()
    layout = QVBoxLayout(w)
    lead = QComboBox(w)
    fill_lead(lead, r, units, "Choose the lead department...")
    lead.setCurrentIndex(1)
    assist = AssistPicker(units, "demoAssist", w)
    assist.set_suggestions(r, lead.currentData())
    box = UnitContactBox("demoContact", w)
    box.show_unit(next(u for u in units if u.code == lead.currentData()))
    for x in (lead, assist, box):
        layout.addWidget(x)
    w.resize(480, 320)
    w.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
