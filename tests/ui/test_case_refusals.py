"""Refusals in the case detail are translated sentences with their code, and a merge asks first."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from console.intake import CallRecord
from console.workflow import WorkflowError
from tests.conftest import LEAD, LIAISON
from ui.refusals import refusal_text, refusal_texts

REC = dict(type="complaint", category_code="1301", district="JJ", address="东大街100号", description="占道经营")


def _answer_box(button_text: str):
    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        assert box.objectName() == "mergeConfirm"
        next(b for b in box.buttons() if b.text() == button_text).click()
    QTimer.singleShot(0, click)


def test_every_code_the_core_raises_has_a_text():
    import re
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    raised = set()
    for path in ("console/workflow.py", "console/permissions.py", "console/lifecycle.py", "console/cases.py",
                 "sync/server/casebook.py"):
        raised |= set(re.findall(r'"([a-z_]+)"(?:,\s*\w+=[^)]*)?\)', (root / path).read_text("utf-8")))
    codes = {c for c in raised if c in refusal_texts() or "_" in c and c.startswith(
        ("bad_", "merge_", "field_", "wrong_", "role_", "reason_", "not_", "no_", "stale_", "extension_", "path_",
         "lead_", "department_", "unknown_"))} - {"field_versions"}
    assert codes and codes <= set(refusal_texts())


def test_a_refusal_is_a_sentence_with_its_code():
    exc = WorkflowError("accepted", "request_extension", "not a duration: 'five'", "bad_duration", value="five")
    assert refusal_text(exc) == ('"five" is not a duration: write working days or hours, e.g. 5wd or 16wh. '
                                 '[bad_duration]')
    assert refusal_text(WorkflowError("x", "y", "something new", "made_up")) == "something new [made_up]"


def test_the_window_shows_a_bad_extension_and_a_closed_merge_target_in_words(qtbot, window, filled, operator):
    case = filled.intake.log_call(CallRecord(lead_department="URBAN", **REC), operator)
    filled.cases.act(case.number, "accept", LIAISON)
    lead_services = window.detail.services
    window.detail.services = type(lead_services)(**{**vars(lead_services), "actor": LEAD})
    window.open_case(case.id)
    detail = window.detail
    detail.action_combo.setCurrentIndex(detail.action_combo.findData("approve_extension"))
    detail.extension.setText("five days")
    assert not detail.act()
    assert "[bad_duration]" in detail.error.text() and "five days" in detail.error.text()
    detail.extension.clear()
    assert not detail.act() and "[extension_not_requested]" in detail.error.text()
    window.detail.services = lead_services


@pytest.mark.parametrize("answer,merged", [("Do not merge", False), ("Merge", True)])
def test_merging_asks_and_refuses_a_closed_target(qtbot, window, filled, operator, answer, merged):
    first = filled.intake.log_call(CallRecord(caller_phone="13700001111", **REC), operator)
    second = filled.intake.log_call(CallRecord(caller_phone="13700002222", **REC), operator)
    window.open_case(second.id)
    detail = window.detail
    detail.action_combo.setCurrentIndex(detail.action_combo.findData("merge"))
    detail.into.setText(first.number)
    detail.reason.setText("同一事项重复来电")
    _answer_box(answer)
    assert detail.act() is merged
    assert (filled.cases.get(second.number).case.state == "merged") is merged
    if merged:
        window.open_case(first.id)
        assert second.number in detail.facts.text() and "13700002222" in detail.facts.text().replace(" ", "")
        return
    filled.cases.act(first.number, "answer", operator, payload={"answer": "已答复"})
    filled.cases.act(first.number, "close", operator)
    window.open_case(second.id)
    detail.action_combo.setCurrentIndex(detail.action_combo.findData("merge"))
    detail.into.setText(first.number)
    detail.reason.setText("同一事项重复来电")
    _answer_box("Merge")
    assert not detail.act()
    assert "[merge_target_closed]" in detail.error.text()


def test_the_chinese_window_says_a_refusal_in_chinese(qtbot, filled, operator):
    """Issue 15 saw "未执行：extra is required" in the Chinese window; now the sentence is Chinese."""
    from ui.app import build_main_window, install_translators
    from ui.terms import terms

    app = QApplication.instance()
    installed = install_translators(app, "zh_CN")
    try:
        win = build_main_window(filled, filled.actor("op01"))
        qtbot.addWidget(win)
        case = filled.intake.log_call(CallRecord(caller_phone="13700005555", **REC), operator)
        win.open_case(case.id)
        detail = win.detail
        detail.action_combo.setCurrentIndex(detail.action_combo.findData("dispatch"))
        detail.lead.setCurrentIndex(-1)  # no department chosen
        assert not detail.act()
        assert detail.error.text() == "未执行：请填写：主办单位。 [field_required]"
        win.close()
    finally:
        for t in installed:
            app.removeTranslator(t)
        terms.cache_clear()


def test_an_urgent_case_shows_the_1_hour_contact_and_the_lead_units_24_hour_contact(qtbot, window, filled, operator):
    from console import refdata
    urban = next(d for d in refdata.departments(filled.db) if d.code == "URBAN")
    case = filled.intake.log_call(CallRecord(caller_phone="13700006666", urgency="urgent", lead_department="URBAN",
                                             **REC), operator)
    window.open_case(case.id)
    detail = window.detail
    # an urgent case: the unit's contact in its own box (ui/unit_picker.py), not repeated in the facts
    assert detail.unit_contact.isVisibleTo(detail)
    assert f"{urban.contact_person} {urban.contact_phone}" in detail.unit_contact.contact.text()
    assert "1-hour rule" in detail.facts.text()
    assert "progress_contact" in detail.allowed()
    detail.action_combo.setCurrentIndex(detail.action_combo.findData("progress_contact"))
    assert detail.act()
    assert "Progress contact made" in detail.facts.text() and "progress_contact" not in detail.allowed()
    assert filled.cases.get(case.number).case.contacted_at is not None
