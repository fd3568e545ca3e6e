"""The whole intake by keyboard in the real window: phone, history, category by
pinyin, save, the case on top of the queue with its deadline."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from console.intake import CallRecord
from console.queue_filter import QueueFilter
from ui.queue_model import COLUMNS

from .keys import type_text

PHONE = "13912345678"


def _focused():
    return QApplication.focusWidget()


def _type(qtbot, text):
    type_text(_focused(), text)


def _key(qtbot, key, mod=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(_focused(), key, mod)


def test_keyboard_intake_end_to_end(qtbot, window, filled, operator):
    earlier = filled.intake.log_call(CallRecord(caller_phone=PHONE, caller_name="王先生", type="consultation",
                                                category_code="0402", description="咨询养老保险缴费年限"), operator)
    form = window.form
    _key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # new call from anywhere
    assert _focused() is form.phone
    _type(qtbot, PHONE)
    qtbot.waitUntil(lambda: form.history() is not None)
    assert form.history().case_count == 1
    assert form.history_model.rowCount() == 1
    assert form.history_model.case_at(0).number == earlier.number
    assert form.repeat_flag.isVisibleTo(form)
    assert form.name.text() == "王先生"  # known caller's name filled in

    _key(qtbot, Qt.Key.Key_Tab)
    assert _focused() is form.name
    _key(qtbot, Qt.Key.Key_Tab)
    assert _focused() is form.type_combo
    for _ in range(3):  # Choose... -> consultation -> help -> complaint
        _key(qtbot, Qt.Key.Key_Down)
    assert form.type_combo.currentData() == "complaint"
    _key(qtbot, Qt.Key.Key_Tab)
    assert _focused() is form.category
    _type(qtbot, "wy")
    wygl = next(c.code for c in window.services.categories if c.name == "物业管理")
    assert wygl in form.category.matches()[:5]  # `wy` finds 物业管理 among the first few
    assert form.category.completer_.popup().isVisible()
    _type(qtbot, "gl")
    assert form.category.matches()[0] == wygl
    _key(qtbot, Qt.Key.Key_Return)
    assert form.category.code() == wygl and "物业管理" in form.category.text()
    _key(qtbot, Qt.Key.Key_Tab)
    assert _focused() is form.district
    _type(qtbot, "锦江区")
    _key(qtbot, Qt.Key.Key_Tab)
    assert form.district.currentData() == "JJ"
    assert _focused() is form.address
    _type(qtbot, "东大街88号锦华苑小区")
    _key(qtbot, Qt.Key.Key_Tab)
    assert _focused() is form.description
    _type(qtbot, "小区电梯坏了两周物业一直不修")
    _key(qtbot, Qt.Key.Key_Tab)
    assert _focused() is form.urgency
    _key(qtbot, Qt.Key.Key_Tab)
    assert _focused() is form.disposition
    assert "dispatch by" in form.deadline_label.text()

    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # shows where it goes, saves nothing
    assert form.confirm_label.isVisibleTo(form) and window.services.drafts.latest("op01") is not None
    lead = next(d.name for d in window.services.departments if d.code == form.lead.currentData())
    assert lead in form.confirm_label.text() and "reply by" in form.confirm_label.text()
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # the second press saves and dispatches
    assert form.error_text("_") == ""
    model = window.queue.model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and model.row_at(0).caller_phone == PHONE
                    and model.row_at(0).state == "dispatched")
    top = model.row_at(0)
    saved = filled.cases.get(top.number).case
    assert saved.category_code == wygl and saved.district == "JJ" and saved.type == "complaint"
    assert saved.lead_department  # the suggested lead department
    policy = filled.cases.policy
    assert top.deadline == saved.deadline == policy.due("sign", "complaint", "normal", saved.created_at)
    assert saved.reply_deadline == policy.due("reply", "complaint", "normal", saved.created_at)
    shown = model.data(model.index(0, COLUMNS.index("deadline")))
    assert shown.endswith("left")
    assert window.services.drafts.latest("op01") is None  # the draft went with the save
    assert form.phone.text() == "" and _focused() is form.phone


def test_failed_save_shows_messages_beside_fields_and_loses_nothing(qtbot, window):
    form = window.form
    window.new_call()
    qtbot.keyClicks(form.phone, "12345")
    type_text(form.description, "噪音")
    _key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "mobile or landline" in form.error_text("caller_phone")
    assert "request type" in form.error_text("type")
    assert "at least 4" in form.error_text("description")
    assert form.phone.text() == "12345" and form.description.toPlainText() == "噪音"
    assert window.services.drafts.latest("op01").data["description"] == "噪音"


def test_emergency_shows_the_transfer_and_logs_it(qtbot, window, filled):
    form = window.form
    window.new_call("13800138000", "call-9")
    form.type_combo.setCurrentIndex(form.type_combo.findData("help"))
    form.category.set_code("0402")
    form.district.setCurrentIndex(form.district.findData("JJ"))
    type_text(form.description, "有人晕倒在路边需要救护")
    assert not form.transfer_box.isVisibleTo(form)
    form.urgency.setCurrentIndex(form.urgency.findData("emergency"))
    assert form.transfer_box.isVisibleTo(form) and "120" in form.transfer_note.text()
    assert form.save() is None and "110, 119, 120, 122" in form.error_text("transfer_to")
    form.transfer.setCurrentIndex(form.transfer.findData("120"))
    saved = form.save()
    detail = filled.cases.get(saved.number)
    assert detail.case.state == "closed"
    assert [(e.kind, e.payload.get("to")) for e in detail.events][-1] == ("transfer", "120")


def test_duplicate_hint_and_one_key_merge(qtbot, window, filled, operator):
    first = filled.intake.log_call(CallRecord(caller_phone="13700001111", type="complaint", category_code="0201",
                                              district="JJ", address="红星路三段1号",
                                              description="红星路三段工地夜间施工噪音扰民严重"), operator)
    form = window.form
    window.new_call()
    form.type_combo.setCurrentIndex(form.type_combo.findData("complaint"))
    form.category.set_code("0201")
    form.district.setCurrentIndex(form.district.findData("JJ"))
    type_text(form.address, "红星路三段1号")
    type_text(form.description, "红星路三段工地夜间施工噪音很大")
    qtbot.waitUntil(lambda: form.dup_model.rowCount() > 0)
    assert form.dup_model.case_at(0).number == first.number
    form.description.setFocus()
    _key(qtbot, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(form, "merge_dialog", None) is not None and form.merge_dialog.isVisible())
    merged_before = filled.cases.state_counts().get("merged", 0)
    assert not any(e.kind == "merge" for e in filled.cases.get(first.number).events)  # Ctrl+M only asks
    assert first.number in form.merge_dialog.findChild(QLabel).text()
    qtbot.keyClick(form.merge_dialog.reason, Qt.Key.Key_Escape)  # keep the call
    qtbot.waitUntil(lambda: not form.merge_dialog.isVisible())
    assert filled.cases.state_counts().get("merged", 0) == merged_before and form.description.toPlainText()
    form.description.setFocus()
    _key(qtbot, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form.merge_dialog.isVisible())
    form.merge_dialog.reason.setText("同一工地噪音重复来电")
    qtbot.keyClick(form.merge_dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.phone.text() == "")
    assert filled.cases.state_counts().get("merged", 0) == merged_before + 1
    merged = filled.cases.get(first.number).merged
    assert len(merged) == 1 and filled.cases.get(merged[0].number).case.merged_into == first.number
    assert filled.cases.get(merged[0].number).events[-1].reason == "同一工地噪音重复来电"
    assert [m.number for m in filled.cases.get(first.number).merged] == [merged[0].number]


def test_closed_cases_are_not_offered_as_merge_targets(qtbot, window, filled, operator):
    first = filled.intake.log_call(CallRecord(caller_phone="13700001111", type="consultation", category_code="0201",
                                              district="JJ", address="红星路三段1号",
                                              description="红星路三段工地夜间施工噪音扰民严重",
                                              answer="已告知投诉渠道"), operator)
    filled.cases.act(first.number, "close", operator)
    from console.callers import duplicate_hints
    assert duplicate_hints(filled.cases, "JJ", "0201", "红星路三段工地夜间施工噪音很大", "红星路三段1号") == []


def test_knowledge_article_is_inserted_as_a_direct_answer(qtbot, window, filled):
    class Article:
        id, title, answer = "kb-42", "养老保险缴费年限", "累计缴费满15年可按月领取养老金。"

    window.new_call("13800138000")
    window._on_article_chosen(Article())
    form = window.form
    assert form.disposition.currentData() == "answer"
    assert form.answer.toPlainText() == Article.answer and "养老保险缴费年限" in form.article_label.text()
    rec = form.record()
    assert (rec.answer, rec.article_id) == (Article.answer, "kb-42")


def test_show_queue_and_add_page(qtbot, window):
    from PySide6.QtWidgets import QLabel
    n = window.workspace.count()
    window.add_page(QLabel("dash"), "Dashboard")
    assert window.workspace.count() == n + 1
    window.show_queue(QueueFilter(view="all", district="JJ", states=("dispatched",)))
    model = window.queue.model
    assert model.filter.district == "JJ"
    assert all(model.row_at(i).district == "JJ" and model.row_at(i).state == "dispatched"
               for i in range(model.rowCount()))
    assert window.queue.tabs.tabData(window.queue.tabs.currentIndex()) == "all"


def test_a_call_interrupted_by_another_call_stays_reachable(qtbot, window):
    form = window.form
    window.new_call("13800138000", "call-a")
    type_text(form.description, "第一通电话的内容")
    window.new_call("13912345678", "call-b")  # a second call rings while the first form has text
    assert form.description.toPlainText() == "" and form.phone.text() == "13912345678"
    bar = window.call_bar
    assert [(e.key, e.kind) for e in bar.others()] == [("call-a", "held")]
    assert bar.switch_to("call-a")
    assert form.description.toPlainText() == "第一通电话的内容" and form.call_id == "call-a"
    assert [(e.key, e.kind) for e in bar.others()] == [("call-b", "held")]  # now the second call is the other one
    assert "139 1234 5678" in bar.list.item(bar.entries.index(bar.others()[0])).text()
