"""Issue 12, point 4: every body and parameter in a strict shape with the console's own
limits. A malformed push envelope is 422; a malformed operation inside a good
envelope is rejected with its reason (the console shows it on the case) while the
rest of the batch is applied; nothing of it reaches the cases. No input is a 500."""
from __future__ import annotations

import copy
import itertools

import httpx
import pytest
from sqlalchemy import select

from console.intake import LIMITS
from models import Outbox
from sync.server.models import CentralCase

from .helpers import PASSWORD, new_id


def _session(url: str, login: str = "op01") -> httpx.Client:
    r = httpx.post(f"{url}/api/v1/login", json={"login": login, "password": PASSWORD})
    http = httpx.Client(base_url=url + "/api/v1", headers={"authorization": "Bearer " + r.json()["access_token"]})
    return http


def _receive_op(consoles, url) -> dict:
    """A real console's outbox operation for a logged call (the shape consoles push)."""
    a = consoles("a", url)
    a.log()
    with a.db.engine.connect() as conn:
        row = conn.execute(select(Outbox)).one()
    a.close()
    return {"op_id": str(row.op_id), "seq": 1, "kind": row.kind, "payload": row.payload, "server_base": None}


def _fresh(op: dict, station: str, **case) -> dict:
    """`op` with new ids and a new number in `station` (the pushing device's), its case
    fields replaced by `case`."""
    op = copy.deepcopy(op)
    op["op_id"] = new_id()
    p = op["payload"]
    p["case_id"], p["event"]["id"] = new_id(), new_id()
    number = f"CD-{station}-20261127-{next(_SERIAL):04d}"
    p["case_number"] = number
    p["event"]["payload"]["case"].update({"number": number, **case})
    for key, value in list(case.items()):
        if value is _DROP:
            del p["event"]["payload"]["case"][key]
    return op


_DROP = object()
_SERIAL = itertools.count(1)


def _push(http, device: str, ops: list) -> httpx.Response:
    return http.post("/sync/push", json={"device_id": device, "sent_at": "2026-11-27T10:00:00", "ops": ops})


def _cases(central) -> set[str]:
    with central.db.read() as conn:
        return set(conn.scalars(select(CentralCase.number)))


def test_a_malformed_envelope_is_422(central):
    with _session(central.url) as http:
        device = http.post("/devices", json={"name": "t"}).json()["device_id"]
        good_op = {"op_id": new_id(), "seq": 1, "kind": "case_event", "payload": {}}
        for body in ([1, 2, 3], 42, None, "push", {"device_id": [1], "sent_at": "x", "ops": []},
                     {"device_id": device, "sent_at": {"a": 1}, "ops": []},
                     {"device_id": device, "sent_at": "x", "ops": "many"},
                     {"device_id": device, "sent_at": "x", "ops": [good_op | {"seq": 10**20}]},
                     {"device_id": device, "sent_at": "x", "ops": [good_op | {"seq": -1}]},
                     {"device_id": device, "sent_at": "x", "ops": [good_op | {"seq": True}]},
                     {"device_id": device, "sent_at": "x", "ops": [good_op | {"server_base": 10**20}]},
                     {"device_id": device, "sent_at": "x", "ops": [good_op | {"payload": [1, 2]}]},
                     {"device_id": device, "sent_at": "x", "ops": [good_op | {"op_id": {"x": 1}}]},
                     {"device_id": "d" * 65, "sent_at": "x", "ops": []}):
            r = http.post("/sync/push", json=body)
            assert r.status_code == 422, (body, r.status_code, r.text)


