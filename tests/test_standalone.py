"""`python dev.py package` builds a folder that runs without Python: its `hotline` answers
--help, makes a demo profile (migrations, seed data, knowledge base from inside the folder)
and lists the cases; `central serve` says the server is not part of it.

Skipped where PyInstaller is not installed (`pip install .[package]`); the build takes
minutes. Set HOTLINE_STANDALONE_DIR to a folder dev.py already built to check that one."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    given = os.environ.get("HOTLINE_STANDALONE_DIR")
    if given:
        return Path(given)
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install .[package])")
    work = tmp_path_factory.mktemp("pyinstaller")
    done = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                           "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
                           str(ROOT / "packaging" / "hotline.spec")], cwd=ROOT, capture_output=True, text=True,
                          timeout=3600)
    assert done.returncode == 0, done.stderr[-4000:]
    return work / "dist" / "hotline"


def _hotline(built: Path, *args, tmp_path: Path, check=True):
    exe = built / ("hotline.exe" if os.name == "nt" else "hotline")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["HOTLINE_LOG_DIR"] = str(tmp_path / "logs")
    done = subprocess.run([str(exe), *map(str, args)], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600)
    if check:
        assert done.returncode == 0, done.stderr[-4000:]
    return done


def test_the_folder_has_both_programs_and_the_data(built):
    names = ("hotline", "hotline-console") if os.name != "nt" else ("hotline.exe", "hotline-console.exe")
    for name in names:
        assert (built / name).is_file()
    inside = built / "_internal"
    for part in ("resources/kb/lexicon.tsv", "resources/i18n/console_zh_CN.qm", "resources/sla_policy.toml",
                 "models/migrations/env.py", "sync/server/sync-protocol.md"):
        assert (inside / part).is_file(), part
    assert list(inside.rglob("qtbase_zh_CN.qm")), "Qt's own Chinese strings"
    assert list(inside.rglob("*qxcb*")) or os.name == "nt", "the X11 platform plugin"


def test_the_built_program_runs_the_commands(built, tmp_path):
    helped = _hotline(built, "--help", tmp_path=tmp_path)
    assert "cases" in helped.stdout and "demo" in helped.stdout
    profile = tmp_path / "profile"
    _hotline(built, "demo", "--cases", "100", "--data-dir", profile, tmp_path=tmp_path)
    listed = _hotline(built, "cases", "list", "--json", "--limit", "1000", "--data-dir", profile, tmp_path=tmp_path)
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == 100
    found = _hotline(built, "kb", "search", "社保卡", "--json", "--data-dir", profile, tmp_path=tmp_path)
    assert found.stdout.strip(), "the knowledge base shipped in the folder"
    serve = _hotline(built, "central", "serve", "--db", tmp_path / "c.db", tmp_path=tmp_path, check=False)
    assert serve.returncode == 2 and "hotline-console[server]" in serve.stderr and "Traceback" not in serve.stderr
