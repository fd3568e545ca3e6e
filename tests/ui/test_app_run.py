"""The real program in a subprocess: one qasync loop, caller-ID over HTTP, a clean exit."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from .test_draft_sigkill import _read_line

CHILD = Path(__file__).with_name("app_child.py")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_program_answers_call_events_and_exits_cleanly(tmp_path):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, str(CHILD), str(tmp_path / "profile"), str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    try:
        assert _read_line(proc, 120).split() == ["READY", str(port)]
        url = f"http://127.0.0.1:{port}/"
        r = httpx.post(url, json={"event": "newCall", "from": "13800138000", "callId": "x-1", "direction": "in"},
                       timeout=30)
        assert r.status_code == 200
        assert _read_line(proc, 60).split()[:3] == ["CALL", "13800138000", "x-1"]
        assert httpx.post(url, json={"event": "hangup", "callId": "x-1"}, timeout=30).status_code == 200
        assert _read_line(proc, 60).split() == ["CLOSED", "0"]
        assert proc.wait(30) == 0
        with pytest.raises(httpx.ConnectError):  # the listener was closed with the program
            httpx.post(url, json={"event": "newCall", "callId": "x-2"}, timeout=5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def test_no_display_gives_a_sentence_not_a_core_dump():
    import subprocess
    import sys
    from pathlib import Path

    from ui.app import display_problem
    assert display_problem({}, "linux") and "DISPLAY" in display_problem({}, "linux")
    assert display_problem({"DISPLAY": ":1"}, "linux") == ""
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") == ""
    assert display_problem({}, "win32") == ""
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in __import__("os").environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "main.py", "--data-dir", "/nonexistent-not-created"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=60)
    if sys.platform.startswith("linux"):
        assert done.returncode == 2 and "no display" in done.stderr and "Traceback" not in done.stderr
