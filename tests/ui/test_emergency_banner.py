"""The emergency banner in the real window: proposes 特急 and the right line from the words,
one key accepts, and it says what was logged only after the save logged it."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .keys import type_text


def _key(qtbot, key, mod=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, mod)


def test_unconscious_caller_is_transferred_with_only_the_description(qtbot, window, filled):
    form, banner = window.form, window.form.emergency_banner
    window.new_call("13800138000")
    form.description.setFocus()
    type_text(form.description, "老人在家摔倒昏迷不醒")
    qtbot.waitUntil(lambda: banner.isVisibleTo(form) and banner.alert is not None)
    assert banner.alert.line.code == "120" and "120" in banner.accept_button.text()
    assert "Logged" not in banner.text.text()
    _key(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # one key: 特急 and the line
    assert form.urgency.currentData() == "emergency" and form.transfer.currentData() == "120"
    assert "put the caller through to 120" in banner.text.text() and "Logged" not in banner.text.text()
    _key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # no category, no district: still logged
    qtbot.waitUntil(lambda: "Logged" in banner.text.text())
    number = banner.text.text().split()[1]
    detail = filled.cases.get(number)
    assert detail.case.state == "closed" and detail.events[-1].payload == {"to": "120"}
    assert "transferred to 120" in banner.text.text()


def test_gas_leak_goes_to_the_gas_line_and_to_the_gas_company_as_urgent(qtbot, window, filled):
    form, banner = window.form, window.form.emergency_banner
    window.new_call("13900001111")
    form.category.set_code("0108")
    form.description.setFocus()
    type_text(form.description, "楼道里有股味道，燃气管接口嘶嘶响")
    qtbot.waitUntil(lambda: banner.alert is not None)
    assert banner.alert.line.code == "96777" and banner.alert.utility
    banner.accept_button.click()
    assert form.transfer.currentData() == "96777" and "dispatched to" in banner.text.text()
    saved = form.save()
    assert saved is not None
    case = filled.cases.get(saved.number).case
    assert (case.state, case.urgency, case.lead_department) == ("dispatched", "urgent", "GAS")
    assert "put through to 96777" in banner.text.text() and "as urgent" in banner.text.text()


def test_tricky_negatives_show_nothing_and_a_manual_emergency_asks_for_the_line(qtbot, window):
    form, banner = window.form, window.form.emergency_banner
    window.new_call()
    type_text(form.description, "火锅店油烟太大，消防通道被占")
    banner.check()
    assert not banner.isVisibleTo(form)
    form.urgency.setCurrentIndex(form.urgency.findData("emergency"))
    assert banner.isVisibleTo(form) and "choose the line" in banner.text.text()
    assert form.transfer.findData("96777") > 0 and form.transfer.findData("122") > 0
