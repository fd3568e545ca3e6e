"""Refresh the window's screenshots in docs/screenshots/ in both languages, at 1366x768:
`QT_QPA_PLATFORM=offscreen python -m tests.ui.screenshots [en|zh_CN ...]`."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _settle(app: QApplication, ms: int = 300) -> None:
    done = []
    QTimer.singleShot(ms, lambda: done.append(1))
    while not done:
        app.processEvents()


def shoot(lang: str) -> list[Path]:
    from console.dto import Actor
    from console.intake import CallRecord
    from ui.app import build_main_window, install_translators
    from ui.demo_profile import demo_window_profile
    app = QApplication.instance() or QApplication(sys.argv[:1])
    installed = install_translators(app, lang)
    profile, _actor, tmp = demo_window_profile(cases=600, seed=11)
    out = []
    try:
        for login in ("op01", "lead01"):
            win = build_main_window(profile, profile.actor(login))
            win.resize(1366, 768)
            win.show()
            win.start()
            _settle(app)
            if login == "op01":
                op = profile.actor("op01")
                saved = profile.intake.log_call(CallRecord(
                    caller_phone="13700006666", caller_name="李女士", type="complaint", category_code="0201",
                    district="JJ", address="东大街3号", lead_department="GOV-JJ",
                    description="东大街3号工地夜间施工噪音扰民，已持续一周，晚上十一点后仍在打桩"), op)
                liaison = Actor("GOV-JJ", "liaison", "联络员", department="GOV-JJ")
                profile.cases.act(saved.number, "accept", liaison, "", {})
                profile.cases.act(saved.number, "request_extension", liaison, "需协调施工单位调整工期",
                                  {"extra": "3wd"})
                win.queue.refresh()
                win.open_case(saved.id)
                win.detail.timeline.setFocus()
                _settle(app)
                out.append(_save(win, f"console_case_{lang}.png"))
                win.new_call("13800138000")
                win.form.description.setFocus()
                win.form.description.insertPlainText("老人在家摔倒昏迷不醒，家属说叫不醒")
                _settle(app, 400)
                out.append(_save(win, f"console_emergency_{lang}.png"))
                win.form.discard(ask=False)  # the question would wait for a person
                win.form.phone.setFocus()
                _settle(app)
                out.append(_save(win, f"console_main_{lang}.png"))
                sheet = win.show_cheat_sheet()
                _settle(app)
                out.append(_save(sheet, f"cheat_sheet_{lang}.png"))
                sheet.close()
            else:
                page = win.findChild(QWidget, "dashboardPage")
                win.workspace.setCurrentWidget(page)
                for _ in range(100):
                    if page.data is not None:
                        break
                    _settle(app, 100)
                _settle(app, 600)
                out.append(_save(win, f"dashboard_{lang}.png"))
            page = win.findChild(QWidget, "dashboardPage")
            if page is not None:  # no snapshot may still run when the profile goes away
                page.stop()
            win.close()
            win.deleteLater()  # its timers must not outlive the profile
            _settle(app)
    finally:
        for t in installed:
            app.removeTranslator(t)
        profile.db.engine.dispose()
        tmp.cleanup()
    return out


def _save(widget: QWidget, name: str) -> Path:
    path = SHOTS / name
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not save {path}")
    return path


def main(argv: list[str]) -> int:
    for lang in argv or ["en", "zh_CN"]:
        for path in shoot(lang):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
