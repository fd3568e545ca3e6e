"""Several calls at once: a call that rings during another rings in the call bar and never
takes the form; keys switch calls; the caller log and its one-key callback; timers and the
handling time read from the stored call times. Real HTTP to the caller-ID listener."""
from __future__ import annotations

import httpx
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from console import metrics
from console.intake import CallRecord
from ui.cti_adapter import CtiAdapter

from .keys import type_text
from .test_window import _ListenerThread


def _post(url, **event):
    r = httpx.post(url, json=event)
    assert r.status_code == 200, r.text
    return r


def _key(window, key, mods=Qt.KeyboardModifier.NoModifier):
    QTest.keyClick(QApplication.focusWidget() or window, key, mods)
    QApplication.processEvents()


def test_a_second_call_rings_in_the_bar_and_keys_switch_between_calls(qtbot, window, filled, operator):
    for _ in range(2):
        filled.intake.log_call(CallRecord(caller_phone="13912345678", type="help", category_code="0402",
                                          district="JJ", description="咨询退休手续办理"), operator)
    adapter = CtiAdapter(window)
    adapter.call_event.connect(window.on_call_event)
    server = _ListenerThread(adapter.deliver)
    form, bar = window.form, window.call_bar
    try:
        url = f"http://127.0.0.1:{server.port}/"
        _post(url, event="newCall", callId="A", **{"from": "13800138000"})
        qtbot.waitUntil(lambda: form.call_id == "A")
        _post(url, event="answer", callId="A", **{"from": "13800138000"})
        type_text(form.description, "小区门口路灯不亮")
        _post(url, event="newCall", callId="B", **{"from": "13912345678"})
        qtbot.waitUntil(lambda: any(e.key == "B" for e in bar.entries))
        # the form keeps the call in progress; B rings in the bar with its caller and history
        assert form.call_id == "A" and form.description.toPlainText() == "小区门口路灯不亮"
        ringing = next(e for e in bar.entries if e.key == "B")
        assert ringing.kind == "ringing" and ringing.history_count == 2
        assert "139 1234 5678" in bar.list.item(bar.entries.index(ringing)).text()
        _post(url, event="answer", callId="B", **{"from": "13912345678"})
        qtbot.waitUntil(lambda: next(e for e in bar.entries if e.key == "B").kind == "held")
        assert form.call_id == "A"  # answering on the phone still doesn't take the form

        form.description.setFocus()
        _key(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
        assert form.call_id == "B" and form.phone.text() == "13912345678" and form.description.toPlainText() == ""
        assert {e.key: e.kind for e in bar.entries} == {"A": "held", "B": "active"}
        _key(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
        assert form.call_id == "A" and form.description.toPlainText() == "小区门口路灯不亮"

        _post(url, event="newCall", callId="C", **{"from": "13700001111"})
        _post(url, event="hangup", callId="C", cause="normalClearing")  # the caller gave up
        qtbot.waitUntil(lambda: all(e.key != "C" for e in bar.entries))
        assert form.call_id == "A"
    finally:
        server.close()


def test_the_caller_log_lists_outcomes_and_calls_back_with_one_key(qtbot, window):
    from console.cti import CallEvent
    window.on_call_event(CallEvent("newCall", "M", "13700001111"))
    window.on_call_event(CallEvent("hangup", "M", "", cause="busy"))
    window.on_call_event(CallEvent("newCall", "X", "13600002222"))
    window.on_call_event(CallEvent("hangup", "X", "", cause="normalClearing"))
    window.form.description.setFocus()
    _key(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    log = window.caller_log
    assert window.workspace.currentWidget() is log and log.table.hasFocus()
    outcomes = {log.model.row_at(r).call_id: log.model.index(r, 3).data() for r in range(log.model.rowCount())}
    assert outcomes["M"] == "Missed" and outcomes["X"] == "Abandoned"
    row = next(r for r in range(log.model.rowCount()) if log.model.row_at(r).call_id == "M")
    log.table.selectRow(row)
    _key(window, Qt.Key.Key_F9)
    assert window.workspace.currentWidget() is window.form and window.form.phone.text() == "13700001111"
    assert window.call_running()
    assert log.model.row_at(next(r for r in range(log.model.rowCount())
                                 if log.model.row_at(r).call_id == "M")).called_back_at is not None


def test_the_timer_survives_a_restart_and_handling_time_is_answer_to_save(qtbot, window, filled):
    from console.cti import CallEvent
    from ui.app import build_main_window
    window.on_call_event(CallEvent("newCall", "T", "13800138000"))
    window.on_call_event(CallEvent("answer", "T", "13800138000"))
    answered = window.calls.get("T").answered_at
    type_text(window.form.description, "问社保卡补办的地点")
    window.close()  # the draft is written on close
    again = build_main_window(filled, filled.actor("op01"))
    qtbot.addWidget(again)
    again.show()
    again.start()
    assert again.form.call_id == "T" and again.call_running()
    assert again.call_bar.active_call().answered_at == answered  # the timer counts from the stored answer
    assert again.call_label.text().startswith("Call")
    form = again.form
    form.type_combo.setCurrentIndex(form.type_combo.findData("consultation"))
    form.category.set_code("0101")
    saved = form.save()
    assert saved is not None
    call = again.calls.get("T")
    assert call.case_number == saved.number and call.handling_seconds() is not None
    today = filled.cases.clock().date()
    from datetime import timedelta
    fig = next(f for f in metrics.operator_figures(filled.db, today - timedelta(days=1), today + timedelta(days=2))
               if f.login == "op01")
    assert fig.handled >= 1 and fig.avg_handling_minutes is not None
    qtbot.waitUntil(lambda: all(e.key != "T" for e in again.call_bar.entries))  # saved: it leaves the bar
    again.close()


def test_the_caller_log_model_passes_the_item_model_tester(qtbot, window):
    from PySide6.QtTest import QAbstractItemModelTester

    from console.cti import CallEvent
    model = window.caller_log.model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal, window)
    window.new_call("13900000000")
    type_text(window.form.description, "正在受理")  # the form is busy: the calls below only ring
    window.show_caller_log()
    for n in range(3):
        window.on_call_event(CallEvent("newCall", f"q{n}", f"1380013800{n}"))
    assert window.workspace.currentWidget() is window.caller_log
    assert model.rowCount() == 4  # the page shown refreshes on each event
    window.caller_log.filter.setCurrentIndex(window.caller_log.filter.findData("missed"))
    assert model.rowCount() == 0
