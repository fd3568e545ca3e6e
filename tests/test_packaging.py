"""`pip install .` gives a working program: the wheel carries the code and every resource
(migrations, seed data, the knowledge base, translations, the server's API description), and
its `hotline` command runs from a fresh virtual environment, away from this checkout.

The fresh environment gets only the wheel (pip install --no-deps --no-index); the third-party
packages come from the environment running the tests, made visible through a .pth file, so no
network is needed and nothing of this checkout is on the path."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _run(cmd, **kw):
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=600, **kw)
    assert done.returncode == 0, f"{cmd}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("setuptools", minversion="70.1", reason="building the wheel needs setuptools>=70.1")
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")  # setuptools' build/ and egg-info stay out of the checkout
    env = dict(os.environ, PIP_NO_INPUT="1")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
          "--disable-pip-version-check", "-w", out, ROOT], cwd=build, env=env)
    [whl] = out.glob("hotline_console-*.whl")
    return whl


def test_the_wheel_carries_the_code_and_every_resource(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for pkg in ("console", "models", "sync", "ui", "resources", "hotline"):
        assert f"{pkg}/__init__.py" in names
    shipped = [*ROOT.glob("models/migrations/versions/*.py"), *ROOT.glob("sync/server/migrations/versions/*.py"),
               *ROOT.glob("resources/seed/*.json"), *ROOT.glob("resources/kb/*"), *ROOT.glob("resources/i18n/*.qm"),
               ROOT / "resources/sla_policy.toml", ROOT / "sync/server/sync-protocol.md",
               ROOT / "models/migrations/script.py.mako", ROOT / "sync/server/migrations/script.py.mako",
               ROOT / "models/migrations/env.py", ROOT / "sync/server/migrations/env.py"]
    missing = [str(p.relative_to(ROOT)) for p in shipped if p.relative_to(ROOT).as_posix() not in names]
    assert missing == []
    assert not any(n.startswith(("tests/", "docs/")) for n in names)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "hotline = hotline.cli:run" in text and "hotline-console = hotline.cli:gui" in text
    metadata = zipfile.ZipFile(wheel).read(entry_points.replace("entry_points.txt", "METADATA")).decode()
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    base = [r for r in requires if "extra ==" not in r]
    assert not [r for r in base if any(m in r.lower() for m in ("fastapi", "uvicorn", "pydantic", "pyinstaller"))]
    assert any("fastapi" in r and 'extra == "server"' in r for r in requires)


def test_the_installed_command_runs_from_a_fresh_environment(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    fresh_py = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = _run([fresh_py, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip()
    # the dependencies: the running environment's site-packages, after the fresh one's own
    (Path(site) / "shared-deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    _run([sys.executable, "-m", "pip", "--python", fresh_py, "install", "--no-deps", "--no-index",
          "--disable-pip-version-check", "-q", wheel])
    hotline = env_dir / ("Scripts/hotline.exe" if os.name == "nt" else "bin/hotline")
    assert hotline.exists()
    away = tmp_path / "elsewhere"  # not the checkout: the code must come from the wheel
    away.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "HOTLINE_LOG_DIR")}
    where = _run([fresh_py, "-c", "import console, resources; print(console.__file__); print(resources.__file__)"],
                 cwd=away, env=env).stdout.split()
    assert all(p.startswith(site) for p in where), where

    helped = _run([hotline, "--help"], cwd=away, env=env)
    for command in ("cases", "demo", "central", "sync", "kb"):
        assert command in helped.stdout
    profile = tmp_path / "profile"
    _run([hotline, "demo", "--cases", "50", "--data-dir", profile], cwd=away, env=env)
    listed = _run([hotline, "cases", "list", "--json", "--data-dir", profile], cwd=away, env=env)
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == 50 and all(r["number"] for r in rows)
    assert (profile / "logs" / "console.log").is_file()


def test_no_module_finds_its_files_through_its_own_path():
    """Shipped files are package data (resources.resource_path, importlib.resources): a path built
    from __file__ breaks in a zip or a frozen program and hides a file the wheel forgot."""
    offenders = [str(p.relative_to(ROOT)) for pkg in ("console", "models", "sync", "ui", "resources", "hotline")
                 for p in (ROOT / pkg).rglob("*.py") if "__file__" in p.read_text("utf-8")]
    assert offenders == []
