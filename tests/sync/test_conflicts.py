"""Free-text fields merge per field against the base version; when both sides changed
the same field the server keeps its value and the console keeps a conflict for a
person to resolve (keep mine / keep the server's)."""
from __future__ import annotations

import asyncio

from .helpers import local_view, server_view


async def _sync(*cs):
    for c in cs:
        await c.client.sync_once()


def test_fields_merge_and_a_true_conflict_waits_for_a_person(central, consoles):
    a = consoles("a", central.url)
    b = consoles("b", central.url, login="op02", station="A02")
    number = a.log("楼上漏水")

    async def scenario():
        await _sync(a, b)
        a.act(number, "edit", fields={"description": "楼上漏水，已持续一周"})
        b.act(number, "edit", fields={"address": "锦江区春熙路1号3栋"})  # another field: merges
        b.act(number, "edit", fields={"description": "楼上卫生间漏水"})  # the same field: conflict
        await _sync(a, b, a)
        status = await b.client.status()
        assert status.conflicts == 1
        [conflict] = b.client.store.conflicts()
        assert (conflict.field, conflict.base_value, conflict.local_value, conflict.server_value) == (
            "description", "楼上漏水", "楼上卫生间漏水", "楼上漏水，已持续一周")
        case = b.profile.cases.get(number).case
        assert (case.description, case.address) == ("楼上漏水，已持续一周", "锦江区春熙路1号3栋")
        b.client.store.resolve_conflict(conflict.id, "mine", b.profile.actor("op02"))
        await _sync(b, a)
        assert (await b.client.status()).conflicts == 0
        for c in (a, b):
            await c.client.aclose()

    asyncio.run(scenario())
    assert a.profile.cases.get(number).case.description == "楼上卫生间漏水"
    assert local_view(a.db) == server_view(central.db) == local_view(b.db)


def test_keep_the_servers_value(central, consoles):
    a = consoles("a", central.url)
    b = consoles("b", central.url, login="op02", station="A02")
    number = a.log("路口信号灯故障")

    async def scenario():
        await _sync(a, b)
        a.act(number, "edit", fields={"caller_name": "王建国"})
        b.act(number, "edit", fields={"caller_name": "王建军"})
        await _sync(a, b)
        [conflict] = b.client.store.conflicts()
        b.client.store.resolve_conflict(conflict.id, "server", b.profile.actor("op02"))
        await _sync(b, a)
        assert b.client.store.conflicts() == []
        for c in (a, b):
            await c.client.aclose()

    asyncio.run(scenario())
    assert b.profile.cases.get(number).case.caller_name == "王建国"
    assert local_view(a.db) == server_view(central.db) == local_view(b.db)
