"""Opening a case in the window shows its caller's name and phone: each opening is
audited once (reloads after an action are not), an anonymous case is not."""
from __future__ import annotations

from console import audit
from console.intake import CallRecord


def test_opening_a_case_audits_the_read_of_its_caller(qtbot, profile, operator):
    from ui.case_detail import CaseDetailPanel
    from ui.services import build_services
    known = profile.intake.log_call(CallRecord(caller_phone="13912345678", caller_name="欧阳先生", type="help",
                                               category_code="0203", district="JJ", address="锦江区春熙路1号",
                                               description="路灯不亮"), operator)
    anonymous = profile.intake.log_call(CallRecord(type="consultation", category_code="0402",
                                                   description="养老金领取条件", answer="满15年可领取"),
                                        operator)
    panel = CaseDetailPanel(build_services(profile, operator))
    qtbot.addWidget(panel)
    assert panel.load(known.id) and "欧阳先生" in panel.facts.text()
    panel.action_combo.setCurrentIndex(panel.action_combo.findData("note"))
    panel.reason.setText("已联系街道")
    assert panel.act()  # the panel shows the case again after the action: not a new opening
    assert panel.load(anonymous.id)
    assert panel.load(known.number)
    reads = audit.entries(profile.db, action=audit.READ_PERSONAL)
    assert [(e["actor"], e["target"]) for e in reads] == [("op01", known.number), ("op01", known.number)]
