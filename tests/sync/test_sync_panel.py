"""The sync panel shows what the server refused (with its reason) and lets the
operator resolve a conflict; real widgets offscreen over real synced profiles."""
from __future__ import annotations

import asyncio
import os
from pathlib import Path

from PySide6.QtCore import Qt

from sync.server.casebook import Caller
from sync.status import SyncStatus
from ui.sync_panel import SyncPanel

from .helpers import outbox_statuses, reopen_client

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_panel_shows_refusals_and_resolves_a_conflict(central, consoles, qtbot, tmp_path):
    a = consoles("a", central.url)
    b = consoles("b", central.url, login="op02", station="A02")
    number = a.log("楼上漏水")
    refused = a.log("小区垃圾无人清理")

    async def sync(*cs):
        for c in cs:  # a fresh client per event loop, closed after
            reopen_client(c, central.url)
            await c.client.sync_once()
            await c.client.aclose()

    asyncio.run(sync(a, b))
    central.app.state.book.act(Caller("lead01", "team_lead"), refused, "cancel", "重复来电")
    a.act(refused, "dispatch", lead_department="URBAN")
    a.act(number, "edit", fields={"description": "楼上漏水，已经一周"})
    b.act(number, "edit", fields={"description": "楼上卫生间漏水"})
    asyncio.run(sync(b, a))

    panel = SyncPanel(a.client.store, a.profile.actor("op01"))
    qtbot.addWidget(panel)
    panel.show_status(SyncStatus(configured=True, online=True, pending=0, rejected=1, conflicts=1))
    panel.show()
    assert panel.rejected_table.rowCount() == 1
    assert panel.rejected_table.item(0, 0).text() == refused
    # the server's refusal in the window's words with its code (ui/refusals.py), not the server's English
    said = panel.rejected_table.item(0, 3).text()
    assert said.endswith("[wrong_state]") and "Closed" in said and "cannot dispatch" not in said
    assert panel.conflict_table.rowCount() == 1
    assert panel.conflict_table.item(0, 2).text() == "楼上漏水，已经一周"
    assert panel.conflict_table.item(0, 3).text() == "楼上卫生间漏水"
    assert not panel.keep_mine.isEnabled()
    shot = (SHOTS if os.environ.get("SAVE_SCREENSHOTS") else tmp_path) / "sync_panel.png"
    assert panel.grab().save(str(shot))

    panel.conflict_table.selectRow(0)
    assert panel.keep_mine.isEnabled()
    with qtbot.waitSignal(panel.sync_requested):
        qtbot.mouseClick(panel.keep_mine, Qt.MouseButton.LeftButton)
    assert panel.conflict_table.rowCount() == 0
    assert outbox_statuses(a.db).get("pending") == 1  # the kept value goes out as a new edit
    assert a.profile.cases.get(number).case.description == "楼上漏水，已经一周"
    asyncio.run(sync(a))
    assert outbox_statuses(a.db).get("pending") is None
