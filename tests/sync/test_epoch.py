"""Issue 5, check 6: the server restored from an older backup; the console notices
the epoch, resyncs, and pushes again what the server lost."""
from __future__ import annotations

import asyncio
import sqlite3

import pytest

from sync.server.db import new_epoch, open_central
from sync.server.runner import ServerThread

from .helpers import local_view, outbox_statuses, reopen_client, server_view


def _backup(src, dst) -> None:
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)


# "forgotten-new-epoch": the admin restored the file but did not run `central new-epoch`;
# the console whose cursor is beyond the server's history still notices and resyncs.
@pytest.mark.parametrize("bump_epoch", [True, False], ids=["new-epoch", "forgotten-new-epoch"])
def test_restored_backup_gets_back_what_it_lost(tmp_path, central_template, consoles, bump_epoch):
    import shutil
    path = tmp_path / "central.db"
    shutil.copy(central_template, path)
    url = f"sqlite:///{path}"
    srv = ServerThread(url).start()
    a = consoles("a", srv.url)
    b = consoles("b", srv.url, login="op02")
    early = a.log("备份之前受理的")

    async def sync(*cs):
        for c in cs:
            reopen_client(c, srv.url)
            await c.client.sync_once()
            await c.client.aclose()

    asyncio.run(sync(a, b))
    _backup(path, tmp_path / "backup.db")
    late = a.log("备份之后受理的")
    a.act(early, "dispatch", lead_department="URBAN")
    asyncio.run(sync(a, b))
    before = server_view(srv.db)
    port = srv.port
    srv.stop()
    # the platform is restored from last night's backup
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"central.db{suffix}").unlink(missing_ok=True)
    shutil.copy(tmp_path / "backup.db", path)
    if bump_epoch:
        db = open_central(url)
        new_epoch(db)
        db.close()
    srv = ServerThread(url, port=port).start()
    try:
        assert sorted(c["number"] for c in server_view(srv.db).values()) == [early]
        asyncio.run(sync(a))
        assert a.client.store.get("epoch") == srv.db.meta("epoch")
        if bump_epoch:
            asyncio.run(sync(b))
        after = server_view(srv.db)
        assert sorted(c["number"] for c in after.values()) == sorted([early, late])
        assert {c["number"]: c["state"] for c in after.values()} == {early: "dispatched", late: "received"}
        assert {k: [e[0] for e in v["events"]] for k, v in after.items()} == \
               {k: [e[0] for e in v["events"]] for k, v in before.items()}
        assert local_view(a.db) == after
        assert outbox_statuses(a.db) == {"applied": 3}
        if bump_epoch:
            # without a new epoch only a console whose cursor lies beyond the restored
            # history notices; that is why the restore procedure bumps it
            assert local_view(b.db) == after
    finally:
        srv.stop()


def test_a_restore_without_a_new_epoch_is_noticed_by_a_case_going_back(tmp_path, central_template, consoles):
    """The admin forgot `central new-epoch` and the server took new changes past the console's
    cursor before it synced again: the console notices because a case it holds at version
    3 comes back at version 2, and resyncs as for a new epoch."""
    import shutil

    from sync.server.casebook import Caller
    path = tmp_path / "central.db"
    shutil.copy(central_template, path)
    url = f"sqlite:///{path}"
    srv = ServerThread(url).start()
    a = consoles("a", srv.url)
    c = consoles("c", srv.url, login="op02", station="B02")
    lead = Caller("lead01", "team_lead")

    async def sync(*cs):
        for x in cs:
            reopen_client(x, srv.url)
            await x.client.sync_once()
            await x.client.aclose()

    early = a.log("备份之前受理的")
    asyncio.run(sync(a))
    _backup(path, tmp_path / "backup.db")
    a.act(early, "dispatch", lead_department="URBAN")
    asyncio.run(sync(a))
    srv.app.state.book.act(lead, early, "pick")
    asyncio.run(sync(a))  # a holds `early` at version 3 and the cursor past all of it
    port = srv.port
    srv.stop()
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"central.db{suffix}").unlink(missing_ok=True)
    shutil.copy(tmp_path / "backup.db", path)  # restored, the epoch left as it was
    srv = ServerThread(url, port=port).start()
    try:
        for i in range(3):  # the server's history grows past a's cursor again ...
            c.log(f"恢复之后受理的{i}")
        asyncio.run(sync(c))
        srv.app.state.book.act(lead, early, "pick")  # ... and `early`, at version 1 there, becomes version 2
        asyncio.run(sync(a))
        after = server_view(srv.db)
        assert after[next(k for k, v in after.items() if v["number"] == early)]["state"] == "dispatched"
        assert local_view(a.db) == after  # the dispatch the server lost, pushed again
        # merged: the server had a newer version of the case (the pick) when it came again
        assert outbox_statuses(a.db) == {"applied": 1, "merged": 1}
    finally:
        srv.stop()
