"""`kb lexicon` and `kb learned`: team leads review and edit, operators only read."""
from __future__ import annotations

import json

import pytest

from console.intake import CallRecord
from console.knowledge import KnowledgeService
from console.profile import open_profile
from tests.cli import run


def _search(data_dir, query):
    prof = open_profile(data_dir)
    try:
        return [h.id for h in KnowledgeService(prof.db).search(query, 3)]
    finally:
        prof.close()


def _audit(data_dir, action: str) -> list[dict]:
    from console import audit
    from console.profile import open_profile
    prof = open_profile(data_dir)
    try:
        return audit.entries(prof.db, action=action)
    finally:
        prof.close()


def test_lexicon_list_shows_shipped_entries(capsys, data_dir):
    code, out, _ = run(capsys, "kb", "lexicon", "list", "--term", "黑车", "--json", "--data-dir", data_dir)
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 0
    assert {"term": "黑车", "targets": ["非法营运", "出租车"], "source": "shipped", "kind": "everyday"} in rows
    code, out, _ = run(capsys, "kb", "lexicon", "list", "--data-dir", data_dir)
    assert code == 0 and len(out.splitlines()) > 300 and "老年卡\t老年人优待证\tshipped" in out.splitlines()
    code, out, err = run(capsys, "kb", "lexicon", "list", "--term", "没有这个词", "--data-dir", data_dir)
    assert code == 1 and out == "" and "no lexicon entry" in err


def test_a_team_lead_sets_a_term_and_search_uses_it(capsys, data_dir):
    assert _search(data_dir, "咕噜噜") == []
    code, out, err = run(capsys, "kb", "lexicon", "set", "咕噜噜", "人行道", "停车", "--operator", "lead01",
                         "--data-dir", data_dir)
    assert (code, err) == (0, "") and out.strip() == "咕噜噜 -> 人行道,停车"
    assert "KB-0114" in _search(data_dir, "咕噜噜")
    code, out, _ = run(capsys, "kb", "lexicon", "list", "--term", "咕噜噜", "--json", "--data-dir", data_dir)
    assert json.loads(out) == {"term": "咕噜噜", "targets": ["人行道", "停车"], "source": "local", "kind": ""}
    # changing a shipped entry says what it was; the global --operator works as well
    code, out, _ = run(capsys, "--operator", "admin", "kb", "lexicon", "set", "黑车", "非法营运",
                       "--data-dir", data_dir)
    assert code == 0 and out.strip() == "黑车 -> 非法营运 (was 非法营运,出租车, shipped)"
    assert [(e["actor"], e["target"]) for e in _audit(data_dir, "kb_lexicon_set")] == [
        ("lead01", "咕噜噜"), ("admin", "黑车")]


def test_only_team_leads_and_admins_change_the_lexicon(capsys, data_dir):
    for who in (["--operator", "op01"], []):
        code, out, err = run(capsys, "kb", "lexicon", "set", "咕噜噜", "停车", *who, "--data-dir", data_dir)
        assert code == 2 and out == ""
        assert err.startswith("error: op01 is operator: only a team lead or an admin") and err.count("\n") == 1
    assert "(give --operator LOGIN)" in err
    code, _, err = run(capsys, "kb", "lexicon", "remove", "黑车", "--operator", "op02", "--data-dir", data_dir)
    assert code == 2 and "only a team lead" in err
    code, _, err = run(capsys, "kb", "lexicon", "set", "咕噜噜", "停车", "--operator", "nobody", "--data-dir", data_dir)
    assert code == 2 and "no operator 'nobody'" in err
    code, out, _ = run(capsys, "kb", "lexicon", "list", "--term", "黑车", "--data-dir", data_dir)
    assert "黑车\t非法营运,出租车\tshipped" in out.splitlines()
    assert _search(data_dir, "咕噜噜") == []


def test_bad_entries_are_refused_with_one_line(capsys, data_dir):
    code, _, err = run(capsys, "kb", "lexicon", "set", "x" * 40, "停车", "--operator", "lead01", "--data-dir", data_dir)
    assert code == 2 and "a term is 1 to 32 characters" in err and err.count("\n") == 1


def test_removing_a_shipped_term_hides_it(capsys, data_dir):
    code, out, _ = run(capsys, "kb", "lexicon", "remove", "老年卡", "--operator", "lead01", "--data-dir", data_dir)
    assert code == 0 and out.strip() == "removed 老年卡"
    code, out, _ = run(capsys, "kb", "lexicon", "list", "--term", "老年卡", "--data-dir", data_dir)
    assert "老年卡\t" not in out
    code, _, err = run(capsys, "kb", "lexicon", "remove", "老年卡", "--operator", "lead01", "--data-dir", data_dir)
    assert code == 1 and "no lexicon entry" in err


@pytest.fixture
def answered(profile):
    """A profile where two cases were answered with KB-0114 (人行道停车管理规定)."""
    op = profile.actor("op01")
    for text in ("小区门口那堆咕噜噜车天天挡在人行道上", "门口咕噜噜车又来了"):
        profile.intake.log_call(CallRecord(caller_phone="13800138000", type="consultation", category_code="0602",
                                           description=text, answer="按规定处理", article_id="KB-0114"), op)
    folder = profile.data_dir
    profile.close()
    return folder


def test_learned_list_and_forget(capsys, answered):
    code, out, _ = run(capsys, "kb", "learned", "list", "--article", "KB-0114", "--json", "--data-dir", answered)
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and rows[0]["article_id"] == "KB-0114"
    assert {"article_id": "KB-0114", "word": "咕噜噜", "weight": pytest.approx(2.0, abs=1e-3)} in rows
    assert rows == sorted(rows, key=lambda r: -r["weight"])
    code, out, _ = run(capsys, "kb", "learned", "list", "--data-dir", answered)
    assert code == 0 and any(line.startswith("KB-0114") and "咕噜噜" in line and "人行道停车管理规定" in line
                             for line in out.splitlines())
    assert "KB-0114" in _search(answered, "咕噜噜")

    code, _, err = run(capsys, "kb", "learned", "forget", "KB-0114", "咕噜噜", "--operator", "op01",
                       "--data-dir", answered)
    assert code == 2 and "only a team lead" in err
    # the query 咕噜噜 is cut into 咕噜 and 咕噜噜, both learned: forgetting one leaves the other
    for word in ("咕噜噜", "咕噜"):
        assert "KB-0114" in _search(answered, "咕噜噜")
        code, out, _ = run(capsys, "kb", "learned", "forget", "KB-0114", word, "--operator", "lead01",
                           "--data-dir", answered)
        assert code == 0 and out.strip() == "forgot 1 word of KB-0114"
    assert [(e["actor"], e["detail"]["word"]) for e in _audit(answered, "kb_learned_forget")] == [
        ("lead01", "咕噜噜"), ("lead01", "咕噜")]
    assert _search(answered, "咕噜噜") == []
    code, out, _ = run(capsys, "kb", "learned", "list", "--article", "KB-0114", "--json", "--data-dir", answered)
    left = [json.loads(x) for x in out.splitlines()]
    assert len(left) == len(rows) - 2 and not {"咕噜", "咕噜噜"} & {r["word"] for r in left}
    code, out, _ = run(capsys, "kb", "learned", "forget", "KB-0114", "--operator", "admin", "--data-dir", answered)
    assert code == 0 and out.strip() == f"forgot {len(left)} words of KB-0114"
    code, _, err = run(capsys, "kb", "learned", "forget", "KB-0114", "--operator", "admin", "--data-dir", answered)
    assert code == 1 and "nothing learned" in err
