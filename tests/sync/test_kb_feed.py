"""The knowledge base feed: an admin uploads JSON Lines, consoles pull them."""
from __future__ import annotations

import asyncio
import json

import httpx

from .helpers import PASSWORD


def test_admin_uploads_and_consoles_pull(central, consoles):
    articles = [{"id": "KB-SYNC-1", "title": "同步测试：路灯报修渠道", "body": "## 办理\n- 拨打12345或在线报修。"},
                {"id": "KB-SYNC-2", "title": "同步测试：井盖缺失处理", "body": "## 办理\n- 城管部门24小时内处置。"}]
    with httpx.Client(base_url=central.url + "/api/v1") as http:
        admin = {"authorization": "Bearer " + http.post("/login", json={"login": "admin", "password": PASSWORD}
                                                        ).json()["access_token"]}
        op = {"authorization": "Bearer " + http.post("/login", json={"login": "op01", "password": PASSWORD}
                                                     ).json()["access_token"]}
        body = "\n".join(json.dumps(a, ensure_ascii=False) for a in articles)
        assert http.post("/kb/articles", content=body.encode(), headers=op).status_code == 403
        bad = http.post("/kb/articles", content=b'{"id": "x"}\nnot json', headers=admin)
        assert bad.status_code == 400 and "line 2" in bad.json()["message"] and "line 1" in bad.json()["message"]
        r = http.post("/kb/articles", content=body.encode(), headers=admin)
        assert r.json() == {"added": 2, "updated": 0, "feed_seq": 2}
        feed = http.get("/kb/feed", params={"since": 1}, headers=op).json()
        assert [a["id"] for a in feed["articles"]] == ["KB-SYNC-2"] and feed["next"] == 2

    a = consoles("a", central.url)

    async def scenario():
        rep = await a.client.sync_once()
        again = await a.client.sync_once()
        await a.client.aclose()
        return rep, again
    rep, again = asyncio.run(scenario())
    assert a.client.store.get("kb_cursor") == "2"
    from console.knowledge import KnowledgeService
    kb = KnowledgeService(a.db)
    assert rep.articles == 2 and again.articles == 0
    assert kb.get("KB-SYNC-1").title == "同步测试：路灯报修渠道"
