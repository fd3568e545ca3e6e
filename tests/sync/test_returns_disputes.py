"""Assisting units, returns under review, disputes and sub-dispatch against the real server
on a loopback port (SQLite, and PostgreSQL when configured): what each unit sees in its
/cases list, GET and pull, and what each may do through the case API and a console's push."""
from __future__ import annotations

import asyncio

import httpx

from sync.server import auth

from .helpers import PASSWORD

API = "/api/v1"


def _client(central, login: str) -> httpx.Client:
    r = httpx.post(f"{central.url}{API}/login", json={"login": login, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return httpx.Client(base_url=central.url + API, headers={"authorization": "Bearer " + r.json()["access_token"]})


def _act(http: httpx.Client, number: str, action: str, reason: str = "", **payload) -> httpx.Response:
    return http.post(f"/cases/{number}/actions/{action}", json={"reason": reason, "payload": payload})


def _seen(http: httpx.Client, number: str) -> dict:
    """Where a liaison sees the case: its /cases list, a GET, a pull (both formats)."""
    listed = [c["number"] for c in http.get("/cases", params={"limit": 500}).json()]
    pulled = {}
    for fmt in ("objects", "rows"):
        page = http.get("/sync/pull", params={"format": fmt}).json()
        pulled[fmt] = [c["number"] if fmt == "objects" else c[page["case_fields"].index("number")]
                       for c in page["cases"]]
    return {"list": number in listed, "get": http.get(f"/cases/{number}").status_code == 200,
            "pull": number in pulled["objects"] and number in pulled["rows"]}


ALL = {"list": True, "get": True, "pull": True}
NOWHERE = {"list": False, "get": False, "pull": False}


def _in_one_loop(scenario, *consoles_used) -> None:
    """Run an async scenario (the consoles' HTTP clients live in its event loop), then close them."""
    async def go():
        try:
            await scenario()
        finally:
            for c in consoles_used:
                await c.client.aclose()
    asyncio.run(go())


async def _dispatched(seat, lead: str, assist: list[str]) -> str:
    number = seat.log()
    seat.act(number, "dispatch", lead_department=lead, assist_departments=assist)
    await seat.client.sync_once()
    return number


def test_an_assisting_unit_sees_the_case_everywhere_and_only_gives_opinions(central, consoles):
    auth.create_account(central.db, "housing", PASSWORD, "liaison", "HOUSING")
    seat = consoles("seat", central.url)
    _in_one_loop(lambda: _assisting(central, seat), seat)


async def _assisting(central, seat) -> None:
    number = await _dispatched(seat, "URBAN", ["HRSS"])
    with _client(central, "urban") as urban, _client(central, "hrss") as hrss, \
            _client(central, "housing") as housing:
        assert _seen(hrss, number) == ALL  # the list used to leave an assisted case out
        assert _seen(urban, number) == ALL
        assert _seen(housing, number) == NOWHERE
        for action, payload in [("accept", {}), ("return", {}), ("sub_dispatch", {"unit": "URBAN-ZHIFA"}),
                                ("progress_contact", {})]:
            r = _act(hrss, number, action, "不属于本单位", **payload)
            assert r.status_code == 403 and r.json()["refusal"] == "lead_department_only", (action, r.text)
        r = _act(urban, number, "assist_opinion", text="城管意见")
        assert r.status_code == 403 and r.json()["refusal"] == "assisting_department_only"
        assert _act(housing, number, "assist_opinion", text="x").status_code == 404
        r = _act(hrss, number, "assist_opinion", text="涉及欠薪部分由人社协助核查")
        assert r.status_code == 200, r.text
        assert r.json()["state"] == "dispatched"
        opinion = r.json()["events"][-1]
        assert (opinion["kind"], opinion["actor"], opinion["payload"]) == (
            "assist_opinion", "hrss", {"text": "涉及欠薪部分由人社协助核查"})
        assert _act(urban, number, "accept").status_code == 200
        for action, payload in [("request_extension", {"extra": "2wd"}), ("reply", {"result": "已处理"})]:
            assert _act(hrss, number, action, "需要时间", **payload).status_code == 403
    # the lead's console sees the opinion, pulled like any event
    await seat.client.sync_once()
    kinds = [e.kind for e in seat.profile.cases.get(number).events]
    assert kinds[-2:] == ["assist_opinion", "accept"]


def test_returned_twice_goes_to_dispute_and_the_bound_unit_cannot_return(central, consoles):
    """A return reviewed through a team lead's console (push), a second return to dispute,
    the binding decision, and the bound unit's return refused through the case API."""
    auth.create_account(central.db, "housing", PASSWORD, "liaison", "HOUSING")
    seat, lead = consoles("seat", central.url), consoles("lead", central.url, login="lead01")
    _in_one_loop(lambda: _dispute(central, seat, lead), seat, lead)


async def _dispute(central, seat, lead) -> None:
    number = await _dispatched(seat, "URBAN", [])
    with _client(central, "urban") as urban, _client(central, "housing") as housing:
        r = _act(urban, number, "return", "属于住建部门职责", suggested_unit="NOSUCH")
        assert r.status_code == 409 and r.json()["refusal"] == "unknown_unit"
        r = _act(urban, number, "return", "属于住建部门职责", suggested_unit="HOUSING")
        assert r.status_code == 200 and r.json()["state"] == "return_review"
        assert r.json()["suggested_unit"] == "HOUSING" and r.json()["returned_from"] == "dispatched"
        assert _act(urban, number, "approve_return", "自己批准").status_code == 403
        await lead.client.sync_once()
        assert lead.profile.cases.get(number).case.suggested_unit == "HOUSING"
        lead.act(number, "approve_return", "核实属实，同意退单")
        await lead.client.sync_once()
        assert urban.get(f"/cases/{number}").json()["state"] == "returned"
        await seat.client.sync_once()
        seat.act(number, "dispatch", lead_department="HOUSING")
        await seat.client.sync_once()
        r = _act(housing, number, "return", "属于城管执法职责", suggested_unit="URBAN")
        assert r.status_code == 200 and r.json()["state"] == "dispute"
        assert _act(housing, number, "decide_dispute", "我说了算", unit="URBAN").status_code == 403
        await lead.client.sync_once()
        lead.act(number, "decide_dispute", "经研判属住建职责，城管协办", unit="HOUSING",
                 assist_departments=["URBAN"])
        await lead.client.sync_once()
        snap = housing.get(f"/cases/{number}").json()
        assert (snap["state"], snap["lead_department"], snap["binding_unit"]) == ("dispatched", "HOUSING", "HOUSING")
        assert snap["assist_departments"] == ["URBAN"]
        r = _act(housing, number, "return", "仍不属于本单位")
        assert r.status_code == 409 and r.json()["refusal"] == "binding_decision", r.text
        assert r.json()["params"] == {"unit": "HOUSING"}
        assert housing.get(f"/cases/{number}").json()["version"] == snap["version"]  # nothing written
        assert _act(housing, number, "accept").status_code == 200
        assert _seen(urban, number) == ALL  # assisting now


def test_a_rejected_return_goes_back_with_its_deadlines(central, consoles):
    seat, lead = consoles("seat", central.url), consoles("lead", central.url, login="lead01")
    _in_one_loop(lambda: _rejected(central, seat, lead), seat, lead)


async def _rejected(central, seat, lead) -> None:
    number = await _dispatched(seat, "URBAN", [])
    with _client(central, "urban") as urban:
        signed = _act(urban, number, "accept").json()
        assert _act(urban, number, "return", "不属于本单位").json()["state"] == "return_review"
        await lead.client.sync_once()
        lead.act(number, "reject_return", "属于城管执法职责范围")
        await lead.client.sync_once()
        back = urban.get(f"/cases/{number}").json()
        assert back["state"] == "accepted"
        assert [back[k] for k in ("sign_deadline", "reply_deadline", "deadline")] == \
            [signed[k] for k in ("sign_deadline", "reply_deadline", "deadline")]
        r = _act(urban, number, "return", "确实不属于")  # the second time: a dispute
        assert r.json()["state"] == "dispute"


def test_sub_dispatch_goes_one_level_down_and_the_unit_above_keeps_seeing_it(central, consoles):
    auth.create_account(central.db, "jiancha", PASSWORD, "liaison", "HRSS-JIANCHA")
    seat = consoles("seat", central.url)
    _in_one_loop(lambda: _sub_dispatch(central, seat), seat)


async def _sub_dispatch(central, seat) -> None:
    number = await _dispatched(seat, "HRSS", ["URBAN"])
    other = seat.log("另一件欠薪")
    seat.act(other, "dispatch", lead_department="HRSS")
    await seat.client.sync_once()
    with _client(central, "hrss") as hrss, _client(central, "jiancha") as jiancha, \
            _client(central, "urban") as urban:
        assert _seen(jiancha, number) == NOWHERE
        signed = _act(hrss, number, "accept").json()
        r = _act(urban, number, "sub_dispatch", unit="URBAN-ZHIFA")
        assert r.status_code == 403 and r.json()["refusal"] == "lead_department_only"
        r = _act(hrss, number, "sub_dispatch", unit="URBAN-ZHIFA")
        assert r.status_code == 409 and r.json()["refusal"] == "not_below_lead"
        r = _act(hrss, number, "sub_dispatch", unit="HRSS-JIANCHA")
        assert r.status_code == 200, r.text
        down = r.json()
        assert (down["state"], down["lead_department"], down["upper_units"]) == ("dispatched", "HRSS-JIANCHA", "HRSS")
        assert [down[k] for k in ("sign_deadline", "reply_deadline")] == \
            [signed[k] for k in ("sign_deadline", "reply_deadline")]
        assert _seen(hrss, number) == ALL  # the unit above keeps seeing it
        assert _seen(jiancha, number) == ALL
        assert _seen(urban, number) == ALL  # still assisting
        assert _seen(jiancha, other) == NOWHERE
        r = _act(hrss, number, "accept")  # the unit above no longer acts on it
        assert r.status_code == 403 and r.json()["refusal"] == "lead_department_only"
        assert _act(jiancha, number, "accept").json()["state"] == "accepted"
        assert _act(jiancha, number, "reply", result="已督促企业支付工资").json()["state"] == "replied"