def test_malformed_operations_are_rejected_with_a_reason(central, consoles):
    op = _receive_op(consoles, central.url)
    with _session(central.url) as http:
        reg = http.post("/devices", json={"name": "t"}).json()
        device, station = reg["device_id"], reg["station"]
        good = _fresh(op, station)
        bad = {
            "event is a string": (lambda o: o["payload"].__setitem__("event", "str"), "event"),
            "event payload is a list": (lambda o: o["payload"]["event"].__setitem__("payload", [1, 2]), "payload"),
            "a case id that is a list": (lambda o: o["payload"].__setitem__("case_id", [1]), "case_id"),
            "an unknown action": (lambda o: o["payload"]["event"].__setitem__("kind", "steal"), "kind"),
            "a 20-digit base": (lambda o: o["payload"].__setitem__("base_version", 10**20), "base_version"),
        }
        cases = {
            "two million characters": ({"description": "长" * 2_000_000}, "description"),
            "one over the console's limit": ({"description": "长" * (LIMITS["description"] + 1)}, "description"),
            "a dict as description": ({"description": {"text": "路灯不亮"}}, "description"),
            "a list as caller name": ({"caller_name": ["王", "先生"]}, "caller_name"),
            "a long caller name": ({"caller_name": "王" * (LIMITS["caller_name"] + 1)}, "caller_name"),
            "a long address": ({"address": "路" * (LIMITS["address"] + 1)}, "address"),
            "no type": ({"type": _DROP}, "type"),
            "no category for help": ({"category_code": None}, "category_code"),
            "an unknown category": ({"category_code": "9999"}, "category_code"),
            "no district for a complaint": ({"type": "complaint", "district_code": None}, "district"),
            "a three-character description": ({"description": "路灯坏"}, "description"),
            "a NUL in the description": ({"description": "路灯不亮\x00三天"}, "description"),
            "a control character in the number": ({"number": "RX-\x0b1"}, "number"),
            "an unknown field": ({"owner": "admin"}, "owner"),
            "a phone number not in the normalized form": ({"caller_phone": "138-0013-8000"}, "caller_phone"),
            "an unknown urgency": ({"urgency": "now"}, "urgency"),
        }
        ops, expect = [good], {good["op_id"]: None}
        for change, field in bad.values():
            o = _fresh(op, station)
            change(o)
            ops.append(o)
            expect[o["op_id"]] = field
        for case, field in cases.values():
            o = _fresh(op, station, **case)
            ops.append(o)
            expect[o["op_id"]] = field
        r = _push(http, device, ops)
        assert r.status_code == 200, r.text[:500]
        results = {x["op_id"]: x for x in r.json()["results"]}
        for op_id, field in expect.items():
            res = results[op_id]
            if field is None:
                assert res["status"] == "applied", res
            else:
                assert res["status"] == "rejected" and field in res["reason"], (field, res)
                assert len(res["reason"]) < 2000  # the reason names the field, it does not echo the input
        assert _cases(central) == {good["payload"]["case_number"]}
        # replayed: the same answers, nothing applied the second time
        again = {x["op_id"]: x["status"] for x in _push(http, device, ops).json()["results"]}
        assert again == {k: v["status"] for k, v in results.items()}


@pytest.mark.parametrize("target", [
    "/cases?offset=100000000000000000000", "/cases?offset=-1", "/cases?state=" + "x" * 100,
    "/kb/feed?since=100000000000000000000", "/sync/pull?cursor=100000000000000000000",
    "/sync/pull?epoch=" + "e" * 100, "/cases/" + "R" * 100,
])
def test_out_of_range_parameters_are_4xx(central, target):
    with _session(central.url) as http:
        r = http.get(target)
        assert 400 <= r.status_code < 500, (target, r.status_code, r.text)


def test_direct_api_bodies_are_strict(central, consoles):
    a = consoles("a", central.url)
    number = a.log()
    a.act(number, "dispatch", lead_department="URBAN")
    import asyncio
    asyncio.run(_sync(a))
    with _session(central.url, "urban") as http:
        for body in ({"reason": {"x": 1}}, {"payload": [1, 2]}, {"payload": {"result": {"a": 1}}},
                     {"payload": {"result": "长" * (LIMITS["description"] + 1)}}, {"reason": "x" * 6000},
                     {"payload": {"other": [1]}}, [1, 2, 3], 42, None):
            r = http.post(f"/cases/{number}/actions/reply", json=body)
            assert r.status_code == 422, (body, r.status_code, r.text)
        assert http.post(f"/cases/{number}/actions/accept", json={}).status_code == 200
        r = http.post(f"/cases/{number}/actions/reply", json={"payload": {"result": "已修复路灯"}})
        assert r.status_code == 200, r.text
    for body in ({"login": ["op01"], "password": PASSWORD}, {"login": "op01", "password": 12345678},
                 {"login": "op01\x00", "password": PASSWORD}, [1], 42, None):
        r = httpx.post(f"{central.url}/api/v1/login", json=body)
        assert r.status_code == 422, (body, r.status_code, r.text)


async def _sync(a):
    await a.client.sync_once()
    await a.client.aclose()
