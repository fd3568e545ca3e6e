"""`unit_contacted` travels: a console's push, the server's row, another console's pull."""
from __future__ import annotations

import asyncio

from sqlalchemy import select

from sync.server.models import CentralCase, CentralEvent


def test_a_unit_contact_reaches_the_server_and_the_other_console(central, consoles):
    a = consoles("a", central.url)
    b = consoles("b", central.url, login="op02")
    number = a.log(urgency="urgent")
    a.act(number, "dispatch", lead_department="URBAN")
    after = a.act(number, "unit_contacted", unit="URBAN", person="城管值班室王工")

    async def scenario():
        rep = await a.client.sync_once()
        assert (rep.pushed, rep.applied, rep.rejected) == (3, 3, 0)
        await b.client.sync_once()
        await a.client.aclose()
        await b.client.aclose()

    asyncio.run(scenario())
    with central.db.read() as conn:
        row = conn.execute(CentralCase.__table__.select().where(CentralCase.number == number)).one()
        at = conn.scalar(select(CentralEvent.at).where(CentralEvent.case_id == row.id,
                                                       CentralEvent.kind == "unit_contacted"))
    # the server applies the event at its own time, the authority both consoles then hold
    assert after.unit_contacted_at is not None and row.unit_contacted_at == at
    there = b.profile.cases.get(number)
    assert there.case.unit_contacted_at == row.unit_contacted_at == a.profile.cases.get(number).case.unit_contacted_at
    assert there.events[-1].payload == {"unit": "URBAN", "person": "城管值班室王工"}
