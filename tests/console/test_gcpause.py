"""console.gcpause: pauses nest on the main thread, other threads never switch the
collector, and it comes back as it was."""
from __future__ import annotations

import gc
import threading

from console import gcpause


def test_nested_pauses_keep_the_collector_off_until_the_outermost_ends():
    assert gc.isenabled()
    with gcpause.paused():
        with gcpause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_worker_thread_never_switches_the_collector():
    seen = []

    def worker(started: threading.Event, may_end: threading.Event):
        with gcpause.paused():
            seen.append(gc.isenabled())
            started.set()
            may_end.wait(5)
        seen.append(gc.isenabled())

    # a worker's pause leaves the collector on
    started, may_end = threading.Event(), threading.Event()
    t = threading.Thread(target=worker, args=(started, may_end))
    t.start()
    assert started.wait(5)
    assert gc.isenabled()
    may_end.set()
    t.join(5)
    # and a worker's pause ending inside the main thread's pause does not turn it back on
    with gcpause.paused():
        started, may_end = threading.Event(), threading.Event()
        t = threading.Thread(target=worker, args=(started, may_end))
        t.start()
        assert started.wait(5)
        may_end.set()
        t.join(5)
        assert not gc.isenabled()
    assert seen == [True, True, False, False]
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off():
    gc.disable()
    try:
        with gcpause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
