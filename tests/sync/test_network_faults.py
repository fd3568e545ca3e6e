"""Issue 5, check 4: the network cut in one direction or both for random spans,
then healed: the outbox drains by itself, with no new local write."""
from __future__ import annotations

import asyncio
import random

from .helpers import local_view, server_view


def test_queue_drains_by_itself_after_random_cuts(central, consoles):
    rng = random.Random(20261127)
    a = consoles("a", central.url)
    a.log("开头一件")

    async def scenario():
        stop = asyncio.Event()
        runner = asyncio.ensure_future(a.client.run(stop, interval=0.05))
        written = 1
        for round_ in range(6):
            mode = rng.choice(["outbound", "inbound", "both"])
            a.net.cut_outbound = mode in ("outbound", "both")
            a.net.cut_inbound = mode in ("inbound", "both")
            for _ in range(rng.randint(1, 3)):
                a.log(f"第{round_}轮断网期间受理")
                written += 1
            await asyncio.sleep(rng.uniform(0.05, 0.3))
            status = await a.client.status()
            if mode == "outbound":
                assert status.pending > 0  # nothing can have left
        a.net.cut_outbound = a.net.cut_inbound = False  # healed; no new write from here on
        for _ in range(400):
            status = await a.client.status()
            if status.pending == 0 and status.online and not status.syncing:
                break
            await asyncio.sleep(0.05)
        stop.set()
        await runner
        await a.client.aclose()
        return written, status

    written, status = asyncio.run(scenario())
    assert status.pending == 0 and status.rejected == 0
    server = server_view(central.db)
    assert len(server) == written
    assert local_view(a.db) == server


def test_busy_server_answers_are_retried_with_backoff(central, consoles):
    from sync.client import Backoff, Offline
    a = consoles("a", central.url)
    a.log("服务器繁忙时受理")

    async def scenario():
        a.net.answer_with = [(429, {"retry-after": "0.1"})]
        try:
            await a.client.sync_once()
            raise AssertionError("a 429 must not count as a sync")
        except Offline as exc:
            assert exc.retry_after == 0.1 and "429" in str(exc)
        a.net.answer_with = [(503, {}), (502, {}), (429, {})]
        stop = asyncio.Event()
        runner = asyncio.ensure_future(a.client.run(stop, interval=0.05))
        for _ in range(200):
            if (await a.client.status()).pending == 0:
                break
            await asyncio.sleep(0.05)
        stop.set()
        await runner
        await a.client.aclose()
        return await a.client.status()

    status = asyncio.run(scenario())
    assert status.pending == 0 and a.net.answer_with == []
    assert len(server_view(central.db)) == 1
    b = Backoff(base=1.0, cap=60.0, rng=random.Random(1))
    delays = [b.delay(n) for n in range(1, 10)]
    for n, d in enumerate(delays, 1):
        ceiling = min(60.0, 2 ** (n - 1))
        assert ceiling / 2 <= d <= ceiling
    assert b.delay(1, retry_after=30) == 30
