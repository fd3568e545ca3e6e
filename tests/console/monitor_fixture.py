"""A small hand-counted set of cases, built through the real services with a fake clock.

The counts each test expects are written out beside the steps, so a reader
can check them against docs/metrics.md by hand.
"""
from __future__ import annotations

from dataclasses import dataclass

from console.dto import Actor
from console.intake import CallRecord
from tests.conftest import LEAD, LIAISON, local

ECO = Actor("eco", "liaison", "生态环境联络员", department="ECO")


@dataclass
class Built:
    numbers: dict[str, str]


def build(profile, clock) -> Built:
    """Eight calls on Tue 2026-11-24 (city time) and what happened to them afterwards.

    A answered directly (consultation)        B emergency, transferred to 110
    C complaint -> URBAN, signed and replied on time, satisfied + resolved
    D consultation -> URBAN, signed late (11-26), replied late (12-01), unsatisfied, resolved
    E help -> URBAN, returned, re-dispatched to ECO, on time, unsatisfied, not resolved
    F consultation from C's phone (a repeat request), answered directly
    G received, city-level instruction          H received, district-level instruction
    """
    op = profile.actor("op01")
    op2 = profile.actor("op02")
    intake, cases = profile.intake, profile.cases
    clock.now = local("2026-11-24T10:00:00")

    def call(phone, type_, district, category, who=op, **kw):
        return intake.log_call(CallRecord(caller_phone=phone, caller_name="张三", type=type_, district=district,
                                          category_code=category, address="东大街12号",
                                          description="测试来电 " + type_, **kw), who).number

    n = {}
    n["A"] = call("13800000001", "consultation", "JJ", "0201", answer="按政策办理", article_id="KB-0001")
    n["B"] = call("13800000002", "help", "JJ", "0201", urgency="emergency", transfer_to="110")
    n["C"] = call("13800000003", "complaint", "JJ", "0204", lead_department="URBAN")
    n["D"] = call("13800000004", "consultation", "QY", "0204", who=op2, lead_department="URBAN")
    n["E"] = call("13800000005", "help", "QY", "0101", lead_department="URBAN")
    n["G"] = call("13800000007", "complaint", "QY", "0101")
    n["H"] = call("13800000008", "complaint", "JJ", "0101", who=op2)
    clock.now = local("2026-11-24T10:30:00")
    cases.act(n["E"], "return", LIAISON, "不属于本单位职责")
    cases.act(n["E"], "approve_return", LEAD, "同意退单")
    clock.now = local("2026-11-24T11:00:00")
    cases.act(n["C"], "accept", LIAISON)
    cases.act(n["E"], "dispatch", op, payload={"lead_department": "ECO"})
    cases.act(n["G"], "instruct", LEAD, "请尽快办理", {"level": "city"})
    cases.act(n["H"], "instruct", LEAD, "请区里跟进", {"level": "district"})
    clock.now = local("2026-11-24T11:30:00")
    cases.act(n["E"], "accept", ECO)
    clock.now = local("2026-11-24T12:00:00")
    cases.act(n["C"], "reply", LIAISON, payload={"result": "已处理"})
    clock.now = local("2026-11-24T14:00:00")
    cases.act(n["E"], "reply", ECO, payload={"result": "已处理"})
    n["F"] = call("13800000003", "consultation", "JJ", "0204", answer="请拨打物业电话")
    clock.now = local("2026-11-24T15:00:00")
    cases.act(n["C"], "callback", op, payload={"satisfied": True, "resolved": True})
    cases.act(n["E"], "callback", op, "问题没有解决", {"satisfied": False, "resolved": False})
    clock.now = local("2026-11-26T10:00:00")
    cases.act(n["D"], "accept", LIAISON)
    clock.now = local("2026-12-01T10:00:00")
    cases.act(n["D"], "reply", LIAISON, payload={"result": "已答复"})
    clock.now = local("2026-12-01T16:00:00")
    cases.act(n["D"], "callback", op2, "没有人到现场", {"satisfied": False, "resolved": True})
    return Built(n)
