"""The argon2 cost of new password hashes: the console's offline verifiers and the
central server's accounts.

`HOTLINE_ARGON2_COST="TIME,MEMORY_KIB"` sets it (default: the argon2 package's own,
3 passes over 64 MiB). A city may raise it on a big server; the test suite lowers it
(still argon2, only cheaper). A stored hash keeps its own parameters, so a change never
breaks one: it applies to the hashes made from then on.
"""
from __future__ import annotations

import os
from functools import cache

from argon2 import PasswordHasher

ENV = "HOTLINE_ARGON2_COST"
MIN_TIME, MIN_MEMORY_KIB = 1, 1024


def hasher() -> PasswordHasher:
    """The hasher for the cost set now; ValueError with a sentence when the setting is wrong."""
    return _hasher_for(os.environ.get(ENV, "").strip())


def check_setting() -> None:
    """Raise the setting's ValueError at start-up rather than at the first sign-in."""
    hasher()


@cache
def _hasher_for(value: str) -> PasswordHasher:
    if not value:
        return PasswordHasher()
    parts = value.split(",")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"{ENV} must be TIME,MEMORY_KIB (two whole numbers, e.g. 3,65536), not {value!r}")
    time_cost, memory_kib = (int(p) for p in parts)
    if time_cost < MIN_TIME or memory_kib < MIN_MEMORY_KIB:
        raise ValueError(f"{ENV}: at least {MIN_TIME} pass and {MIN_MEMORY_KIB} KiB of memory")
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)
