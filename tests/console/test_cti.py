"""The caller-ID listener: real HTTP POSTs with httpx to the loopback port."""
from __future__ import annotations

import asyncio

import httpx
import pytest

from console.cti import CallEventError, CtiListener, parse_event


def test_events_reach_the_callback_and_bad_requests_are_refused():
    async def scenario():
        seen = []
        listener = CtiListener(seen.append, port=0)
        port = await listener.start()
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                r = await client.post("/", json={"event": "newCall", "from": "13800138000", "to": "12345",
                                                 "callId": "c-1", "direction": "in", "user": ["op01"]})
                assert r.status_code == 200 and r.json() == {"ok": True}
                r = await client.post("/cti", json={"event": "hangup", "callId": "c-1", "cause": "normalClearing"})
                assert r.status_code == 200
                r = await client.post("/", content=b"event=answer&callId=c-2&from=02886001234&user%5B%5D=op02",
                                      headers={"content-type": "application/x-www-form-urlencoded"})
                assert r.status_code == 200
                bad = await client.post("/", json={"event": "ring", "callId": "x"})
                assert bad.status_code == 400 and "event must be one of" in bad.json()["error"]
                assert (await client.post("/", content=b"{nope")).status_code == 400
                assert (await client.get("/")).status_code == 405
        finally:
            await listener.stop()
        return seen

    seen = asyncio.run(scenario())
    assert [(e.event, e.call_id) for e in seen] == [("newCall", "c-1"), ("hangup", "c-1"), ("answer", "c-2")]
    assert seen[0].from_number == "13800138000" and seen[0].user == "op01"
    assert seen[1].cause == "normalClearing"
    assert seen[2].from_number == "02886001234" and seen[2].user == "op02"


def test_a_failing_handler_answers_500_and_the_listener_keeps_serving():
    calls = []

    def handler(event):
        calls.append(event)
        if len(calls) == 1:
            raise RuntimeError("boom")

    async def scenario():
        listener = CtiListener(handler, port=0)
        port = await listener.start()
        try:
            async with httpx.AsyncClient() as client:
                url = f"http://127.0.0.1:{port}/"
                first = await client.post(url, json={"event": "newCall", "callId": "a", "from": "13800138000"})
                second = await client.post(url, json={"event": "newCall", "callId": "b", "from": "13800138000"})
                return first.status_code, second.status_code
        finally:
            await listener.stop()

    assert asyncio.run(scenario()) == (500, 200)


def test_only_loopback_and_required_fields():
    with pytest.raises(ValueError, match="loopback"):
        CtiListener(print, host="0.0.0.0")
    with pytest.raises(CallEventError, match="callId"):
        parse_event(b'{"event": "answer"}')
    with pytest.raises(CallEventError, match="JSON object"):
        parse_event(b"[1]")


def test_a_call_without_the_callers_number_is_refused_over_http():
    """docs/cti.md: `from` is required for newCall and answer; a hangup needs only the call id."""
    got = []

    async def scenario():
        listener = CtiListener(got.append, port=0)
        await listener.start()
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{listener.port}") as client:
                blank = await client.post("/", json={"event": "newCall", "callId": "c-1", "to": "12345"})
                spaces = await client.post("/", json={"event": "answer", "callId": "c-1", "from": "  "})
                hangup = await client.post("/", json={"event": "hangup", "callId": "c-1"})
                return blank, spaces, hangup
        finally:
            await listener.stop()

    blank, spaces, hangup = asyncio.run(scenario())
    assert blank.status_code == 400 and "from" in blank.json()["error"]
    assert spaces.status_code == 400 and "from" in spaces.json()["error"]
    assert hangup.status_code == 200
    assert [e.event for e in got] == ["hangup"]  # nothing blank reached the window
