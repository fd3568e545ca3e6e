"""HOTLINE_ARGON2_COST: the argon2 cost of new hashes, one setting for the console and the server."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from argon2 import PasswordHasher

from console.password_hash import ENV, hasher
from tests.conftest import ROOT


def test_the_setting_decides_the_cost_and_old_hashes_keep_verifying(monkeypatch):
    monkeypatch.setenv(ENV, "2,2048")
    made = hasher().hash("correct horse")
    assert (hasher().time_cost, hasher().memory_cost) == (2, 2048) and "m=2048,t=2" in made
    monkeypatch.setenv(ENV, "1,1024")
    assert hasher().verify(made, "correct horse")  # the hash carries its own parameters
    monkeypatch.delenv(ENV)
    default = PasswordHasher()
    assert (hasher().time_cost, hasher().memory_cost) == (default.time_cost, default.memory_cost)


@pytest.mark.parametrize("value", ["fast", "3", "3,", "3,64k", "0,65536", "3,512", "-1,65536", "3,65536,4"])
def test_a_wrong_setting_is_a_sentence(monkeypatch, value):
    monkeypatch.setenv(ENV, value)
    with pytest.raises(ValueError, match=ENV):
        hasher()


def test_the_server_refuses_to_start_on_a_wrong_setting(tmp_path, monkeypatch, capsys):
    import main
    monkeypatch.setenv(ENV, "fast")
    assert main.main(["central", "serve", "--db", f"sqlite:///{tmp_path / 'c.db'}"]) == 2
    err = capsys.readouterr().err
    assert f"{ENV} must be TIME,MEMORY_KIB" in err and "Traceback" not in err


def test_the_console_refuses_to_start_on_a_wrong_setting(tmp_path, monkeypatch):
    env = {**os.environ, ENV: "3,64k"}
    done = subprocess.run([sys.executable, "main.py", "--data-dir", str(tmp_path / "p")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and f"{ENV} must be TIME,MEMORY_KIB" in done.stderr
    assert "Traceback" not in done.stderr
