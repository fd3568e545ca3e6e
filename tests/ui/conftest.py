"""A real window over a real profile file, offscreen."""
from __future__ import annotations

import pytest

from console.demo import fill


@pytest.fixture
def filled(profile):
    fill(profile.db, 300, seed=5)
    return profile


def shown_window(qtbot, profile, login: str):
    """The window of `login` over `profile`, shown at 1366x768 and started (the caller closes it)."""
    from ui.app import build_main_window
    win = build_main_window(profile, profile.actor(login))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.start()
    return win


@pytest.fixture
def window(qtbot, filled):
    win = shown_window(qtbot, filled, "op01")
    yield win
    win.close()
