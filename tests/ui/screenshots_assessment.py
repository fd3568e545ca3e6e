"""Screenshots of the team lead's efficiency, instructions and early-warning pages in
docs/screenshots/, at 1366x768, on a demo profile of 30,000 cases (the demo's 90 days) with one
cluster of calls logged today through the real intake so the early-warning page has a cluster
to show: `QT_QPA_PLATFORM=offscreen python -m tests.ui.screenshots_assessment [en|zh_CN ...]`."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.screenshots import SHOTS, _save, _settle

PAGES = (("efficiencyPage", "efficiency"), ("instructionsPage", "instructions"), ("warningsPage", "warnings"))


def _cluster(profile) -> None:
    from console.intake import CallRecord
    op = profile.actor("op01")
    for i in range(9):  # neighbours of two estates beside one site: a cluster, and a hotspot at one estate
        profile.intake.log_call(CallRecord(
            caller_phone=f"1350000{i:04d}", caller_name="市民", type="complaint", category_code="0104",
            district="WH", address=f"科华北路{10 + i % 2 * 2}号{i + 1}栋",
            description="小区旁工地夜间施工噪音扰民，凌晨仍在作业"), op)


def shoot(lang: str, profile) -> list[Path]:
    from ui.app import build_main_window, install_translators
    app = QApplication.instance() or QApplication(sys.argv[:1])
    installed = install_translators(app, lang)
    out = []
    try:
        win = build_main_window(profile, profile.actor("lead01"))
        win.resize(1366, 768)
        win.show()
        win.start()
        _settle(app)
        for name, shot in PAGES:
            page = win.findChild(QWidget, name)
            got = []
            page.loaded.connect(got.append)
            win.workspace.setCurrentWidget(page)  # the first show loads it
            if name != "warningsPage":  # last month: a whole month to assess
                page.month.setCurrentIndex(1)
            for _ in range(600):
                if got and not page.loader.busy():
                    break
                _settle(app, 100)
            _settle(app, 400)
            out.append(_save(win, f"{shot}_{lang}.png"))
            page.stop()
        dash = win.findChild(QWidget, "dashboardPage")
        if dash is not None:
            dash.stop()
        win.close()
        win.deleteLater()
        _settle(app)
    finally:
        for t in installed:
            app.removeTranslator(t)
    return out


def main(argv: list[str]) -> int:
    from ui.demo_profile import demo_window_profile
    QApplication.instance() or QApplication(sys.argv[:1])
    profile, _actor, tmp = demo_window_profile(cases=30_000, seed=11)
    try:
        _cluster(profile)
        for lang in argv or ["en", "zh_CN"]:
            for path in shoot(lang, profile):
                print(path)
    finally:
        profile.db.engine.dispose()
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    assert SHOTS.is_dir()
    sys.exit(main(sys.argv[1:]))
