"""Issue 5, check 8: several consoles making random changes, departments acting on
the server, syncs with lost responses and cut links, restarts of the client;
in the end every console equals the server."""
from __future__ import annotations

import asyncio
import random

import pytest

from console.workflow import WorkflowError
from sync.client import Offline
from sync.server.casebook import Caller

from .helpers import local_view, outbox_statuses, reopen_client, server_view

TEXTS = ["路灯不亮", "噪音扰民", "占道经营", "垃圾清运不及时", "欠薪", "井盖缺失", "违章搭建", "供水中断"]
DEPARTMENTS = ["URBAN", "HRSS", "HOUSING"]


def _local_action(rng: random.Random, console, number: str, state: str):
    lead = rng.random() < 0.2
    choices = {
        "received": [("dispatch", "", {"lead_department": rng.choice(DEPARTMENTS)}),
                     ("answer", "", {"answer": "已告知办理流程"})],
        "returned": [("dispatch", "", {"lead_department": rng.choice(DEPARTMENTS)})],
        "replied": [("callback", "", {"satisfied": rng.random() < 0.7, "resolved": True}),
                    ("queue_callback", "", {})],
        "callback": [("callback", "", {"satisfied": True, "resolved": rng.random() < 0.8})],
        "answered": [("close", "", {})],
        "closed": [("reopen", "市民不满意", {})],
    }.get(state, [])
    choices = choices + [("edit", "", {"fields": {rng.choice(["description", "address"]):
                                                  f"{rng.choice(TEXTS)}（补充{rng.randrange(100)}）"}}),
                         ("note", "", {"text": "再次来电催办"})]
    if lead and state in ("dispatched", "accepted", "received") and console.login == "lead01":
        choices.append(("supervise", "超期督办", {}))
    action, reason, payload = rng.choice(choices)
    # each console acts as the account it signs in with: the server takes no other
    console.profile.cases.act(number, action, console.profile.actor(console.login), reason, payload)


def _department_action(rng: random.Random, book, snap: dict) -> None:
    dept = snap["lead_department"]
    liaison = Caller("dept", "liaison", dept)
    lead = Caller("lead01", "team_lead")
    steps = {"dispatched": [(liaison, "accept", "", {}), (liaison, "return", "不属于本单位职责", {})],
             "accepted": [(liaison, "reply", "", {"result": "已处理完毕"}),
                          (liaison, "request_extension", "需要协调", {"extra": "2wd"}),
                          (lead, "approve_extension", "", {"extra": "2wd"})],
             "extended": [(liaison, "reply", "", {"result": "延期后办结"})],
             "return_review": [(lead, "approve_return", "同意退单", {}), (lead, "reject_return", "属于本单位职责", {})],
             "dispute": [(lead, "decide_dispute", "经研判明确责任单位", {"unit": rng.choice(DEPARTMENTS)})],
             }.get(snap["state"], [])
    if steps:
        who, action, reason, payload = rng.choice(steps)
        book.act(who, snap["number"], action, reason, payload)


@pytest.mark.parametrize("seed", [5, 12345])
def test_random_consoles_converge(central, consoles, seed):
    rng = random.Random(seed)
    cs = [consoles(f"c{i}", central.url, login=login, station=f"B0{i}")
          for i, login in enumerate(["op01", "op02", "lead01"])]
    book = central.app.state.book

    async def scenario():
        for step in range(70):
            c = rng.choice(cs)
            roll = rng.random()
            if roll < 0.08:  # two consoles rewrite the same field of the same case
                other = rng.choice([x for x in cs if x is not c])
                shared = {x.number for x in c.profile.cases.list_cases(limit=100)} & \
                    {x.number for x in other.profile.cases.list_cases(limit=100)}
                if shared:
                    number = rng.choice(sorted(shared))
                    for who in (c, other):
                        try:
                            who.act(number, "edit", fields={"description": f"{who.profile.data_dir.name}改写{step}"})
                        except WorkflowError:
                            pass
            elif roll < 0.25:
                c.log(f"{rng.choice(TEXTS)}{step}", category_code="0203")
            elif roll < 0.55:
                cases = c.profile.cases.list_cases(limit=100)
                if cases:
                    case = rng.choice(cases)
                    try:
                        _local_action(rng, c, case.number, case.state)
                    except WorkflowError:
                        pass
            elif roll < 0.7:
                snaps = book.list_cases(Caller("admin", "admin"), limit=200)
                candidates = [s for s in snaps if s["lead_department"] and s["state"] in
                              ("dispatched", "accepted", "extended")]
                if candidates:
                    try:
                        _department_action(rng, book, rng.choice(candidates))
                    except WorkflowError:
                        pass
            elif roll < 0.95:
                fault = rng.choice(["none", "none", "drop", "inbound", "outbound"])
                c.net.drop_responses = 1 if fault == "drop" else 0
                c.net.cut_inbound = fault == "inbound"
                c.net.cut_outbound = fault == "outbound"
                try:
                    await c.client.sync_once()
                except Offline:
                    pass
                c.net.drop_responses, c.net.cut_inbound, c.net.cut_outbound = 0, False, False
            else:  # the program restarts: a new client over the same files
                await c.client.aclose()
                reopen_client(c, central.url)
        for _ in range(2):  # healed: everyone pushes, then everyone pulls what the others pushed
            for c in cs:
                await c.client.sync_once()
        for c in cs:
            await c.client.aclose()

    asyncio.run(scenario())
    server = server_view(central.db)
    assert server, "the run made no cases"
    seen: dict[str, int] = {}
    for c in cs:
        for k, v in outbox_statuses(c.db).items():
            seen[k] = seen.get(k, 0) + v
    print(f"seed {seed}: {len(server)} cases, outbox {seen}, conflicts "
          f"{sum(len(c.client.store.conflicts()) for c in cs)}")
    for c in cs:
        assert outbox_statuses(c.db).get("pending", 0) == 0
        assert local_view(c.db) == server
        counts = c.profile.cases.state_counts()
        expected: dict[str, int] = {}
        for case in server.values():
            expected[case["state"]] = expected.get(case["state"], 0) + 1
        assert {k: v for k, v in counts.items() if v} == expected
