"""The monthly report's returns reviewed (退单审核) and disputes decided (职责争议), against
cases walked by hand: which month a decision counts in, who returned, whom the decision binds."""
from __future__ import annotations

import unicodedata

import pytest

from console import metrics
from console.dto import Actor
from console.intake import CallRecord
from console.report.disputes import build
from tests.conftest import LEAD, LIAISON, local

HOUSING = Actor("housing", "liaison", "住建联络员", department="HOUSING")


@pytest.fixture
def month(profile, clock):
    cs, op = profile.cases, profile.actor("op01")

    def call(phone, name="吴十"):
        return profile.intake.log_call(CallRecord(caller_phone=phone, caller_name=name, type="complaint",
                                                  district="JJ", category_code="1301", address="东大街12号",
                                                  description="店铺占道经营", lead_department="URBAN"), op).number

    clock.now = local("2026-11-24T10:00:00")
    a, b, c, d = call("13700000021"), call("13700000022", "欧阳娜娜"), call("13700000023"), call("13700000024")
    clock.now = local("2026-11-24T11:00:00")
    cs.act(a, "return", LIAISON, "属于住建部门职责", {"suggested_unit": "HOUSING"})
    cs.act(b, "return", LIAISON, "欧阳娜娜反映的是物业问题，不属本单位")  # the caller's name in a reason
    cs.act(c, "return", LIAISON, "属于住建部门职责", {"suggested_unit": "HOUSING"})
    clock.now = local("2026-11-24T14:00:00")
    cs.act(a, "approve_return", LEAD, "核实属实")
    cs.act(b, "reject_return", LEAD, "属于城管执法职责范围")
    cs.act(c, "approve_return", LEAD, "同意")
    cs.act(c, "dispatch", op, payload={"lead_department": "HOUSING"})
    cs.act(c, "return", HOUSING, "属于城管执法职责", {"suggested_unit": "URBAN"})
    clock.now = local("2026-11-25T09:00:00")
    cs.act(c, "decide_dispute", LEAD, "占道经营属城管执法职责", {"unit": "URBAN", "assist_departments": ["HOUSING"]})
    clock.now = local("2026-11-30T17:00:00")
    cs.act(d, "return", LIAISON, "不属于本单位")
    clock.now = local("2026-12-01T09:00:00")  # reviewed in December
    cs.act(d, "approve_return", LEAD, "同意")
    return {"A": a, "B": b, "C": c, "D": d}


def test_the_months_reviews_and_decisions(profile, month):
    r = build(profile.db, "2026-11")
    assert [(x.number, x.unit, x.suggested, x.outcome) for x in r.reviews] == [
        (month["A"], "市城市管理委员会", "市住房和城乡建设局", "approved"),
        (month["B"], "市城市管理委员会", "", "rejected"),
        (month["C"], "市城市管理委员会", "市住房和城乡建设局", "approved")]
    assert (r.approved, r.rejected) == (2, 1)
    assert r.reviews[0].decided_at == "2026-11-24 14:00" and r.reviews[0].decided_by == "lead01"
    assert "欧阳娜娜" not in r.reviews[1].reason and "物业问题" in r.reviews[1].reason
    assert [(x.number, x.returned_by, x.bound_unit, x.decision_reason) for x in r.disputes] == [
        (month["C"], "市城市管理委员会、市住房和城乡建设局", "市城市管理委员会", "占道经营属城管执法职责")]
    december = build(profile.db, "2026-12")
    assert [x.number for x in december.reviews] == [month["D"]] and december.disputes == []
    with pytest.raises(ValueError):
        build(profile.db, "2026-13")


def test_the_rollups_count_what_the_report_lists(profile, month):
    # the team lead's daily and department figures (the rollups) hold the same decisions as the
    # report's lists, each under the unit that returned the case or the unit a dispute binds
    for m in ("2026-11", "2026-12"):
        r = build(profile.db, m)
        c = metrics.counts(profile.db, metrics.month_scope(m))
        assert (c["returns_approved"], c["returns_rejected"], c["disputes_decided"]) == \
            (r.approved, r.rejected, len(r.disputes))
    urban = metrics.counts(profile.db, metrics.month_scope("2026-11", department="URBAN"))
    housing = metrics.counts(profile.db, metrics.month_scope("2026-11", department="HOUSING"))
    assert (urban["returns_approved"], urban["returns_rejected"], urban["disputes_decided"]) == (2, 1, 1)
    # four cases dispatched to URBAN, and the dispute's decision for it; C's second dispatch to HOUSING
    assert (urban["dispatched"], housing["dispatched"], housing["disputes_decided"]) == (5, 1, 0)
    assert (urban["returned"], housing["returned"]) == (4, 1)


def test_the_monthly_report_lists_them_in_csv_and_pdf(qapp, profile, month, tmp_path):
    from pypdf import PdfReader

    from console.report import build_monthly
    from console.report.tables import write_csv
    from ui.report.pdf import write_pdf
    r = build_monthly(profile.db, "2026-11")
    assert r.disputes is not None and len(r.disputes.reviews) == 3
    text = write_csv(r, tmp_path / "r.csv").read_text("utf-8-sig")
    assert f"disputes,{month['C']},市城市管理委员会、市住房和城乡建设局,市城市管理委员会" in text
    assert f"returns_reviewed,{month['B']},市城市管理委员会,驳回退单" in text
    assert "欧阳娜娜" not in text
    pdf = write_pdf(r, tmp_path / "r.pdf")
    # the extracted text writes some characters as Kangxi radicals (⽉ for 月) and spaces as tabs
    words = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in PdfReader(str(pdf)).pages))
    words = words.replace("\n", "").replace("\t", " ")
    for expected in ("八、退单审核与职责争议", "本月审核退单 3 件（同意 2 件，驳回 1 件），裁定职责争议 1 件",
                     "市城市管理委员会、市住房和城乡建设局市城市管理委员会2026-11-25 09:00占道经营属城管执法职责",
                     "同意退单", "驳回退单"):  # (a case number may wrap in its cell: the extraction splits it)
        assert unicodedata.normalize("NFKC", expected) in words, words[words.find("八、"):][:600]
