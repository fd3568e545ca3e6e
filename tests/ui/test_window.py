"""The window around the form: caller-ID events over real HTTP, case detail actions,
status bar, shortcuts, names for tools and screen readers, persisted layout."""
from __future__ import annotations

import asyncio
import threading

import httpx
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit, QTabBar

from console.cti import CtiListener
from console.intake import CallRecord
from sync.status import SyncStatus, sync_status_changed
from ui.cti_adapter import CtiAdapter
from ui.shortcuts import SHORTCUTS

REQUIRED = ["intakeCallerPhone", "intakeCallerName", "intakeRequestType", "intakeCategory", "intakeDistrict",
            "intakeAddress", "intakeDescription", "intakeUrgency", "intakeSave", "intakeSaveDispatch", "queueView",
            "queueFilter", "caseTimeline", "syncStatus"]


class _ListenerThread:
    """The caller-ID listener on its own asyncio loop in a thread (as a PBX bridge would see it)."""

    def __init__(self, callback):
        self.loop = asyncio.new_event_loop()
        self.listener = CtiListener(callback, port=0)
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.port = asyncio.run_coroutine_threadsafe(self.listener.start(), self.loop).result(10)

    def close(self):
        asyncio.run_coroutine_threadsafe(self.listener.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def test_cti_webhook_opens_a_form_with_the_number_and_hangup_stops_the_timer(qtbot, window, filled, operator):
    filled.intake.log_call(CallRecord(caller_phone="13800138000", caller_name="赵女士", type="help",
                                      category_code="0402", district="JJ", description="咨询退休手续办理"), operator)
    adapter = CtiAdapter(window)
    adapter.call_event.connect(window.on_call_event)
    server = _ListenerThread(adapter.deliver)
    try:
        url = f"http://127.0.0.1:{server.port}/"
        r = httpx.post(url, json={"event": "newCall", "from": "+8613800138000", "to": "12345", "callId": "abc-1",
                                  "direction": "in", "user": ["op01"]})
        assert r.status_code == 200
        form = window.form
        qtbot.waitUntil(lambda: form.history() is not None)
        assert form.phone.text() == "+8613800138000" and form.call_id == "abc-1"
        assert form.history().case_count == 1 and form.name.text() == "赵女士"
        assert window.call_running() and window.call_label.text().startswith("Call")
        assert httpx.post(url, json={"event": "answer", "callId": "abc-1", "from": "+8613800138000"}).status_code == 200
        assert httpx.post(url, json={"event": "hangup", "callId": "abc-1"}).status_code == 200
        qtbot.waitUntil(lambda: not window.call_running())
        assert window.call_label.text().startswith("Ended")
        assert form.phone.text() == "+8613800138000"  # the form stays for the operator to finish
    finally:
        server.close()


def test_case_detail_shows_instructions_and_takes_allowed_actions(qtbot, window, filled, operator):
    from tests.conftest import LEAD
    saved = filled.intake.log_call(CallRecord(caller_phone="13700002222", type="complaint", category_code="0201",
                                              district="JJ", address="东大街1号", description="夜间施工噪音扰民"),
                                   operator)
    filled.cases.act(saved.number, "instruct", filled.actor("lead01"), "市领导批示：三日内解决", {"level": "city"})
    window.open_case(saved.id)
    detail = window.detail
    assert window.workspace.currentWidget() is detail
    assert detail.instructions.isVisibleTo(detail) and "三日内解决" in detail.instructions.text()
    assert detail.timeline.topLevelItemCount() == 2
    assert set(detail.allowed()) == {"answer", "dispatch", "merge", "edit", "note"} & set(detail.allowed())
    assert {"dispatch", "merge", "answer"} <= set(detail.allowed())
    assert "supervise" not in detail.allowed()  # an operator may not supervise
    detail.action_combo.setCurrentIndex(detail.action_combo.findData("merge"))
    assert "required" in detail.reason_label.text()
    assert not detail.act() and "reason is required" in detail.error.text()
    detail.action_combo.setCurrentIndex(detail.action_combo.findData("dispatch"))
    detail.lead.setCurrentIndex(detail.lead.findData("URBAN"))
    assert detail.act()
    assert filled.cases.get(saved.number).case.state == "dispatched"
    assert detail.timeline.topLevelItemCount() == 3 and "Dispatched" in detail.title.text()
    assert LEAD.role == "team_lead"


def test_callback_records_satisfied_and_resolved(qtbot, window, filled, operator):
    saved = filled.intake.log_call(CallRecord(caller_phone="13700003333", type="consultation", category_code="0402",
                                              description="养老金领取条件", answer="满15年可领取"), operator)
    filled.cases.act(saved.number, "queue_callback", operator)
    window.open_case(saved.id)
    detail = window.detail
    detail.action_combo.setCurrentIndex(detail.action_combo.findData("callback"))
    assert [detail.satisfied.itemData(i) for i in range(detail.satisfied.count())] == [
        "satisfied", "basically_satisfied", "dissatisfied"]
    detail.satisfied.setCurrentIndex(detail.satisfied.findData("basically_satisfied"))
    detail.resolved.setCurrentIndex(detail.resolved.findData(True))
    assert detail.act()
    case = filled.cases.get(saved.number).case
    assert (case.state, case.satisfaction, case.satisfied, case.resolved) == ("closed", "basically_satisfied",
                                                                              True, True)


def test_a_dissatisfied_callback_in_the_window_goes_to_review(qtbot, window, filled, operator):
    saved = filled.intake.log_call(CallRecord(caller_phone="13700003334", type="consultation", category_code="0402",
                                              description="养老金领取条件", answer="满15年可领取"), operator)
    filled.cases.act(saved.number, "queue_callback", operator)
    window.open_case(saved.id)
    detail = window.detail
    detail.action_combo.setCurrentIndex(detail.action_combo.findData("callback"))
    detail.satisfied.setCurrentIndex(detail.satisfied.findData("dissatisfied"))
    detail.reason.setText("答复不清楚")
    assert detail.act()
    assert filled.cases.get(saved.number).case.state == "review"
    assert "review_close" not in detail.allowed()  # an operator's window offers no review decision


def test_status_bar_shows_operator_role_and_sync_state_from_another_thread(qtbot, window):
    assert "op01" in window.operator_label.text() and "Operator" in window.operator_label.text()
    assert window.sync_label.text().startswith("Local only")
    status = SyncStatus(configured=True, online=False, pending=7, conflicts=1)
    t = threading.Thread(target=sync_status_changed.emit, args=(status,))
    t.start()
    t.join()
    qtbot.waitUntil(lambda: "Offline" in window.sync_label.text())
    assert "7 unsynced" in window.sync_label.text() and "1 need attention" in window.sync_label.text()


def test_cheat_sheet_lists_every_shortcut(qtbot, window):
    sheet = window.show_cheat_sheet()
    qtbot.addWidget(sheet)
    assert sheet.table.rowCount() == len(SHORTCUTS)
    keys = {sheet.table.item(r, 0).text() for r in range(sheet.table.rowCount())}
    assert "F1" in keys and "Ctrl+N" in keys
    assert {a.objectName() for a in window.actions()} >= {f"action_{s.id}" for s in SHORTCUTS}


def test_every_input_and_action_is_named_for_tools_and_screen_readers(window):
    for name in REQUIRED:
        assert window.findChild(object, name) is not None, name
    unnamed = []
    for cls in (QLineEdit, QComboBox, QPlainTextEdit, QAbstractButton, QAbstractItemView, QTabBar):
        for w in window.findChildren(cls):
            if w.parent() is not None and isinstance(w.parent(), (QComboBox,)):
                continue  # a combo box's own line edit and popup view
            if type(w).__name__ in ("QScrollBar", "QHeaderView") or w.objectName().startswith("qt_"):
                continue
            if w.window() is not window:
                continue  # completer popups are separate windows
            if not w.objectName() or not w.accessibleName():
                unnamed.append(f"{type(w).__name__}:{w.objectName()}")
    assert [u for u in unnamed if not u.startswith(("QTableCornerButton", "QToolButton:"))] == []


def test_layout_and_column_widths_persist_per_operator(qtbot, window, filled):
    window.splitter.setSizes([600, 450, 316])
    window.queue.table.setColumnWidth(0, 222)
    sizes = window.splitter.sizes()
    window.close()
    from ui.app import build_main_window
    again = build_main_window(filled, filled.actor("op01"))
    qtbot.addWidget(again)
    again.resize(1366, 768)
    again.show()
    assert again.queue.table.columnWidth(0) == 222
    assert again.settings.splitter_sizes == sizes
    other = build_main_window(filled, filled.actor("op02"))
    qtbot.addWidget(other)
    assert other.settings.splitter_sizes == []


def test_knowledge_panel_is_placed_and_a_chosen_article_becomes_the_answer(qtbot, window):
    from types import SimpleNamespace
    panel = window.knowledge_panel
    assert panel is not None and window.knowledge_dock.isAncestorOf(panel)
    assert window.findChild(object, "knowledgeSearch") is not None
    assert window.findChild(object, "knowledgeResults") is not None
    window.new_call("13800138000")
    panel.article_chosen.emit(SimpleNamespace(id="kb-7", title="社保卡补办", answer="携带身份证到社保经办窗口办理。"))
    form = window.form
    assert form.disposition.currentData() == "answer" and form.article_id == "kb-7"
    assert form.answer.toPlainText() == "携带身份证到社保经办窗口办理。"


def test_f8_inserts_the_best_suggestion_while_typing_the_description(qtbot, window):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView as View
    window.new_call("13800138000")
    form = window.form
    form.description.setFocus()
    window.knowledge_panel.suggest_for("我的社保卡丢了要怎么补办")
    results = window.findChild(View, "knowledgeResults")
    qtbot.waitUntil(lambda: results.model() is not None and results.model().rowCount() > 0, timeout=10000)
    assert "F8" in [s.keys for s in SHORTCUTS if s.id == "insert_article"]
    qtbot.keyClick(form.description, Qt.Key.Key_F8)
    assert form.disposition.currentData() == "answer"
    assert form.article_id and form.answer.toPlainText().strip()


def test_case_detail_shows_citizens_markup_as_plain_text(qtbot, window, filled, operator):
    """A description or address filed from outside (Open311) that looks like HTML is shown as the
    characters typed, never rendered (no image loaded, no link, no hidden text)."""
    from PySide6.QtGui import Qt
    markup = '<b>免费领取</b><img src="file:///etc/hostname"><a href="http://example.com">点此回电</a>'
    saved = filled.intake.log_call(CallRecord(caller_phone="13700004444", type="help", category_code="0201",
                                              district="JJ", address="<i>东大街</i>1号", description=markup),
                                   operator)
    filled.cases.act(saved.number, "note", operator, payload={"text": markup})
    window.open_case(saved.id)
    detail = window.detail
    assert Qt.mightBeRichText(detail.description.text())  # a label left on AutoText would render it
    for label in (detail.title, detail.instructions, detail.facts, detail.description):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    assert markup in detail.description.text() and "<i>东大街</i>" in detail.facts.text()
    # a tooltip is always read as rich text when it looks like it: it must render to the typed text
    from PySide6.QtGui import QTextDocument
    tip = detail.timeline.topLevelItem(detail.timeline.topLevelItemCount() - 1).toolTip(3)  # "What happened"
    shown = QTextDocument()
    shown.setHtml(tip)
    assert markup in shown.toPlainText()
