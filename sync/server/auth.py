"""Accounts, tokens and API keys of the central server.

Passwords are stored as argon2id hashes (slow, salted). Tokens are random;
only their SHA-256 is stored, with an expiry on the server's own clock.
A short-lived access token rides on every request; a long-lived refresh
token gets a new one when the old one expires (the client does this on 401).
Refresh tokens rotate: each is good for one use and is answered with a new
pair of the same family (one family per login). A spent refresh token shown
again means two holders (one of them a thief): the whole family is revoked,
so both must log in again and the stolen copy dies with the real one.
"""
from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update

from console.clock import iso, utcnow
from console.password_hash import hasher

from . import audit
from .db import CentralDB
from .models import Account, ApiKey, Token

ROLES = ("operator", "team_lead", "liaison", "admin")
ACCESS_TTL = timedelta(minutes=30)
REFRESH_TTL = timedelta(days=30)
MIN_PASSWORD = 8
log = logging.getLogger(__name__)


class AuthError(Exception):
    """Bad credentials or token (plain message, never says which part was wrong)."""


@dataclass(frozen=True)
class Session:
    login: str
    role: str
    department: str | None
    name: str = ""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_account(db: CentralDB, login: str, password: str, role: str, department: str | None = None,
                   name: str = "", actor: str | None = None) -> None:
    """Add an account, or reset the password, role and department of an existing one
    (which also re-enables a disabled account and ends its sessions). Raises
    ValueError for bad input, an unknown department included."""
    login = login.strip()
    if not login or len(login) > 64:
        raise ValueError("a login is 1 to 64 characters")
    if role not in ROLES:
        raise ValueError(f"role is one of {', '.join(ROLES)}")
    if role == "liaison" and not department:
        raise ValueError("a department liaison needs --department (e.g. URBAN)")
    if department and department not in _department_codes():
        raise ValueError(f"unknown department {department!r} (a code from the reference departments, "
                         "e.g. URBAN or HRSS)")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password has at least {MIN_PASSWORD} characters")
    hashed = hasher().hash(password)
    with db.write() as conn:
        found = conn.execute(select(Account.login, Account.active).where(Account.login == login)).first()
        values = {"name": name or login, "role": role, "department": department, "password_hash": hashed,
                  "active": True}
        if found:
            conn.execute(update(Account).where(Account.login == login).values(values))
            conn.execute(delete(Token).where(Token.login == login))
        else:
            conn.execute(insert(Account), [{"login": login, "created_at": utcnow(), **values}])
        audit.record(conn, actor or audit.cli_actor(), "account_saved", login, role=role,
                     department=department, new=found is None, reenabled=bool(found and not found.active))


def disable_account(db: CentralDB, login: str, actor: str | None = None) -> None:
    """Disable an account and end its sessions at once (its access and refresh tokens
    are deleted). LookupError for an unknown login."""
    with db.write() as conn:
        found = conn.scalar(select(Account.login).where(Account.login == login))
        if found is None:
            raise LookupError(f"no account {login!r}")
        conn.execute(update(Account).where(Account.login == login).values(active=False))
        ended = conn.execute(delete(Token).where(Token.login == login)).rowcount
        audit.record(conn, actor or audit.cli_actor(), "account_disabled", login, tokens_revoked=ended)


def list_accounts(db: CentralDB) -> list[dict]:
    """Every account by login: login, name, role, department, active, created (never the hash)."""
    with db.read() as conn:
        rows = conn.execute(select(Account.login, Account.name, Account.role, Account.department,
                                   Account.active, Account.created_at).order_by(Account.login)).all()
    return [{"login": r.login, "name": r.name, "role": r.role, "department": r.department,
             "active": bool(r.active), "created": iso(r.created_at)} for r in rows]


def _department_codes() -> frozenset[str]:
    from .case_rows import reference_codes  # imported late: only add-user needs it (no server extras)
    return reference_codes().departments


def create_api_key(db: CentralDB, name: str, actor: str | None = None) -> str:
    """A new API key for Open311 POST (shown once; only its hash is kept). The name
    identifies the key: a name with a key in use is refused (revoke that one first)."""
    name = name.strip()
    if not name or len(name) > 64:
        raise ValueError("name the system the key is for (1 to 64 characters)")
    key = "o311_" + secrets.token_urlsafe(24)
    with db.write() as conn:
        if conn.scalar(select(ApiKey.name).where(ApiKey.name == name, ApiKey.revoked.is_(False))) is not None:
            raise ValueError(f"the key {name!r} is in use: revoke it first (central revoke-api-key) "
                             "or choose another name")
        conn.execute(insert(ApiKey), [{"key_hash": _digest(key), "name": name, "revoked": False,
                                       "created_at": utcnow()}])
        audit.record(conn, actor or audit.cli_actor(), "api_key_created", name)
    return key


def revoke_api_key(db: CentralDB, name: str, actor: str | None = None) -> int:
    """Revoke the key in use under `name`: Open311 POSTs with it are refused from now on.
    LookupError when no key of that name is in use."""
    now = utcnow()
    with db.write() as conn:
        n = conn.execute(update(ApiKey).where(ApiKey.name == name, ApiKey.revoked.is_(False))
                         .values(revoked=True, revoked_at=now)).rowcount
        if not n:
            raise LookupError(f"no API key {name!r} in use")
        audit.record(conn, actor or audit.cli_actor(), "api_key_revoked", name)
    return n


