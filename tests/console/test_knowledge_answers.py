"""Which article answered a case, counted per article; the shipped articles in a new profile."""
from __future__ import annotations

from datetime import timedelta

from console.intake import CallRecord
from console.knowledge import SHIPPED_KEY, KnowledgeService, answer_counts, install_shipped
from console.profile import open_profile
from tests.conftest import local


def _call(answer="", article_id="", lead=""):
    return CallRecord(caller_phone="13800138000", type="consultation", category_code="0602",
                      description="小区门口人行道上停满了车，问怎么处理", answer=answer, article_id=article_id,
                      lead_department=lead)


def test_answer_counts_per_article(profile, clock, operator):
    kb = KnowledgeService(profile.db)
    hit = kb.search("人行道停车", 1)[0]
    for _ in range(3):
        profile.intake.log_call(_call(hit.answer, hit.id), operator)
    profile.intake.log_call(_call("按规定处理", "KB-0113"), operator)
    profile.intake.log_call(_call("口头答复，没有引用文章"), operator)
    profile.intake.log_call(_call(lead="TRAFFICPOL"), operator)
    assert answer_counts(profile.db) == {"KB-0114": 3, "KB-0113": 1}
    clock.advance(days=2)
    profile.intake.log_call(_call(hit.answer, hit.id), operator)
    assert answer_counts(profile.db, since=local("2026-11-25T00:00:00")) == {"KB-0114": 1}


def test_answered_case_keeps_its_article_through_close(profile, clock, operator):
    case = profile.intake.log_call(_call("答复内容", "KB-0005"), operator)
    profile.cases.act(case.number, "close", operator)
    assert answer_counts(profile.db) == {"KB-0005": 1}
    assert profile.cases.get(case.number).case.state == "closed"


def test_new_profile_gets_the_shipped_articles_once(tmp_path):
    prof = open_profile(tmp_path / "p")
    try:
        kb = KnowledgeService(prof.db)
        assert kb.count() == 156
        assert prof.setting(SHIPPED_KEY) == "156"
        assert install_shipped(prof.db) is None  # already done: one key lookup
    finally:
        prof.close()
    again = open_profile(tmp_path / "p")
    try:
        assert KnowledgeService(again.db).count() == 156
    finally:
        again.close()


def test_shipped_articles_are_complete():
    from console import refdata
    from console.knowledge import shipped_files
    from console.knowledge.transfer import ImportReport, read_jsonl
    cats = {c["code"] for top in refdata.seed("categories") for c in [top, *top.get("children", [])]}
    depts = {d["code"] for d in refdata.seed("departments")}
    report = ImportReport()
    arts = [a for f in shipped_files() for a in read_jsonl(f, report)]
    assert report.problems == [] and len(arts) >= 150
    assert len({a.id for a in arts}) == len(arts)
    for a in arts:
        assert a.source and a.department_code in depts and a.category_code in cats, a.id
        assert a.tags and a.effective_date and a.editor and len(a.body) >= 200, a.id
    assert len({a.category_code[:2] for a in arts}) >= 12  # the top categories of a 12345 line
    assert timedelta(0) < timedelta(days=1)
