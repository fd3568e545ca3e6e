"""The console's central-server tokens live in the system keyring, or where there is
none in an owner-only file outside the profile; never in console.db. A profile an
older release left with tokens in sync_state has them moved out when it syncs."""
from __future__ import annotations

import asyncio
import os
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail, null
from sqlalchemy import select

from models import SyncState
from sync.credentials import DIR_ENV, SERVICE, TOKEN_KEYS, Credentials, system_keyring
from tests.file_modes import mode

from .helpers import reopen_client


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that keeps its entries in a dict (the real keyring API, no desktop needed)."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


class BrokenKeyring(MemoryKeyring):
    """A keyring that is there but refuses (a locked collection, a vanished D-Bus)."""

    def get_password(self, service, username):
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service, username, password):
        raise keyring.errors.KeyringLocked("locked")


@pytest.fixture
def system(request):
    """keyring.set_keyring(...) for one test, the run's `fail` backend restored after."""
    before = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(before)


def stored_tokens(db) -> dict:
    with db.session() as s:
        return dict(s.execute(select(SyncState.key, SyncState.value).where(SyncState.key.in_(TOKEN_KEYS))).all())


def db_bytes(path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def sync(console) -> None:
    async def go():
        await console.client.sync_once()
        await console.client.aclose()
    asyncio.run(go())


def test_without_a_keyring_the_tokens_are_in_an_owner_only_file_outside_the_profile(central, consoles):
    a = consoles("a", central.url)
    a.log()
    sync(a)
    creds = a.client.credentials
    assert creds.backend is None and creds.where == str(creds.file)
    assert creds.file.parent == Path(os.environ[DIR_ENV])
    assert not creds.file.is_relative_to(a.profile.data_dir)
    tokens = creds.load()
    assert set(tokens) == set(TOKEN_KEYS) and all(tokens.values())
    if os.name == "posix":
        assert mode(creds.file) == 0o600
    assert stored_tokens(a.db) == {}
    raw = db_bytes(a.db.path)
    assert all(t.encode() not in raw for t in tokens.values())


def test_tokens_an_old_release_kept_in_console_db_are_moved_out(central, consoles, token_clock):
    a = consoles("a", central.url)
    sync(a)
    tokens = a.client.credentials.load()
    a.client.credentials.clear()
    a.client.store.put(**tokens)  # what the old release wrote
    assert stored_tokens(a.db) == tokens and tokens["refresh_token"].encode() in db_bytes(a.db.path)

    token_clock.expire_access_tokens()
    reopen_client(a, central.url)
    a.client.password = None  # only the moved refresh token can sign this sync in
    assert stored_tokens(a.db) == {}
    assert all(t.encode() not in db_bytes(a.db.path) for t in tokens.values())
    assert a.client.credentials.get("refresh_token") == tokens["refresh_token"]
    a.log("迁移令牌后受理")
    sync(a)
    assert a.client.credentials.get("refresh_token") not in (None, tokens["refresh_token"])  # rotated
    assert stored_tokens(a.db) == {}


def test_the_system_keyring_is_used_where_there_is_one(central, consoles, system):
    ring = MemoryKeyring()
    system(ring)
    assert system_keyring() is ring
    a = consoles("a", central.url)
    a.log()
    sync(a)
    assert a.client.credentials.backend is ring and "MemoryKeyring" in a.client.credentials.where
    entry = ring.entries[(SERVICE, a.client.credentials.entry)]
    assert a.client.credentials.get("refresh_token") in entry
    assert not a.client.credentials.file.exists()
    assert stored_tokens(a.db) == {}


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring])
def test_no_usable_keyring_means_the_file(tmp_path, system, backend):
    system(backend())
    assert system_keyring() is None
    creds = Credentials(tmp_path / "console.db", folder=tmp_path / "creds")
    creds.save(access_token="a1", refresh_token="r1")
    assert creds.backend is None and creds.file.exists() and creds.get("refresh_token") == "r1"
    creds.clear()
    assert not creds.file.exists() and creds.load() == {}


def test_a_failing_keyring_hands_over_to_the_file(tmp_path):
    creds = Credentials(tmp_path / "console.db", backend=BrokenKeyring(), folder=tmp_path / "creds")
    creds.save(access_token="a1", refresh_token="r1")
    assert creds.backend is None and creds.get("access_token") == "a1"
    if os.name == "posix":
        assert mode(creds.file) == 0o600 and mode(creds.folder) == 0o700


def test_a_copied_profile_does_not_carry_the_tokens(central, consoles):
    a = consoles("a", central.url)
    sync(a)
    copy = Credentials(a.profile.data_dir.parent / "copy" / "console.db")
    assert a.client.credentials.get("refresh_token") and copy.load() == {}
