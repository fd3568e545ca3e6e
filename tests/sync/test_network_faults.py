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
