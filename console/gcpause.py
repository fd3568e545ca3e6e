"""Pausing Python's cycle collector around work that allocates many objects but
makes no reference cycles (parsing a pulled page, walking a demo chunk).

Each collection of the oldest generation runs through every object alive, so
a burst of a hundred thousand new containers makes it run again and again
through the whole program. The collector is one switch for the whole process,
so only the main thread (the program's event loop, a command's own run) turns
it: a pause asked for in any other thread does nothing, and a worker thread
can never leave the collector off for the rest of the program. Pauses nest:
the collector is on again when the outermost ends (if it was on when it
began). Garbage made meanwhile is collected after.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_depth = 0
_was_enabled = False


@contextmanager
def paused() -> Iterator[None]:
    """The cycle collector off for the block, on the main thread only (module docstring)."""
    global _depth, _was_enabled
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if _depth == 0:
        _was_enabled = gc.isenabled()
        gc.disable()
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0 and _was_enabled:
            gc.enable()
