"""The real program in department mode against the real server on loopback: a liaison's
window pulls the case the seat dispatched with its own sync client, signs for it and
replies by keyboard, pushes, and the seat's console then pulls the reply."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from console.profile import open_profile
from sync.client import SyncClient
from sync.server.db import open_central
from sync.server.runner import ServerThread
from tests.sync.helpers import PASSWORD, add_accounts, make_console

CHILD = Path(__file__).resolve().parent / "department_child.py"


def test_a_liaisons_window_signs_for_and_replies_and_the_seat_sees_it(tmp_path):
    db = open_central(f"sqlite:///{tmp_path / 'central.db'}")
    add_accounts(db)
    db.close()
    srv = ServerThread(f"sqlite:///{tmp_path / 'central.db'}").start()
    try:
        seat = make_console(tmp_path / "seat", srv.url)
        number = seat.log("路灯不亮已经三天了")
        seat.act(number, "dispatch", lead_department="URBAN")
        unit = open_profile(tmp_path / "urban")
        client = SyncClient(unit.db, srv.url, login="urban", password=PASSWORD)  # the first sign-in of the console

        async def sync(*clients):
            for c in clients:
                await c.sync_once()
                await c.aclose()
        asyncio.run(sync(seat.client, client))
        seat.close()
        unit.close()
        env = dict(os.environ, HOTLINE_PASSWORD=PASSWORD, HOTLINE_CENTRAL_URL=srv.url)
        done = subprocess.run([sys.executable, str(CHILD), str(tmp_path / "urban"), "urban", number], env=env,
                              capture_output=True, text=True, timeout=240)
        lines = [ln for ln in done.stdout.splitlines() if ln.split(" ")[0].isupper()]
        assert lines == ["READY DepartmentWindow", "SIGNED accepted", "REPLIED replied", "PUSHED", "CLOSED 0"], \
            done.stdout + done.stderr[-2000:]
        seat = make_console(tmp_path / "seat", srv.url, register=False)
        asyncio.run(sync(seat.client))
        detail = seat.profile.cases.get(number)
        assert detail.case.state == "replied"
        assert [(e.kind, e.actor) for e in detail.events][-2:] == [("accept", "urban"), ("reply", "urban")]
        seat.close()
    finally:
        srv.stop()
