"""Signing a seat in: the operator's password, never a name alone.

The central server checks the password whenever it can be reached, and its
answer decides the account's role and department (the local operator row is
created or updated from it). Each accepted online sign-in leaves an argon2
hash of the password on the operator row, so the same operator can sign in
while the console is offline; an operator who never signed in online cannot
sign in offline. A demo profile (`main.py demo`) gets verifiers for a
documented demo password instead.

Repeated wrong passwords make the seat wait before the next attempt, longer
each time, per login and for the whole seat; the wait is kept in the profile
so restarting the program does not reset it.
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from models import Department, Operator, Setting, SyncState
from models.db import Database

from . import audit
from .clock import utcnow
from .dto import Actor
from .password_hash import hasher

log = logging.getLogger(__name__)

DEMO_PASSWORD = "demo12345"
DEMO_KEY = "demo_profile"
FAILURES_KEY = "signin.failures"
ROLES = ("operator", "team_lead", "liaison", "admin")
FREE_FAILURES = 3  # wrong passwords answered at once before the seat starts to wait
MAX_WAIT = 60.0  # seconds
_SEAT = "*"
KEPT_FAILURES = 200  # logins whose wrong passwords are remembered


class SignInError(Exception):
    """The seat was not signed in; `code` names why (the window words it in the operator's language)."""

    code = "refused"

    def __init__(self, message: str = ""):
        super().__init__(message or self.__doc__)


class EmptyCredentials(SignInError):
    """Type the login name and the password."""

    code = "empty"


class WrongPassword(SignInError):
    """Wrong login name or password."""

    code = "wrong"


class NoVerifier(SignInError):
    """This operator has never signed in while the central server could be reached, so the
    password cannot be checked offline."""

    code = "no_verifier"


class TooSoon(SignInError):
    """Too many wrong passwords: wait before the next attempt."""

    code = "too_soon"

    def __init__(self, wait: float, message: str = ""):
        super().__init__(message)
        self.wait = wait


class Unreachable(Exception):
    """The central server cannot answer now (network down, server failing): check offline."""


@dataclass(frozen=True)
class CentralAccount:
    """The account as the central server describes it after accepting the password."""

    login: str
    role: str
    name: str = ""
    department: str | None = None


# (login, password) -> the account; raises WrongPassword, TooSoon or Unreachable
OnlineCheck = Callable[[str, str], CentralAccount]


@dataclass(frozen=True)
class SignIn:
    """A signed-in seat: who, and whether the central server confirmed it."""

    actor: Actor
    online: bool


def sign_in(profile, login: str, password: str, online_check: OnlineCheck | None = None,
            clock: Callable[[], float] = time.time) -> SignIn:
    """Sign `login` in with `password` on `profile` (anything with a `.db`).

    With `online_check` the central server decides; when it raises Unreachable (or
    there is none) the operator's cached verifier decides. Raises a SignInError
    subclass with a message for the operator.
    """
    db: Database = profile.db
    login = (login or "").strip()
    if not login or not password:
        raise EmptyCredentials()
    if len(login) > 64 or len(password) > 1024:
        raise WrongPassword()
    wait = _wait(db, login, clock())
    if wait > 0:
        raise TooSoon(wait)
    account = None
    if online_check is not None:
        try:
            account = online_check(login, password)
        except Unreachable:
            log.info("central server unreachable; checking the password offline")
        except WrongPassword:
            _forget_if_stale(db, login, password)
            _failed(db, login, clock(), "central")
            raise
    if account is not None:
        if account.login != login or account.role not in ROLES:
            raise SignInError("the central server answered for another account")
        actor = _remember(db, account, password)
        _succeeded(db, login, "central")
        return SignIn(actor, True)
    offline = _check_offline(db, login, password)
    if offline is None:
        _failed(db, login, clock(), "offline")
        raise WrongPassword()
    _succeeded(db, login, "offline")
    return SignIn(offline, False)


def is_demo(db: Database) -> bool:
    """True for a profile made by `main.py demo` (its operators share DEMO_PASSWORD)."""
    with db.session() as s:
        row = s.get(Setting, DEMO_KEY)
        return bool(row and row.value == "1")


def install_demo_verifiers(db: Database) -> bool:
    """Give every operator of a demo profile the demo password; True when done.

    Refused (False) for a profile that has a central server configured or an operator
    who signed in online: a real seat must never accept a published password.
    """
    with db.session() as s, s.begin():
        if s.get(Setting, DEMO_KEY) is not None:
            return True
        if s.get(SyncState, "central_url") is not None:
            return False
        if s.scalar(select(Operator.login).where(Operator.password_verifier.is_not(None)).limit(1)):
            return False
        verifier = hasher().hash(DEMO_PASSWORD)  # one hash for all: the password is public anyway
        for op in s.scalars(select(Operator)):
            op.password_verifier = verifier
        s.add(Setting(key=DEMO_KEY, value="1"))
        return True


def seconds_to_wait(db: Database, login: str, clock: Callable[[], float] = time.time) -> float:
    """How long the seat must wait before `login` may try again (0: now)."""
    return _wait(db, (login or "").strip(), clock())


def wait_after(failures: int) -> float:
    """The wait after `failures` wrong passwords in a row: none at first, then doubling."""
    if failures < FREE_FAILURES:
        return 0.0
    return min(MAX_WAIT, float(2 ** (failures - FREE_FAILURES)))


# -- offline verifier -------------------------------------------------------------------
def _check_offline(db: Database, login: str, password: str) -> Actor | None:
    with db.session() as s:
        op = s.scalars(select(Operator).where(Operator.login == login)).first()
        if op is None or not op.password_verifier:
            raise NoVerifier()
        try:
            hasher().verify(op.password_verifier, password)
        except (VerificationError, InvalidHashError):
            return None
        return Actor(op.login, op.role, op.name, op.id, op.department_code)


def _remember(db: Database, account: CentralAccount, password: str) -> Actor:
    verifier = hasher().hash(password)
    with db.session() as s, s.begin():
        department = account.department
        if department and s.get(Department, department) is None:
            log.warning("the central server names a department this profile does not know; kept empty")
            department = None
        op = s.scalars(select(Operator).where(Operator.login == account.login)).first()
        if op is None:
            op = Operator(login=account.login, name=account.name or account.login, role=account.role,
                          station=_station(s), department_code=department)
            s.add(op)
        op.name = account.name or op.name or account.login
        op.role = account.role
        op.department_code = department
        op.password_verifier = verifier
        op.verified_at = utcnow()
        s.flush()
        return Actor(op.login, op.role, op.name, op.id, op.department_code)


def _forget_if_stale(db: Database, login: str, password: str) -> None:
    # The server refused a password the cached verifier still accepts: it was changed
    # or the account disabled, so the verifier must not open the seat offline any more.
    # A mere wrong guess leaves the verifier alone (else anyone could erase it).
    with db.session() as s, s.begin():
        op = s.scalars(select(Operator).where(Operator.login == login)).first()
        if op is None or not op.password_verifier:
            return
        try:
            hasher().verify(op.password_verifier, password)
        except (VerificationError, InvalidHashError):
            return
        op.password_verifier = None
        op.verified_at = None


def _station(s) -> str:
    row = s.get(Setting, "station")
    return row.value if row else "A01"


# -- wrong-password delay ---------------------------------------------------------------
def _load_failures(s) -> dict:
    row = s.get(Setting, FAILURES_KEY)
    try:
        data = json.loads(row.value) if row else {}
        return data if isinstance(data, dict) else {}
    except ValueError:
        return {}


def _wait(db: Database, login: str, now: float) -> float:
    with db.session() as s:
        data = _load_failures(s)
    wait = 0.0
    for key in (login, _SEAT):
        entry = data.get(key)
        if not isinstance(entry, list) or len(entry) != 2:
            continue
        count, at = entry
        delay = wait_after(int(count))
        # a clock set back must not lock the seat for longer than the delay itself
        wait = max(wait, min(delay, float(at) + delay - now))
    return max(0.0, wait)


def _failed(db: Database, login: str, now: float, how: str) -> None:
    with db.session() as s, s.begin():
        data = _load_failures(s)
        for key in (login, _SEAT):
            entry = data.pop(key, None)
            count = int(entry[0]) if isinstance(entry, list) and len(entry) == 2 else 0
            data[key] = [count + 1, now]
        # made-up login names must not grow the row without bound: keep the latest ones
        data = dict(list(data.items())[-KEPT_FAILURES:])
        _store_failures(s, data)
        _audit(s, login, "refused", how)


def _succeeded(db: Database, login: str, how: str) -> None:
    with db.session() as s, s.begin():
        data = _load_failures(s)
        if login in data or _SEAT in data:
            data.pop(login, None)
            data.pop(_SEAT, None)
            _store_failures(s, data)
        _audit(s, login, "ok", how)


def _store_failures(s, data: dict) -> None:
    value = json.dumps(data)
    row = s.get(Setting, FAILURES_KEY)
    if row is None:
        s.add(Setting(key=FAILURES_KEY, value=value))
    else:
        row.value = value


def _audit(s, login: str, outcome: str, how: str) -> None:
    audit.record(s, login if outcome == "ok" else "-", audit.SIGN_IN, login, outcome, checked_by=how)
