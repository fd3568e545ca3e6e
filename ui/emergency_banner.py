"""The call form's emergency banner: proposes 特急 and the line to put the caller through to
(console/emergency.py reads the description and category), and says what was logged only
after the save logged it."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from console import emergency

STYLE = "QFrame#emergencyBanner { background:#f8d7da; border:2px solid #b02a37; border-radius:4px; }" \
        " QLabel { color:#842029; font-weight:bold; }"


def line_name(code: str) -> str:
    """A line's name in the operator's language (the utilities' names come from reference data)."""
    names = {"110": QCoreApplication.translate("EmergencyBanner", "110 Police"),
             "119": QCoreApplication.translate("EmergencyBanner", "119 Fire and rescue"),
             "120": QCoreApplication.translate("EmergencyBanner", "120 Ambulance"),
             "122": QCoreApplication.translate("EmergencyBanner", "122 Traffic accidents")}
    line = emergency.lines().get(code)
    return names.get(code) or (line.name if line else code)


def signal_name(alert: emergency.Alert) -> str:
    """The signal's name in the operator's language (the lexicon's own label otherwise)."""
    translate = QCoreApplication.translate  # lupdate reads translate("Context", "...") calls
    names = {"self_harm": translate("EmergencyBanner", "someone may harm themselves"),
             "violence": translate("EmergencyBanner", "violence"),
             "explosion": translate("EmergencyBanner", "explosion"),
             "fire": translate("EmergencyBanner", "fire or smoke"),
             "electrocution": translate("EmergencyBanner", "electrocution"),
             "fall_from_height": translate("EmergencyBanner", "fall from height"),
             "medical": translate("EmergencyBanner", "unconscious or acutely ill"),
             "drowning": translate("EmergencyBanner", "drowning"),
             "trapped_in_lift": translate("EmergencyBanner", "trapped in a lift"),
             "collapse": translate("EmergencyBanner", "collapse"),
             "traffic_accident": translate("EmergencyBanner", "traffic accident"),
             "gas_leak": translate("EmergencyBanner", "gas leak"),
             "live_wire_down": translate("EmergencyBanner", "live wire down"),
             "water_main_burst": translate("EmergencyBanner", "burst water main")}
    return names.get(alert.signal, alert.label)


def transfer_choices() -> list[tuple[str, str]]:
    """(code, name) of every line a transfer may name, for the form's transfer box."""
    return [(code, line_name(code)) for code in emergency.transfer_targets()]


class EmergencyBanner(QFrame):
    """Watches the form; shown while there is something to propose, to do or to confirm."""

    def __init__(self, form):
        super().__init__(form)
        self.setObjectName("emergencyBanner")
        self.setAccessibleName(self.tr("Emergency"))
        self.setStyleSheet(STYLE)
        self.form = form
        self.alert: emergency.Alert | None = None
        self._done = False
        self.text = QLabel(self, objectName="emergencyText", wordWrap=True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.accept_button = QPushButton(self, objectName="emergencyAccept")
        self.accept_button.setAccessibleName(self.tr("Set Emergency and the proposed line"))
        self.accept_button.clicked.connect(self.accept)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.accept_button)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.check)
        form.description.textChanged.connect(self._on_form_changed)
        form.category.category_chosen.connect(self._on_form_changed)
        form.urgency.currentIndexChanged.connect(self._show)
        form.transfer.currentIndexChanged.connect(self._show)
        form.case_saved.connect(self._on_case_saved)
        self.hide()

    # -- public ------------------------------------------------------------------------
    def check(self) -> emergency.Alert | None:
        """Read the description and category again (the form calls this through a short timer)."""
        text = self.form.description.toPlainText()
        self.alert = emergency.detect(text, self.form.category.code()) if text.strip() else None
        self._show()
        return self.alert

    def accept(self) -> bool:
        """Ctrl+E: set Emergency and the proposed line (nothing is logged until the save)."""
        self._timer.stop()
        if self.alert is None:
            self.check()
        if self.alert is None:
            return False
        self.form.urgency.setCurrentIndex(self.form.urgency.findData("emergency"))
        self.form.transfer.setCurrentIndex(self.form.transfer.findData(self.alert.line.code))
        self.form.transfer.setFocus()
        self._show()
        return True

    # -- slots -------------------------------------------------------------------------
    def _on_form_changed(self, *_args) -> None:
        if self.form.description.toPlainText().strip():
            self._done = False
        self._timer.start()

    def _on_case_saved(self, summary) -> None:
        events = self.form.services.cases.get(summary.number).events
        transfer = next((e for e in reversed(events) if e.kind == "transfer"), None)
        put_through = next((e.payload.get("transferred_to") for e in events if e.payload.get("transferred_to")), None)
        if transfer is not None:
            done = self.tr("Logged: {0} was transferred to {1}.").format(summary.number,
                                                                        line_name(transfer.payload["to"]))
        elif put_through:
            dept = self.form.services.names.departments.get(summary.lead_department or "", summary.lead_department)
            done = self.tr("Logged: {0} was put through to {1} and dispatched to {2} as urgent.").format(
                summary.number, line_name(put_through), dept)
        else:
            self._done = False
            return
        self._done = True
        self.alert = None
        self.text.setText(done)
        self.accept_button.hide()
        self.setStyleSheet(STYLE.replace("#f8d7da", "#d1e7dd").replace("#b02a37", "#0f5132")
                           .replace("#842029", "#0f5132"))
        self.show()

    def _show(self, *_args) -> None:
        if self._done:
            return
        self.setStyleSheet(STYLE)
        chosen = self.form.urgency.currentData() == "emergency"
        code = self.form.transfer.currentData()
        if chosen and code:
            text = self.tr("Emergency: put the caller through to {0} now and stay on the line until they "
                           "answer; Ctrl+S then logs the transfer.").format(line_name(code))
            utility = emergency.utility_line(code)
            if utility is not None:
                dept = self.form.services.names.departments.get(utility.department, utility.department)
                text += " " + self.tr("The case is also dispatched to {0} as urgent.").format(dept)
            self.accept_button.hide()
        elif chosen:
            text = self.tr("Emergency: choose the line to put the caller through to.")
            if self.alert is not None:
                text += " " + self.tr("Proposed: {0}.").format(line_name(self.alert.line.code))
            self.accept_button.setVisible(self.alert is not None)
        elif self.alert is not None:
            text = self.tr("Possible emergency: {0} (\u201c{1}\u201d). Put the caller through to {2}.").format(
                signal_name(self.alert), self.alert.matched, line_name(self.alert.line.code))
            self.accept_button.show()
        else:
            self.hide()
            return
        self.accept_button.setText(self.tr("Emergency, transfer to {0} (Ctrl+E)").format(
            self.alert.line.code if self.alert else ""))
        self.text.setText(text)
        self.show()
