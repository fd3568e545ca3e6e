"""A department liaison's console with the real server on loopback: it pulls only what its
unit may see, its inbox tabs agree with the server's view for the account, it signs for and
replies offline and pushes when the network is back (the seat's console then sees the reply),
and a push for a case its unit does not lead is refused, shown like the seat's refusals."""
from __future__ import annotations

import asyncio
from types import SimpleNamespace

import httpx
import pytest
from sqlalchemy import select

from console import inbox
from console.clock import utcnow
from console.queue import QueueService
from console.queue_filter import QueueFilter
from console.signin import sign_in
from sync.server.access import Caller, visible
from sync.server.models import CentralCase
from sync.signin_check import central_check
from sync.store import LocalSyncStore
from tests.console.test_inbox import _expected

from .helpers import PASSWORD, outbox_statuses, reopen_client


def _sync(*consoles) -> list:
    """One sync of each console on a loop of its own (the client is opened again after)."""
    async def go():
        reports = [await c.client.sync_once() for c in consoles]
        for c in consoles:
            await c.client.aclose()
        return reports
    reports = asyncio.run(go())
    for c in consoles:
        cut = (c.net.cut_outbound, c.net.cut_inbound)
        reopen_client(c, c.client.central_url)
        c.net.cut_outbound, c.net.cut_inbound = cut
    return reports


def _liaison(consoles, central, login: str):
    """A console signed in as `login` through the server (which names the department)."""
    c = consoles(login, central.url, login=login)
    actor = sign_in(c.profile, login, PASSWORD, central_check(central.url)).actor
    return c, actor


def _tabs_here(console, unit: str) -> dict[str, list[str]]:
    q = QueueService(console.db)
    return {tab: sorted(r.number for r in q.page(QueueFilter(view="all", inbox=tab, unit=unit), limit=1000))
            for tab in inbox.TABS}


def _tabs_on_server(central, caller: Caller) -> dict[str, list[str]]:
    with central.db.read() as conn:
        rows = [r for r in conn.execute(select(CentralCase)) if visible(r, caller)]
    now = utcnow()
    plain = [SimpleNamespace(number=r.number, state=r.state, lead_department=r.lead_department,
                             assist=list(r.assist_departments or []), extension_requested=r.extension_requested,
                             deadline=r.deadline, upper=(r.upper_units or "").split(",")) for r in rows]
    return {tab: sorted(_expected(plain, tab, caller.department, now)) for tab in inbox.TABS}


def _seat_cases(seat) -> dict[str, str]:
    urban_only = seat.log("占道经营", category_code="0203")
    seat.act(urban_only, "dispatch", lead_department="URBAN")
    shared = seat.log("施工噪音扰民", category_code="0203")
    seat.act(shared, "dispatch", lead_department="URBAN", assist_departments=["HRSS"])
    signed = seat.log("路灯不亮", category_code="0203")
    seat.act(signed, "dispatch", lead_department="URBAN")
    other = seat.log("社保补缴")
    seat.act(other, "dispatch", lead_department="HOUSING")
    return {"urban_only": urban_only, "shared": shared, "signed": signed, "other": other}


def test_each_liaisons_inbox_is_the_servers_view_for_its_account(central, consoles):
    seat = consoles("seat", central.url)
    made = _seat_cases(seat)
    _sync(seat)
    urban, urban_actor = _liaison(consoles, central, "urban")
    hrss, hrss_actor = _liaison(consoles, central, "hrss")
    _sync(urban, hrss)
    assert (urban_actor.department, hrss_actor.department) == ("URBAN", "HRSS")
    # what each console holds is what the server lets the account see, nothing of HOUSING's
    for console, actor in ((urban, urban_actor), (hrss, hrss_actor)):
        here, there = _tabs_here(console, actor.department), _tabs_on_server(central, Caller(
            actor.login, "liaison", actor.department))
        assert here == there, actor.login
        assert made["other"] not in {n for tab in here.values() for n in tab}
    assert _tabs_here(urban, "URBAN")["to_sign"] == sorted([made["urban_only"], made["shared"], made["signed"]])
    assert _tabs_here(hrss, "HRSS")["assisting"] == [made["shared"]]
    assert _tabs_here(hrss, "HRSS")["to_sign"] == []
    # a unit with nothing to do with these cases (the lead of the fourth) sees only its own
    housing = _tabs_on_server(central, Caller("housing", "liaison", "HOUSING"))
    assert housing["to_sign"] == [made["other"]] and housing["assisting"] == []


