"""A team lead's review queue (退单审核) and dispute queue (职责争议) in the real window, offscreen:
accept a return (the department's suggested unit preselected), reject one, decide a dispute,
and see the assisting units' opinions in the timeline."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from console.dto import Actor
from console.intake import CallRecord
from console.queue_filter import QueueFilter
from console.workflow import WorkflowError
from tests.conftest import LIAISON
from tests.ui.conftest import shown_window
from ui.refusals import refusal_text

REC = dict(type="complaint", category_code="1301", district="JJ", address="东大街100号", description="店铺占道经营")
HOUSING = Actor("housing", "liaison", "住建联络员", department="HOUSING")
HRSS = Actor("hrss", "liaison", "人社联络员", department="HRSS")


@pytest.fixture
def lead_window(qtbot, filled):
    win = shown_window(qtbot, filled, "lead01")
    yield win
    win.close()


def _returned(profile, operator, suggested="HOUSING"):
    case = profile.intake.log_call(CallRecord(lead_department="URBAN", **REC), operator)
    profile.cases.act(case.number, "return", LIAISON, "属于住建部门职责", {"suggested_unit": suggested})
    return case.number


def _choose(detail, action: str) -> None:
    i = detail.action_combo.findData(action)
    assert i >= 0, [detail.action_combo.itemData(k) for k in range(detail.action_combo.count())]
    detail.action_combo.setCurrentIndex(i)


def _queue_numbers(window) -> list[str]:
    model = window.queue.model
    return [model.row_at(r).number for r in range(model.rowCount())]


def test_the_review_queue_lists_returns_and_accepting_one_redispatches_to_the_suggestion(qtbot, lead_window, filled):
    number = _returned(filled, filled.actor("op01"))
    window = lead_window
    before = window.queue.service.view_counts()["return_review"]
    window.show_queue(QueueFilter(view="return_review"))
    qtbot.waitUntil(lambda: number in _queue_numbers(window))
    assert all(filled.cases.get(n).case.state == "return_review" for n in _queue_numbers(window))
    assert before == len(_queue_numbers(window))
    window.open_case(filled.cases.get(number).case.id)
    detail = window.detail
    assert {"approve_return", "reject_return"} <= set(detail.allowed())
    assert "decide_dispute" not in detail.allowed()
    assert "Returned by 市城市管理委员会: 属于住建部门职责; names 市住房和城乡建设局" in detail.facts.text()
    _choose(detail, "approve_return")
    assert detail.lead.currentData() == "HOUSING"  # the returning department's suggestion, preselected
    assert not detail.act()  # a reason is required
    detail.reason.setText("核实属实，同意退单")
    assert detail.act(), detail.error.text()
    case = filled.cases.get(number)
    assert (case.case.state, case.case.lead_department) == ("dispatched", "HOUSING")
    assert [e.kind for e in case.events][-2:] == ["approve_return", "dispatch"]
    assert window.queue.service.view_counts()["return_review"] == before - 1


def test_rejecting_a_return_sends_it_back(qtbot, lead_window, filled):
    number = _returned(filled, filled.actor("op01"))
    detail = lead_window.detail
    lead_window.open_case(filled.cases.get(number).case.id)
    _choose(detail, "reject_return")
    detail.reason.setText("属于城管执法职责范围")
    assert detail.act(), detail.error.text()
    case = filled.cases.get(number).case
    assert (case.state, case.lead_department) == ("dispatched", "URBAN")


def test_a_dispute_is_decided_with_a_binding_unit_and_its_return_is_refused_in_words(qtbot, lead_window, filled):
    op = filled.actor("op01")
    number = _returned(filled, op)
    cs = filled.cases
    cs.act(number, "approve_return", filled.actor("lead01"), "同意退单")
    cs.act(number, "dispatch", op, payload={"lead_department": "HOUSING"})
    cs.act(number, "return", HOUSING, "属于城管执法职责", {"suggested_unit": "URBAN"})
    window = lead_window
    window.show_queue(QueueFilter(view="dispute"))
    qtbot.waitUntil(lambda: number in _queue_numbers(window))
    window.open_case(cs.get(number).case.id)
    detail = window.detail
    assert "decide_dispute" in detail.allowed() and "approve_return" not in detail.allowed()
    facts = detail.facts.text()
    assert "属于住建部门职责" in facts and "属于城管执法职责" in facts  # both returns, for the decision
    _choose(detail, "decide_dispute")
    assert detail.lead.currentData() == "URBAN"  # the last suggestion first
    detail.lead.setCurrentIndex(detail.lead.findData("HOUSING"))
    hrss = next(detail.assist.item(r) for r in range(detail.assist.count())
                if detail.assist.item(r).data(Qt.ItemDataRole.UserRole) == "HRSS")
    hrss.setCheckState(Qt.CheckState.Checked)
    detail.reason.setText("房屋安全属住建职责")
    assert detail.act(), detail.error.text()
    case = cs.get(number).case
    assert (case.state, case.lead_department, case.binding_unit) == ("dispatched", "HOUSING", "HOUSING")
    assert case.assist_departments == ["HRSS"]
    assert "Binding decision: 市住房和城乡建设局 is responsible" in detail.facts.text()
    # the bound unit's return refused; the window's refusal names the unit, translated
    with pytest.raises(WorkflowError) as err:
        cs.act(number, "return", HOUSING, "仍不属于")
    text = refusal_text(err.value, detail.services.names.departments)
    assert "[binding_decision]" in text and detail.services.names.departments["HOUSING"] in text
    # the assisting unit's opinion is in the lead's timeline, as a sentence
    cs.act(number, "assist_opinion", HRSS, payload={"text": "欠薪部分由人社核查"})
    window.open_case(case.id)
    tree = detail.timeline
    last = tree.topLevelItem(tree.topLevelItemCount() - 1).text(3)
    assert "欠薪部分由人社核查" in last
