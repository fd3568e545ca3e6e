"""An operator profile: one folder, one SQLite file, the services over it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import select

from models import Operator, Setting
from models.db import Database, open_database

from . import bulkload, refdata, rollups
from .cases import CaseService
from .dto import Actor
from .intake import IntakeService
from .knowledge import install_shipped as install_shipped_articles

DB_NAME = "console.db"


def default_data_dir() -> Path:
    return Path(user_data_dir("hotline-console", appauthor=False))


@dataclass
class Profile:
    """The open profile and its services; close() when done."""

    data_dir: Path
    db: Database
    cases: CaseService
    intake: IntakeService

    def actor(self, login: str | None = None) -> Actor:
        """The acting operator: `login`, or the profile's first operator-role account."""
        with self.db.session() as s:
            q = select(Operator)
            q = (
                q.where(Operator.login == login)
                if login
                else q.where(Operator.role == "operator").order_by(Operator.login)
            )
            op = s.scalars(q.limit(1)).first()
            if op is None:
                raise LookupError(f"no operator {login!r} in this profile")
            return Actor(op.login, op.role, op.name, op.id, op.department_code)

    def setting(self, key: str, default: str = "") -> str:
        with self.db.session() as s:
            row = s.get(Setting, key)
            return row.value if row else default

    def close(self) -> None:
        self.db.close()


def open_profile(data_dir: Path | str | None = None, station: str | None = None) -> Profile:
    """Open (creating, migrating and seeding) the profile in `data_dir`. A new profile
    numbers its cases in `station`, by default a provisional station of its own
    until the central server assigns one (console.stations).

    Raises models.db.StoreError for a file that can't be used.
    """
    folder = Path(data_dir) if data_dir else default_data_dir()
    db = open_database(folder / DB_NAME)
    _recover_killed_load(db)
    refdata.install(db, station)
    install_shipped_articles(db)  # once per profile: the sample knowledge base
    cases = CaseService(db)  # numbers in the profile's station setting, which sync may change
    return Profile(folder, db, cases, IntakeService(cases))


def _recover_killed_load(db: Database) -> None:
    """What a demo load killed before its end set aside (console.bulkload), and the rollups'
    working-time tables for the policy in force (console.rollups.ensure_current)."""
    raw = db.engine.raw_connection()
    try:
        bulkload.recover(raw.cursor())
        rollups.ensure_current(raw.cursor())
    finally:
        raw.close()
