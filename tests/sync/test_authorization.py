"""Issue 12, point 2: every write goes through one authorization, decided by the
account behind the credential, never by the body.

The table-driven test drives the live server: every role x every action of the
workflow x every path (case API, console push, Open311) x the department's
relation to the case (lead, assisting, none), expected from a table written out
by hand below, not read from console/permissions.py.
"""
from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
from sqlalchemy import select, update

from console.workflow import ACTIONS
from models import Operator
from sync.server import auth
from sync.server.access import NotVisible
from sync.server.casebook import Caller
from sync.server.models import CentralCase, CentralEvent, Device
from tests.attachment_files import photo
from tests.console.test_permissions import MAY, WRITES_THROUGH

from .helpers import PASSWORD, reopen_client

API = "/api/v1"
PHOTO = photo("现场.png")  # the bytes every attach below names (put in the server's store by _case_for)
# login -> (role, relation to every case below: dispatched to URBAN, HRSS assisting)
ACCOUNTS = {"op01": ("operator", "any"), "lead01": ("team_lead", "any"), "admin": ("admin", "any"),
            "urban": ("liaison", "lead"), "hrss": ("liaison", "assisting"), "housing": ("liaison", "none")}
# the steps (as admin) that bring a new case to a state each action may start from,
# through a dispatch wherever the action allows, so that the relation is real
SETUP = {**dict.fromkeys(["answer", "dispatch", "cancel", "merge"], ["dispatch", "return", "approve_return"]),
         **dict.fromkeys(["accept", "return", "supervise", "instruct", "pick", "edit", "note", "progress_contact",
                          "assist_opinion", "sub_dispatch", "attach", "unit_contacted"], ["dispatch"]),
         **dict.fromkeys(["approve_return", "reject_return"], ["dispatch", "return"]),
         # returned a second time: a dispute (the re-dispatch names the same lead and assisting units)
         "decide_dispute": ["dispatch", "return", "approve_return", "dispatch", "return"],
         **dict.fromkeys(["request_extension", "reply"], ["dispatch", "accept"]),
         **dict.fromkeys(["approve_extension", "reject_extension"], ["dispatch", "accept", "request_extension"]),
         **dict.fromkeys(["queue_callback", "callback", "reopen", "callback_unreached", "close_without_callback"],
                         ["dispatch", "accept", "reply"]),
         **dict.fromkeys(["review_reopen", "review_close"], ["dispatch", "accept", "reply", "dissatisfied"]),
         "close": ["dispatch", "return", "approve_return", "answer"],
         "transfer": []}
# a setup step that is an action with another payload
SETUP_STEPS = {"dissatisfied": ("callback", {"satisfaction": "dissatisfied", "resolved": False})}
PAYLOAD = {"answer": {"answer": "已告知办理流程"},
           "dispatch": {"lead_department": "URBAN", "assist_departments": ["HRSS"]},
           "request_extension": {"extra": "5wd"}, "approve_extension": {"extra": "5wd"},
           "reply": {"result": "已处理"}, "callback": {"satisfied": True, "resolved": True},
           "transfer": {"to": "110"}, "instruct": {"level": "city"},
           "edit": {"fields": {"description": "新的描述"}}, "note": {"text": "备注"},
           "assist_opinion": {"text": "建议由属地街道牵头"}, "sub_dispatch": {"unit": "URBAN-ZHIFA"},
           "decide_dispute": {"unit": "URBAN", "assist_departments": ["HRSS"]}, "attach": PHOTO.meta(),
           "unit_contacted": {"unit": "URBAN", "person": "值班员"}}
REASON = "原因说明"
ADMIN = Caller("admin", "admin")
FIELDS = {"type": "help", "urgency": "normal", "channel": "web", "category_code": "0203", "district_code": "JJ",
          "address": "", "description": "路灯不亮", "caller_phone": "", "caller_name": "", "confidential": False,
          "repeat_caller": False}


def _expected(role: str, relation: str, action: str, path: str) -> bool:
    if role == "liaison" and "dispatch" not in SETUP.get(action, []):
        relation = "none"  # a case never dispatched has no department
    return role in WRITES_THROUGH[path] and action in MAY[(role, relation)]


def _relation(role: str, relation: str, action: str) -> str:
    return "none" if role == "liaison" and "dispatch" not in SETUP.get(action, []) else relation


