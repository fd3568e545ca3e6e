"""Open a profile's SQLite file: pragmas, migrations, a session factory.

One file per operator profile, WAL journal, `synchronous=FULL` so a committed
case survives a power cut, foreign keys on. Every start runs the Alembic
migrations to head before anything else touches the file: a new file is
built by the same migrations that upgrade an old one, so the two can't drift.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import Session, sessionmaker

from .private_files import private_dir, private_sqlite_file

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class StoreError(Exception):
    """The database file can't be used (damaged, foreign, newer, unwritable)."""


def _set_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA cache_size=-65536")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def make_engine(path: Path) -> Engine:
    # hide_parameters: a failed statement's message would otherwise echo a caller's data
    engine = create_engine(f"sqlite:///{path}", future=True, hide_parameters=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revisions() -> set[str]:
    """The heads of the migration graph (features may add branches; all are applied)."""
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def _check_and_migrate(engine: Engine, path: Path) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    with engine.begin() as conn:
        tables = set(inspect(conn).get_table_names())
        current = set(MigrationContext.configure(conn).get_current_heads())
        if tables and "alembic_version" not in tables:
            raise StoreError(f"{path} is an SQLite file of another program (no console schema); not touching it")
        for rev in current:
            try:
                known = script.get_revision(rev)
            except Exception:
                known = None
            if known is None:
                raise StoreError(f"{path} was written by a newer release (schema {rev}); update the console")
        if current != set(script.get_heads()):
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")


@dataclass
class Database:
    """An open profile: its engine and a factory for short-lived sessions."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path | str) -> Database:
    """Open (creating or upgrading) the SQLite profile at `path`.

    Raises StoreError with a plain message for a damaged, foreign or newer
    file, or a folder that can't be written.
    """
    path = Path(path)
    try:
        private_dir(path.parent)
    except OSError as exc:
        raise StoreError(f"cannot create the profile folder {path.parent}: {exc.strerror}") from None
    if path.exists() and path.stat().st_size > 0:
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise StoreError(f"{path} is not an SQLite database (damaged or foreign file)")
    try:  # the cases are citizens' personal data: owner-only, before SQLite writes a page
        private_sqlite_file(path)
    except OSError as exc:
        raise StoreError(f"cannot open {path}: {exc.strerror}") from None
    engine = make_engine(path)
    try:
        _check_and_migrate(engine, path)
    except StoreError:
        engine.dispose()
        raise
    except (SADatabaseError, sqlite3.DatabaseError) as exc:
        engine.dispose()
        raise StoreError(
            f"{path} can't be opened as a console database: {exc.orig if hasattr(exc, 'orig') else exc}"
        ) from None
    return Database(path, engine, sessionmaker(engine, expire_on_commit=False))