def list_api_keys(db: CentralDB) -> list[dict]:
    """Every key: name, created, revoked (and when); never the key or its hash."""
    with db.read() as conn:
        rows = conn.execute(select(ApiKey.name, ApiKey.created_at, ApiKey.revoked, ApiKey.revoked_at)
                            .order_by(ApiKey.created_at, ApiKey.name)).all()
    return [{"name": r.name, "created": iso(r.created_at), "revoked": bool(r.revoked),
             "revoked_at": iso(r.revoked_at)} for r in rows]


def api_key_name(db: CentralDB, key: str | None) -> str | None:
    if not key:
        return None
    with db.read() as conn:
        return conn.scalar(select(ApiKey.name).where(ApiKey.key_hash == _digest(key), ApiKey.revoked.is_(False)))


def login(db: CentralDB, login_name: str, password: str, device_id: str | None = None, client: str = "") -> dict:
    """Check the password and issue an access and a refresh token."""
    with db.read() as conn:
        acc = conn.execute(select(Account).where(Account.login == login_name)).first()
    ok = False
    if acc is not None and acc.active:
        try:
            ok = hasher().verify(acc.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
    else:
        try:  # spend the same time for an unknown login
            hasher().verify(_DUMMY, password)
        except (VerificationError, InvalidHashError):
            pass
    if not ok or acc is None:  # (ok only for a found account)
        # an unknown login is not written: it is often a password typed into the wrong field
        audit.record(db, "-", "sign_in", acc.login if acc else "-", "failed", client,
                     reason="wrong password" if acc and acc.active else "disabled" if acc else "unknown login")
        raise AuthError("wrong login or password")
    now = utcnow()
    with db.write() as conn:
        conn.execute(delete(Token).where(Token.login == login_name, Token.expires_at < now))
        tokens = _issue(conn, login_name, device_id, str(uuid.uuid4()), now)  # a login starts a new family
        audit.record(conn, login_name, "sign_in", login_name, client=client)
    return {**tokens, "account": {"login": acc.login, "name": acc.name, "role": acc.role,
                                  "department": acc.department}}


def _issue(conn, login_name: str, device_id: str | None, family: str, now) -> dict:
    """A new access token and refresh token of `family`, as the login and refresh answers carry them."""
    access, refresh_token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    conn.execute(insert(Token), [
        {"token_hash": _digest(access), "login": login_name, "kind": "access", "device_id": device_id,
         "expires_at": now + ACCESS_TTL, "created_at": now, "family": family},
        {"token_hash": _digest(refresh_token), "login": login_name, "kind": "refresh", "device_id": device_id,
         "expires_at": now + REFRESH_TTL, "created_at": now, "family": family}])
    return {"access_token": access, "refresh_token": refresh_token, "expires_in": int(ACCESS_TTL.total_seconds())}


def refresh(db: CentralDB, refresh_token: str) -> dict:
    """A new access token and a new refresh token for a valid refresh token, which is spent.

    A refresh token that was already spent revokes its whole family (every access and
    refresh token issued since that login) and is refused like an unknown one.
    """
    now = utcnow()
    reused = False
    with db.write() as conn:
        row = conn.execute(select(Token).where(Token.token_hash == _digest(refresh_token or ""),
                                               Token.kind == "refresh", Token.expires_at > now)).first()
        if row is not None and row.used_at is not None:
            reused = True
            if row.family is not None:
                conn.execute(update(Token).where(Token.family == row.family, Token.expires_at > now)
                             .values(expires_at=now))
        elif row is not None:
            active = conn.scalar(select(Account.active).where(Account.login == row.login))
            if not active:
                raise AuthError("the account is disabled")
            family = row.family or str(uuid.uuid4())  # a token from before rotation joins a family now
            conn.execute(update(Token).where(Token.token_hash == row.token_hash).values(used_at=now, family=family))
            conn.execute(delete(Token).where(Token.login == row.login, Token.expires_at < now))
            return _issue(conn, row.login, row.device_id, family, now)
    # outside the transaction: the revocation above is committed, not rolled back with the error
    if reused and row is not None:
        log.warning("a spent refresh token of %s was used again: its token family is revoked", row.login)
    raise AuthError("the refresh token is unknown or expired; log in again")


def authenticate(db: CentralDB, token: str | None) -> Session:
    """The account behind a valid access token; AuthError otherwise."""
    if not token:
        raise AuthError("a token is required (log in first)")
    with db.read() as conn:
        row = conn.execute(select(Account.login, Account.role, Account.department, Account.name)
                           .join(Token, Token.login == Account.login)
                           .where(Token.token_hash == _digest(token), Token.kind == "access",
                                  Token.expires_at > utcnow(), Account.active.is_(True))).first()
    if row is None:
        raise AuthError("the token is unknown or expired")
    return Session(row.login, row.role, row.department, row.name)


_DUMMY = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$ZmFrZWZha2VmYWtlZmFrZWZha2VmYWtlZmFrZWZha2U"
