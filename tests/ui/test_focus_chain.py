"""Every page of the window by keyboard alone: Tab reaches every interactive widget and leaves
every table; what Tab leaves out on purpose is reached by the shortcut named here (tested in
test_shortcuts.py)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QWidget

from console.intake import CallRecord

from .focus_walk import interactive, name, walk

# out of the conversation's Tab chain on purpose, each with its shortcut
BY_SHORTCUT = {"intakeHistory": "Alt+3", "intakeDuplicates": "Alt+4", "intakeMerge": "Ctrl+M"}


def _check(root, start):
    for back in (False, True):
        seen, traps = walk(root, start, back=back)
        assert not traps, f"Tab is trapped in {sorted({name(w) for w in traps})}"
        missing = [name(w) for w in interactive(root) if w not in seen and w.objectName() not in BY_SHORTCUT]
        assert not missing, f"not reachable by {'Shift+' if back else ''}Tab: {missing}"


def test_call_page_queue_and_knowledge_by_tab(qtbot, window, filled, operator):
    filled.intake.log_call(CallRecord(caller_phone="13912345678", type="consultation", category_code="0402",
                                      description="咨询养老保险缴费年限"), operator)
    window.new_call("13912345678")
    qtbot.waitUntil(lambda: window.form.history() is not None)
    _check(window, window.form.phone)


@pytest.mark.parametrize("role", ["op01", "lead01"])
def test_case_page_by_tab(qtbot, window, filled, role):
    window.services.actor = filled.actor(role)
    window.queue.table.selectRow(0)
    window.open_case(window.queue.current_case_id())
    assert window.workspace.currentWidget() is window.detail
    _check(window, window.detail.action_combo)


def test_dashboard_page_by_tab(qtbot, window):
    page = window.findChild(QWidget, "dashboardPage")
    window.workspace.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.data is not None, timeout=20000)
    _check(window, window.workspace.tabBar())


def test_sync_panel_and_cheat_sheet_by_tab(qtbot, window, filled):
    from ui.sync_panel import SyncController
    SyncController(window, filled, filled.actor("op01"), None).open_panel()
    dialog = window.findChild(QDialog, "syncDialog")
    qtbot.waitExposed(dialog)
    _check(dialog, dialog.findChild(QWidget, "syncNow"))
    dialog.close()
    sheet = window.show_cheat_sheet()
    qtbot.waitExposed(sheet)
    _check(sheet, sheet.table)


def test_the_action_panel_tab_order_follows_the_screen(qtbot, window, filled, operator):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    saved = filled.intake.log_call(CallRecord(caller_phone="13700002222", type="complaint", category_code="0201",
                                              district="JJ", address="东大街1号", description="夜间施工噪音扰民"),
                                   operator)
    window.open_case(saved.id)
    detail = window.detail
    detail.action_combo.setCurrentIndex(detail.action_combo.findData("dispatch"))
    detail.timeline.setFocus()
    order = []
    for _ in range(7):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget().objectName())
    assert order == ["caseTimelineText", "caseAction", "caseLeadDepartment", "caseAssistDepartments",
                     "caseAssistDepartmentsShowAll", "caseReason", "caseApply"]


def test_the_timeline_reads_as_sentences_with_unit_names_and_in_full_by_keys(qtbot, window, filled, operator):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from console.dto import Actor
    liaison = Actor("GOV-JJ", "liaison", "锦江区联络员", department="GOV-JJ")
    saved = filled.intake.log_call(CallRecord(caller_phone="13700003333", type="complaint", category_code="0201",
                                              district="JJ", address="东大街2号", description="夜间施工噪音扰民",
                                              lead_department="GOV-JJ"), operator)
    long_result = "已现场核查并责令施工单位停止夜间施工，" * 8
    filled.cases.act(saved.number, "accept", liaison, "", {})
    filled.cases.act(saved.number, "reply", liaison, "", {"result": long_result})
    window.open_case(saved.id)
    tree = window.detail.timeline
    rows = [[tree.topLevelItem(i).text(c) for c in range(4)] for i in range(tree.topLevelItemCount())]
    joined = repr(rows)
    assert "lead_department=" not in joined and "result=" not in joined and "GOV-JJ" not in joined
    jj = window.services.names.departments["GOV-JJ"]
    assert rows[1][3] == f"Dispatched to {jj}" and rows[2][1] == jj and rows[2][3] == "Signed for the case"
    tree.setFocus()
    QTest.keyClick(tree, Qt.Key.Key_End)
    QTest.keyClick(tree, Qt.Key.Key_Tab)
    full = window.detail.timeline_view.full
    assert QApplication.focusWidget() is full and long_result in full.toPlainText()


def test_queue_views_are_one_tab_stop_chosen_with_arrows(qtbot, window):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from console.queue_filter import VIEWS
    bar = window.queue.tabs
    bar.setFocus()
    QTest.keyClick(bar, Qt.Key.Key_Home)
    assert window.queue.current_filter().view == VIEWS[0]
    QTest.keyClick(bar, Qt.Key.Key_Right)
    assert window.queue.model.filter.view == VIEWS[1]
    QTest.keyClick(bar, Qt.Key.Key_End)
    assert window.queue.model.filter.view == VIEWS[-1]
    # every view's button is on screen (the bar wraps instead of scrolling tabs out of sight)
    for b in bar._buttons:
        assert bar.rect().contains(b.geometry()), b.text()


def test_dashboard_charts_drill_down_by_keys(qtbot, filled):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from ui.app import build_main_window
    window = build_main_window(filled, filled.actor("lead01"))  # the team lead's full dashboard
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.start()
    page = window.findChild(QWidget, "dashboardPage")
    window.workspace.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.data is not None and bool(page._filters.get("hourly")), timeout=20000)
    _check(window, window.workspace.tabBar())  # the lead's whole dashboard by Tab, charts included
    window.workspace.setCurrentWidget(page)
    chart = page.hourly.widget
    chart.setFocus()
    QTest.keyClick(chart, Qt.Key.Key_Home)
    for _ in range(10):
        QTest.keyClick(chart, Qt.Key.Key_Right)
    assert page.hourly.keys.marker.isVisible() and page.hourly.keys.index == 10
    expected = page._filters["hourly"][10]
    QTest.keyClick(chart, Qt.Key.Key_Return)
    assert window.queue.model.filter == expected
    window.workspace.setCurrentWidget(page)
    bars = page.categories
    qtbot.waitUntil(lambda: bars.n > 0 and bool(page._filters.get("categories_week")))
    bars.widget.setFocus()
    QTest.keyClick(bars.widget, Qt.Key.Key_End)
    assert bars.keys.index == bars.n - 1
    expected = page._filters["categories_week"][bars.n - 1]
    QTest.keyClick(bars.widget, Qt.Key.Key_Return)
    assert window.queue.model.filter == expected
    page.stop()
    window.close()


def test_a_focused_button_looks_different(qtbot, window):
    button = window.form.save_button
    window.form.phone.setFocus()
    plain = button.grab().toImage()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    focused = button.grab().toImage()
    assert plain != focused
