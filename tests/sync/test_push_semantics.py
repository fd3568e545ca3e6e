"""Issue 5, checks 2, 3 and 5: exactly-once pushes, a bad operation that does not
block the queue, and one sync at a time."""
from __future__ import annotations

import asyncio
import copy

import httpx
import pytest
from sqlalchemy import func, select

from sync.client import Offline
from sync.server.models import AppliedOp, CentralEvent

from .helpers import PASSWORD, local_view, outbox_statuses, server_view


def _events_on_server(central) -> int:
    with central.db.read() as conn:
        return conn.scalar(select(func.count()).select_from(CentralEvent))


def test_a_lost_response_retried_with_the_same_id_has_one_effect(central, consoles):
    a = consoles("a", central.url, login="lead01")  # a team lead's console: it may supervise
    number = a.log()
    a.act(number, "dispatch", lead_department="URBAN")

    async def scenario():
        await a.client.sync_once()  # registers the device and pushes nothing more than these two
        a.act(number, "supervise", reason="群众多次来电")
        a.net.drop_responses = 1  # the push reaches the server, its answer is lost
        with pytest.raises(Offline):
            await a.client.sync_once()
        assert outbox_statuses(a.db) == {"applied": 2, "pending": 1}
        assert _events_on_server(central) == 3
        rep = await a.client.sync_once()
        assert rep.pushed == 1 and rep.applied == 1
        await a.client.aclose()

    asyncio.run(scenario())
    assert _events_on_server(central) == 3
    with central.db.read() as conn:
        assert conn.scalar(select(func.count()).select_from(AppliedOp)) == 3
    assert local_view(a.db) == server_view(central.db)
    assert server_view(central.db)[next(iter(server_view(central.db)))]["supervised"] == 1


def test_the_same_id_with_another_body_is_refused(central, consoles):
    a = consoles("a", central.url)
    number = a.log()
    asyncio.run(_sync_and_close(a))
    assert a.client.store.pending_wire(0, 10) == (None, b"[]")  # all pushed
    with a.db.engine.connect() as conn:
        from models import Outbox
        row = conn.execute(select(Outbox)).one()
    login = httpx.post(f"{central.url}/api/v1/login", json={"login": "op01", "password": PASSWORD}).json()
    headers = {"authorization": "Bearer " + login["access_token"]}
    body = {"device_id": a.client.store.get("device_id"), "epoch": a.client.store.get("epoch"),
            "sent_at": "2026-11-27T10:00:00", "ops": [{"op_id": str(row.op_id), "seq": row.seq, "kind": row.kind,
                                                     "payload": row.payload}]}
    replay = httpx.post(f"{central.url}/api/v1/sync/push", json=body, headers=headers).json()
    assert replay["results"][0]["status"] == "applied" and replay["results"][0]["replayed"] is True
    forged = copy.deepcopy(body)
    forged["ops"][0]["payload"]["event"]["payload"]["case"]["description"] = "另一段内容"
    answer = httpx.post(f"{central.url}/api/v1/sync/push", json=forged, headers=headers).json()
    assert answer["results"][0]["status"] == "refused"
    assert "different body" in answer["results"][0]["reason"]
    assert [c["description"] for c in server_view(central.db).values()] == ["路灯不亮已经三天了"]
    assert [c["number"] for c in server_view(central.db).values()] == [number]


async def _sync_and_close(console):
    await console.client.sync_once()
    await console.client.aclose()


def test_one_bad_operation_does_not_block_the_queue(central, consoles):
    a = consoles("a", central.url)
    first = a.log("小区门口垃圾堆放无人清理")
    asyncio.run(_sync_and_close_keep(a))
    # meanwhile the team lead cancels it on the platform
    from sync.server.casebook import Caller
    central.app.state.book.act(Caller("lead01", "team_lead"), first, "cancel", "重复来电，已合并处理")
    second = a.log("第二件：噪音扰民")
    a.act(first, "dispatch", lead_department="URBAN")  # the server will refuse: it is closed there
    third = a.log("第三件：占道经营")
    a.act(third, "dispatch", lead_department="URBAN")

    async def scenario():
        from .helpers import reopen_client
        reopen_client(a, central.url)
        rep = await a.client.sync_once()
        assert (rep.pushed, rep.applied, rep.rejected) == (4, 3, 1)
        status = await a.client.status()
        assert status.rejected == 1 and status.pending == 0
        await a.client.aclose()

    asyncio.run(scenario())
    [bad] = a.client.store.rejected()
    assert bad.case_number == first and bad.action == "dispatch"
    assert "cannot dispatch a case that is closed" in bad.reason
    assert a.profile.cases.get(first).case.state == "closed"  # the server's word
    assert {c["number"]: c["state"] for c in server_view(central.db).values()} == {
        first: "closed", second: "received", third: "dispatched"}
    assert local_view(a.db) == server_view(central.db)
    assert outbox_statuses(a.db) == {"applied": 4, "rejected": 1}


async def _sync_and_close_keep(console):
    await console.client.sync_once()
    await console.client.aclose()


def test_a_second_sync_started_while_one_runs_does_not_run_twice(central, consoles):
    a = consoles("a", central.url)
    for i in range(5):
        a.log(f"第{i}件：路面坑洼")

    async def scenario():
        first, second = await asyncio.gather(a.client.sync_once(), a.client.sync_once())
        assert first is second
        third = await a.client.sync_once()  # after it finished, a new one runs
        await a.client.aclose()
        return first, third

    first, third = asyncio.run(scenario())
    assert first.pushed == 5 and third.pushed == 0
    assert a.client.syncs_started == 2
    assert a.net.requests["/api/v1/sync/push"] == 1
    assert len(server_view(central.db)) == 5
