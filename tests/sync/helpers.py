"""Real consoles (profiles in temporary folders) syncing with the real server."""
from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from console.intake import CallRecord
from console.profile import Profile, open_profile
from models import Case, CaseEvent, Outbox, Setting
from sync.client import Backoff, SyncClient, SyncError
from sync.faults import FaultyTransport
from sync.server import auth

PASSWORD = "correct-horse-1"
ACCOUNTS = [("op01", "operator", None), ("op02", "operator", None), ("lead01", "team_lead", None),
            ("urban", "liaison", "URBAN"), ("hrss", "liaison", "HRSS"), ("admin", "admin", None)]


def add_accounts(db) -> None:
    for login, role, dept in ACCOUNTS:
        auth.create_account(db, login, PASSWORD, role, dept)


@dataclass
class Console:
    """One console: its profile folder and a sync client with a switchable network."""

    profile: Profile
    client: SyncClient
    net: FaultyTransport

    @property
    def db(self):
        return self.profile.db

    def log(self, description: str = "路灯不亮已经三天了", **kw) -> str:
        data = {"caller_phone": "13800138000", "caller_name": "王先生", "type": "help",
                "category_code": "0203", "district": "JJ", "address": "锦江区春熙路1号",
                "description": description} | kw
        return self.profile.intake.log_call(CallRecord.from_dict(data), self.profile.actor(self.login)).number

    def act(self, number: str, action: str, reason: str = "", login: str | None = None, **payload):
        return self.profile.cases.act(number, action, self.profile.actor(login or self.login), reason, payload)

    @property
    def login(self) -> str:
        """The account this console signs in with: the one its events must name."""
        return self.client.login or "op01"

    def close(self) -> None:
        self.profile.close()


def make_console(folder: Path, url: str, login: str = "op01", batch: int = 500, station: str | None = None,
                 register: bool = True, **kw) -> Console:
    """A console on the profile in `folder`. `register`: registered with the server already
    (its device and station, as a console that has synced before), so numbers logged
    offline are final; False leaves it fresh (its first sync registers it and renumbers
    what it logged into the station it gets). `station`: the profile's station setting
    before that (e.g. the old default A01)."""
    prof = open_profile(folder)
    if station:
        set_station(prof, station)
    if register and login:
        asyncio.run(_register(prof, url, login))
    net = FaultyTransport()
    client = SyncClient(prof.db, url, login=login, password=PASSWORD, transport=net, push_batch=batch,
                        backoff=Backoff(base=0.02, cap=0.2), **kw)
    return Console(prof, client, net)


def set_station(prof: Profile, station: str) -> None:
    """Set the profile's station setting (what it numbers new cases in)."""
    with prof.db.session() as s, s.begin():
        s.merge(Setting(key="station", value=station))


async def _register(prof: Profile, url: str, login: str) -> None:
    client = SyncClient(prof.db, url, login=login, password=PASSWORD)
    try:
        await client.register()
    except SyncError:  # no such account, or a server this plain client may not reach (TLS):
        pass  # the test signs in its own way, and its first sync registers
    finally:
        await client.aclose()


def reopen_client(console: Console, url: str, **kw) -> Console:
    net = FaultyTransport()
    console.client = SyncClient(console.db, url, login=console.login, password=PASSWORD, transport=net,
                                backoff=Backoff(base=0.02, cap=0.2), **kw)
    console.net = net
    return console


CASE_COMPARED = ("number", "state", "type", "urgency", "category_code", "district_code", "address", "description",
                 "answer", "caller_phone", "caller_name", "lead_department", "deadline", "sign_deadline",
                 "reply_deadline", "created_at", "updated_at", "closed_at", "satisfied", "resolved", "version",
                 "supervised", "return_count", "extension_count")


def local_view(db) -> dict:
    """Every case and its events in a console, as comparable plain data."""
    with db.session() as s:
        cases = {str(c.id): {f: getattr(c, f) for f in CASE_COMPARED} for c in s.scalars(select(Case))}
        for e in s.scalars(select(CaseEvent).order_by(CaseEvent.case_id, CaseEvent.seq)):
            cases[str(e.case_id)].setdefault("events", []).append((str(e.id), e.seq, e.kind, e.to_state, e.at))
    return cases


def server_view(central_db) -> dict:
    from sync.server.models import CentralCase, CentralEvent
    with central_db.read() as conn:
        cases = {r.id: {f: getattr(r, f) for f in CASE_COMPARED} for r in conn.execute(select(CentralCase))}
        for e in conn.execute(select(CentralEvent).order_by(CentralEvent.case_id, CentralEvent.seq)):
            cases[e.case_id].setdefault("events", []).append((e.id, e.seq, e.kind, e.to_state, e.at))
    return cases


def outbox_statuses(db) -> dict[str, int]:
    with db.session() as s:
        out: dict[str, int] = {}
        for status in s.scalars(select(Outbox.status)):
            out[status] = out.get(status, 0) + 1
        return out


def new_id() -> str:
    return str(uuid.uuid4())
