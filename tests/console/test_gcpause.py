"""console.gcpause: pauses nest and overlap across threads; the collector comes back as it was."""
from __future__ import annotations

import gc
import threading

from console import gcpause


def test_overlapping_pauses_keep_the_collector_off_until_the_last_ends():
    assert gc.isenabled()
    inner_started, outer_may_end = threading.Event(), threading.Event()
    seen = []

    def other_thread():
        with gcpause.paused():
            inner_started.set()
            outer_may_end.wait(5)
        seen.append(gc.isenabled())  # the main thread's pause still runs

    with gcpause.paused():
        t = threading.Thread(target=other_thread)
        t.start()
        assert inner_started.wait(5)
        with gcpause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
        outer_may_end.set()
        t.join(5)
        assert not gc.isenabled()
    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off():
    gc.disable()
    try:
        with gcpause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