def _token(url: str, login: str) -> dict:
    r = httpx.post(f"{url}{API}/login", json={"login": login, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return {"authorization": "Bearer " + r.json()["access_token"]}


def _case_for(book, action: str, target: str) -> dict:
    book.blobs.put(PHOTO.data)
    snap = book.create(dict(FIELDS), Caller("open311:setup", "open311"))
    for step in SETUP[action]:
        step, payload = SETUP_STEPS.get(step, (step, PAYLOAD.get(step, {})))
        snap = book.act(ADMIN, snap["number"], step, REASON, payload)
    return snap


def _payload(action: str, target: dict, wire: bool) -> dict:
    if action == "merge":
        return {"into": target["number"], **({"into_id": target["id"]} if wire else {})}
    return dict(PAYLOAD.get(action, {}))


def _events(central, case_id: str) -> list:
    with central.db.read() as conn:
        return conn.execute(select(CentralEvent.kind, CentralEvent.actor, CentralEvent.actor_role)
                            .where(CentralEvent.case_id == case_id).order_by(CentralEvent.seq)).all()


@pytest.mark.parametrize("logins", [("op01", "lead01", "admin"), ("urban", "hrss", "housing")],
                         ids=["hotline", "departments"])
def test_every_role_every_action_through_the_case_api(central, logins):
    book = central.app.state.book
    auth.create_account(central.db, "housing", PASSWORD, "liaison", "HOUSING")
    target = book.create(dict(FIELDS), Caller("open311:setup", "open311"))
    checked, untouched = 0, {}  # a refused attempt writes nothing: its case serves the next attempt
    with httpx.Client(base_url=central.url) as http:
        for login in logins:
            role, rel = ACCOUNTS[login]
            headers = _token(central.url, login)
            for action in ACTIONS:
                if action == "receive":  # the case API acts on cases; it files none
                    continue
                case = untouched.pop(action, None) or _case_for(book, action, target["number"])
                r = http.post(f"{API}/cases/{case['number']}/actions/{action}", headers=headers,
                              json={"reason": REASON, "payload": _payload(action, target, wire=False)})
                after = book.get(ADMIN, case["id"])
                if _expected(role, rel, action, "api"):
                    assert r.status_code == 200, (login, action, r.text)
                    assert after["version"] == case["version"] + 1
                    assert tuple(_events(central, case["id"])[-1]) == (action, login, role)
                else:
                    # a liaison's department that has nothing to do with the case does not see it (404)
                    assert r.status_code == (404 if _relation(role, rel, action) == "none" else 403), \
                        (login, action, r.text)
                    assert after["version"] == case["version"], (login, action)
                    untouched[action] = case
                checked += 1
    assert checked == len(logins) * (len(ACTIONS) - 1)


def _event(action: str, login: str, role: str, case: dict | None, payload: dict, station: str, n: int) -> dict:
    case_id = case["id"] if case else str(uuid.uuid4())
    if action == "receive":
        number = f"CD-{station}-20261203-{n:04d}"
        payload = {"case": {**FIELDS, "number": number, "station": station, "channel": "phone",
                            "created_at": "2026-12-03T01:00:00"}}
    else:
        number = case["number"]
    return {"op_id": str(uuid.uuid4()), "seq": n, "kind": "case_event", "server_base": case["version"] if case else 0,
            "payload": {"case_id": case_id, "case_number": number, "base_version": case["version"] if case else 0,
                        "event": {"id": str(uuid.uuid4()), "seq": (case["version"] if case else 0) + 1,
                                  "kind": action, "actor": login, "actor_role": role, "at": "2026-12-03T01:00:00",
                                  "reason": REASON, "payload": payload}}}


def _push(http, headers: dict, device: str, ops: list[dict]) -> httpx.Response:
    return http.post(f"{API}/sync/push", headers=headers,
                     json={"device_id": device, "epoch": None, "sent_at": "2026-12-03T01:00:01", "ops": ops})


def test_every_role_every_action_through_a_push(central):
    """Each console account pushes, through its own device, one honest event of every
    action (its own login and role), each on a case of its own, in one batch."""
    book = central.app.state.book
    target = book.create(dict(FIELDS), Caller("open311:setup", "open311"))
    with httpx.Client(base_url=central.url) as http:
        for login, (role, rel) in ACCOUNTS.items():
            if login == "housing":
                continue  # a liaison is a liaison: urban and hrss stand for it
            headers = _token(central.url, login)
            reg = http.post(f"{API}/devices", headers=headers, json={"name": login})
            if role not in WRITES_THROUGH["push"]:
                assert reg.status_code == 403
                r = _push(http, headers, str(uuid.uuid4()), [_event("note", login, role, target, {"text": "x"},
                                                                    "A01", 1)])
                assert r.status_code == 403 and "liaison" in r.json()["message"]
                continue
            assert reg.status_code == 200
            device, station = reg.json()["device_id"], reg.json().get("station", "A01")
            cases = {a: (None if a == "receive" else _case_for(book, a, target["number"])) for a in ACTIONS}
            first = 100 * list(ACCOUNTS).index(login)  # a case number of its own for each receive
            ops = [_event(a, login, role, cases[a], _payload(a, target, wire=True), station, first + i + 1)
                   for i, a in enumerate(ACTIONS)]
            r = _push(http, headers, device, ops)
            assert r.status_code == 200, r.text
            for action, op, res in zip(ACTIONS, ops, r.json()["results"], strict=True):
                case_id = op["payload"]["case_id"]
                if _expected(role, rel, action, "push"):
                    assert res["status"] == "applied", (login, action, res)
                    assert tuple(_events(central, case_id)[-1]) == (action, login, role)
                else:
                    # a liaison is refused per case, from its credential's department
                    assert res["status"] == "rejected" and res["code"] in (
                        "role_not_allowed", "lead_department_only", "assisting_department_only",
                        "department_not_involved"), (login, action, res)
                    assert res["code"] == "role_not_allowed" or role == "liaison"
                    before = cases[action]
                    if before is None:  # a refused receive files nothing
                        with pytest.raises(NotVisible):
                            book.get(ADMIN, case_id)
                        continue
                    assert book.get(ADMIN, case_id)["version"] == before["version"]


def test_open311_files_as_its_own_system_account_and_nothing_else(central):
    key = auth.create_api_key(central.db, "citizen-app")
    r = httpx.post(f"{central.url}/open311/v2/requests.json",
                   data={"api_key": key, "service_code": "0203", "description": "路灯不亮已经三天了",
                         "address_string": "锦江区春熙路1号"})
    assert r.status_code == 201, r.text
    number = r.json()[0]["service_request_id"]
    with central.db.read() as conn:
        case_id = conn.scalar(select(CentralCase.id).where(CentralCase.number == number))
    assert [tuple(e) for e in _events(central, case_id)] == [("receive", "open311:citizen-app", "open311")]
    # the API key is no bearer credential: it takes no other path
    r = httpx.post(f"{central.url}{API}/cases/{number}/actions/note", headers={"authorization": f"Bearer {key}"},
                   json={"reason": "", "payload": {"text": "x"}})
    assert r.status_code == 401


# -- the findings: forged actors and roles, another account's device --------------------------
def test_a_pushed_event_claiming_another_actor_or_role_is_refused(central):
    """An operator's token pushing urban's sign-for and reply, and an admin's supervise
    and cancel, as the findings did: all refused, nothing applied, nothing published."""
    book = central.app.state.book
    target = book.create(dict(FIELDS), Caller("open311:setup", "open311"))
    headers = _token(central.url, "op01")
    with httpx.Client(base_url=central.url) as http:
        device = http.post(f"{API}/devices", headers=headers, json={"name": "seat"}).json()["device_id"]
        forged = [("accept", "urban", "liaison"), ("reply", "urban", "admin"), ("supervise", "admin", "admin"),
                  ("cancel", "lead01", "team_lead"), ("supervise", "op01", "admin"),  # its own name, another role
                  ("note", "urban", "operator")]  # its own role, another name
        cases = [_case_for(book, "reply" if a == "reply" else "cancel" if a == "cancel" else "accept", "")
                 for a, _, _ in forged]
        ops = [_event(a, who, role, case, _payload(a, target, wire=True), "A01", i + 1)
               for i, ((a, who, role), case) in enumerate(zip(forged, cases, strict=True))]
        r = _push(http, headers, device, ops)
        assert r.status_code == 200
        for (action, who, role), case, res in zip(forged, cases, r.json()["results"], strict=True):
            assert res["status"] == "rejected", (action, who, role, res)
            assert f"names {who} ({role})" in res["reason"] and "sign-in of op01 (operator)" in res["reason"]
            assert book.get(ADMIN, case["id"])["version"] == case["version"]
        public = httpx.get(f"{central.url}/open311/v2/requests.json").json()
        assert not any(p.get("status_notes") for p in public if p["service_request_id"] == cases[1]["number"])
        # the same account's own event with no actor named: the account acts
        honest = _event("note", "", "", cases[-1], {"text": "补充"}, "A01", len(ops) + 1)
        r = _push(http, headers, device, [honest])
        assert r.json()["results"][0]["status"] == "applied"
        assert tuple(_events(central, cases[-1]["id"])[-1]) == ("note", "op01", "operator")


def test_a_token_cannot_push_through_another_accounts_device(central):
    book = central.app.state.book
    case = _case_for(book, "note", "")
    mine, theirs = _token(central.url, "op01"), _token(central.url, "op02")
    with httpx.Client(base_url=central.url) as http:
        device = http.post(f"{API}/devices", headers=mine, json={"name": "op01's seat"}).json()["device_id"]
        r = _push(http, theirs, device, [_event("note", "op02", "operator", case, {"text": "x"}, "A01", 1)])
        assert r.status_code == 403 and r.json()["error"] == "device_not_yours"
        assert "registered by another account" in r.json()["message"]
    assert book.get(ADMIN, case["id"])["version"] == case["version"]


def test_a_console_shows_why_a_forged_role_was_refused(central, consoles):
    """A console whose own database says op01 is a team lead (edited, or out of date)
    records op01's supervise as a team lead's: the server refuses it, and the reason
    is on the case in the sync panel's list."""
    a = consoles("a", central.url)
    number = a.log()
    with a.db.engine.begin() as conn:
        conn.execute(update(Operator).where(Operator.login == "op01").values(role="team_lead"))
    a.act(number, "supervise", reason="群众多次来电")
    asyncio.run(_sync_and_close(a))
    rejected = a.client.store.rejected()
    assert [(op.case_number, op.action) for op in rejected] == [(number, "supervise")]
    assert "names op01 (team_lead)" in rejected[0].reason and "sign-in of op01 (operator)" in rejected[0].reason
    assert a.client.store.counts()[:2] == (0, 1)


def test_operators_sharing_a_seat_each_push_their_own_work_through_their_own_device(central, consoles):
    """op01 works offline and leaves; op02 signs in on the same profile. Nothing of
    op01's is pushed with op02's sign-in (it would be refused for good) nor lost: it
    waits, with what follows it, until op01 signs in again; each account pushes through
    a device of its own."""
    a = consoles("a", central.url)
    mine = a.log()
    asyncio.run(_sync_and_close(a))
    first_device = a.client.store.get("device_id")
    a.act(mine, "edit", fields={"address": "锦江区春熙路2号"})  # op01, not yet synced

    def sign_in(login):
        reopen_client(a, central.url)
        a.client.login = login
        a.client.store.put(access_token=None, refresh_token=None)
    sign_in("op02")
    theirs = a.log("噪音扰民")  # op02's, behind op01's edit
    asyncio.run(_sync_and_close(a))
    assert a.client.store.counts()[:2] == (2, 0)  # both wait; nothing refused
    sign_in("op01")
    asyncio.run(_sync_and_close(a))
    assert a.client.store.counts()[:2] == (1, 0)  # op01's edit went, op02's call waits
    sign_in("op02")
    asyncio.run(_sync_and_close(a))
    assert a.client.store.counts()[:2] == (0, 0)
    assert a.client.store.get("device_id") != first_device
    with central.db.read() as conn:
        owners = dict(conn.execute(select(CentralEvent.actor, Device.registered_by)
                                   .join(Device, Device.id == CentralEvent.device_id)
                                   .where(CentralEvent.kind.in_(["edit", "receive"]))).all())
    assert owners == {"op01": "op01", "op02": "op02"}
    with central.db.read() as conn:
        events = conn.execute(select(CentralCase.number, CentralEvent.kind, CentralEvent.actor)
                              .join(CentralCase, CentralCase.id == CentralEvent.case_id)
                              .order_by(CentralEvent.case_id, CentralEvent.seq)).all()
    # op02's device has a station of its own: the call it logged under op01's moved into it
    # (the old number still finds it)
    theirs_now = a.profile.cases.get(theirs).case.number
    assert theirs_now != theirs
    assert sorted(tuple(e) for e in events) == sorted([(mine, "receive", "op01"), (mine, "edit", "op01"),
                                                       (theirs_now, "receive", "op02")])


async def _sync_and_close(console):
    try:
        await console.client.sync_once()
    finally:
        await console.client.aclose()
