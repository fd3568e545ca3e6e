"""Issue 5, check 9: a case logged in a console is dispatched, a department signs
for it and replies through the API, the console pulls the reply, the operator
calls back and closes it; every copy ends equal."""
from __future__ import annotations

import asyncio

import httpx

from .helpers import PASSWORD, local_view, outbox_statuses, server_view


def _token(url: str, login: str) -> dict:
    r = httpx.post(f"{url}/api/v1/login", json={"login": login, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return {"authorization": "Bearer " + r.json()["access_token"]}


def test_case_goes_round_the_loop(central, consoles):
    a = consoles("a", central.url)
    b = consoles("b", central.url, login="op02")
    number = a.log()
    a.act(number, "dispatch", lead_department="URBAN")

    async def scenario():
        rep = await a.client.sync_once()
        assert (rep.pushed, rep.applied, rep.rejected) == (2, 2, 0)
        urban = _token(central.url, "urban")
        async with httpx.AsyncClient(base_url=central.url + "/api/v1") as http:
            listed = (await http.get("/cases", headers=urban)).json()
            assert [c["number"] for c in listed] == [number]
            hrss = _token(central.url, "hrss")
            assert (await http.get(f"/cases/{number}", headers=hrss)).status_code == 404  # not its department
            r = await http.post(f"/cases/{number}/actions/accept", headers=urban, json={})
            assert r.status_code == 200 and r.json()["state"] == "accepted"
            r = await http.post(f"/cases/{number}/actions/reply", headers=urban, json={})
            assert r.status_code == 409 and "result is required" in r.json()["message"]
            r = await http.post(f"/cases/{number}/actions/reply", headers=urban,
                                json={"payload": {"result": "已更换灯泡，恢复照明"}})
            assert r.json()["state"] == "replied"
        await a.client.sync_once()
        assert a.profile.cases.get(number).case.state == "replied"
        a.act(number, "callback", satisfied=True, resolved=True)
        await a.client.sync_once()
        await b.client.sync_once()
        await a.client.aclose()
        await b.client.aclose()

    asyncio.run(scenario())
    detail = a.profile.cases.get(number)
    assert detail.case.state == "closed" and detail.case.satisfied is True
    assert [e.kind for e in detail.events] == ["receive", "dispatch", "accept", "reply", "callback"]
    assert local_view(a.db) == server_view(central.db) == local_view(b.db)
    assert outbox_statuses(a.db) == {"applied": 3}
    assert outbox_statuses(b.db) == {}
    assert a.profile.cases.state_counts().get("closed") == 1 == b.profile.cases.state_counts().get("closed")


