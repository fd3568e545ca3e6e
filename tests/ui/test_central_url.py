"""Issue 12, point 11: the window refuses a central server over plain http on
another machine (HOTLINE_CENTRAL_URL or the URL `sync --central` remembered) and
says why in the status bar; the console keeps working on its own."""
from __future__ import annotations

from sync.store import LocalSyncStore
from ui.app import _start_sync, build_main_window
from ui.sync_panel import SyncController, central_url_for


def _window(qtbot, profile):
    win = build_main_window(profile, profile.actor("op01"), knowledge=False)
    qtbot.addWidget(win)
    win.show()
    return win


def test_window_refuses_plain_http_to_another_machine(qtbot, profile, monkeypatch):
    monkeypatch.setenv("HOTLINE_CENTRAL_URL", "http://10.20.30.40:8345")
    win = _window(qtbot, profile)
    controller = _start_sync(win, profile, profile.actor("op01"))
    assert controller.client is None  # nothing will be sent there
    qtbot.waitUntil(lambda: "plain http" in win.sync_label.toolTip())
    assert win.sync_label.text().startswith(win.tr("Offline"))


def test_window_syncs_where_the_profile_was_told_insecure(qtbot, profile, monkeypatch):
    monkeypatch.delenv("HOTLINE_CENTRAL_URL", raising=False)
    url = "http://10.20.30.40:8345"
    LocalSyncStore(profile.db).put(central_url=url, central_insecure=url)
    win = _window(qtbot, profile)
    controller = SyncController(win, profile, profile.actor("op01"), central_url_for(profile))
    assert controller.client is not None and controller.client.central_url == url
