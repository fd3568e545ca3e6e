"""Child process of test_app_run: the real program (ui.app.run) with the caller-ID listener.

argv: DATA_DIR PORT. Prints READY, then CALL <number> when a call opens the form;
closes the window when the call hangs up, so the program ends by itself.
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
os.environ["HOTLINE_CTI_PORT"] = sys.argv[2]

# E402 below: these imports need the paths and the environment set just above
from child_signin import sign_in_as_demo_operator  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402

from ui.app import run  # noqa: E402


def ready(window, listener) -> None:
    window.call_started.connect(lambda call_id: print("CALL", window.form.phone.text(), call_id,
                                                      window.form.history().case_count if window.form.history()
                                                      else 0, flush=True))
    window.call_ended.connect(lambda _call_id: QTimer.singleShot(0, window.close))
    print("READY", listener.port if listener else 0, flush=True)


if __name__ == "__main__":
    sign_in_as_demo_operator(Path(sys.argv[1]))
    code = run(Namespace(data_dir=Path(sys.argv[1]), lang="en", operator="op01"), after_start=ready)
    print("CLOSED", code, flush=True)
    sys.exit(code)
