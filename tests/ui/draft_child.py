"""Child process of test_draft_sigkill: the real app (ui.app.run, qasync loop), typing a call.

argv: DATA_DIR. Prints TYPED when the keys are in; then keeps running until killed.
"""
from __future__ import annotations

import os
import sys
from argparse import Namespace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HOTLINE_CTI_PORT"] = "off"

# E402 below: these imports need the paths and the environment set just above
from child_signin import sign_in_as_demo_operator  # noqa: E402
from keys import type_text  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.app import run  # noqa: E402

PHONE = "13511112222"
NAME = "Li"
DESCRIPTION = "楼上漏水到我家天花板"


def drive(window, _listener) -> None:
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    QApplication.processEvents()
    QTest.keyClick(window.queue.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # new call
    form = window.form
    type_text(form.phone, PHONE)
    QTest.keyClick(form.phone, Qt.Key.Key_Tab)
    type_text(form.name, NAME)
    form.description.setFocus()
    QApplication.processEvents()
    type_text(form.description, DESCRIPTION)
    print("TYPED", QApplication.focusWidget().objectName(), flush=True)


if __name__ == "__main__":
    sign_in_as_demo_operator(Path(sys.argv[1]))
    sys.exit(run(Namespace(data_dir=Path(sys.argv[1]), lang="en", operator="op01"), after_start=drive))
