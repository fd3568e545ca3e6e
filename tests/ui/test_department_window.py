"""The department mode of the window: a liaison's account opens the unit's inbox (no call
bar, form or knowledge panel), the tabs count live, and the department's actions are taken
from the keyboard: F2 signs for, F8 replies, F3 returns, F4 asks for more time, an
assisting unit gives its opinion; only what console.permissions allows is offered."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableWidget, QWidget

from console import inbox
from console.demo import fill
from console.dto import Actor
from ui.department.inbox import tab_label
from ui.department.window import DepartmentWindow
from ui.shortcuts import DEPARTMENT_SHORTCUTS

from ..console.test_inbox import walk_one_of_each
from .keys import type_text

URBAN = Actor("urban", "liaison", "城管联络员", department="URBAN")
HRSS = Actor("hrss", "liaison", "人社联络员", department="HRSS")
KEYS = {s.id: s.keys for s in DEPARTMENT_SHORTCUTS}


@pytest.fixture
def unit_profile(profile):
    fill(profile.db, 200, seed=11)
    profile.made = walk_one_of_each(profile)
    return profile


def _window(qtbot, prof, actor):
    from ui.app import build_main_window
    win = build_main_window(prof, actor, attempt=lambda _l, _p: None)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.start()
    return win


def press(win, shortcut_id: str) -> None:
    combo = QKeySequence(KEYS[shortcut_id])[0]
    QTest.keyClick(QApplication.focusWidget() or win, combo.key(), combo.keyboardModifiers())


def _select(win, number: str) -> None:
    for tab in inbox.TABS:
        win.inbox.show_tab(tab)
        for row in range(win.inbox.model.rowCount()):
            if win.inbox.model.row_at(row).number == number:
                win.inbox.table.setCurrentIndex(win.inbox.model.index(row, 0))
                win.inbox.table.setFocus()
                return
    raise AssertionError(f"{number} is in no tab")


def _counts(win) -> dict[str, int]:
    return {win.inbox.tabs.tabData(i): int(win.inbox.tabs.tabText(i).rsplit("(", 1)[1].rstrip(")").replace(",", ""))
            for i in range(win.inbox.tabs.count())}


def test_a_liaison_gets_the_units_inbox_and_no_seat_parts(qtbot, unit_profile):
    win = _window(qtbot, unit_profile, URBAN)
    assert isinstance(win, DepartmentWindow)
    assert win.findChild(QWidget, "departmentInbox") is win.inbox
    for seat_only in ("callBar", "intakeForm", "knowledgeDock", "knowledgePanel", "workspaceTabs"):
        assert win.findChild(QWidget, seat_only) is None, seat_only
    assert [win.inbox.tabs.tabText(i).rsplit(" (", 1)[0] for i in range(win.inbox.tabs.count())] == \
        [tab_label(t) for t in inbox.TABS]
    assert _counts(win) == inbox.counts(win.services.queue, "URBAN")
    assert _counts(win)["to_sign"] >= 1 and _counts(win)["returned"] >= 1
    assert "Department liaison" in win.operator_label.text() and "市城市管理委员会" in win.operator_label.text()


def test_a_seat_still_gets_the_seat(qtbot, unit_profile):
    win = _window(qtbot, unit_profile, unit_profile.actor("op01"))
    assert not isinstance(win, DepartmentWindow)
    assert win.findChild(QWidget, "departmentInbox") is None


def test_sign_for_and_reply_by_keyboard_and_the_counts_follow(qtbot, unit_profile):
    win = _window(qtbot, unit_profile, URBAN)
    number = unit_profile.made["to_sign"]
    before = _counts(win)
    _select(win, number)
    press(win, "sign_for")
    assert unit_profile.cases.get(number).case.state == "accepted"
    qtbot.waitUntil(lambda: _counts(win)["to_sign"] == before["to_sign"] - 1)
    assert _counts(win)["in_progress"] == before["in_progress"] + 1
    press(win, "sign_for")  # signed for already: not offered, nothing written
    assert "Not offered" in win.statusBar().currentMessage()
    press(win, "reply")
    assert QApplication.focusWidget() is win.detail.result
    type_text(win.detail.result, "已更换灯泡，恢复照明")
    win.detail.reply_resolved.setCurrentIndex(win.detail.reply_resolved.findData(False))
    press(win, "do_action")
    detail = unit_profile.cases.get(number)
    assert detail.case.state == "replied"
    reply = detail.events[-1]
    assert (reply.kind, reply.actor, reply.payload) == ("reply", "urban", {"result": "已更换灯泡，恢复照明",
                                                                            "resolved": False})


def test_an_empty_reply_is_refused_beside_the_field(qtbot, unit_profile):
    win = _window(qtbot, unit_profile, URBAN)
    number = unit_profile.made["in_progress"]
    _select(win, number)
    press(win, "reply")
    press(win, "do_action")
    assert "result" in win.detail.error.text()
    assert unit_profile.cases.get(number).case.state == "accepted"


def test_return_with_the_unit_believed_responsible(qtbot, unit_profile):
    win = _window(qtbot, unit_profile, URBAN)
    number = unit_profile.made["to_sign"]
    _select(win, number)
    press(win, "return_case")
    assert QApplication.focusWidget() is win.detail.suggested
    win.detail.suggested.setCurrentIndex(win.detail.suggested.findData("HOUSING"))
    win.detail.reason.setFocus()
    type_text(win.detail.reason, "属于住建部门职责")
    QTest.keyClick(win.detail.reason, Qt.Key.Key_Return)
    detail = unit_profile.cases.get(number)
    assert detail.case.state == "return_review"
    assert (detail.events[-1].reason, detail.events[-1].payload) == ("属于住建部门职责", {"suggested_unit": "HOUSING"})


def test_an_extension_request_with_working_days_and_a_reason(qtbot, unit_profile):
    win = _window(qtbot, unit_profile, URBAN)
    number = unit_profile.made["in_progress"]
    _select(win, number)
    press(win, "request_extension")
    assert QApplication.focusWidget() is win.detail.extension_days
    win.detail.extension_days.setValue(3)
    press(win, "do_action")  # no reason yet: refused, nothing written
    assert unit_profile.cases.get(number).case.extension_requested is None
    type_text(win.detail.reason, "需协调施工单位")
    press(win, "do_action")
    assert unit_profile.cases.get(number).case.extension_requested == "3wd"
    win.inbox.show_tab("extension")
    assert number in [win.inbox.model.row_at(r).number for r in range(win.inbox.model.rowCount())]


def test_an_assisting_unit_is_offered_its_opinion_only(qtbot, unit_profile):
    win = _window(qtbot, unit_profile, HRSS)
    number = unit_profile.made["in_progress"]
    _select(win, number)
    assert win.inbox.current_tab() == "assisting"
    win.detail.load(number)
    offered = [win.detail.action_combo.itemData(i) for i in range(win.detail.action_combo.count())]
    assert "assist_opinion" in offered and not {"accept", "reply", "return", "request_extension"} & set(offered)
    press(win, "assist_opinion")
    type_text(win.detail.reason, "我局可提供施工许可信息")
    press(win, "do_action")
    last = unit_profile.cases.get(number).events[-1]
    assert (last.kind, last.actor, last.payload) == ("assist_opinion", "hrss", {"text": "我局可提供施工许可信息"})
    press(win, "sign_for")  # the lead's action: not offered to an assisting unit
    assert unit_profile.cases.get(number).case.state == "accepted"


def test_ctrl_digits_show_each_tab_and_f1_lists_the_departments_keys(qtbot, unit_profile):
    win = _window(qtbot, unit_profile, URBAN)
    for i, tab in enumerate(inbox.TABS, start=1):
        press(win, f"tab_{i}")
        assert win.inbox.current_tab() == tab
    sheet = win.show_cheat_sheet()
    qtbot.addWidget(sheet)
    table = sheet.findChild(QTableWidget, "cheatSheetTable")
    shown = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert "Sign for the selected case" in shown and "Reply: the result, resolved or not" in shown
    assert not any("call" in s.lower() for s in shown)


def test_pass_a_case_down_to_a_unit_below(qtbot, unit_profile):
    """Ctrl+Shift+D lists the units directly below (console.refdata.children once the reference
    data has levels; here the units are given with their parents) and passes the case down: it
    leaves To sign for and stays in view under Passed down."""
    from dataclasses import replace
    from types import SimpleNamespace

    from ui.bridge import core_signals_bridge
    from ui.department.actions import units_below
    from ui.services import build_services
    services = build_services(unit_profile, URBAN)
    below = {"URBAN-ZHIFA": "URBAN", "PSB-HUJI": "PSB"}
    units = [SimpleNamespace(**{**vars(d), "parent_code": below.get(d.code)}) for d in services.departments]
    services = replace(services, departments=units)
    assert [u.code for u in units_below(services, "URBAN")] == ["URBAN-ZHIFA"]
    win = DepartmentWindow(services, core_signals_bridge())
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.start()
    number = unit_profile.made["to_sign"]
    _select(win, number)
    press(win, "sub_dispatch")
    assert QApplication.focusWidget() is win.detail.below
    assert [win.detail.below.itemData(i) for i in range(win.detail.below.count())] == ["URBAN-ZHIFA"]
    press(win, "do_action")
    case = unit_profile.cases.get(number).case
    assert (case.state, case.lead_department) == ("dispatched", "URBAN-ZHIFA")
    win.inbox.show_tab("passed_down")
    assert number in [win.inbox.model.row_at(r).number for r in range(win.inbox.model.rowCount())]
    win.inbox.show_tab("to_sign")
    assert number not in [win.inbox.model.row_at(r).number for r in range(win.inbox.model.rowCount())]


def test_the_lock_hides_the_units_cases(qtbot, unit_profile):
    win = _window(qtbot, unit_profile, URBAN)
    press(win, "lock")
    assert win.lock_control.is_locked()
    assert not win.centralWidget().isVisible() and not win.statusBar().isVisible()
    assert all(not a.isEnabled() for a in win.actions_by_id.values())
    win.lock_control.unlock()
    assert win.inbox.isVisible()
