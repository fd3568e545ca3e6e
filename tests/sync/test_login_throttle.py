"""Issue 12, point 5: wrong passwords are slowed down and then locked out, per
account and per client address, in the database (shared by server processes);
argon2 runs a bounded number at once, off the event loop."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
from sqlalchemy import select

from console.clock import utcnow
from sync.server import auth
from sync.server.models import LoginFailure

from .helpers import ACCOUNTS, PASSWORD


class _Clock:
    """The guard's clock, moved by the test instead of waiting for minutes."""

    def __init__(self):
        self.now = utcnow()

    def __call__(self):
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def _login(http, login="admin", password="wrong-password"):
    return http.post("/login", json={"login": login, "password": password})


def _failures(central, key):
    with central.db.read() as conn:
        return conn.scalar(select(LoginFailure.failures).where(LoginFailure.key == key))


def test_thirty_wrong_admin_passwords_lock_the_account_until_the_lockout_passes(central):
    guard = central.app.state.login_guard
    clock = guard.clock = _Clock()
    with httpx.Client(base_url=central.url + "/api/v1") as http:
        answers = [_login(http) for _ in range(30)]
        statuses = [r.status_code for r in answers]
        # the free failures are answered; then every attempt waits, and argon2 is not even run
        assert statuses[:4] == [401] * 4 and set(statuses[4:]) == {429}, statuses
        assert all(int(r.headers["retry-after"]) >= 1 for r in answers[4:])
        assert _failures(central, "login:admin") == 4
        r = _login(http, password=PASSWORD)
        assert r.status_code == 429 and r.json()["error"] == "too_many_attempts"

        # whoever keeps guessing, waiting out each delay, ends locked out for the full lockout
        while _failures(central, "login:admin") < guard.policy.lockout_after:
            clock.advance(int(_login(http).headers.get("retry-after", 0)) + 1)
            _login(http)
        r = _login(http, password=PASSWORD)
        assert r.status_code == 429
        assert int(r.headers["retry-after"]) > guard.policy.max_delay.total_seconds()
        clock.advance(guard.policy.max_delay.total_seconds() + 1)
        assert _login(http, password=PASSWORD).status_code == 429  # still locked: not a mere delay

        clock.advance(guard.policy.lockout.total_seconds())
        r = _login(http, password=PASSWORD)
        assert r.status_code == 200, r.text
        assert _failures(central, "login:admin") is None  # a good password clears the account's record
        # another account was never slowed down by admin's failures
        assert _login(http, "op01", PASSWORD).status_code == 200


def test_one_address_guessing_many_accounts_is_throttled(central):
    guard = central.app.state.login_guard
    guard.clock = _Clock()
    p = guard.policy
    p.address_factor = 2  # free failures per address: 3 x 2
    with httpx.Client(base_url=central.url + "/api/v1") as http:
        # one wrong password per account (op01 twice): no account reaches its own delay
        logins = [login for login, _role, _dept in ACCOUNTS] + ["op01"]
        statuses = [_login(http, login).status_code for login in logins]
        assert statuses == [401] * 7
        assert _failures(central, "addr:127.0.0.1") == 7
        r = _login(http, "op02", PASSWORD)  # the address waits, whatever the account
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert _failures(central, "login:op02") == 1


def test_argon2_verifications_are_bounded(central, monkeypatch):
    guard = central.app.state.login_guard
    guard.policy.hashing_slots, guard.policy.hashing_queue = 1, 2
    with monkeypatch.context() as m:
        m.setenv("HOTLINE_ARGON2_COST", "3,32768")  # slow enough for logins to overlap
        auth.create_account(central.db, "slowhash", PASSWORD, "operator")

    async def scenario():
        async with httpx.AsyncClient(base_url=central.url + "/api/v1", timeout=60) as http:
            return await asyncio.gather(*[http.post("/login", json={"login": "slowhash", "password": PASSWORD})
                                          for _ in range(12)])

    answers = asyncio.run(scenario())
    statuses = sorted(r.status_code for r in answers)
    assert set(statuses) == {200, 503}, statuses
    assert all(int(r.headers["retry-after"]) >= 1 for r in answers if r.status_code == 503)
    assert guard.peak == 1
    # a refused-for-busy login is not a failure: nothing is counted against the account
    assert _failures(central, "login:slowhash") is None
