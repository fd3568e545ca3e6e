"""Issue 5, check 1: kill -9 of a real client process at each boundary; after a
restart nothing is lost or applied twice.

The client subprocess is `python main.py sync --once`; HOTLINE_SYNC_CRASH_AT
makes it SIGKILL itself at the named point (sync/faults.py).
"""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sync.faults import CRASH_ENV

from .helpers import PASSWORD, local_view, outbox_statuses, server_view

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], crash_at: str | None = None, code: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOTLINE_SYNC_PASSWORD": PASSWORD, "QT_QPA_PLATFORM": "offscreen"}
    env.pop(CRASH_ENV, None)
    if crash_at:
        env[CRASH_ENV] = crash_at
    cmd = [sys.executable, "-c", code] if code else [sys.executable, str(ROOT / "main.py"), *args]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def _sync_in_subprocess(console, url: str, crash_at: str) -> None:
    folder = console.profile.data_dir
    console.profile.db.engine.dispose()  # the other process owns the file meanwhile
    done = _run(["sync", "--data-dir", str(folder), "--central", url, "--login", "op01", "--once"], crash_at)
    assert done.returncode == -signal.SIGKILL, (done.returncode, done.stdout, done.stderr)


def _restart_and_sync(console, url: str) -> None:
    from .helpers import reopen_client

    async def go():
        c = reopen_client(console, url)
        await c.client.sync_once()
        await c.client.sync_once()
        await c.client.aclose()
    asyncio.run(go())


def _assert_exactly_once(console, central, numbers: list[str]) -> None:
    server = server_view(central.db)
    assert sorted(c["number"] for c in server.values()) == sorted(numbers)
    for case in server.values():
        ids = [e[0] for e in case["events"]]
        assert len(ids) == len(set(ids))
        assert [e[1] for e in case["events"]] == list(range(1, len(ids) + 1))
    assert local_view(console.db) == server
    assert outbox_statuses(console.db) == {"applied": sum(len(c["events"]) for c in server.values())}


def test_killed_right_after_the_local_commit(central, consoles):
    a = consoles("a", central.url)
    a.profile.db.engine.dispose()
    code = ("import os, signal, sys; sys.path.insert(0, '.')\n"
            "from console.profile import open_profile\nfrom console.intake import CallRecord\n"
            f"p = open_profile({str(a.profile.data_dir)!r})\n"
            "r = CallRecord.from_dict({'caller_phone': '13800138000', 'type': 'consultation', "
            "'category_code': '0203', 'description': '社保卡怎么补办'})\n"
            "case = p.intake.log_call(r, p.actor('op01'))\nprint(case.number, flush=True)\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n")
    done = _run([], code=code)
    assert done.returncode == -signal.SIGKILL, done.stderr
    number = done.stdout.strip()
    assert outbox_statuses(a.db) == {"pending": 1}
    _restart_and_sync(a, central.url)
    _assert_exactly_once(a, central, [number])


@pytest.mark.parametrize("point", ["push_response_received", "push_before_ack"])
def test_killed_around_the_push(central, consoles, point):
    a = consoles("a", central.url)
    numbers = [a.log(f"第{i}盏路灯不亮了") for i in range(3)]
    a.act(numbers[0], "dispatch", lead_department="URBAN")
    _sync_in_subprocess(a, central.url, point)
    # the server did commit the batch; the console did not hear about it
    assert len(server_view(central.db)) == 3
    assert outbox_statuses(a.db) == {"pending": 4}
    _restart_and_sync(a, central.url)
    _assert_exactly_once(a, central, numbers)


def test_killed_between_applying_a_pulled_page_and_saving_the_cursor(central, consoles):
    a = consoles("a", central.url)
    b = consoles("b", central.url, login="op02")
    numbers = [a.log(f"第{i}个井盖缺失") for i in range(3)]
    _restart_and_sync(a, central.url)
    _sync_in_subprocess(b, central.url, "pull_before_cursor")
    assert local_view(b.db) == {}  # the page died with its transaction
    _restart_and_sync(b, central.url)
    assert local_view(b.db) == server_view(central.db)
    assert sorted(c["number"] for c in local_view(b.db).values()) == sorted(numbers)
    assert b.profile.cases.state_counts() == a.profile.cases.state_counts()
