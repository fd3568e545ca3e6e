"""Refresh tokens rotate: each is good once and is answered with a new pair of the same
family; a spent one shown again revokes the whole family (the thief's tokens and the
real holder's alike) and is refused; a login starts a new family."""
from __future__ import annotations

import asyncio
import hashlib

import httpx
import pytest
from sqlalchemy import select

from sync.client import AuthNeeded
from sync.server.models import Token

from .helpers import PASSWORD


def works(http: httpx.Client, access: str) -> bool:
    r = http.get("/cases", headers={"authorization": f"Bearer {access}"})
    assert r.status_code in (200, 401)
    return r.status_code == 200


def stored(token: str) -> str:
    """How the server keeps a token: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def test_a_refresh_token_rotates_and_a_reused_one_revokes_its_family(central):
    with httpx.Client(base_url=central.url + "/api/v1") as http:
        first = http.post("/login", json={"login": "op01", "password": PASSWORD}).json()
        elsewhere = http.post("/login", json={"login": "op01", "password": PASSWORD}).json()  # another seat

        second = http.post("/token/refresh", json={"refresh_token": first["refresh_token"]})
        assert second.status_code == 200
        second = second.json()
        assert second["refresh_token"] != first["refresh_token"] and second["expires_in"] > 0
        assert works(http, second["access_token"])
        third = http.post("/token/refresh", json={"refresh_token": second["refresh_token"]}).json()
        with central.db.read() as conn:
            families = {r.token_hash: (r.family, r.used_at) for r in conn.execute(select(Token))}
        spent = families[stored(first["refresh_token"])]
        assert spent[1] is not None and families[stored(third["refresh_token"])] == (spent[0], None)
        assert families[stored(elsewhere["refresh_token"])][0] != spent[0]

        stolen = http.post("/token/refresh", json={"refresh_token": first["refresh_token"]})  # the spent one again
        assert stolen.status_code == 401 and stolen.json()["error"] == "refresh_failed"
        for access in (first["access_token"], second["access_token"], third["access_token"]):
            assert not works(http, access)
        assert http.post("/token/refresh", json={"refresh_token": third["refresh_token"]}).status_code == 401

        assert works(http, elsewhere["access_token"])  # another login's family is untouched
        assert http.post("/token/refresh", json={"refresh_token": elsewhere["refresh_token"]}).status_code == 200
        again = http.post("/login", json={"login": "op01", "password": PASSWORD}).json()
        assert works(http, again["access_token"])


def test_the_console_keeps_syncing_across_refreshes(central, consoles, token_clock):
    a = consoles("a", central.url, register=False)  # its first sync logs in (counted below)
    seen = []

    async def scenario():
        a.log()
        await a.client.sync_once()
        a.client.password = None  # from here on only the refresh token signs the console in
        for i in range(3):
            seen.append(a.client.credentials.get("refresh_token"))
            token_clock.expire_access_tokens()
            a.log(f"第{i}次刷新后受理")
            rep = await a.client.sync_once()
            assert rep.pushed == 1 and rep.applied == 1
        await a.client.aclose()
    asyncio.run(scenario())
    seen.append(a.client.credentials.get("refresh_token"))
    assert len(set(seen)) == 4 and None not in seen
    assert a.net.requests.get("/api/v1/login") == 1 and a.net.requests.get("/api/v1/token/refresh") == 3


def test_a_stolen_refresh_token_used_by_the_thief_signs_the_console_out(central, consoles, token_clock):
    a = consoles("a", central.url)
    http = httpx.Client(base_url=central.url + "/api/v1")

    async def scenario():
        await a.client.sync_once()
        stolen = a.client.credentials.get("refresh_token")
        thief = http.post("/token/refresh", json={"refresh_token": stolen}).json()  # the thief goes first
        token_clock.expire_access_tokens()
        a.client.password = None
        a.log("被盗后受理")
        with pytest.raises(AuthNeeded, match="log in"):
            await a.client.sync_once()
        assert a.client.credentials.load() == {}  # the spent token is forgotten, not retried
        r = http.post("/token/refresh", json={"refresh_token": thief["refresh_token"]})
        assert r.status_code == 401  # the console's reuse revoked the thief's pair too

        a.client.password = PASSWORD  # the operator signs in again: a new family
        rep = await a.client.sync_once()
        assert rep.pushed == 1
        assert a.client.credentials.get("refresh_token") not in (None, stolen, thief["refresh_token"])
        await a.client.aclose()
    try:
        asyncio.run(scenario())
    finally:
        http.close()
