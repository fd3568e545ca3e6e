"""Login throttling and the bound on password hashing.

Every failed sign-in counts against two keys in the `login_failures` table:
the account (`login:NAME`, whether or not it exists, so a guess at a name
learns nothing) and the client address (`addr:IP`). After a few free
failures a key must wait before its next attempt, twice as long after each
further failure, and after `lockout_after` failures it is locked for
minutes. An attempt while a key waits is answered 429 with Retry-After
without looking at the password, so a flood of guesses costs no argon2.
The state lives in the database, so several server processes share it.

Argon2 is slow and big by design (tens of MB per verification): at most
`hashing_slots` verifications run at once, in worker threads, never on the
event loop; a few more logins wait for a slot without holding a thread and
the rest are answered 503 with Retry-After.
"""
from __future__ import annotations

import asyncio
import logging
import math
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi.concurrency import run_in_threadpool
from sqlalchemy import delete, insert, select, update

from console.clock import utcnow

from . import auth
from .db import CentralDB
from .models import LoginFailure

log = logging.getLogger(__name__)


@dataclass
class LoginPolicy:
    """How failed sign-ins are slowed down (`central serve --login-*` sets these)."""

    free_failures: int = 3  # answered at once; a mistyped password or two costs nothing
    lockout_after: int = 10  # failures of one account before it is locked
    lockout: timedelta = timedelta(minutes=15)
    max_delay: timedelta = timedelta(minutes=1)  # the growing delay's ceiling before the lockout
    address_factor: int = 5  # an address may fail this many times more: a hall's counters share one
    forget_after: timedelta = timedelta(minutes=15)  # failures this old (since the last) start over
    hashing_slots: int = 2  # argon2 verifications at once
    hashing_queue: int = 16  # logins waiting for a slot before the rest are told to come back


class LoginRefused(Exception):
    """A sign-in not attempted: throttled (429) or the server is busy hashing (503)."""

    def __init__(self, status: int, code: str, message: str, retry_after: int):
        super().__init__(message)
        self.status, self.code, self.retry_after = status, code, max(1, retry_after)


class LoginGuard:
    """Throttles sign-ins per account and per address and bounds argon2 work."""

    def __init__(self, db: CentralDB, policy: LoginPolicy | None = None, clock=utcnow):
        self.db = db
        self.policy = policy or LoginPolicy()
        self.clock = clock
        self._slots: asyncio.Semaphore | None = None
        self._waiting = 0
        self.hashing = 0  # verifications running now
        self.peak = 0  # the most that ever ran at once (the bound, observable)

    async def login(self, client_ip: str, login_name: str, password: str, device_id: str | None) -> dict:
        """Sign in through the throttle; raises LoginRefused or auth.AuthError."""
        keys = (f"login:{login_name[:150]}", f"addr:{client_ip[:150]}")
        wait = await run_in_threadpool(self.wait_seconds, keys)
        if wait:
            log.info("sign-in refused while throttled: login %r from %s (%d s left)", login_name[:64], client_ip, wait)
            raise LoginRefused(429, "too_many_attempts",
                               f"too many failed sign-ins: try again in {wait} s", wait)
        async with self._slot():
            try:
                result = await run_in_threadpool(auth.login, self.db, login_name, password, device_id, client_ip)
            except auth.AuthError:
                await run_in_threadpool(self.failed, keys)
                raise
        await run_in_threadpool(self.succeeded, keys[0])
        return result

    def wait_seconds(self, keys: tuple[str, ...]) -> int:
        """Seconds until any of `keys` may try again (0: now)."""
        now = self.clock()
        with self.db.read() as conn:
            until = [t for t in conn.scalars(select(LoginFailure.locked_until).where(LoginFailure.key.in_(keys)))
                     if t is not None and t > now]
        return math.ceil(max(until).timestamp() - now.timestamp()) if until else 0

    def failed(self, keys: tuple[str, ...]) -> None:
        """Count a failed sign-in against each key and set its wait."""
        now, p = self.clock(), self.policy
        with self.db.write() as conn:
            for key in keys:
                row = conn.execute(select(LoginFailure).where(LoginFailure.key == key)).first()
                fresh = row is None or (now - row.last_at > p.forget_after
                                        and (row.locked_until is None or row.locked_until <= now))
                count = 1 if fresh or row is None else row.failures + 1
                factor = p.address_factor if key.startswith("addr:") else 1
                until = self._until(now, count, factor)
                values = {"failures": count, "last_at": now, "locked_until": until}
                if row is None:
                    conn.execute(insert(LoginFailure), [{"key": key, "first_at": now, **values}])
                else:
                    conn.execute(update(LoginFailure).where(LoginFailure.key == key)
                                 .values(**values, **({"first_at": now} if fresh else {})))
                if until is not None and count >= p.lockout_after * factor:
                    log.warning("sign-in locked for %s: %s after %d failures", p.lockout, key, count)

    def succeeded(self, login_key: str) -> None:
        """A good password clears the account's failures (the address's fade with time)."""
        with self.db.write() as conn:
            conn.execute(delete(LoginFailure).where(LoginFailure.key == login_key))

    def _until(self, now: datetime, count: int, factor: int) -> datetime | None:
        p = self.policy
        if count >= p.lockout_after * factor:
            return now + p.lockout
        beyond = count - p.free_failures * factor
        if beyond <= 0:
            return None
        return now + min(p.max_delay, timedelta(seconds=2 ** min(beyond - 1, 30)))

    @asynccontextmanager
    async def _slot(self):
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.policy.hashing_slots)
        if self._slots.locked() and self._waiting >= self.policy.hashing_queue:
            raise LoginRefused(503, "busy", "the server is busy signing others in: try again shortly", 2)
        self._waiting += 1
        try:
            await self._slots.acquire()
        finally:
            self._waiting -= 1
        self.hashing += 1
        self.peak = max(self.peak, self.hashing)
        try:
            yield
        finally:
            self.hashing -= 1
            self._slots.release()


def client_address(request) -> str:
    """The client's address as the server sees it (uvicorn rewrites it from
    X-Forwarded-For only for a proxy named in --trusted-proxy)."""
    return request.client.host if request.client else "-"
