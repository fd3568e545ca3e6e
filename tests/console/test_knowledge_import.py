"""Import (JSON Lines, Markdown folders), re-import updates, export round trip, the kb CLI."""
from __future__ import annotations

import json

import pytest

from console.knowledge import KnowledgeService, export_jsonl, import_path, shipped_files, stable_id
from console.knowledge.transfer import ImportSourceError
from main import main


def _line(**kw) -> str:
    base = {"title": "测试文章", "body": "## 办理渠道\n- 拨打12345。"}
    base.update(kw)
    return json.dumps(base, ensure_ascii=False)


def test_malformed_lines_are_reported_by_number_and_the_rest_imports(profile, tmp_path):
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join([
        _line(id="T-1", title="第一篇"),
        "{not json",
        _line(id="T-2", title=""),
        "",
        _line(id="T-3", title="第三篇", version="two"),
        _line(id="T-4", title="第四篇", effective_date="2026-13-01"),
        "[1, 2]",
        _line(id="T-5", title="第五篇", tags="噪音，夜间施工", colour="red"),
    ]) + "\n", "utf-8")
    report = import_path(profile.db, src)
    assert report.added == 2
    where = {p.where: p.message for p in report.problems}
    assert set(where) == {"mixed.jsonl:2", "mixed.jsonl:3", "mixed.jsonl:5", "mixed.jsonl:6", "mixed.jsonl:7"}
    assert "JSON" in where["mixed.jsonl:2"] and "title" in where["mixed.jsonl:3"]
    assert "version" in where["mixed.jsonl:5"] and "effective_date" in where["mixed.jsonl:6"]
    assert [str(w) for w in report.warnings] == ["mixed.jsonl:8: ignored unknown fields: colour"]
    kb = KnowledgeService(profile.db)
    assert kb.get("T-5").tags == ("噪音", "夜间施工")
    assert kb.get("T-1").title == "第一篇"


