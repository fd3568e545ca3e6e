"""Accounts, tokens, roles: every request but health and public Open311 reads needs a
valid token; tokens expire and the client refreshes them; liaisons see their
department only; passwords are stored as salted argon2 hashes."""
from __future__ import annotations

import asyncio

import httpx
import pytest
from sqlalchemy import select

from sync.client import AuthNeeded
from sync.server import auth
from sync.server.models import Account

from .helpers import PASSWORD


def test_requests_need_a_valid_token(central):
    with httpx.Client(base_url=central.url + "/api/v1") as http:
        assert http.get("/health").status_code == 200
        for method, path in [("GET", "/sync/pull"), ("GET", "/cases"), ("GET", "/kb/feed"),
                             ("POST", "/devices"), ("POST", "/sync/push")]:
            r = http.request(method, path, json={} if method == "POST" else None)
            assert r.status_code in (401, 422), (path, r.status_code)
            r = http.request(method, path, headers={"authorization": "Bearer forged"},
                             json={"name": "x"} if path == "/devices" else None)
            assert r.status_code in (401, 422), (path, r.status_code)
        assert http.get("/cases", headers={"authorization": "Bearer forged"}).status_code == 401
        assert http.post("/login", json={"login": "op01", "password": "wrong-password"}).status_code == 401
        assert http.post("/login", json={"login": "nobody", "password": PASSWORD}).status_code == 401
    with central.db.read() as conn:
        hashes = list(conn.scalars(select(Account.password_hash)))
    assert all(h.startswith("$argon2id$") for h in hashes) and len(set(hashes)) == len(hashes)
    with pytest.raises(ValueError, match="at least 8"):
        auth.create_account(central.db, "short", "1234567", "operator")
    with pytest.raises(ValueError, match="department"):
        auth.create_account(central.db, "liaison2", PASSWORD, "liaison")


def test_expired_token_is_refreshed_on_401(central, consoles, token_clock):
    a = consoles("a", central.url)
    a.log()

    async def scenario():
        await a.client.sync_once()
        token_clock.expire_access_tokens()
        a.log("令牌过期后受理")
        rep = await a.client.sync_once()  # 401, refresh, the same request again
        assert rep.pushed == 1
        await a.client.aclose()
    asyncio.run(scenario())
    assert a.client.credentials.get("refresh_token") and a.client.store.get("refresh_token") is None


def test_no_credentials_says_log_in(central, consoles):
    a = consoles("a", central.url, login=None)
    a.client.password = None

    async def scenario():
        with pytest.raises(AuthNeeded, match="log in"):
            await a.client.sync_once()
        await a.client.aclose()
    asyncio.run(scenario())


def test_liaisons_see_their_department_only(central, consoles):
    a = consoles("a", central.url)
    mine = a.log("占道经营", category_code="0203")
    a.act(mine, "dispatch", lead_department="URBAN")
    other = a.log("社保补缴")
    a.act(other, "dispatch", lead_department="HRSS")
    _sync(a)
    with httpx.Client(base_url=central.url + "/api/v1") as http:
        tok = http.post("/login", json={"login": "urban", "password": PASSWORD}).json()["access_token"]
        h = {"authorization": f"Bearer {tok}"}
        assert [c["number"] for c in http.get("/cases", headers=h).json()] == [mine]
        pulled = http.get("/sync/pull", headers=h).json()
        assert [c["number"] for c in pulled["cases"]] == [mine]
        assert pulled["next_cursor"] == 4  # the cursor passes the changes it may not see
        assert http.post("/devices", headers=h, json={"name": "urban"}).status_code == 200  # a console of its own
        assert http.post(f"/cases/{other}/actions/accept", headers=h, json={}).status_code == 404
        r = http.post(f"/cases/{mine}/actions/return", headers=h, json={})
        assert r.status_code == 409 and "reason is required" in r.json()["message"]
        assert r.json()["refusal"] == "reason_required" and r.json()["params"] == {}  # for a window to translate
        r = http.post(f"/cases/{mine}/actions/return", headers=h, json={"reason": "不属于本单位职责"})
        assert r.json()["state"] == "return_review" and r.json()["return_count"] == 1


def test_a_liaison_pulls_the_cases_its_department_assists(central, consoles):
    a = consoles("a", central.url)
    led = a.log("占道经营", category_code="0203")
    a.act(led, "dispatch", lead_department="URBAN", assist_departments=["HRSS"])
    alone = a.log("噪音扰民")
    a.act(alone, "dispatch", lead_department="URBAN")
    _sync(a)
    with httpx.Client(base_url=central.url + "/api/v1") as http:
        def pulled(login: str, fmt: str) -> list[str]:
            tok = http.post("/login", json={"login": login, "password": PASSWORD}).json()["access_token"]
            page = http.get("/sync/pull", params={"format": fmt},
                            headers={"authorization": f"Bearer {tok}"}).json()
            return sorted(c["number"] if fmt == "objects" else c[page["case_fields"].index("number")]
                          for c in page["cases"])
        for fmt in ("objects", "rows"):
            assert pulled("hrss", fmt) == [led]  # assists it, and nothing else
            assert pulled("urban", fmt) == sorted([led, alone])


def _sync(console) -> None:
    async def go():
        await console.client.sync_once()
        await console.client.aclose()
    asyncio.run(go())
