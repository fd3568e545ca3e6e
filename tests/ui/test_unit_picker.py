"""The units of a dispatch in the form and the case panel: suggestions with their why, the
assisting list filtered to them, re-dispatch with assisting units, an urgent case's unit contact."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from console import refdata
from console.intake import CallRecord
from ui.case_detail import CaseDetailPanel
from ui.intake_form import IntakeForm
from ui.services import build_services

from .keys import type_text


@pytest.fixture
def services(profile):
    return build_services(profile, profile.actor("op01"))


@pytest.fixture
def form(qtbot, services):
    f = IntakeForm(services)
    qtbot.addWidget(f)
    f.resize(900, 1000)
    f.show()
    qtbot.waitExposed(f)
    return f


@pytest.fixture
def panel(qtbot, services):
    p = CaseDetailPanel(services)
    qtbot.addWidget(p)
    p.resize(640, 900)
    p.show()
    return p


def _fill(form, category="0104", district="JN", urgency="normal", address="抚琴西路12号"):
    form.start_call("13800138000")
    form.type_combo.setCurrentIndex(form.type_combo.findData("complaint"))
    form.category.set_code(category)
    form._on_category_chosen(category)
    form.district.setCurrentIndex(form.district.findData(district))
    form.address.setText(address)
    form.address.editingFinished.emit()
    type_text(form.description, "工地夜里还在施工，噪音很大")
    form.urgency.setCurrentIndex(form.urgency.findData(urgency))
    form.disposition.setCurrentIndex(form.disposition.findData("dispatch"))


def _shown(picker) -> list[str]:
    return picker.visible_codes()


def test_the_form_proposes_the_districts_own_unit_with_its_why(form):
    _fill(form)
    assert form.lead.currentData() == "JN-HOUSING"
    why = next(d.line for d in form.services.unit("JN-HOUSING").duties if d.category_code == "0104")
    assert form.lead.itemData(form.lead.currentIndex(), Qt.ItemDataRole.ToolTipRole) == why
    assert form.lead_why.isVisibleTo(form) and why in form.lead_why.text()
    assert form.lead.itemText(form.lead.currentIndex()).startswith("★")
    # another district: our proposal follows it, to that district's own bureau, never Jinniu's
    form.district.setCurrentIndex(form.district.findData("CH"))
    assert form.lead.currentData() == "CH-HOUSING"
    suggested = [form.lead.itemData(i) for i in range(form.lead.count()) if form.lead.itemText(i).startswith("★")]
    assert suggested and all(not c.startswith("JN-") for c in suggested)
    # the operator's own choice is kept when the place changes
    form.lead.setCurrentIndex(form.lead.findData("URBAN"))
    form.district.setCurrentIndex(form.district.findData("WH"))
    assert form.lead.currentData() == "URBAN" and not form.lead_why.isVisibleTo(form)


def test_the_assisting_list_shows_the_suggested_units_and_all_on_request(form):
    _fill(form)
    picker = form.assist_picker
    total = len(form.services.departments)
    shown = _shown(picker)
    routing = form.services.route("0104", "JN", "抚琴西路12号")
    assert shown == [s.code for s in routing.assist + routing.lead[1:]]
    assert 0 < len(shown) < 10 < total
    first = picker.list.item(0)
    assert first.toolTip() == routing.assist[0].why and first.text().startswith("☆")
    picker.show_all.setChecked(True)
    assert len(_shown(picker)) == total - 1  # every unit but the lead
    other = next(i for i in range(picker.list.count()) if picker.list.item(i).data(Qt.ItemDataRole.UserRole) == "EDU")
    picker.list.item(other).setCheckState(Qt.CheckState.Checked)
    picker.show_all.setChecked(False)
    assert "EDU" in _shown(picker)  # a ticked unit stays in sight
    saved = form.save(dispatch=True) or form.save(dispatch=True)
    assert saved.lead_department == "JN-HOUSING" and saved.assist_departments == ["EDU"]


def test_an_urgent_dispatch_shows_the_lead_units_contact_and_records_who_answered(form, clock):
    _fill(form, urgency="urgent")
    box = form.unit_contact
    unit = form.services.unit("JN-HOUSING")
    assert box.isVisibleTo(form) and f"{unit.contact_person} {unit.contact_phone}" in box.contact.text()
    assert box.person.text() == unit.contact_person
    box.person.setText("值班员小李")
    box.button.click()
    assert "值班员小李" in box.done.text()
    saved = form.save(dispatch=True) or form.save(dispatch=True)
    detail = form.services.cases.get(saved.number)
    assert detail.events[-1].kind == "unit_contacted"
    assert detail.events[-1].payload == {"unit": "JN-HOUSING", "person": "值班员小李"}
    assert detail.case.unit_contacted_at == clock.now
    # a normal case has no contact box
    _fill(form, urgency="normal")
    assert not form.unit_contact.isVisibleTo(form)


def test_an_emergency_utility_transfer_shows_the_utilitys_contact(form):
    _fill(form, category="0108", urgency="emergency")
    form.transfer.setCurrentIndex(form.transfer.findData("96777"))
    gas = form.services.unit("GAS")
    assert form.unit_contact.isVisibleTo(form) and gas.contact_phone in form.unit_contact.contact.text()
    form.transfer.setCurrentIndex(form.transfer.findData("110"))
    assert not form.unit_contact.isVisibleTo(form)  # the police line: no unit of the reference data


def test_redispatch_from_the_case_panel_carries_the_assisting_units(panel, profile, operator):
    case = profile.intake.log_call(CallRecord(caller_phone="13700001111", type="complaint", category_code="0701",
                                              district="WH", address="玉林小区", description="物业不管电梯"),
                                   operator)
    panel.load(case.id)
    panel.action_combo.setCurrentIndex(panel.action_combo.findData("dispatch"))
    assert panel.lead.currentData() == "WH-HOUSING" and panel.lead_why.text()
    shown = panel.assist_picker.visible_codes()
    assert "GOV-WH" in shown and not any(c.startswith(("JN-", "CH-")) for c in shown)
    i = next(i for i in range(panel.assist_picker.list.count())
             if panel.assist_picker.list.item(i).data(Qt.ItemDataRole.UserRole) == "GOV-WH")
    panel.assist_picker.list.item(i).setCheckState(Qt.CheckState.Checked)
    assert panel.act()
    after = profile.cases.get(case.number).case
    assert after.lead_department == "WH-HOUSING" and after.assist_departments == ["GOV-WH"]
    assert profile.cases.get(case.number).events[-1].payload["assist_departments"] == ["GOV-WH"]


def test_the_case_panel_records_an_urgent_cases_unit_contact(panel, profile, operator, clock):
    case = profile.intake.log_call(CallRecord(caller_phone="13700001111", type="help", category_code="0105",
                                              district="JN", address="营门口路", description="路面积水漫进小区",
                                              urgency="urgent", lead_department="WATER"), operator)
    panel.load(case.id)
    box = panel.unit_contact
    water = next(u for u in refdata.departments(profile.db) if u.code == "WATER")
    assert box.isVisibleTo(panel) and water.contact_phone in box.contact.text()
    box.person.clear()
    box.button.click()
    assert "who answered" in box.done.text().lower()  # nobody named: nothing recorded
    assert profile.cases.get(case.number).case.unit_contacted_at is None
    box.person.setText("水务值班室")
    box.button.click()
    after = profile.cases.get(case.number)
    assert after.case.unit_contacted_at == clock.now
    assert "水务值班室" in panel.unit_contact.done.text()
    assert after.events[-1].payload == {"unit": "WATER", "person": "水务值班室"}
    normal = profile.intake.log_call(CallRecord(caller_phone="13700001112", type="help", category_code="0105",
                                                district="JN", description="井盖松动", lead_department="WATER"),
                                     operator)
    panel.load(normal.id)
    assert not panel.unit_contact.isVisibleTo(panel)


def test_the_unit_contact_refusals_read_as_sentences():
    from console.workflow import WorkflowError
    from ui.refusals import refusal_text
    text = refusal_text(WorkflowError("dispatched", "unit_contacted", "x", "unit_not_on_case", unit="URBAN"))
    assert text.startswith("URBAN is not a unit of this case") and text.endswith("[unit_not_on_case]")
    assert "who answered" in refusal_text(WorkflowError("dispatched", "unit_contacted", "x", "unit_contact_invalid"))
