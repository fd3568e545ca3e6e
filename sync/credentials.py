"""Where the console keeps its central-server tokens: never in console.db.

The access token and the refresh token (which gets new tokens for weeks) go to
the operating system's keyring (Windows Credential Manager, macOS Keychain, the
Secret Service on a Linux desktop) through the `keyring` package. Where there is
none (a headless machine: keyring's `fail` backend), they go to a file readable
by its owner only, in the user's own configuration folder, not in the profile
folder: a profile folder may sit on a shared or backed-up disk, and a copy of
it must not carry a live credential. Entries are keyed by the profile file's
absolute path, so a copied or moved profile signs in again instead of sharing
a token family with the original (the server would see a reused refresh token
and revoke both).

Older releases kept the tokens in the `sync_state` table; `move_tokens_out`
takes them from there (and overwrites the freed pages) the first time the
profile is synced by this release.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_config_dir
from sqlalchemy import select

from models import SyncState
from models.db import Database
from models.private_files import private_dir, tighten, write_private

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "hotline-console"
DIR_ENV = "HOTLINE_CREDENTIALS_DIR"  # another folder for the fallback files (tests, a managed install)
TOKEN_KEYS = ("access_token", "refresh_token")


def credentials_dir() -> Path:
    """The folder of the fallback files: $HOTLINE_CREDENTIALS_DIR, else the user's config folder."""
    env = os.environ.get(DIR_ENV)
    return Path(env) if env else Path(user_config_dir(SERVICE, appauthor=False)) / "credentials"


def system_keyring() -> KeyringBackend | None:
    """The operating system's keyring, or None where keyring found no usable one."""
    import keyring  # imported on first use, not with the window: it takes a while
    from keyring.backends import chainer, fail

    backend = keyring.get_keyring()
    try:
        if isinstance(backend, fail.Keyring) or backend.priority <= 0:
            return None
    except Exception:  # a backend whose priority check fails (no D-Bus ...) is not usable
        return None
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return None
    return backend


class Credentials:
    """The tokens of one console profile (a small dict of strings), in the keyring or a 0600 file."""

    def __init__(self, profile_db: Path | str, backend: KeyringBackend | None | str = "system",
                 folder: Path | None = None):
        self.entry = hashlib.sha256(str(Path(profile_db).resolve()).encode("utf-8")).hexdigest()[:32]
        self._backend = backend
        self.folder = folder or credentials_dir()

    @property
    def backend(self) -> KeyringBackend | None:
        """The keyring in use, None for the file; looked up on first use (a sync's worker
        thread), since finding the system's keyring takes a moment."""
        if isinstance(self._backend, str):
            self._backend = system_keyring()
        return self._backend

    @property
    def file(self) -> Path:
        return self.folder / f"{self.entry}.json"

    @property
    def where(self) -> str:
        """Where the tokens are kept, for the operator and the docs (no secret in it)."""
        if self.backend is not None:
            return f"keyring ({type(self.backend).__module__}.{type(self.backend).__name__})"
        return str(self.file)

    def load(self) -> dict[str, str]:
        """Every stored value (empty when nothing is stored)."""
        if self.backend is not None:
            from keyring.errors import KeyringError
            try:
                text = self.backend.get_password(SERVICE, self.entry)
                return json.loads(text) if text else {}
            except KeyringError as exc:
                self._keyring_failed(exc)
        try:
            tighten(self.file)
            return json.loads(self.file.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except ValueError:  # a damaged file: as good as none, the console signs in again
            log.warning("the credentials file %s is damaged; sign in again", self.file)
            return {}

    def get(self, key: str) -> str | None:
        """One stored value (`access_token`, `refresh_token`), or None."""
        return self.load().get(key)

    def save(self, **values: str | None) -> None:
        """Change several values in one write (None removes one); nothing left removes the entry."""
        data = {k: v for k, v in {**self.load(), **values}.items() if v is not None}
        if self.backend is not None:
            from keyring.errors import KeyringError, PasswordDeleteError
            try:
                if data:
                    self.backend.set_password(SERVICE, self.entry, json.dumps(data))
                else:
                    try:
                        self.backend.delete_password(SERVICE, self.entry)
                    except PasswordDeleteError:
                        pass
                return
            except KeyringError as exc:
                self._keyring_failed(exc)
        if data:
            private_dir(self.folder)
            write_private(self.file, json.dumps(data).encode("utf-8"))
        else:
            self.file.unlink(missing_ok=True)

    def clear(self) -> None:
        """Forget every token of this profile (a refused refresh token, a sign-out)."""
        self.save(**{k: None for k in self.load()})

    def _keyring_failed(self, exc: Exception) -> None:
        # a locked or vanished keyring must not stop syncing: the owner-only file takes over
        log.warning("the system keyring failed (%s); keeping the console's tokens in %s instead",
                    type(exc).__name__, self.file)
        self._backend = None


def move_tokens_out(db: Database, credentials: Credentials) -> bool:
    """Move tokens an older release kept in console.db's sync_state into `credentials`.

    The rows are deleted with SQLite's secure_delete on and the WAL is checkpointed, so
    the token text does not linger in free pages. True when something was moved.
    """
    with db.engine.connect() as conn:
        old = dict(conn.execute(select(SyncState.key, SyncState.value).where(SyncState.key.in_(TOKEN_KEYS))).all())
    if not old:
        return False
    if not any(credentials.get(k) for k in TOKEN_KEYS):  # tokens stored by this release are newer
        credentials.save(**old)
    keys = ", ".join(f"'{k}'" for k in TOKEN_KEYS)
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        secure = cur.execute("PRAGMA secure_delete").fetchone()[0]
        cur.execute("PRAGMA secure_delete=ON")
        cur.execute(f"DELETE FROM {SyncState.__tablename__} WHERE key IN ({keys})")
        raw.commit()
        cur.execute(f"PRAGMA secure_delete={int(secure)}")
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the WAL's older copies of those pages go too
        cur.close()
    finally:
        raw.close()
    return True
