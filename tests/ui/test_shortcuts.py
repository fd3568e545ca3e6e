"""Every shortcut of the window, pressed as a key, does what the cheat sheet says."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from console.intake import CallRecord
from console.queue_filter import VIEWS
from ui.queue_model import COLUMNS
from ui.shortcuts import BY_ID, SHORTCUTS

from .keys import type_text

TESTED = set()


def press(window, shortcut_id: str) -> None:
    """Press the shortcut's keys on whatever has the focus (the window when nothing has)."""
    TESTED.add(shortcut_id)
    combo = QKeySequence(BY_ID[shortcut_id].keys)[0]
    QTest.keyClick(QApplication.focusWidget() or window, combo.key(), combo.keyboardModifiers())


def _focus():
    return QApplication.focusWidget()


def test_ctrl_1_to_7_show_each_view_with_its_cases(qtbot, window):
    queue = window.queue
    counts = queue.service.view_counts()
    assert counts["all"] > 0
    window.form.phone.setFocus()
    for i, view in enumerate(VIEWS, start=1):
        press(window, f"view_{i}")
        assert queue.current_filter().view == view and queue.model.filter.view == view
        # the tab and the table agree with the core's count for the view (never an emptied queue)
        qtbot.waitUntil(lambda v=view: queue.count_label.text() in (f"{counts[v]:,} cases", f"{counts[v]:,}+ cases"))
        assert queue.model.rowCount() == min(counts[view], queue.model.rowCount()) and \
            (queue.model.rowCount() > 0) == (counts[view] > 0)
        assert _focus() is queue.table


def test_new_call_save_and_save_dispatch_keys(qtbot, window):
    window.queue.focus_filter()
    press(window, "new_call")
    assert window.workspace.currentWidget() is window.form and _focus() is window.form.phone
    press(window, "save")  # an empty call: refused beside the fields, nothing saved
    assert window.form.error_text("type")
    window.form.phone.setFocus()
    window.form._clear_errors()
    before = window.queue.service.view_counts()["all"]
    press(window, "save_dispatch")  # refused or previewed (a second key commits): nothing saved yet
    assert window.queue.service.view_counts()["all"] == before
    assert window.workspace.currentWidget() is window.form


def test_focus_keys_reach_phone_description_queue_filter_and_knowledge(qtbot, window):
    window.queue.table.setFocus()
    press(window, "focus_description")
    assert _focus() is window.form.description
    press(window, "focus_phone")
    assert _focus() is window.form.phone
    press(window, "focus_queue")
    assert _focus() is window.queue.filter_edit
    press(window, "focus_knowledge")
    assert _focus() is window.knowledge_dock.findChild(QWidget, "knowledgeSearch")


def test_caller_history_by_keys_opens_a_case(qtbot, window, filled, operator):
    earlier = filled.intake.log_call(CallRecord(caller_phone="13912345670", type="consultation",
                                                category_code="0402", description="咨询养老保险缴费年限"), operator)
    window.new_call()
    type_text(window.form.phone, "13912345670")
    qtbot.waitUntil(lambda: window.form.history() is not None)
    press(window, "focus_history")
    assert _focus() is window.form.history_view
    QTest.keyClick(_focus(), Qt.Key.Key_Return)
    assert window.workspace.currentWidget() is window.detail and window.detail.detail.case.number == earlier.number


def test_any_duplicate_can_be_chosen_by_keys_and_merged(qtbot, window, filled, operator):
    rec = dict(type="complaint", category_code="0201", district="JJ", address="红星路三段1号")
    first = filled.intake.log_call(
        CallRecord(caller_phone="13700001111", description="红星路三段工地夜间施工噪音扰民严重", **rec), operator)
    second = filled.intake.log_call(
        CallRecord(caller_phone="13700001112", description="红星路三段工地夜里施工噪音太大", **rec), operator)
    form = window.form
    window.new_call()
    form.type_combo.setCurrentIndex(form.type_combo.findData("complaint"))
    form.category.set_code("0201")
    form.district.setCurrentIndex(form.district.findData("JJ"))
    type_text(form.address, "红星路三段1号")
    type_text(form.description, "红星路三段工地夜间施工噪音很大")
    qtbot.waitUntil(lambda: form.dup_model.rowCount() >= 2)
    press(window, "focus_duplicates")
    assert _focus() is form.duplicates
    QTest.keyClick(_focus(), Qt.Key.Key_Down)  # the second likely duplicate
    target = form.dup_model.case_at(1)
    assert target.number in (first.number, second.number)
    press(window, "merge")  # asks first (a reason, Enter merges)
    qtbot.waitUntil(lambda: getattr(form, "merge_dialog", None) is not None and form.merge_dialog.isVisible())
    form.merge_dialog.reason.setText("同一工地噪音重复来电")
    qtbot.keyClick(form.merge_dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.phone.text() == "")
    merged = filled.cases.get(target.number).merged  # the surviving case lists what was merged into it
    assert len(merged) == 1 and filled.cases.get(merged[0].number).case.merged_into == target.number


