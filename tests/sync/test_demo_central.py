"""`main.py demo` makes the demo's central accounts beside the profile (documented password,
demo only): the seat and the units sign in through the real server, and a database the demo
did not make is never given these accounts."""
from __future__ import annotations

import httpx
import pytest

from console.signin import DEMO_PASSWORD
from sync.demo_central import FILE_NAME, NotADemoCentral, make_demo_central
from sync.server import auth
from sync.server.db import open_central
from sync.server.runner import ServerThread
from tests.cli import run


def test_the_demo_command_makes_the_accounts_and_says_how_to_start_the_server(tmp_path, capsys):
    folder = tmp_path / "seat"
    code, out, _err = run(capsys, "demo", "--cases", "50", "--data-dir", str(folder))
    assert code == 0
    assert (folder / FILE_NAME).exists()
    assert f"python main.py central serve --db sqlite:///{(folder / FILE_NAME).resolve()} --port 8800" in out
    assert "jn (GOV-JN)" in out and "housing (HOUSING)" in out and "jn-s01 (JN-S01)" in out and DEMO_PASSWORD in out
    srv = ServerThread(f"sqlite:///{folder / FILE_NAME}").start()
    try:
        for login, role, dept in (("op01", "operator", None), ("lead01", "team_lead", None),
                                  ("jn", "liaison", "GOV-JN"), ("housing", "liaison", "HOUSING"),
                                  ("jn-s01", "liaison", "JN-S01")):
            r = httpx.post(f"{srv.url}/api/v1/login", json={"login": login, "password": DEMO_PASSWORD})
            assert r.status_code == 200, login
            assert (r.json()["account"]["role"], r.json()["account"]["department"]) == (role, dept)
    finally:
        srv.stop()


def test_a_second_run_keeps_the_database_and_a_real_one_is_left_alone(tmp_path):
    first = make_demo_central(tmp_path)
    again = make_demo_central(tmp_path)
    assert first.accounts == again.accounts and ("jn", "liaison", "GOV-JN") in first.accounts
    real = tmp_path / "real"
    real.mkdir()
    db = open_central(f"sqlite:///{real / FILE_NAME}")
    auth.create_account(db, "op01", "a-real-password", "operator")
    db.close()
    with pytest.raises(NotADemoCentral, match="not made by the demo"):
        make_demo_central(real)
    db = open_central(f"sqlite:///{real / FILE_NAME}")
    try:
        assert [a["login"] for a in auth.list_accounts(db)] == ["op01"]
        with pytest.raises(auth.AuthError):
            auth.login(db, "op01", DEMO_PASSWORD)
        assert auth.login(db, "op01", "a-real-password")
    finally:
        db.close()
