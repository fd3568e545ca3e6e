"""The demo's central server: a database beside a demo profile with accounts for the seat
and for a few handling units, so the whole loop (seat -> department -> callback) runs on
one machine with `main.py demo`.

Every account has the documented demo password (console.signin.DEMO_PASSWORD). That is
only acceptable for a demo: the database is marked as the demo's when it is made, and a
database without that mark (a real one) is never given these accounts.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select

from console.signin import DEMO_PASSWORD

FILE_NAME = "demo-central.db"
DEMO_MARK = "demo_accounts"
DEFAULT_PORT = 8800
# (login, role, unit, name): the seat's people, then liaisons of a district government, a city
# bureau, a street office below the district and a city department. A unit the server's
# reference data does not have (a city's own unit file) is left out.
ACCOUNTS = (
    ("op01", "operator", None, "演示坐席一"),
    ("op02", "operator", None, "演示坐席二"),
    ("lead01", "team_lead", None, "演示班长"),
    ("jn", "liaison", "GOV-JN", "金牛区人民政府联络员"),
    ("housing", "liaison", "HOUSING", "市住房和城乡建设局联络员"),
    ("jn-s01", "liaison", "JN-S01", "西安路街道办事处联络员"),
    ("urban", "liaison", "URBAN", "市城市管理委员会联络员"),
)


class NotADemoCentral(Exception):
    """The database exists and was not made by the demo: its accounts are left alone."""


@dataclass(frozen=True)
class DemoCentral:
    """What was made: the database URL, the accounts (login, role, unit) and how to start it."""

    url: str
    accounts: tuple[tuple[str, str, str | None], ...]
    port: int = DEFAULT_PORT

    @property
    def serve_command(self) -> str:
        return f"python main.py central serve --db {self.url} --port {self.port}"

    @property
    def central_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def make_demo_central(data_dir: Path | str, port: int = DEFAULT_PORT) -> DemoCentral:
    """Create (or bring up to date) the demo central database in `data_dir` with the demo
    accounts, every one with DEMO_PASSWORD. Raises NotADemoCentral for a database there that
    the demo did not make."""
    from sync.server import auth
    from sync.server.case_rows import reference_codes
    from sync.server.db import open_central
    from sync.server.models import Account, Meta

    path = Path(data_dir) / FILE_NAME
    url = f"sqlite:///{path.resolve()}"
    db = open_central(url)
    try:
        with db.write() as conn:
            marked = conn.scalar(select(Meta.value).where(Meta.key == DEMO_MARK)) is not None
            if not marked and conn.scalar(select(Account.login).limit(1)) is not None:
                raise NotADemoCentral(f"{path} was not made by the demo; its accounts are left alone")
            if not marked:
                conn.execute(insert(Meta), [{"key": DEMO_MARK, "value": "1"}])
        units = reference_codes().departments
        made = []
        for login, role, unit, name in ACCOUNTS:
            if unit is not None and unit not in units:
                continue
            auth.create_account(db, login, DEMO_PASSWORD, role, unit, name=name, actor="demo")
            made.append((login, role, unit))
    finally:
        db.close()
    return DemoCentral(url, tuple(made), port)
