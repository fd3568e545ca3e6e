"""The seat under pressure (issue 15): keys beyond the typed text for the three scripted calls of
docs/user-guide.md, pressed through QTest in the real window, and the GUI thread's longest stall
during a call with the dashboard open.

Baselines, measured in the same run: the characters typed in each call (keys per typed
character is the overhead a person feels), the same emergency logged without Ctrl+E (urgency
and line chosen with Tab and arrows), and the GUI thread's longest stall while the same window
sits idle for as long as the call took.
"""
from __future__ import annotations

import os
import shutil
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ui.dashboard import refcount_guard  # noqa: E402

from .harness import Context, Figure  # noqa: E402

refcount_guard.install()


class Keyboard:
    """Presses keys on whatever has the focus and counts them; typed text is counted apart."""

    def __init__(self, app, window=None):
        self.app, self.window, self.keys, self.typed = app, window, 0, 0

    def _target(self):
        target = self.app.focusWidget() or self.window
        if target is None:  # QTest aborts the process on a null widget
            raise RuntimeError("nothing has the focus")
        return target

    def press(self, key, mod=None, times: int = 1) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        for _ in range(times):
            QTest.keyClick(self._target(), key, mod or Qt.KeyboardModifier.NoModifier)
            self.keys += 1
        self.settle()

    def type(self, text: str) -> None:
        from tests.ui.keys import type_text
        type_text(self._target(), text)
        self.typed += len(text)
        self.settle()

    def settle(self, ms: int = 30) -> None:
        end = time.perf_counter() + ms / 1000
        while time.perf_counter() < end:
            self.app.processEvents()

    def wait(self, predicate, timeout: float = 15.0) -> None:
        end = time.perf_counter() + timeout
        while not predicate():
            if time.perf_counter() > end:
                raise RuntimeError("the window did not get there in time")
            self.settle(10)


def consultation(win, kb: Keyboard) -> None:
    """A known caller asks about pension years; answered from the knowledge base (F8)."""
    from PySide6.QtCore import Qt
    ctrl = Qt.KeyboardModifier.ControlModifier
    kb.press(Qt.Key.Key_N, ctrl)
    kb.type("13912345678")
    kb.press(Qt.Key.Key_Tab)
    kb.type("王先生")
    kb.press(Qt.Key.Key_Tab)
    kb.press(Qt.Key.Key_Down)  # consultation
    kb.press(Qt.Key.Key_Tab)
    kb.type("ylbx")
    kb.wait(lambda: win.form.category.matches())
    kb.press(Qt.Key.Key_Return)
    kb.press(Qt.Key.Key_Tab, times=3)  # district, address (not needed for a consultation), description
    kb.type("咨询养老保险缴费年限")
    kb.wait(lambda: win.knowledge_panel.results.count() > 0)
    kb.press(Qt.Key.Key_F8)
    kb.press(Qt.Key.Key_S, ctrl)


def complaint(win, kb: Keyboard) -> None:
    """Night-time construction noise, dispatched to the suggested lead unit (Ctrl+Enter)."""
    from PySide6.QtCore import Qt
    ctrl = Qt.KeyboardModifier.ControlModifier
    kb.press(Qt.Key.Key_N, ctrl)
    kb.type("13700001111")
    kb.press(Qt.Key.Key_Tab)
    kb.type("李女士")
    kb.press(Qt.Key.Key_Tab)
    kb.press(Qt.Key.Key_Down, times=3)  # complaint
    kb.press(Qt.Key.Key_Tab)
    kb.type("sgzy")
    kb.wait(lambda: win.form.category.matches())
    kb.press(Qt.Key.Key_Return)
    kb.press(Qt.Key.Key_Tab)
    kb.type("锦江")
    kb.press(Qt.Key.Key_Tab)
    kb.type("红星路三段1号")
    kb.press(Qt.Key.Key_Tab)
    kb.type("红星路三段工地夜间施工噪音扰民")
    kb.press(Qt.Key.Key_Return, ctrl)  # shows where it goes and its deadlines
    kb.press(Qt.Key.Key_Return, ctrl)  # the second press saves and dispatches


def emergency(win, kb: Keyboard) -> None:
    """An old man fallen and unconscious: Ctrl+E proposes 特急 and 120, Ctrl+S logs the transfer."""
    from PySide6.QtCore import Qt
    ctrl, alt = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
    kb.press(Qt.Key.Key_N, ctrl)
    kb.type("13800138000")
    kb.press(Qt.Key.Key_2, alt)
    kb.type("老人在家摔倒昏迷不醒")
    kb.wait(lambda: win.form.emergency_banner.alert is not None)
    kb.press(Qt.Key.Key_E, ctrl)
    kb.press(Qt.Key.Key_S, ctrl)


