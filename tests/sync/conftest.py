"""The reference server on a loopback port and real console profiles.

Opening a profile (migrations, reference data, shipped articles) and a
central database takes seconds, so each is built once per test session and
copied for each test: the copies are ordinary files the real code opens.
Argon2 runs with a low cost here (the hash is still argon2, only cheaper).
"""
from __future__ import annotations

import os
import shutil

import pytest

from console.profile import open_profile
from sync.server import auth
from sync.server.db import open_central
from sync.server.runner import ServerThread

from .helpers import add_accounts, make_console

auth.set_hash_cost(time_cost=1, memory_cost_kib=1024)

PG_URL = os.environ.get("CENTRAL_TEST_DATABASE_URL")
PG_SKIP = ("PostgreSQL tests need a database: set CENTRAL_TEST_DATABASE_URL="
           "postgresql+psycopg://USER:PASS@127.0.0.1/DBNAME (see docs/central-server.md)")


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


@pytest.fixture
def central(tmp_path, central_template):
    path = tmp_path / "central.db"
    shutil.copy(central_template, path)
    srv = ServerThread(f"sqlite:///{path}").start()
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
