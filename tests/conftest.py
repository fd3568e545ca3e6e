"""Shared fixtures: a real profile on a temporary SQLite file."""
from __future__ import annotations

import os
import shutil
import sys
from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# sign-in verifiers and central accounts: still argon2, only cheaper (child processes inherit it)
os.environ["HOTLINE_ARGON2_COST"] = "1,1024"

# E402 below: the project's packages are importable only once ROOT is on the path
from console.clock import CITY_TZ, to_stored  # noqa: E402
from console.dto import Actor  # noqa: E402
from console.profile import open_profile  # noqa: E402


def local(text: str) -> datetime:
    """City-local ISO text to the stored naive-UTC form."""
    return to_stored(datetime.fromisoformat(text).replace(tzinfo=CITY_TZ))


class FakeClock:
    """A settable clock for services (the one fake the core needs: time)."""

    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw) -> None:
        from datetime import timedelta
        self.now += timedelta(**kw)


@pytest.fixture(scope="session", autouse=True)
def _credentials_kept_in_the_run(tmp_path_factory):
    """The consoles' tokens and log files go to this run's folders: never the keyring, the config
    or the log folder of whoever runs the tests (subprocess consoles inherit these variables)."""
    saved = {k: os.environ.get(k) for k in ("PYTHON_KEYRING_BACKEND", "HOTLINE_CREDENTIALS_DIR", "HOTLINE_LOG_DIR")}
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    os.environ["HOTLINE_CREDENTIALS_DIR"] = str(tmp_path_factory.mktemp("credentials"))
    os.environ["HOTLINE_LOG_DIR"] = str(tmp_path_factory.mktemp("logs"))  # console.log_file: not the user's
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def template_profile(tmp_path_factory) -> Path:
    """A migrated, seeded profile made once per run; tests get a copy of its file."""
    folder = tmp_path_factory.mktemp("template") / "profile"
    open_profile(folder).close()
    return folder


@pytest.fixture
def profile(tmp_path, template_profile):
    folder = tmp_path / "profile"
    shutil.copytree(template_profile, folder)
    prof = open_profile(folder)
    yield prof
    prof.close()


@pytest.fixture
def clock(profile):
    c = FakeClock(local("2026-11-24T10:00:00"))  # a Tuesday
    profile.cases.clock = c
    return c


OPERATOR = Actor("op01", "operator", "张敏")
LEAD = Actor("lead01", "team_lead", "王强")
LIAISON = Actor("urban", "liaison", "城管联络员", department="URBAN")


@pytest.fixture
def operator(profile):
    return profile.actor("op01")


@pytest.fixture
def data_dir(profile):
    """The folder of a fresh profile, closed, for commands that open it themselves."""
    folder = profile.data_dir
    profile.close()
    return folder
