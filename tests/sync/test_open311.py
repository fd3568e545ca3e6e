"""Issue 5, check 10: Open311 GeoReport v2 (JSON and XML): services, filing with an
API key, reading it back without personal data, refused POSTs."""
from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET

import httpx

from sync.server import auth

BASE = "/open311/v2"


def _file(http, key, **extra):
    data = {"api_key": key, "service_code": "0203", "description": "锦江区春熙路路灯不亮，联系13912345678",
            "address_string": "锦江区春熙路8号", "first_name": "小明", "last_name": "李", "phone": "13912345678",
            **extra}
    return http.post(f"{BASE}/requests.json", data=data)


def test_services_and_requests(central, consoles):
    key = auth.create_api_key(central.db, "城市大脑")
    with httpx.Client(base_url=central.url) as http:
        services = http.get(f"{BASE}/services.json").json()
        codes = {s["service_code"]: s for s in services}
        assert "0203" in codes and codes["0203"]["group"]
        root = ET.fromstring(http.get(f"{BASE}/services.xml").content)
        assert root.tag == "services" and len(root.findall("service")) == len(services)
        definition = http.get(f"{BASE}/services/0203.json").json()
        assert definition["service_code"] == "0203"
        assert http.get(f"{BASE}/services/9999.json").status_code == 404

        r = _file(http, key)
        assert r.status_code == 201, r.text
        number = r.json()[0]["service_request_id"]
        one = http.get(f"{BASE}/requests/{number}.json").json()[0]
        assert one["status"] == "open" and one["service_code"] == "0203"
        assert one["address"] == "锦江区"
        text = http.get(f"{BASE}/requests/{number}.json").text + http.get(f"{BASE}/requests.xml").text
        for private in ("13912345678", "李小明", "小明", "春熙路8号"):
            assert private not in text
        assert one["description"].startswith("锦江区春熙路路灯不亮")
        listed = http.get(f"{BASE}/requests.xml", params={"status": "open"})
        root = ET.fromstring(listed.content)
        assert [n.findtext("service_request_id") for n in root.findall("request")] == [number]

        # refused: no key, a wrong key, an unknown service, a bad record (all with a message)
        r = http.post(f"{BASE}/requests.json", data={"service_code": "0203", "description": "没有密钥的请求"})
        assert r.status_code == 403 and "api_key" in r.json()[0]["description"]
        assert _file(http, "o311_wrong").status_code == 403
        r = _file(http, key, service_code="nope")
        assert r.status_code == 404 and "service_code" in r.json()[0]["description"]  # GeoReport v2: 404
        r = _file(http, key, description="短")
        assert r.status_code == 400 and "description" in r.json()[0]["description"]
        r = http.post(f"{BASE}/requests.xml", data={"service_code": "0203"})
        assert r.status_code == 403 and ET.fromstring(r.content).tag == "errors"

    # a confidential case logged in a console never shows up; the filed one reaches consoles
    a = consoles("a", central.url)
    secret = a.log("举报某单位负责人受贿", type="report", confidential=True)

    async def scenario():
        await a.client.sync_once()
        await a.client.aclose()
    asyncio.run(scenario())
    assert a.profile.cases.get(number).case.channel == "web"
    with httpx.Client(base_url=central.url) as http:
        assert http.get(f"{BASE}/requests/{secret}.json").status_code == 404
        numbers = [x["service_request_id"] for x in http.get(f"{BASE}/requests.json").json()]
        assert numbers == [number]
        # once the department replies and the case is closed, Open311 says closed
        from sync.server.casebook import Caller
        book = central.app.state.book
        lead = Caller("lead01", "team_lead")
        book.act(lead, number, "dispatch", payload={"lead_department": "URBAN"})
        urban = Caller("urban", "liaison", "URBAN")
        book.act(urban, number, "accept")
        book.act(urban, number, "reply", payload={"result": "已修复，李小明先生已确认"})
        book.act(lead, number, "close_without_callback", "市民表示无需回访")
        closed = http.get(f"{BASE}/requests/{number}.json").json()[0]
        assert closed["status"] == "closed" and "已修复" in closed["status_notes"]
        assert "小明" not in closed["status_notes"]
