"""The reference server on a loopback port and real console profiles.

Opening a profile (migrations, reference data, shipped articles) and a
central database takes seconds, so each is built once per test session and
copied for each test: the copies are ordinary files the real code opens.
Argon2 runs with a low cost (tests/conftest.py sets HOTLINE_ARGON2_COST).
"""
from __future__ import annotations

import os
import shutil
from datetime import timedelta

import pytest

from console.clock import utcnow
from console.profile import open_profile
from sync.server import auth
from sync.server.db import open_central
from sync.server.runner import ServerThread

from .helpers import add_accounts, make_console

PG_URL = os.environ.get("CENTRAL_TEST_DATABASE_URL")
PG_SKIP = ("PostgreSQL tests need a database: set CENTRAL_TEST_DATABASE_URL="
           "postgresql+psycopg://USER:PASS@127.0.0.1/DBNAME (see docs/central-server.md)")
# CI (.ci/run) starts a PostgreSQL and sets the URL: there a missing URL is an error, not a skip
PG_MISSING = not PG_URL and not os.environ.get("CI")


@pytest.fixture(scope="session")
def central_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("central-template") / "central.db"
    db = open_central(f"sqlite:///{path}")
    add_accounts(db)
    db.close()
    return path


@pytest.fixture(scope="session")
def profile_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("profile-template") / "profile"
    open_profile(folder).close()
    return folder


def copy_profile(template, folder):
    folder.mkdir(parents=True)
    shutil.copy(template / "console.db", folder / "console.db")
    return folder


def _fresh_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(PG_MISSING, reason=PG_SKIP))])
def central(request, tmp_path, central_template):
    """The server on SQLite, and the same tests again on PostgreSQL when configured."""
    if request.param == "postgresql":
        if not PG_URL:
            pytest.fail("CI runs the PostgreSQL tests: .ci/run must set CENTRAL_TEST_DATABASE_URL")
        _fresh_postgres(PG_URL)
        db = open_central(PG_URL)
        add_accounts(db)
        db.close()
        url = PG_URL
    else:
        path = tmp_path / "central.db"
        shutil.copy(central_template, path)
        url = f"sqlite:///{path}"
    srv = ServerThread(url, blob_dir=str(tmp_path / "central-blobs")).start()
    yield srv
    srv.stop()


@pytest.fixture
def consoles(tmp_path, profile_template):
    """consoles(name, url, **kw) -> a Console on a fresh copy of the template profile."""
    made = []

    def make(name: str, url: str, **kw):
        c = make_console(copy_profile(profile_template, tmp_path / name), url, **kw)
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


class TokenClock:
    """The server's clock for tokens, moved on by a test: tokens expire through time, the
    way they do in service."""

    def __init__(self, monkeypatch):
        self.offset = timedelta(0)
        monkeypatch.setattr(auth, "utcnow", lambda: utcnow() + self.offset)

    def expire_access_tokens(self) -> None:
        """Move past every access token issued so far (refresh tokens live much longer)."""
        self.offset += auth.ACCESS_TTL + timedelta(seconds=1)


@pytest.fixture
def token_clock(monkeypatch):
    return TokenClock(monkeypatch)