def emergency_by_hand(win, kb: Keyboard) -> None:
    """The same emergency without Ctrl+E: urgency and line chosen with Tab and arrows."""
    from PySide6.QtCore import Qt
    ctrl, alt = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
    kb.press(Qt.Key.Key_N, ctrl)
    kb.type("13800138000")
    kb.press(Qt.Key.Key_2, alt)
    kb.type("老人在家摔倒昏迷不醒")
    kb.press(Qt.Key.Key_Tab)  # urgency
    kb.press(Qt.Key.Key_Down, times=2)  # normal -> urgent -> emergency
    kb.press(Qt.Key.Key_Tab)  # the line (disposition is off for an emergency)
    kb.press(Qt.Key.Key_Down, times=3)  # Choose... -> 110 -> 119 -> 120
    kb.press(Qt.Key.Key_S, ctrl)


def _count(profile) -> int:
    from sqlalchemy import text
    with profile.db.session() as s:
        return s.execute(text("SELECT count(*) FROM cases")).scalar_one()


def _window(app, folder, login):
    from console.profile import open_profile
    from ui.app import build_main_window
    profile = open_profile(folder)
    win = build_main_window(profile, profile.actor(login))
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    win.start()
    Keyboard(app).settle(300)
    return profile, win


def _run_call(app, win, profile, script, check) -> Keyboard:
    kb = Keyboard(app, win)
    before = _count(profile)
    script(win, kb)
    kb.wait(lambda: _count(profile) == before + 1)
    kb.settle(100)
    check(profile)
    return kb


def _latest(profile):
    return profile.cases.get(profile.cases.list_cases(limit=1)[0].number)


class StallMeter:
    """A 5 ms timer on the GUI thread; the longest gap between its ticks is the longest stall."""

    def __init__(self):
        from PySide6.QtCore import QTimer
        self.ticks: list[float] = []
        self.timer = QTimer(interval=5)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def __enter__(self):
        self.ticks.clear()
        self.timer.start()
        return self

    def __exit__(self, *exc):
        self.timer.stop()

    def longest_ms(self) -> float:
        gaps = [b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False)]
        return max(gaps) * 1000 if gaps else 0.0


def run(ctx: Context) -> list[Figure]:
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication(sys.argv[:1])
    source = ctx.demo_profile(ctx.size(2000, 500))
    folder = ctx.workdir / "seat"
    shutil.copytree(source, folder)
    figures = []
    profile, win = _window(app, folder, "op01")
    try:
        from console.intake import CallRecord
        profile.intake.log_call(CallRecord(
            caller_phone="13912345678", caller_name="王先生", type="consultation", category_code="0402",
            description="咨询养老保险缴费年限"), profile.actor("op01"))
        calls = (
            ("consultation answered from the knowledge base", consultation,
             lambda p: _latest(p).case.state == "answered" or _fail("not answered")),
            ("complaint dispatched (Ctrl+Enter)", complaint,
             lambda p: _latest(p).case.state == "dispatched" or _fail("not dispatched")),
            ("emergency transferred (Ctrl+E, Ctrl+S)", emergency,
             lambda p: _latest(p).events[-1].payload == {"to": "120"} or _fail("not transferred to 120")),
        )
        for label, script, check in calls:
            kb = _run_call(app, win, profile, script, check)
            figures.append(Figure(f"keys beyond typed text: {label}", kb.keys, "keys", kb.typed,
                                  "characters typed", target="issue 15: 13-16 keys per call before",
                                  notes="counted through QTest in the real window"))
        fast = figures[-1].value
        kb = _run_call(app, win, profile, emergency_by_hand,
                       lambda p: _latest(p).events[-1].payload == {"to": "120"} or _fail("not transferred"))
        figures.append(Figure("keys: emergency with Ctrl+E", fast, "keys", kb.keys,
                              "same emergency, urgency and line by Tab and arrows"))
    finally:
        win.close()
        profile.close()
    profile, win = _window(app, folder, "lead01")
    try:
        from PySide6.QtWidgets import QWidget
        page = win.findChild(QWidget, "dashboardPage")
        win.workspace.setCurrentWidget(page)
        Keyboard(app).wait(lambda: page.data is not None, timeout=60)
        for which in ("the first call after start", "a later call"):
            with StallMeter() as busy:
                t = time.perf_counter()
                _run_call(app, win, profile, complaint,
                          lambda p: _latest(p).case.state == "dispatched" or _fail("not dispatched"))
                Keyboard(app).settle(1500)  # the dashboard redraws after the save
                took = time.perf_counter() - t
            with StallMeter() as idle:
                Keyboard(app).settle(int(took * 1000))
            figures.append(Figure(f"GUI thread's longest stall, dashboard open: {which}", busy.longest_ms(), "ms",
                                  idle.longest_ms(), "longest stall of the same window idle as long",
                                  target="under 100 ms (typing stays fluid)"))
        page.stop()
    finally:
        win.close()
        profile.close()
    return figures


def _fail(why: str) -> bool:
    raise RuntimeError(f"the scripted call went wrong: {why}")
