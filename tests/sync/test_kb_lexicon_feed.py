"""The city's lexicon rides the knowledge feed; answers teach only the console
where they were given."""
from __future__ import annotations

import asyncio
import json

import httpx
from sqlalchemy import text

import main
from console.knowledge import KnowledgeService, lexicon
from sync.server import kb
from sync.server.db import open_central

from .helpers import PASSWORD, reopen_client

WORD = {"kind": "lexicon", "term": " 咕噜噜 ", "targets": ["人行道", "停车"]}  # 咕噜噜: a made-up spoken word


def _admin(http) -> dict:
    token = http.post("/login", json={"login": "admin", "password": PASSWORD}).json()["access_token"]
    return {"authorization": "Bearer " + token}


def _lines(*items) -> bytes:
    return "\n".join(json.dumps(i, ensure_ascii=False) for i in items).encode()


def _sync(console):
    async def once():
        try:
            return await console.client.sync_once()
        finally:
            await console.client.aclose()
    return asyncio.run(once())


def test_uploaded_lexicon_entry_reaches_the_consoles_search(central, consoles):
    a = consoles("a", central.url)
    search = KnowledgeService(a.db)
    assert search.search("咕噜噜") == []
    with httpx.Client(base_url=central.url + "/api/v1") as http:
        admin = _admin(http)
        bad = http.post("/kb/articles", headers=admin, content=_lines(
            {"kind": "lexicon", "term": "咕噜噜"}, {"kind": "lexicon", "targets": ["停车"]},
            {"id": "lexicon:咕噜噜", "title": "t", "body": "b"}, WORD))
        msg = bad.json()["message"]
        assert bad.status_code == 400 and all(f"line {n}" in msg for n in (1, 2, 3)) and "line 4" not in msg
        r = http.post("/kb/articles", headers=admin, content=_lines(WORD))
        assert r.status_code == 200 and r.json()["added"] == 1
        entry = http.get("/kb/feed", params={"since": r.json()["feed_seq"] - 1}, headers=admin).json()["articles"]
        assert [(e["id"], e["article"]["targets"]) for e in entry] == [("lexicon:咕噜噜", ["人行道", "停车"])]

    rep = _sync(a)
    assert rep.articles == 1
    with a.db.engine.connect() as conn:
        assert lexicon.entries(conn)["咕噜噜"] == lexicon.Term("咕噜噜", ("人行道", "停车"), "feed")
    assert "KB-0114" in [h.id for h in search.search("咕噜噜", 3)]  # 人行道停车管理规定

    # withdrawn: the same entry id is replaced, the console drops the term
    with httpx.Client(base_url=central.url + "/api/v1") as http:
        r = http.post("/kb/articles", headers=_admin(http),
                      content=_lines({"kind": "lexicon", "term": "咕噜噜", "deleted": True}))
        assert r.json()["updated"] == 1
    _sync(reopen_client(a, central.url))  # a new loop needs a new client
    with a.db.engine.connect() as conn:
        assert "咕噜噜" not in lexicon.entries(conn)
    assert search.search("咕噜噜") == []


def test_central_import_kb_takes_lexicon_lines(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'central.db'}"
    src = tmp_path / "kb.jsonl"
    src.write_bytes(_lines({"kind": "lexicon", "term": "黑车", "targets": "非法营运"}))
    assert main.main(["central", "import-kb", str(src), "--db", url]) == 2
    assert "line 1: a lexicon entry has \"targets\"" in capsys.readouterr().err
    src.write_bytes(_lines({"id": "KB-X", "title": "标题", "body": "正文"}, {**WORD, "term": "黑车"}))
    assert main.main(["central", "import-kb", str(src), "--db", url]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 2
    db = open_central(url)
    try:
        assert [e["id"] for e in kb.feed(db, 0)["articles"]] == ["KB-X", "lexicon:黑车"]
    finally:
        db.close()


def test_a_line_that_is_not_json_is_named_even_when_json_refuses_it_late(tmp_path, capsys):
    # a number past Python's digit limit is a plain ValueError, not a JSONDecodeError
    url = f"sqlite:///{tmp_path / 'central.db'}"
    src = tmp_path / "kb.jsonl"
    src.write_text('{"id": "KB-1", "title": "x"\n{"id": "KB-2", "n": ' + "9" * 5000 + "}\n", "utf-8")
    assert main.main(["central", "import-kb", str(src), "--db", url]) == 2
    err = capsys.readouterr().err
    assert "line 1: not JSON" in err and "line 2: not JSON" in err and "Traceback" not in err


def test_only_the_console_that_answered_learns(central, consoles):
    a = consoles("a", central.url)
    b = consoles("b", central.url, login="op02")
    number = a.log("小区门口那堆咕噜噜车天天挡在人行道上", type="consultation", category_code="0602",
                   answer="按规定处理", article_id="KB-0114")
    _sync(a)
    _sync(b)
    assert b.profile.cases.get(number).case.knowledge_article_id == "KB-0114"

    def learned(console) -> int:
        with console.db.engine.connect() as conn:
            return conn.execute(text("SELECT COUNT(*) FROM kb_learned WHERE article_id = 'KB-0114'")).scalar()
    assert learned(a) > 0 and learned(b) == 0
