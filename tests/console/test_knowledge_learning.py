"""Learning from answers: a case answered with an article teaches the article
the caller's words, in the answer's own transaction, capped and decaying."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from console.intake import CallRecord
from console.knowledge import KnowledgeService, learning
from console.workflow import WorkflowError

ARTICLE = "KB-0114"  # 人行道停车管理规定
# 咕噜噜车 is made up: no article holds 咕噜噜, so only the learned words can find it
DESCRIPTION = "小区门口那堆咕噜噜车天天挡在人行道上"


def _rows(db, article_id=ARTICLE) -> dict[str, float]:
    with db.engine.connect() as conn:
        return dict(conn.execute(text("SELECT word, weight FROM kb_learned WHERE article_id = :a"),
                                 {"a": article_id}).all())


def _record(description=DESCRIPTION, **kw) -> CallRecord:
    return CallRecord(caller_phone="13800138000", type="consultation", category_code="0602",
                      description=description, **kw)


def test_answering_with_an_article_teaches_it_the_callers_words(profile, clock, operator):
    kb = KnowledgeService(profile.db)
    assert kb.search("咕噜噜") == []
    case = profile.intake.log_call(_record(), operator)
    assert _rows(profile.db) == {}
    profile.cases.act(case.number, "answer", operator, payload={"answer": "按规定处理", "article_id": ARTICLE})
    words = _rows(profile.db)
    assert words["咕噜噜"] == 1.0 and "人行道" in words
    assert [h.id for h in kb.search("咕噜噜")][:1] == [ARTICLE]
    # the same search without what was learned finds nothing: the learned words are what found it
    assert KnowledgeService(profile.db, learned=False).search("咕噜噜") == []


def test_intake_answer_learns_and_a_plain_answer_does_not(profile, clock, operator):
    profile.intake.log_call(_record(answer="按规定处理", article_id=ARTICLE), operator)
    assert _rows(profile.db)["咕噜噜"] == 1.0
    profile.intake.log_call(_record("门口全是叮当猫车", answer="口头答复，没有引用文章"), operator)
    with profile.db.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM kb_learned WHERE word = '叮当猫'")).scalar() == 0


def test_a_refused_answer_learns_nothing(profile, clock, operator):
    case = profile.intake.log_call(_record(lead_department="TRAFFICPOL"), operator)  # dispatched
    with pytest.raises(WorkflowError):
        profile.cases.act(case.number, "answer", operator, payload={"answer": "x", "article_id": ARTICLE})
    assert _rows(profile.db) == {}


def test_the_callers_name_and_numbers_are_not_learned(profile, clock, operator):
    desc = "我叫李建国，电话13912345678，住东大街12号，门口咕噜噜车挡路"
    profile.intake.log_call(_record(desc, caller_name="李建国", answer="按规定处理", article_id=ARTICLE), operator)
    words = _rows(profile.db)
    assert "咕噜噜" in words
    assert not any("建国" in w or "李" in w or any(ch.isdigit() for ch in w) for w in words), words


def test_weights_decay_with_a_half_life_and_are_capped(profile, clock, operator):
    t0 = clock.now
    profile.intake.log_call(_record(answer="a", article_id=ARTICLE), operator)
    half = t0 + timedelta(days=learning.HALF_LIFE_DAYS)
    weights = {w: x for a, w, x in learning.learned(profile.db, ARTICLE, now=half)}
    assert weights["咕噜噜"] == pytest.approx(0.5)
    clock.now = half
    profile.intake.log_call(_record(answer="a", article_id=ARTICLE), operator)
    assert _rows(profile.db)["咕噜噜"] == pytest.approx(1.5)  # what was left, plus one
    for _ in range(12):
        profile.intake.log_call(_record(answer="a", article_id=ARTICLE), operator)
    assert _rows(profile.db)["咕噜噜"] == learning.MAX_WEIGHT
    # four half-lives later (about a year) a busy season's words weigh a sixteenth
    year = half + timedelta(days=4 * learning.HALF_LIFE_DAYS)
    weights = {w: x for a, w, x in learning.learned(profile.db, ARTICLE, now=year)}
    assert weights["咕噜噜"] == pytest.approx(learning.MAX_WEIGHT / 16)


def test_an_article_keeps_at_most_cap_words_the_strongest(profile, clock):
    now = clock.now
    batches = [[f"w{b}x{i:02d}" for i in range(learning.WORDS_PER_CASE)] for b in range(4)]
    with profile.db.engine.begin() as conn:
        learning.learn(conn, ARTICLE, " ".join(batches[0]), now)
        learning.learn(conn, ARTICLE, " ".join(batches[0]), now)
        for batch in batches[1:]:
            learning.learn(conn, ARTICLE, " ".join(batch), now)
    words = _rows(profile.db)
    assert len(words) == learning.CAP_WORDS
    assert all(words[w] == 2.0 for w in batches[0])
