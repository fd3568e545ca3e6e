"""Pausing Python's cycle collector around work that allocates many objects but
makes no reference cycles (parsing a pulled page, walking a demo chunk).

Each collection of the oldest generation runs through every object alive, so
a burst of a hundred thousand new containers makes it run again and again
through the whole program. Pauses nest and may overlap across threads: the
collector is on again when the last one ends (if it was on when the first
began). Garbage made meanwhile is collected after.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
