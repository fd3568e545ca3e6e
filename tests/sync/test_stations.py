"""Issue 12, points 1 and 3: every console numbers in a station the server assigned
it, so a second hall's cases never collide with the first's; a profile that already
collided repairs itself; a push cannot take a number outside its device's range,
and Open311 filing never wedges on a taken number."""
from __future__ import annotations

import asyncio
import json
import uuid

import httpx
from sqlalchemy import insert, select

from console.clock import CITY_TZ, utcnow
from console.stations import in_range, is_provisional, station_of
from models import Case, CaseAlias
from sync.protocol import loads
from sync.server import auth
from sync.server.casebook import Caller
from sync.server.models import CentralCase, Device

from .helpers import PASSWORD, local_view, outbox_statuses, server_view

API = "/api/v1"


def _login(http: httpx.Client, login: str = "op01") -> dict:
    r = http.post(f"{API}/login", json={"login": login, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return {"authorization": "Bearer " + r.json()["access_token"]}


def _receive(number: str, station: str = "") -> dict:
    case = {"number": number, "station": station, "type": "consultation", "urgency": "normal", "channel": "phone",
            "category_code": "0203", "district_code": "JJ", "address": "", "description": "模拟坐席受理",
            "caller_phone": "", "caller_name": "", "confidential": False, "repeat_caller": False,
            "created_at": "2026-11-27T01:00:00"}
    return {"op_id": str(uuid.uuid4()), "seq": 1, "kind": "case_event", "payload": {
        "case_id": str(uuid.uuid4()), "case_number": number, "base_version": 0,
        "event": {"id": str(uuid.uuid4()), "seq": 1, "kind": "receive", "actor": "op01", "actor_role": "operator",
                  "at": "2026-11-27T01:00:00", "from_state": "draft", "to_state": "received", "reason": "",
                  "payload": {"case": case}}}}


def _push(http: httpx.Client, h: dict, device: str, *ops: dict) -> list[dict]:
    r = http.post(f"{API}/sync/push", headers=h, json={"device_id": device, "epoch": None,
                                                       "sent_at": "2026-11-27T01:00:05", "ops": list(ops)})
    assert r.status_code == 200, r.text
    return r.json()["results"]


def _today() -> str:
    return (utcnow() + CITY_TZ.utcoffset(None)).strftime("%Y%m%d")


def test_each_registered_device_gets_a_station_of_its_own(central):
    with httpx.Client(base_url=central.url) as http:
        h = _login(http)
        first, second = (http.post(f"{API}/devices", headers=h, json={"name": n}).json() for n in ("a", "b"))
        assert first["station"] and second["station"] and first["station"] != second["station"]
        assert not is_provisional(first["station"]) and "WEB" not in (first["station"], second["station"])
        again = http.post(f"{API}/devices/{first['device_id']}/station", headers=h).json()
        assert again == {"device_id": first["device_id"], "station": first["station"]}  # kept, not a new one
        # a device registered before stations existed gets one when it asks
        legacy = str(uuid.uuid4())
        with central.db.write() as conn:
            conn.execute(insert(Device), [{"id": legacy, "name": "old", "registered_by": "op01", "last_seq": 0,
                                           "created_at": utcnow()}])
        got = http.post(f"{API}/devices/{legacy}/station", headers=h).json()["station"]
        assert got not in (first["station"], second["station"])
        r = http.post(f"{API}/devices/{uuid.uuid4()}/station", headers=h)
        assert r.status_code == 404 and r.json()["error"] == "unknown_device"
        assert http.post(f"{API}/devices/{legacy}/station").status_code == 401
        assert http.post(f"{API}/devices/{legacy}/station", headers=_login(http, "urban")).status_code == 403
        r = http.post(f"{API}/devices/{legacy}/station", headers=_login(http, "op02"))
        assert r.status_code == 403 and r.json()["error"] == "device_not_yours"
    with central.db.read() as conn:
        stations = conn.scalars(select(Device.station)).all()
    assert len(stations) == len(set(stations)) == 3


def test_two_fresh_consoles_log_300_calls_offline_then_sync_without_a_collision(central, consoles):
    a = consoles("a", central.url, register=False)
    b = consoles("b", central.url, login="op02", register=False)
    assert is_provisional(a.profile.cases.station)
    logged = {id(c): _log_many(c, 300) for c in (a, b)}
    for c in (a, b):
        assert all(in_range(n, c.profile.cases.station) for n in logged[id(c)])
    first_a = logged[id(a)][0]

    async def scenario():
        for c in (a, b, a):
            rep = await c.client.sync_once()
            assert rep.rejected == 0
        await a.client.aclose()
        await b.client.aclose()
    asyncio.run(scenario())

    with central.db.read() as conn:
        numbers = conn.scalars(select(CentralCase.number)).all()
    assert len(numbers) == len(set(numbers)) == 600
    for c in (a, b):
        station = c.client.store.get("station")
        assert c.profile.cases.station == station and not is_provisional(station)
        assert outbox_statuses(c.db) == {"applied": 300}
        assert c.profile.cases.state_counts()["received"] == 600
        mine = [c.profile.cases.get(n).case.number for n in logged[id(c)]]  # found by the provisional number
        assert all(in_range(n, station) for n in mine) and len(set(mine)) == 300
    assert a.client.store.get("station") != b.client.store.get("station")
    assert local_view(a.db) == server_view(central.db) == local_view(b.db)
    moved = a.profile.cases.get(first_a).case
    assert moved.number != first_a and moved.number in numbers
    with a.db.session() as s:
        assert s.get(CaseAlias, first_a).case_id == moved.id


def _log_many(console, n: int) -> list[str]:
    """`n` calls logged in one transaction through the case service the intake numbers
    them with (CaseService.create: a case, its receive event and outbox row), so that
    600 calls take a second instead of 600 commits."""
    actor = console.profile.actor(console.login)
    with console.db.session() as s, s.begin(), s.no_autoflush:  # as the intake writes them
        cases = [console.profile.cases.create(s, {
            "type": "help", "urgency": "normal", "channel": "phone", "category_code": "0203",
            "district_code": "JJ", "address": "锦江区春熙路1号", "description": f"第{i}号来电：路灯不亮已经三天了",
            "caller_phone": "13800138000", "caller_name": "王先生", "confidential": False,
            "repeat_caller": False, "assist_departments": []}, actor)
            for i in range(n)]
        return [c.number for c in cases]


def test_a_profile_that_collided_repairs_itself_on_its_next_sync(central, consoles):
    # two halls on the old default station A01 logged calls offline: the same numbers
    a = consoles("a", central.url, station="A01", register=False)
    b = consoles("b", central.url, login="op02", station="A01", register=False)
    ours = [a.log("城管占道"), a.log("噪音扰民")]
    theirs = [b.log("路灯不亮"), b.log("井盖缺失")]
    assert ours == theirs
    b.act(theirs[0], "dispatch", lead_department="URBAN")

    # the earlier release: hall A's device took the A01 numbers; hall B's device was
    # registered too, and B's pushes were refused for good and set aside at the pull
    with central.db.write() as conn:
        for c, device, station in ((a, "dev-a", "A01"), (b, "dev-b", None)):
            conn.execute(insert(Device), [{"id": device, "name": "", "registered_by": c.login, "last_seq": 0,
                                           "created_at": utcnow(), "station": station}])
    a.client.store.put(device_id="dev-a", station="A01")
    b.client.store.put(device_id="dev-b")

    set_aside = []

    async def scenario():
        rep = await a.client.sync_once()
        assert (rep.applied, rep.rejected, rep.renumbered) == (2, 0, 0)
        _as_the_old_release_left_it(b, central)
        set_aside.extend(n for n in _numbers(b) if "~" in n)
        assert len(set_aside) == 2 and outbox_statuses(b.db) == {"rejected": 3}
        rep = await b.client.sync_once()
        assert (rep.renumbered, rep.rejected) == (2, 0)
        await a.client.sync_once()
        await a.client.aclose()
        await b.client.aclose()
    asyncio.run(scenario())

    station = b.client.store.get("station")
    assert station not in (None, "A01") and outbox_statuses(b.db) == {"applied": 3}
    with central.db.read() as conn:
        on_server = {r.number: r for r in conn.execute(select(CentralCase))}
    assert len(on_server) == 4
    repaired = [b.profile.cases.get(n).case for n in set_aside]  # still found by the old numbers
    assert all(in_range(c.number, station) and c.number in on_server for c in repaired)
    dispatched = next(c for c in repaired if c.state == "dispatched")
    assert on_server[dispatched.number].lead_department == "URBAN"
    with httpx.Client(base_url=central.url) as http:  # the department sees it now
        urban = _login(http, "urban")
        assert [c["number"] for c in http.get(f"{API}/cases", headers=urban).json()] == [dispatched.number]
    assert local_view(a.db) == server_view(central.db) == local_view(b.db)


def test_a_device_the_server_forgot_registers_again_in_a_new_station(central, consoles):
    a = consoles("a", central.url)
    first = a.client.store.get("station")
    pushed = a.log("已上传的")
    waiting = [a.log("离线受理一"), a.log("离线受理二")]
    assert all(in_range(n, first) for n in [pushed, *waiting])

    async def scenario():
        await a.client.sync_once()
        a.act(pushed, "dispatch", lead_department="URBAN")
        with central.db.write() as conn:  # e.g. removed by an administrator; its cases stay
            conn.execute(Device.__table__.delete())
        waiting.append(a.log("离线受理三"))
        rep = await a.client.sync_once()
        assert (rep.rejected, rep.renumbered) == (0, 1)
        await a.client.aclose()
    asyncio.run(scenario())
    second = a.client.store.get("station")
    assert second != first  # the forgotten station still numbers cases on the server: not given again
    with central.db.read() as conn:
        on_server = set(conn.scalars(select(CentralCase.number)))
    assert len(on_server) == 4 and outbox_statuses(a.db) == {"applied": 5}
    assert a.profile.cases.get(waiting[2]).case.number in on_server and waiting[2] not in on_server
    assert all(n in on_server for n in [pushed, *waiting[:2]])
    assert local_view(a.db) == server_view(central.db)


def _as_the_old_release_left_it(b, central) -> None:
    """B's state after a sync with the earlier release: each pushed operation refused
    (the number taken), then the pull set its cases aside under `…~xxxxxx`."""
    store = b.client.store
    pending = json.loads(store.pending_wire(0, 100)[1])
    store.ack([{"op_id": op["op_id"], "case_id": op["payload"]["case_id"], "status": "rejected",
                "reason": f"case number {op['payload']['case_number']!r} is missing or already taken"}
               for op in pending], [])
    page = loads(central.app.state.book.pull_text(Caller("op02", "operator"), 0, 1000, None))
    store.apply_page(page["cases"], page["next_cursor"], page["epoch"])


def _numbers(console) -> list[str]:
    with console.db.session() as s:
        return list(s.scalars(select(Case.number)))


def test_a_push_cannot_take_a_number_outside_its_station(central):
    key = auth.create_api_key(central.db, "城市大脑")
    day = _today()
    with httpx.Client(base_url=central.url) as http:
        h = _login(http)
        dev = http.post(f"{API}/devices", headers=h, json={"name": "a"}).json()
        other = http.post(f"{API}/devices", headers=h, json={"name": "b"}).json()
        mine = f"CD-{dev['station']}-{day}-0001"
        results = _push(http, h, dev["device_id"],
                        _receive(f"CD-WEB-{day}-0001"), _receive(f"CD-{other['station']}-{day}-0001"),
                        _receive(f"CD-PABCDEFGH-{day}-0001"), _receive(f"CD-A01-{day}-0001"),
                        _receive(mine, dev["station"]))
        assert [r["status"] for r in results] == ["rejected"] * 4 + ["applied"]
        assert "server's own range" in results[0]["reason"]
        assert "not in this device's station range" in results[1]["reason"]
        assert "provisional" in results[2]["reason"] and "provisional" in results[3]["reason"]
        mismatched = _receive(f"CD-{dev['station']}-{day}-0002")
        mismatched["payload"]["case_number"] = f"CD-{dev['station']}-{day}-0003"
        assert "differs" in _push(http, h, dev["device_id"], mismatched)[0]["reason"]
        taken = _push(http, h, dev["device_id"], _receive(mine))[0]
        assert taken["status"] == "rejected" and "already taken" in taken["reason"]
        for expected in (1, 2):  # filing goes on as before
            r = http.post("/open311/v2/requests.json", data={
                "api_key": key, "service_code": "0203", "description": "锦江区春熙路路灯不亮三天了",
                "address_string": "锦江区春熙路"})
            assert r.status_code == 201, r.text
            assert r.json()[0]["service_request_id"] == f"CD-WEB-{day}-{expected:04d}"


def test_open311_filing_passes_over_a_number_already_taken(central):
    # a case that took the server's own next number before ranges were checked
    key = auth.create_api_key(central.db, "城市大脑")
    day = _today()
    with central.db.write() as conn:
        ids = {}
        for n in (1, 2):
            ids[n] = str(uuid.uuid4())
            conn.execute(insert(CentralCase), [{
                "id": ids[n], "number": f"CD-WEB-{day}-{n:04d}", "station": "A01", "state": "received",
                "type": "help", "urgency": "normal", "channel": "phone", "address": "", "description": "旧数据",
                "caller_phone": "", "caller_name": "", "assist_departments": [], "created_at": utcnow(),
                "updated_at": utcnow(), "version": 1, "field_versions": {}}])
    with httpx.Client(base_url=central.url) as http:
        got = []
        for _ in range(2):
            r = http.post("/open311/v2/requests.json", data={
                "api_key": key, "service_code": "0203", "description": "锦江区春熙路路灯不亮三天了",
                "address_string": "锦江区春熙路"})
            assert r.status_code == 201, r.text
            got.append(r.json()[0]["service_request_id"])
    assert got == [f"CD-WEB-{day}-0003", f"CD-WEB-{day}-0004"]


def test_profile_show_and_cases_show_by_the_provisional_number(central, consoles, capsys, monkeypatch):
    import main
    a = consoles("a", central.url, register=False)
    provisional = a.log()
    a.log("第二个来电")
    folder = str(a.profile.data_dir)
    a.close()

    def show() -> dict:
        assert main.main(["profile", "show", "--json", "--data-dir", folder]) == 0
        out = capsys.readouterr().out
        assert "13800138000" not in out and "王先生" not in out
        return json.loads(out)

    before = show()
    assert before["provisional"] is True and before["station"] == station_of(provisional)
    assert (before["device_id"], before["central"], before["pending_ops"]) == (None, None, 2)
    monkeypatch.setenv("HOTLINE_SYNC_PASSWORD", PASSWORD)
    assert main.main(["sync", "--once", "--json", "--data-dir", folder, "--central", central.url,
                      "--login", "op01"]) == 0
    synced = json.loads(capsys.readouterr().out)
    assert (synced["applied"], synced["rejected"], synced["renumbered"]) == (2, 0, 2)
    after = show()
    assert after["provisional"] is False and after["station"] == after["assigned_station"]
    assert after["device_id"] and after["central"] == central.url and after["operator"] == "op01"
    assert after["pending_ops"] == 0
    tokens = [v for k, v in _sync_state(folder).items() if "token" in k]
    assert not any("token" in k for k in after) and not any(t in json.dumps(after) for t in tokens)
    assert main.main(["cases", "show", provisional, "--json", "--data-dir", folder]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert in_range(shown["number"], after["station"]) and shown["number"] != provisional


def _sync_state(folder: str) -> dict:
    from console.profile import open_profile
    from models import SyncState
    prof = open_profile(folder)
    try:
        with prof.db.session() as s:
            return {r.key: r.value for r in s.scalars(select(SyncState))}
    finally:
        prof.close()