def test_a_liaison_signs_for_and_replies_offline_then_the_seat_sees_the_reply(central, consoles):
    seat = consoles("seat", central.url)
    made = _seat_cases(seat)
    _sync(seat)
    urban, actor = _liaison(consoles, central, "urban")
    _sync(urban)
    number = made["signed"]
    urban.net.cut_outbound = urban.net.cut_inbound = True  # the street office's line is down
    urban.profile.cases.act(number, "accept", actor)
    urban.profile.cases.act(number, "reply", actor, "", {"result": "已更换灯泡，恢复照明", "resolved": True})

    async def offline():
        with pytest.raises(Exception):  # noqa: B017 (whatever the client raises offline, nothing is lost)
            await urban.client.sync_once()
        await urban.client.aclose()
    asyncio.run(offline())
    reopen_client(urban, central.url)
    assert outbox_statuses(urban.db) == {"pending": 2}
    assert inbox.counts(QueueService(urban.db), "URBAN")["to_sign"] == 2  # the inbox moved on offline
    urban.net.cut_outbound = urban.net.cut_inbound = False
    [report] = _sync(urban)
    assert (report.pushed, report.rejected) == (2, 0)
    assert outbox_statuses(urban.db).get("pending", 0) == 0 and "rejected" not in outbox_statuses(urban.db)
    _sync(seat)
    detail = seat.profile.cases.get(number)
    assert detail.case.state == "replied"
    reply = [e for e in detail.events if e.kind == "reply"][0]
    assert (reply.actor, reply.actor_role, reply.payload["result"]) == ("urban", "liaison", "已更换灯泡，恢复照明")
    assert reply.payload["resolved"] is True


def test_a_push_for_a_case_another_unit_leads_is_refused_and_shown(central, consoles):
    seat = consoles("seat", central.url)
    made = _seat_cases(seat)
    _sync(seat)
    hrss, actor = _liaison(consoles, central, "hrss")
    _sync(hrss)
    # the assisting unit's console lets it record a sign-for (the workflow allows a liaison to
    # sign for a dispatched case); the server knows from the credential that HRSS only assists
    hrss.profile.cases.act(made["shared"], "accept", actor)
    [report] = _sync(hrss)
    assert report.rejected == 1
    [refused] = LocalSyncStore(hrss.db).rejected()
    assert (refused.case_number, refused.action, refused.code) == (made["shared"], "accept", "lead_department_only")
    with central.db.read() as conn:
        state = conn.scalar(select(CentralCase.state).where(CentralCase.number == made["shared"]))
    assert state == "dispatched"
    # a case of a unit it has nothing to do with, pushed straight through its own device
    urban_tok = httpx.post(f"{central.url}/api/v1/login", json={"login": "urban", "password": PASSWORD}).json()
    h = {"authorization": "Bearer " + urban_tok["access_token"]}
    device = httpx.post(f"{central.url}/api/v1/devices", headers=h, json={"name": "urban"}).json()["device_id"]
    with central.db.read() as conn:
        other = conn.execute(select(CentralCase.id, CentralCase.version).where(
            CentralCase.number == made["other"])).one()
    import uuid
    op = {"op_id": str(uuid.uuid4()), "seq": 1, "kind": "case_event", "server_base": other.version,
          "payload": {"case_id": other.id, "case_number": made["other"], "base_version": other.version,
                      "event": {"id": str(uuid.uuid4()), "seq": other.version + 1, "kind": "accept", "actor": "urban",
                                "actor_role": "liaison", "at": "2026-12-03T01:00:00", "reason": "", "payload": {}}}}
    r = httpx.post(f"{central.url}/api/v1/sync/push", headers=h,
                   json={"device_id": device, "epoch": None, "sent_at": "2026-12-03T01:00:01", "ops": [op]})
    assert r.status_code == 200
    [res] = r.json()["results"]
    assert res["status"] == "rejected" and res["code"] == "lead_department_only"
    with central.db.read() as conn:
        assert conn.scalar(select(CentralCase.state).where(CentralCase.id == other.id)) == "dispatched"


def test_the_sync_panel_shows_the_refusal_in_words(central, consoles, qtbot):
    from ui.sync_panel import SyncPanel
    seat = consoles("seat", central.url)
    made = _seat_cases(seat)
    _sync(seat)
    hrss, actor = _liaison(consoles, central, "hrss")
    _sync(hrss)
    hrss.profile.cases.act(made["shared"], "accept", actor)
    _sync(hrss)
    panel = SyncPanel(LocalSyncStore(hrss.db), actor)
    qtbot.addWidget(panel)
    panel.refresh()
    table = panel.rejected_table
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == made["shared"]
    assert table.item(0, 3).text() == "Only the lead department may do this. [lead_department_only]"
