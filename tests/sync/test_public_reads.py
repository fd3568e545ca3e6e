"""Issue 12, point 5: anonymous Open311 reads are rate-limited per client address,
served from a bounded cache that a write makes stale, and rendered a bounded
number at a time, so that anonymous readers cannot take the consoles' threads."""
from __future__ import annotations

import asyncio
import time

import httpx

from sync.server import auth
from sync.server.casebook import Caller, Casebook
from sync.server.db import open_central

BASE = "/open311/v2"


def _client(central, address: str = "127.0.0.1", **kw) -> httpx.Client:
    # every 127.x.y.z is this machine: a client bound to another one is another address to the server
    return httpx.Client(base_url=central.url, transport=httpx.HTTPTransport(local_address=address), **kw)


def _file(http, key: str, description: str = "春熙路路灯不亮已经三天了") -> str:
    r = http.post(f"{BASE}/requests.json", data={"api_key": key, "service_code": "0203", "description": description,
                                                 "address_string": "锦江区春熙路8号", "phone": "13912345678"})
    assert r.status_code == 201, r.text
    return r.json()[0]["service_request_id"]


def test_anonymous_reads_are_limited_per_address(central):
    policy = central.app.state.public_read_policy
    policy.rate, policy.burst = 10.0, 5
    with _client(central) as http, _client(central, "127.0.0.2") as other:
        statuses = [http.get(f"{BASE}/services.json").status_code for _ in range(8)]
        assert statuses[:5] == [200] * 5 and statuses[-1] == 429, statuses
        refused = http.get(f"{BASE}/requests.json")
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert refused.json()[0]["code"] == 429
        assert other.get(f"{BASE}/services.json").status_code == 200  # another address has its own bucket
        # the consoles' API is not counted against an address
        assert http.get("/api/v1/health").status_code == 200
        time.sleep(0.5)  # the bucket refills at `rate` a second
        assert http.get(f"{BASE}/services.json").status_code == 200


def test_reads_are_cached_until_a_write(central):
    key = auth.create_api_key(central.db, "城市大脑")
    reads = None
    with _client(central) as http:
        number = _file(http, key)
        first = http.get(f"{BASE}/requests.json")
        reads = central.app.state.public_reads
        rendered = reads.rendered
        again = http.get(f"{BASE}/requests.json", params={})
        assert again.content == first.content and reads.rendered == rendered  # from the cache
        # a big answer goes out compressed to a client that takes gzip (httpx asks for it and unpacks it)
        packed = http.get(f"{BASE}/services.json")
        assert packed.headers["content-encoding"] == "gzip"
        plain = http.get(f"{BASE}/services.json", headers={"accept-encoding": "identity"})
        assert "content-encoding" not in plain.headers and plain.content == packed.content
        assert http.get(f"{BASE}/requests/{number}.json").json()[0]["status"] == "open"

        book = central.app.state.book
        lead, urban = Caller("lead01", "team_lead"), Caller("urban", "liaison", "URBAN")
        book.act(lead, number, "dispatch", payload={"lead_department": "URBAN"})
        book.act(urban, number, "accept")
        book.act(urban, number, "reply", payload={"result": "已修复"})
        book.act(lead, number, "close_without_callback", "市民表示无需回访")
        # a committed write makes every cached answer stale: the next read sees the case closed
        assert http.get(f"{BASE}/requests/{number}.json").json()[0]["status"] == "closed"
        assert [x["status"] for x in http.get(f"{BASE}/requests.json").json()] == ["closed"]
        assert reads.rendered > rendered

        # the cache stays within its bounds, oldest entries dropped first
        central.app.state.public_read_policy.cache_entries = 3
        central.app.state.public_read_policy.burst = 1000
        for code in ("0201", "0202", "0203", "0204", "0205"):
            assert http.get(f"{BASE}/requests.json", params={"service_code": code}).status_code == 200
        rendered = reads.rendered
        for code in ("0205", "0204", "0203"):  # the last three kept
            assert http.get(f"{BASE}/requests.json", params={"service_code": code}).status_code == 200
        assert reads.rendered == rendered
        for code in ("0202", "0201"):  # the two before them dropped: made again
            assert http.get(f"{BASE}/requests.json", params={"service_code": code}).status_code == 200
        assert reads.rendered == rendered + 2


def test_concurrent_anonymous_reads_render_a_bounded_number_at_once(central):
    policy = central.app.state.public_read_policy
    policy.burst, policy.renders, policy.render_queue = 1000, 2, 6

    async def scenario(params_of):
        async with httpx.AsyncClient(base_url=central.url) as http:
            return await asyncio.gather(*[http.get(f"{BASE}/requests.json", params=params_of(i)) for i in range(40)])

    answers = asyncio.run(scenario(lambda i: {}))  # forty times the same question: answered once
    reads = central.app.state.public_reads
    assert {r.status_code for r in answers} == {200} and reads.rendered == 1
    answers = asyncio.run(scenario(lambda i: {"service_code": f"{i:04d}"}))  # forty different questions
    statuses = [r.status_code for r in answers]
    assert set(statuses) <= {200, 503} and 200 in statuses
    assert all(int(r.headers["retry-after"]) >= 1 for r in answers if r.status_code == 503)
    assert reads.peak <= 2


def test_a_change_made_by_another_server_process_shows(central):
    key = auth.create_api_key(central.db, "城市大脑")
    policy = central.app.state.public_read_policy
    policy.ttl = 0  # look at the change log on every read
    with _client(central) as http:
        number = _file(http, key)
        assert http.get(f"{BASE}/requests/{number}.json").json()[0]["status"] == "open"
        reads = central.app.state.public_reads
        rendered = reads.rendered
        # nothing changed: the change log says so, and the answer is not made again
        assert http.get(f"{BASE}/requests/{number}.json").json()[0]["status"] == "open"
        assert reads.rendered == rendered
        # a second server process on the same database (its own CentralDB, its own write count)
        other = open_central(central.db.url)
        try:
            book = Casebook(other)
            lead, urban = Caller("lead01", "team_lead"), Caller("urban", "liaison", "URBAN")
            book.act(lead, number, "dispatch", payload={"lead_department": "URBAN"})
            book.act(urban, number, "accept")
            book.act(urban, number, "reply", payload={"result": "已修复"})
            book.act(lead, number, "close_without_callback", "市民表示无需回访")
        finally:
            other.close()
        assert http.get(f"{BASE}/requests/{number}.json").json()[0]["status"] == "closed"
