"""A real window over a real profile file, offscreen."""
from __future__ import annotations

import pytest

from console.demo import fill


@pytest.fixture
def filled(profile):
    fill(profile.db, 300, seed=5)
    return profile


@pytest.fixture
def window(qtbot, filled):
    from ui.app import build_main_window
    win = build_main_window(filled, filled.actor("op01"))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.start()
    yield win
    win.close()