def test_merge_without_a_duplicate_says_so(qtbot, window):
    window.new_call()
    with qtbot.waitSignal(window.form.status_message) as sig:
        press(window, "merge")
    assert "No likely duplicate" in sig.args[0]


def test_ctrl_e_sets_the_proposed_emergency(qtbot, window):
    window.new_call()
    type_text(window.form.description, "有人落水了")
    press(window, "emergency")
    assert window.form.urgency.currentData() == "emergency" and window.form.transfer.currentData() == "119"


def test_discard_empties_the_form(qtbot, window):
    window.new_call()
    type_text(window.form.description, "要放弃的内容")

    def confirm():  # the form asks before throwing typed text away
        from PySide6.QtWidgets import QMessageBox
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(QMessageBox.StandardButton.Discard).click()
    QTimer.singleShot(200, confirm)
    press(window, "discard")
    qtbot.waitUntil(lambda: window.form.description.toPlainText() == "")


def test_f8_inserts_the_selected_article(qtbot, window):
    window.new_call()
    type_text(window.form.description, "养老保险缴费年限")
    panel = window.knowledge_panel
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=10000)
    panel.results.setCurrentRow(0)
    window.form.description.setFocus()
    press(window, "insert_article")
    assert window.form.disposition.currentData() == "answer" and window.form.answer.toPlainText()


def test_open_case_and_back_to_the_form(qtbot, window):
    window.queue.table.setFocus()
    window.queue.table.selectRow(0)
    chosen = window.queue.current_case_id()
    press(window, "open_case")
    assert window.workspace.currentWidget() is window.detail and window.detail.detail.case.id == chosen
    press(window, "show_form")
    assert window.workspace.currentWidget() is window.form


def test_f5_refreshes_the_counts_at_once(qtbot, window, filled, operator):
    before = window.queue.view_counts()["all"]
    filled.intake.log_call(CallRecord(caller_phone="13700005555", type="consultation", category_code="0402",
                                      description="咨询公积金提取"), operator)
    press(window, "refresh")  # the change signal waits 300 ms; F5 does not
    assert window.queue.view_counts()["all"] == before + 1
    assert f"({before + 1:,})" in window.queue.tabs.tabText(VIEWS.index("all"))


def test_f9_sorts_by_the_current_column_and_again_reverses(qtbot, window):
    table = window.queue.table
    table.setFocus()
    table.setCurrentIndex(window.queue.model.index(0, COLUMNS.index("number")))
    press(window, "sort_queue")
    assert window.queue.model.sort_key == "number" and not window.queue.model.descending
    numbers = [window.queue.model.row_at(i).number for i in range(5)]
    assert numbers == sorted(numbers)
    table.setCurrentIndex(window.queue.model.index(0, COLUMNS.index("number")))
    press(window, "sort_queue")
    assert window.queue.model.sort_key == "number" and window.queue.model.descending


def test_f6_cycles_the_panes_and_comes_back_where_it_was(qtbot, window):
    window.form.description.setFocus()
    press(window, "next_pane")
    assert window.knowledge_dock.isAncestorOf(_focus())
    press(window, "next_pane")
    assert window.queue.isAncestorOf(_focus())
    press(window, "next_pane")
    assert _focus() is window.form.description  # where the focus was in the workspace
    press(window, "previous_pane")
    assert window.queue.isAncestorOf(_focus())


def test_ctrl_page_keys_step_through_the_workspace_pages(qtbot, window):
    window.form.phone.setFocus()
    start = window.workspace.currentIndex()
    press(window, "next_page")
    assert window.workspace.currentIndex() == (start + 1) % window.workspace.count()
    assert window.workspace.currentWidget().isAncestorOf(_focus())
    press(window, "previous_page")
    assert window.workspace.currentIndex() == start


def test_sync_panel_opens_by_keys_with_the_focus_in_it(qtbot, window, filled):
    from ui.sync_panel import SyncController
    controller = SyncController(window, filled, filled.actor("op01"), None)
    window.form.phone.setFocus()
    press(window, "sync_panel")
    dialog = window.findChild(QDialog, "syncDialog")
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: _focus() is not None and dialog.isAncestorOf(_focus()))
    dialog.close()
    assert controller.panel is not None


def test_lock_key_asks_for_the_lock(qtbot, window):
    window.form.phone.setFocus()
    with qtbot.waitSignal(window.lock_requested):  # what locking shows is tested in test_lock.py
        press(window, "lock")


def test_f1_opens_the_cheat_sheet_and_ctrl_q_quits(qtbot, window):
    window.form.phone.setFocus()
    press(window, "cheat_sheet")
    sheet = window._cheat_sheet
    assert sheet.isVisible() and sheet.table.rowCount() == len(SHORTCUTS)
    sheet.close()
    window.activateWindow()
    window.form.phone.setFocus()
    press(window, "quit")
    assert not window.isVisible()


# the call bar's and caller log's keys are pressed in tests/ui/test_call_bar.py
CALL_BAR_KEYS = {"next_call", "previous_call", "caller_log", "call_back"}


def test_every_shortcut_has_its_test():
    assert TESTED | CALL_BAR_KEYS == set(BY_ID), sorted(set(BY_ID) - TESTED - CALL_BAR_KEYS)
