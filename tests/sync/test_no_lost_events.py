"""A rebase never deletes an event the server acknowledged or the console made
(issue 13, point 0, the console's side).

The server may serve a torn snapshot: the case's row at version N with only its
first N-1 events (events and row read in separate statements while a push was
being written), and keep serving it from its cache. The transport below tears
the pulled snapshots of chosen events exactly that way, on the wire, between the
real server and the real console. The console that made the event, and one that
had pulled it before, both keep it; the next whole snapshot makes every copy
equal to the server's.
"""
from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
from sqlalchemy import select

from sync.protocol import dumps, loads
from sync.server.casebook import Caller
from sync.server.models import CentralCase, CentralEvent

from .helpers import local_view, server_view


class TornPulls(httpx.AsyncBaseTransport):
    """Pull answers with the events whose ids are in `tear` left out of their snapshots
    (each case's row, version included, as the server sent it)."""

    def __init__(self, inner: httpx.AsyncBaseTransport):
        self.inner = inner
        self.tear: set[str] = set()
        self.torn = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if not (self.tear and request.url.path.endswith("/sync/pull") and response.status_code == 200):
            return response
        data = loads(await response.aread())
        rows = data.get("format") == "rows"
        at = data["event_fields"].index("id") if rows else None
        for case in data["cases"]:
            events = case[-1] if rows else case["events"]
            kept = [e for e in events if (e[at] if rows else e["id"]) not in self.tear]
            self.torn += len(events) - len(kept)
            events[:] = kept
        return httpx.Response(200, headers={"content-type": "application/json"}, content=dumps(data),
                              request=request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def _tear(console) -> TornPulls:
    console.net.inner = torn = TornPulls(console.net.inner)  # between the console's network and the server
    return torn


def _note_ids(console, number: str) -> list[str]:
    with console.db.engine.connect() as conn:
        return [str(uuid.UUID(r[0])) for r in conn.exec_driver_sql(
            "SELECT e.id FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.number = ? AND e.kind = 'note' "
            "ORDER BY e.seq", (number,))]


def _event_id(central, number: str, kind: str) -> str:
    with central.db.read() as conn:
        return str(conn.scalar(select(CentralEvent.id).join(CentralCase, CentralCase.id == CentralEvent.case_id)
                               .where(CentralCase.number == number, CentralEvent.kind == kind)))


@pytest.mark.parametrize("page_format", ["rows", "objects"])
def test_a_torn_snapshot_loses_no_acknowledged_event(central, consoles, page_format):
    a = consoles("a", central.url)
    b = consoles("b", central.url, login="op02")
    for c in (a, b):
        c.client.pull_format = page_format
    number = a.log("路灯不亮")
    book = central.app.state.book

    async def sync(*cs):
        for c in cs:
            await c.client.sync_once()

    async def scenario():
        await sync(a, b)
        a.act(number, "note", text="已联系市民")  # a's own note: pushed, acknowledged as applied
        torn_a, torn_b = _tear(a), _tear(b)
        await sync(a)
        note = _event_id(central, number, "note")
        torn_a.tear.add(note)
        await sync(a)  # the server says nothing new: a's cursor moved past it already
        # a change of the case makes the server send it again, at a new version, still torn
        book.act(Caller("lead01", "team_lead"), number, "pick")
        await sync(a, b)
        assert _note_ids(a, number) == [note]  # the console that made it keeps it
        torn_b.tear.add(note)
        book.act(Caller("lead01", "team_lead"), number, "supervise", "督办")
        await sync(a, b)
        assert torn_a.torn >= 2 and torn_b.torn >= 1
        assert _note_ids(a, number) == [note]
        assert _note_ids(b, number) == [note]  # b pulled it whole before: it keeps it too
        # a whole snapshot arrives: every copy is the server's again
        torn_a.tear.clear()
        torn_b.tear.clear()
        book.act(Caller("lead01", "team_lead"), number, "note", "", {"text": "已转派"})
        await sync(a, b)
        for c in (a, b):
            await c.client.aclose()
    asyncio.run(scenario())
    on_server = server_view(central.db)
    assert local_view(a.db) == on_server and local_view(b.db) == on_server
    assert [e[2] for e in next(iter(on_server.values()))["events"]].count("note") == 2


def test_a_torn_snapshot_under_pending_work_keeps_every_event(central, consoles):
    """The console has an acknowledged note the snapshot lacks and a pending one on top:
    both stay, the pending one replayed after the server's events."""
    a = consoles("a", central.url)
    number = a.log("噪音扰民")

    async def scenario():
        await a.client.sync_once()
        a.act(number, "note", text="第一次联系")
        await a.client.sync_once()
        torn = _tear(a)
        torn.tear.add(_event_id(central, number, "note"))
        central.app.state.book.act(Caller("lead01", "team_lead"), number, "pick")
        a.act(number, "note", text="第二次联系")
        # the push of the second note and the torn pull of the case in one sync
        await a.client.sync_once()
        assert torn.torn >= 1
        assert len(_note_ids(a, number)) == 2
        torn.tear.clear()
        central.app.state.book.act(Caller("lead01", "team_lead"), number, "supervise", "督办")
        await a.client.sync_once()
        await a.client.aclose()
    asyncio.run(scenario())
    assert local_view(a.db) == server_view(central.db)
    assert len(_note_ids(a, number)) == 2


def test_events_the_server_never_recorded_still_go(central, consoles):
    """The rule's other side: an operation the server refused leaves no event behind."""
    a = consoles("a", central.url)
    number = a.log("井盖缺失")

    async def scenario():
        await a.client.sync_once()
        # a team lead cancels the case on the server while a dispatches it: the dispatch is refused
        central.app.state.book.act(Caller("lead01", "team_lead"), number, "cancel", "重复来电")
        a.act(number, "dispatch", lead_department="URBAN")
        await a.client.sync_once()
        await a.client.aclose()
    asyncio.run(scenario())
    assert local_view(a.db) == server_view(central.db)
    assert [e[2] for e in next(iter(local_view(a.db).values()))["events"]] == ["receive", "cancel"]
