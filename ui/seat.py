"""The seat: the window of whoever is signed in, replaced when another operator
signs in at the lock screen.

The new window is shown before the old one closes, so the program never sees
its last window close; the old window's closeEvent writes its draft and
layout as its own operator's, and its sync client stops before the window is
deleted.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal


class Seat(QObject):
    """Opens the signed-in operator's window and swaps it on a sign-in at the lock screen."""

    window_changed = Signal(object)  # the new MainWindow

    def __init__(self, profile, attempt, build: Callable, start_sync: Callable | None = None,
                 on_open: Callable | None = None):
        super().__init__()
        self.profile, self.attempt = profile, attempt
        self.build, self.start_sync, self.on_open = build, start_sync, on_open
        self.window = None
        self.sync = None
        self._retiring: list[asyncio.Future] = []

    def open(self, done):
        """Show the window of `done.actor` (a console.signin.SignIn) and start its sync."""
        win = self.build(self.profile, done.actor, attempt=self.attempt)
        win.resize(1366, 768)
        win.show()
        win.start()
        win.lock_control.switch_requested.connect(self.switch)
        if self.on_open is not None:
            self.on_open(win, done)
        self.window = win
        self.sync = self.start_sync(win, self.profile, done.actor) if self.start_sync else None
        return win

    def switch(self, done) -> None:
        """Another operator signed in at the lock screen: their window replaces this one."""
        old, old_sync = self.window, self.sync
        self.open(done)
        old.close()
        if old_sync is None:
            old.deleteLater()
        else:
            self._retiring.append(asyncio.ensure_future(self._retire(old, old_sync)))
        self.window_changed.emit(self.window)

    async def close(self) -> None:
        """Stop every sync client this seat started (on quit)."""
        if self.sync is not None:
            await self.sync.stop()
        for task in self._retiring:
            await task

    @staticmethod
    async def _retire(old, old_sync) -> None:
        await old_sync.stop()
        old.deleteLater()