def test_reimport_updates_and_bumps_the_version(profile, tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(_line(id="T-9", title="供水抢修", body="## 办理渠道\n- 鸵鸟小区先找物业。", version=2) + "\n",
                   "utf-8")
    assert import_path(profile.db, src).added == 1
    again = import_path(profile.db, src)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    kb = KnowledgeService(profile.db)
    assert kb.get("T-9").version == 2
    src.write_text(_line(id="T-9", title="供水抢修", body="## 办理渠道\n- 拨打96116报修，说明鹦鹉螺小区。",
                         version=2) + "\n", "utf-8")
    changed = import_path(profile.db, src)
    assert changed.updated == 1
    art = kb.get("T-9")
    assert art.version == 3 and "96116" in art.body
    assert kb.search("鹦鹉螺", 1)[0].id == "T-9"  # the index follows the new body
    assert not any(h.id == "T-9" for h in kb.search("鸵鸟", 200))  # and forgot the old one


def test_article_without_id_gets_a_stable_id_from_its_title(profile, tmp_path):
    src = tmp_path / "noid.jsonl"
    src.write_text(_line(title="无编号的文章") + "\n", "utf-8")
    import_path(profile.db, src)
    src.write_text(_line(title="无编号的文章", body="## 新内容\n- 更新后的正文。") + "\n", "utf-8")
    rep = import_path(profile.db, src)
    assert rep.updated == 1 and rep.added == 0
    art = KnowledgeService(profile.db).get(stable_id("无编号的文章"))
    assert art.version == 2 and "更新后的正文" in art.body


def test_markdown_folder_with_front_matter(profile, tmp_path):
    folder = tmp_path / "md"
    (folder / "sub").mkdir(parents=True)
    (folder / "parking.md").write_text(
        "---\nid: MD-1\ncategory_code: '0602'\ndepartment_code: TRAFFICPOL\ntags: [占用盲道, 违停]\n"
        "source: 《本市停车条例》\neffective_date: 2026-01-01\nexpiry_date: 2026-06-30\neditor: 测试\n---\n"
        "# 盲道被车占了怎么办\n\n## 处理\n- 拨打122或12345举报。\n", "utf-8")
    (folder / "sub" / "broken.md").write_text("---\ntitle: [unclosed\n---\n正文\n", "utf-8")
    (folder / "sub" / "notitle.md").write_text("## 只有正文\n- 标题取文件名。\n", "utf-8")
    report = import_path(profile.db, folder)
    assert report.added == 2
    assert [p.where for p in report.problems] == ["sub/broken.md"]
    kb = KnowledgeService(profile.db)
    art = kb.get("MD-1")
    assert art.title == "盲道被车占了怎么办" and art.tags == ("占用盲道", "违停")
    assert str(art.expiry_date) == "2026-06-30" and art.category_code == "0602"
    hit = next(h for h in kb.search("盲道被占", 5) if h.id == "MD-1")
    assert hit.expired  # 2026-06-30 is past on the machine's today (2026-11-27 or later)


def test_export_then_import_round_trip_is_unchanged(profile, tmp_path):
    first = tmp_path / "first.jsonl"
    n = export_jsonl(profile.db, first)
    assert n == 156
    from console.profile import open_profile
    other = open_profile(tmp_path / "other")
    try:
        # the other profile already has the shipped articles: nothing changes
        rep = import_path(other.db, first)
        assert (rep.added, rep.updated, rep.unchanged, rep.problems) == (0, 0, 156, [])
        second = tmp_path / "second.jsonl"
        export_jsonl(other.db, second)
    finally:
        other.close()
    assert first.read_bytes() == second.read_bytes()
    shipped = {json.loads(line)["id"]: json.loads(line) for f in shipped_files() for line in f.open(encoding="utf-8")}
    exported = {json.loads(line)["id"]: json.loads(line) for line in first.open(encoding="utf-8")}
    assert exported == shipped  # field for field, the shipped files survive the trip


def test_import_of_a_missing_path_is_a_clear_error(profile, tmp_path):
    with pytest.raises(ImportSourceError, match="does not exist"):
        import_path(profile.db, tmp_path / "nope.jsonl")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ImportSourceError, match="no .md files"):
        import_path(profile.db, tmp_path / "empty")


def test_cli_import_search_export(tmp_path, capsys):
    data = ["--data-dir", str(tmp_path / "p")]
    src = tmp_path / "in.jsonl"
    src.write_text(_line(id="CLI-1", title="共享电单车头盔丢失") + "\n{oops\n", "utf-8")
    assert main(["kb", "import", str(src), *data]) == 1  # one line refused: non-zero, the rest imported
    out = capsys.readouterr()
    assert "1 added" in out.out and "in.jsonl:2" in out.err
    assert main(["kb", "search", "电单车头盔", "--limit", "2", "--json", *data]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines[0]["id"] == "CLI-1" and set(lines[0]) >= {"id", "title", "score", "snippet"}
    assert len(lines) <= 2
    assert main(["kb", "search", 'NEAR("停车" *', "--json", *data]) == 0
    capsys.readouterr()
    assert main(["kb", "search", "人行道停车谁管", "--duties", "--json", *data]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["department_code"] == "TRAFFICPOL"
    out_file = tmp_path / "export.jsonl"
    assert main(["kb", "export", str(out_file), *data]) == 0
    assert sum(1 for _ in out_file.open(encoding="utf-8")) == 157
    assert main(["kb", "import", str(tmp_path / "missing.jsonl"), *data]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_deleted_articles_leave_the_index(profile):
    from console.knowledge import store
    kb = KnowledgeService(profile.db)
    assert kb.search("5G基站", 1)[0].id == "KB-0145"
    assert store.delete(profile.db, ["KB-0145", "KB-0145", "NOPE"]) == 1
    assert kb.get("KB-0145") is None
    assert all(h.id != "KB-0145" for h in kb.search("5G基站", 10))
    assert kb.count() == 155
