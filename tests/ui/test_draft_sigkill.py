"""Never lose a call: the real app types a call in a subprocess, is killed with
SIGKILL, and the restarted window brings the draft back with the focus in place."""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from console.drafts import DraftService
from console.profile import open_profile

CHILD = Path(__file__).with_name("draft_child.py")


def _read_line(proc, timeout: float) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            return proc.stdout.readline()
        if proc.poll() is not None:
            break
    return ""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_draft_survives_sigkill_and_comes_back_with_the_focus(qtbot, tmp_path):
    sys.path.insert(0, str(CHILD.parent))
    from draft_child import DESCRIPTION, NAME, PHONE

    data_dir = tmp_path / "profile"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, str(CHILD), str(data_dir)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        line = _read_line(proc, 120)
        assert line.startswith("TYPED"), f"the child did not type: {line!r}"
        assert line.split()[1] == "intakeDescription"
        profile = open_profile(data_dir)
        try:
            drafts = DraftService(profile.db)
            deadline = time.monotonic() + 30
            draft = None
            while time.monotonic() < deadline:
                draft = drafts.latest("op01")
                if draft and draft.data.get("description") == DESCRIPTION:
                    break
                time.sleep(0.1)
            assert draft and draft.data.get("description") == DESCRIPTION, "the draft never reached the database"
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(30)
            assert proc.returncode == -signal.SIGKILL

            from ui.app import build_main_window
            win = build_main_window(profile, profile.actor())
            qtbot.addWidget(win)
            win.show()
            qtbot.waitExposed(win)
            win.activateWindow()
            win.start()
            form = win.form
            assert form.phone.text() == PHONE
            assert form.name.text() == NAME
            assert form.description.toPlainText() == DESCRIPTION
            qtbot.waitUntil(lambda: form.description.hasFocus())
            assert form.call_id == draft.call_id and draft.call_id
            win.close()
        finally:
            profile.close()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
