"""Open the central database: SQLite by default, PostgreSQL for a city.

Every start runs this server's own Alembic migrations to head (a new database
is built by the same migrations), under a lock every process shares
(schema_lock.py). Writers are serialized (a process lock, and
on PostgreSQL a transaction-level advisory lock as well), so the id order of
the `changes` table is the commit order the pull relies on.
"""
from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, insert, select, text, update
from sqlalchemy.engine import make_url

from models.private_files import private_dir, private_sqlite_file
from resources import package_path

from ..protocol import dumps_text, loads
from .models import Meta
from .schema_lock import schema_lock

MIGRATIONS = package_path(__package__, "migrations")
VERSION_TABLE = "central_alembic_version"  # as migrations/env.py names it
_WRITE_LOCK_KEY = 12345_0005
THREADS = int(os.environ.get("CENTRAL_THREADS", "16"))  # request threads (app.py) and pooled connections


class CentralStoreError(Exception):
    """The central database can't be opened or used (plain message)."""


def _sqlite_connect(dbapi_conn, _record) -> None:
    """Every setting of a server connection to SQLite, in one place.

    The driver's own transaction handling is turned off (it would begin a transaction
    only before the first write, leaving each read a snapshot of its own): SQLAlchemy
    begins every transaction (`_sqlite_begin`), so the statements of one `read()` see
    one snapshot of the database."""
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    # FULL: an operation the server acknowledged survives a power cut. NORMAL
    # (CENTRAL_SQLITE_SYNCHRONOUS=NORMAL) trades that for commits that do not
    # wait for the disk; a power cut may then lose the last acknowledged
    # batches, which must be handled like a restore (central new-epoch).
    level = os.environ.get("CENTRAL_SQLITE_SYNCHRONOUS", "FULL").upper()
    cur.execute(f"PRAGMA synchronous={'NORMAL' if level == 'NORMAL' else 'FULL'}")
    cur.execute("PRAGMA busy_timeout=10000")
    # 16 MB of page cache per connection (SQLite's default is 2 MB): the writer's random-key
    # index inserts (uuids) and the pulls' snapshot reads stay in memory on a large history
    cur.execute("PRAGMA cache_size=-16384")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    """A writer takes SQLite's write lock up front (it waits for busy_timeout, instead of
    failing when its read snapshot went stale); a reader begins a deferred transaction."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("central_writer") else "BEGIN")


def normalize_url(url: str) -> str:
    """A bare path means an SQLite file; `postgresql://` means psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{Path(url).resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def schema_heads(conn: Connection) -> tuple[str, ...]:
    """The migration revisions the database is at (empty: a new database)."""
    return MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_heads()


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@dataclass
class CentralDB:
    """The engine and the write serialization of one server process.

    A `read()` is one consistent snapshot of the database (a case row and its events
    read in two statements always agree): one SQLite read transaction, or on PostgreSQL
    a REPEATABLE READ transaction. A `write()` is serialized with every other writer, so
    what it reads is the latest committed state and stays so until it commits."""

    url: str
    engine: Engine
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    generation: int = 0  # writes committed by this process (the public read cache's validity)

    def __post_init__(self) -> None:
        self._reader: Engine = self.engine
        if self.is_postgres:
            self._reader = self.engine.execution_options(isolation_level="REPEATABLE READ")
        self._writer = self.engine.execution_options(central_writer=True)

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One serialized write transaction (commit on success, rollback on error)."""
        with self.write_lock:
            with self._writer.begin() as conn:
                if self.is_postgres:
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _WRITE_LOCK_KEY})
                yield conn
            self.generation += 1

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction: one consistent snapshot (see the class)."""
        with self._reader.connect() as conn:
            yield conn

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self.read() as conn:
            value = conn.scalar(select(Meta.value).where(Meta.key == key))
            return default if value is None else value

    def close(self) -> None:
        self.engine.dispose()


def open_central(url: str) -> CentralDB:
    """Open (creating or upgrading) the central database at `url` and make sure it has an epoch."""
    url = normalize_url(url)
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise CentralStoreError(f"not a database URL: {url!r} ({exc})") from None
    # orjson for the JSON columns: the same JSON text, several times cheaper per row
    # hide_parameters: a failed statement's message would otherwise echo a caller's data
    kwargs: dict = {"future": True, "json_serializer": dumps_text, "json_deserializer": loads,
                    "hide_parameters": True}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            try:  # every case of the city: owner-only, before SQLite writes a page
                private_dir(Path(parsed.database).parent)
                private_sqlite_file(Path(parsed.database))
            except OSError as exc:
                raise CentralStoreError(f"cannot open the central database {parsed.database}: {exc.strerror}") from None
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        # as many pooled connections as the server has request threads: a connection
        # beyond the pool is opened (pragmas and all) and closed again for every request
        kwargs.update(pool_size=THREADS, max_overflow=THREADS)
    else:
        kwargs.update(pool_size=20, max_overflow=20, pool_pre_ping=True)
    try:
        engine = create_engine(url, **kwargs)
    except Exception as exc:  # an unknown dialect or a missing driver
        raise CentralStoreError(f"cannot open the central database {parsed.render_as_string(hide_password=True)}: "
                                f"{exc} (use sqlite:///FILE or postgresql+psycopg://...)") from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    try:  # under the schema lock: processes starting together migrate (and make the epoch) once
        with schema_lock(engine), engine.begin() as conn:
            script = ScriptDirectory.from_config(alembic_config())
            current = set(schema_heads(conn))
            if current != set(script.get_heads()):
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "heads")
            if conn.scalar(select(Meta.value).where(Meta.key == "epoch")) is None:
                conn.execute(insert(Meta), [{"key": "epoch", "value": str(uuid.uuid4())},
                                            {"key": "kb_seq", "value": "0"}])
    except CentralStoreError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise CentralStoreError(f"cannot open the central database {parsed.render_as_string(hide_password=True)}: "
                                f"{getattr(exc, 'orig', None) or exc}") from None
    return CentralDB(url, engine)


def new_epoch(db: CentralDB) -> str:
    """Start a new epoch (after restoring a backup): every console then resyncs fully."""
    epoch = str(uuid.uuid4())
    with db.write() as conn:
        conn.execute(update(Meta).where(Meta.key == "epoch").values(value=epoch))
    return epoch
