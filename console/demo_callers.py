"""Who calls the demo city's hotline, and about what: the callers of a load and their matters.

Calls are planned in creation order, each with its caller and its matter (what it is about):

- 4 % leave no number (a walk-in, a letter without one);
- FOLLOW_UP of calls come from someone who called in the last 30 days about the same matter
  again (to chase it, to add to it): same category, district, type and place;
- AGAIN of calls come from someone who called in the last 30 days, about something new;
- FREQUENT of calls come from a small set of frequent callers (a few hundred at a million cases);
- the rest from numbers not seen before in the load.

A call from a number that called within the previous 30 days is a repeat (the case's
`repeat_caller`, the repeat-request rate of docs/metrics.md); docs/demo-data.md says why these
shares.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from models.storage_forms import stored_time

from .demo_text import Material

NO_NUMBER = 0.04
FOLLOW_UP = 0.095
AGAIN = 0.03
FREQUENT = 0.025
MONTH = 30 * 86400
MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                   "156", "157", "158", "159", "166", "173", "176", "177", "180", "181", "182", "183", "185",
                   "186", "187", "188", "189", "191", "198", "199"]
_EPOCH = datetime(1970, 1, 1)


class PhonePool:
    """`k` distinct made-up numbers, 85 % mobiles and 15 % Chengdu landlines, the i-th made when
    it is drawn (a load of 1,000,000 cases would otherwise build and sort 750,000 first).
    Distinct: i -> (i * A + c) mod 10**d is one-to-one below 10**d for A prime to 10."""

    def __init__(self, k: int):
        if k > 10**7:
            raise ValueError("at most 10,000,000 numbers")
        self.k = k

    def __len__(self) -> int:
        return self.k

    def __getitem__(self, i: int) -> str:
        if not 0 <= i < self.k:
            raise IndexError(i)
        if i % 20 < 3:
            return f"028{'68'[i & 1]}{(i * 7_654_321 + 1_234_567) % 10**7:07d}"
        return MOBILE_PREFIXES[i % len(MOBILE_PREFIXES)] + f"{(i * 48_271_207 + 1) % 10**8:08d}"


class CallerPlan:
    """Draws each call's caller and matter, in creation order.

    `known` maps the callers on file to (id, name) (a caller already on file keeps its id);
    `callers` collects the caller rows of the load: [id, phone, name, first seen, case count].
    """

    def __init__(self, n: int, rng, material: Material, names: tuple[list[str], list[str]],
                 known: dict[str, tuple[str, str]], callers: dict[str, list], urandom):
        self.rng = rng
        self.m = material
        self.known = known
        self.callers = callers
        self.urandom = urandom
        self.surnames, self.given = names
        self.frequent = max(n // 2000, 5)  # the pool's first numbers are the frequent callers'
        self.pool = PhonePool(min(10**7, self.frequent + n + 10))
        self.fresh = self.frequent
        self.last_by_phone: dict[str, float] = {}
        # the calls of the last 30 days with a number: times, and (phone, matter) in the same order
        self.recent_t: list[float] = []
        self.recent: list[tuple[str, tuple]] = []
        self.lo = 0

    def next(self, t: float) -> tuple[str | None, str, bool, str | None, tuple, bool]:
        """(phone, name, repeat, caller id, matter, follow-up) of the call at epoch seconds `t`."""
        rand = self.rng.random
        r = rand()
        recent_t = self.recent_t
        lo = self.lo
        while lo < len(recent_t) and recent_t[lo] < t - MONTH:
            lo += 1
        if lo > 100_000:  # forget what is older than a month
            del recent_t[:lo], self.recent[:lo]
            lo = 0
        self.lo = lo
        follow = False
        phone: str | None = None
        matter = None
        if r < NO_NUMBER:
            pass
        elif r < NO_NUMBER + FOLLOW_UP + AGAIN and lo < len(recent_t):
            phone, earlier = self.recent[lo + int(rand() * (len(recent_t) - lo))]
            if r < NO_NUMBER + FOLLOW_UP:
                matter, follow = earlier, True
        elif r < NO_NUMBER + FOLLOW_UP + AGAIN + FREQUENT:
            phone = self.pool[int(rand() * self.frequent)]
        else:
            phone = self.pool[self.fresh % len(self.pool)]
            self.fresh += 1
        if matter is None:
            matter = self.m.draw_matter(rand)
        if phone is None:
            return None, "", False, None, matter, False
        prev = self.last_by_phone.get(phone)
        repeat = prev is not None and t - prev < MONTH
        self.last_by_phone[phone] = t
        recent_t.append(t)
        self.recent.append((phone, matter))
        entry = self.known.get(phone)
        if entry is None:
            choice = self.rng.choice
            entry = self.known[phone] = (self.urandom(16).hex(), choice(self.surnames) + choice(self.given))
        row = self.callers.get(phone)
        if row is None:
            row = self.callers[phone] = [entry[0], phone, entry[1], stored_time(_EPOCH + timedelta(seconds=t)), 0]
        row[4] += 1
        return phone, entry[1], repeat, entry[0], matter, follow
