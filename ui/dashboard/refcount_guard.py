"""Stopgap for a PySide6 6.12.0 bug on Python 3.11: every C++ call of a Python
override or slot that returns None (paint, paintEvent, timer slots) drops one
reference to None, and every Signal.emit() from Python drops one to True. A
pyqtgraph page loses thousands per refresh; after a couple of minutes CPython
aborts with "none_dealloc". PySide6 6.11.3 is not affected (checked).

Until the dependency excludes 6.12.0, `install()` gives None, True and False a
reference count no leak can exhaust, which is what Python 3.12 does anyway
(immortal objects). It touches nothing else and is a no-op on other versions.
"""
from __future__ import annotations

import ctypes
import sys

_BUMP = 1 << 40


def affected() -> bool:
    import PySide6
    return PySide6.__version__ == "6.12.0" and sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def install() -> bool:
    """Make None/True/False effectively immortal when running the affected PySide6; True if it did."""
    if not affected() or getattr(sys, "_hotline_refcount_guard", False):
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object
        ctypes.c_ssize_t.from_address(id(obj)).value += _BUMP
    sys._hotline_refcount_guard = True
    return True
