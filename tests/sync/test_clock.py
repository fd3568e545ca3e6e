"""Issue 5, check 7: a console whose clock is three days off changes nothing on the
server: times and deadlines come from the server's clock and the event's age
measured on the console's own clock."""
from __future__ import annotations

import asyncio
from datetime import timedelta

from console.clock import utcnow

from ..conftest import FakeClock
from .helpers import local_view, server_view


def test_a_clock_three_days_off_changes_nothing(central, consoles):
    right = consoles("right", central.url)
    skewed_clock = FakeClock(utcnow() + timedelta(days=3))
    wrong = consoles("wrong", central.url, clock=skewed_clock)
    wrong.profile.cases.clock = skewed_clock
    n_right = right.log("时钟正确的坐席受理")
    n_wrong = wrong.log("时钟快三天的坐席受理")
    right.act(n_right, "dispatch", lead_department="URBAN")
    wrong.act(n_wrong, "dispatch", lead_department="URBAN")
    local_created = wrong.profile.cases.get(n_wrong).case.created_at
    started = utcnow()

    async def scenario():
        await right.client.sync_once()
        await wrong.client.sync_once()
        await right.client.sync_once()
        await right.client.aclose()
        await wrong.client.aclose()

    asyncio.run(scenario())
    finished = utcnow()
    server = {c["number"]: c for c in server_view(central.db).values()}
    for number in (n_right, n_wrong):
        case = server[number]
        assert started - timedelta(minutes=1) <= case["created_at"] <= finished
        for e in case["events"]:
            assert started - timedelta(minutes=1) <= e[4] <= finished
    # the same working-time arithmetic from the same server moments
    gap = abs(server[n_right]["sign_deadline"] - server[n_wrong]["sign_deadline"])
    assert gap < timedelta(minutes=10)
    assert local_created - server[n_wrong]["created_at"] > timedelta(days=2, hours=23)
    assert local_view(wrong.db) == server_view(central.db) == local_view(right.db)
