"""Caller ID under load: the time from the telephone's ring (a real HTTP POST to the caller-ID
listener) to the caller's number and history count painted in the call bar, while the form
holds another call; and to the caller's history in the form when the form is free.

Two baselines from the same run: the bare SQL the history needs for the same number (the
caller's case count and earlier cases, sqlite3 on the same file), and the bare round trip of
the same POST to a listener whose callback does nothing (HTTP, the thread hop, no window).
The profile is `ctx.demo_profile` (100,000 cases at scale 1).
"""
from __future__ import annotations

import asyncio
import sqlite3
import statistics
import sys
import threading
import time

import httpx

from tests.bench.harness import Figure

REPEAT = 7


class _Listener:
    """The caller-ID listener on a loop of its own, as the PBX bridge sees it."""

    def __init__(self, callback):
        from console.cti import CtiListener
        self.loop = asyncio.new_event_loop()
        self.listener = CtiListener(callback, port=0)
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.port = asyncio.run_coroutine_threadsafe(self.listener.start(), self.loop).result(10)

    def close(self):
        asyncio.run_coroutine_threadsafe(self.listener.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def run(ctx) -> list[Figure]:
    from PySide6.QtWidgets import QApplication

    from console.profile import open_profile
    from ui.app import build_main_window
    from ui.cti_adapter import CtiAdapter

    folder = ctx.demo_profile(ctx.size(100_000, 2000))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    profile = open_profile(folder)
    raw = sqlite3.connect(str(profile.db.path))
    phones = [r[0] for r in raw.execute(
        "SELECT caller_phone FROM cases WHERE caller_phone != '' GROUP BY caller_phone "
        "HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT ?", (REPEAT * 2 + 1,))]
    window = build_main_window(profile, profile.actor())
    window.resize(1366, 768)
    window.show()
    window.start()
    adapter = CtiAdapter(window)
    adapter.call_event.connect(window.on_call_event)
    server = _Listener(adapter.deliver)
    url = f"http://127.0.0.1:{server.port}/"
    client = httpx.Client()

    def ring(call_id: str, phone: str, shown) -> float:
        """Seconds from the POST's start to `shown()` after a paint."""
        done = threading.Event()
        t0 = time.perf_counter()
        threading.Thread(target=lambda: (client.post(url, json={"event": "newCall", "callId": call_id,
                                                                "from": phone}), done.set()),
                         daemon=True).start()
        while not shown():
            app.processEvents()
        window.call_bar.list.viewport().grab()
        elapsed = time.perf_counter() - t0
        done.wait(10)
        return elapsed

    def bare(phone: str) -> None:
        raw.execute("SELECT count(*) FROM cases WHERE caller_phone = ?", (phone,)).fetchone()
        raw.execute("SELECT * FROM cases WHERE caller_phone = ? ORDER BY created_at DESC LIMIT 20", (phone,)).fetchall()

    try:
        # the form is free: the ring opens the call in the form with the caller's history
        free, base = [], []
        for n in range(REPEAT):
            phone = phones[n]
            window.form.discard(ask=False)
            window.form.call_id = ""
            free.append(ring(f"free-{n}", phone, lambda p=phone: window.form.history() is not None
                             and window.form.history().phone == p))
            t = time.perf_counter()
            bare(phone)
            base.append(time.perf_counter() - t)
        # the form holds a call with text: the ring only rings in the bar, with the history count
        window.new_call(phones[-1], "busy-call")
        window.form.description.setPlainText("正在受理的来电内容")
        busy = []
        for n in range(REPEAT):
            phone = phones[REPEAT + n]
            key = f"bar-{n}"
            busy.append(ring(key, phone, lambda k=key: any(e.key == k and e.history_count > 0
                                                            for e in window.call_bar.entries)))
        b = statistics.median(base)
        bare_server = _Listener(lambda _event: None)
        trips = []
        try:
            for n in range(REPEAT):
                t = time.perf_counter()
                client.post(f"http://127.0.0.1:{bare_server.port}/", headers={"connection": "close"},
                            json={"event": "newCall", "callId": f"rt-{n}", "from": phones[0]})
                trips.append(time.perf_counter() - t)
        finally:
            bare_server.close()
        trip = statistics.median(trips)
        figures = [
            Figure("ring -> caller's history count in the call bar (form busy)", statistics.median(busy) * 1000,
                   "ms", b * 1000, "bare SQL for the caller's count and earlier cases",
                   target="< 200 ms", notes=f"{len(phones)} callers with history, {REPEAT} rings"),
            Figure("ring -> call opened in the form with the caller's history (form free)",
                   statistics.median(free) * 1000, "ms", b * 1000, "bare SQL for the caller's count and earlier cases",
                   target="< 200 ms"),
            Figure("ring -> history count in the call bar, against the bare round trip",
                   statistics.median(busy) * 1000, "ms", trip * 1000, "the same POST to a listener doing nothing"),
        ]
    finally:
        client.close()
        server.close()
        window.form.discard(ask=False)
        window.close()
        raw.close()
        profile.close()
    return figures
