"""Bootstrap for a fresh machine: `python dev.py run`, `test`, `check` or `package`.

Creates `.venv` beside this file, installs the dependencies declared in
pyproject.toml (again only when that file changes), then starts the console
on a demo profile, runs the test suite, runs the checkers (ruff over the tree,
mypy over the packages pyproject.toml names), or builds the standalone program
for counter PCs (dist/hotline/, with PyInstaller: packaging/hotline.spec).
Needs nothing but Python 3.11+ and pip.

The code itself is run from this folder (main.py), not installed: `pip install .`
is for machines that run the console, see README.md. What each command installs:
run the base dependencies, test also [server,test] (the tests run the central
server), check also [check], package also [package] (PyInstaller).
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("DEV_VENV") or ROOT / ".venv")  # DEV_VENV: use (and fill) another environment
DEMO_PROFILE = ROOT / "profiles" / "demo"
DEMO_CASES = "20000"


def _venv_python() -> Path:
    sub = "Scripts/python.exe" if os.name == "nt" else "bin/python"
    return VENV / sub


def _requirements(extras: list[str]) -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    reqs = list(project["dependencies"])
    for extra in extras:
        reqs += project["optional-dependencies"][extra]
    return reqs


def ensure_env(extras: list[str]) -> Path:
    """Make the virtual environment and install what pyproject.toml declares."""
    py = _venv_python()
    if not py.exists():
        print("dev.py: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    reqs = _requirements(extras)
    digest = hashlib.sha256("\n".join(reqs).encode()).hexdigest()
    stamp = VENV / f".installed-{'-'.join(extras) or 'base'}"
    if not stamp.exists() or stamp.read_text() != digest:
        print("dev.py: installing dependencies", flush=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", *reqs], check=True)
        stamp.write_text(digest)
    return py


def check(py: Path) -> int:
    """ruff, then mypy (both run, so one report shows every finding); non-zero when either finds something."""
    failed = False
    for name, args in (("ruff", ["check", "."]), ("mypy", [])):
        print(f"dev.py: {name}", flush=True)
        failed |= subprocess.run([str(py), "-m", name, *args], cwd=ROOT).returncode != 0
    return 1 if failed else 0


def _extras(*wanted: str) -> list[str]:
    # mypy reads the types of every package the checked code imports, the optional ones included
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["optional-dependencies"]
    return [e for e in wanted if e in declared]


def package(py: Path, rest: list[str]) -> int:
    """PyInstaller over packaging/hotline.spec: dist/hotline/ (build files in build/pyinstaller)."""
    done = subprocess.run([str(py), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                           "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build" / "pyinstaller"),
                           *rest, str(ROOT / "packaging" / "hotline.spec")], cwd=ROOT)
    if done.returncode == 0:
        exe = "hotline.exe" if os.name == "nt" else "hotline"
        print(f"dev.py: built {ROOT / 'dist' / 'hotline'} (try: {ROOT / 'dist' / 'hotline' / exe} --help)")
    return done.returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "check", "package"}:
        print("usage: python dev.py run [console args] | python dev.py test [pytest args] | python dev.py check"
              " | python dev.py package")
        return 2
    cmd, rest = argv[0], argv[1:]
    env = dict(os.environ)
    if cmd == "check":
        return check(ensure_env(_extras("server", "test", "check")))
    if cmd == "test":
        py = ensure_env(["server", "test"])
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.run([str(py), "-m", "pytest", "-q", *rest], cwd=ROOT, env=env).returncode
    if cmd == "package":
        return package(ensure_env(["package"]), rest)
    py = ensure_env([])
    if not (DEMO_PROFILE / "console.db").exists():
        print(f"dev.py: making a demo profile with {DEMO_CASES} cases in {DEMO_PROFILE}", flush=True)
        subprocess.run([str(py), "main.py", "demo", "--cases", DEMO_CASES, "--data-dir", str(DEMO_PROFILE)],
                       cwd=ROOT, check=True)
    return subprocess.run([str(py), "main.py", "--data-dir", str(DEMO_PROFILE), *rest], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
