"""Child process of test_department_app_run: the real program (ui.app.run, one qasync loop,
the window's own sync client) signed in as a department liaison.

argv: DATA_DIR LOGIN CASE_NUMBER. Waits for the case to arrive by sync, signs for it (F2),
replies (F8, text, Ctrl+Enter), waits until the outbox is pushed, then closes the window.
Prints READY, SIGNED <state>, REPLIED <state>, PUSHED, CLOSED <code> (or TIMEOUT <step>).
"""
from __future__ import annotations

import os
import sys
from argparse import Namespace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HOTLINE_CTI_PORT"] = "off"

# E402 below: these imports need the paths and the environment set just above
from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.app import run  # noqa: E402

RESULT = "已更换灯泡，恢复照明"


def _rows(window) -> list[str]:
    return [window.inbox.model.row_at(r).number for r in range(window.inbox.model.rowCount())]


def ready(window, _listener, number: str) -> None:
    print("READY", type(window).__name__, flush=True)
    state = {"step": "pull", "ticks": 0}
    timer = QTimer(window, interval=200)

    def tick() -> None:
        state["ticks"] += 1
        if state["ticks"] > 300:
            print("TIMEOUT", state["step"], window.sync_label.text(), flush=True)
            timer.stop()
            window.close()
            return
        if state["step"] == "pull":
            window.inbox.refresh()
            if number not in _rows(window):
                return
            window.inbox.table.setCurrentIndex(window.inbox.model.index(_rows(window).index(number), 0))
            window.inbox.table.setFocus()
            QTest.keyClick(window.inbox.table, Qt.Key.Key_F2)
            print("SIGNED", window.detail.detail.case.state, flush=True)
            QTest.keyClick(window.inbox.table, Qt.Key.Key_F8)
            QApplication.focusWidget().insertPlainText(RESULT)
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            print("REPLIED", window.detail.detail.case.state, flush=True)
            state["step"] = "push"
        elif window.services.local_sync_counts() == (0, 0, 0):
            print("PUSHED", flush=True)
            timer.stop()
            window.close()
    timer.timeout.connect(tick)
    timer.start()


if __name__ == "__main__":
    folder, login, case_number = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    code = run(Namespace(data_dir=folder, lang="en", operator=login),
               after_start=lambda w, listener: ready(w, listener, case_number))
    print("CLOSED", code, flush=True)
    sys.exit(code)
