"""console/, models/ and sync/ never import Qt (docs/design.md, section 3)."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "qasync")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_packages_import_no_qt_in_source():
    offenders = []
    for pkg in ("console", "models", "sync"):
        for path in (ROOT / pkg).rglob("*.py"):
            bad = _imports(path) & set(FORBIDDEN)
            if bad:
                offenders.append(f"{path.relative_to(ROOT)}: {sorted(bad)}")
    assert offenders == []


def test_core_packages_load_no_qt_at_runtime():
    modules = sorted({".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                      for pkg in ("console", "models", "sync") for p in (ROOT / pkg).rglob("*.py")
                      if "migrations" not in p.parts})
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ui_is_not_imported_by_lower_layers():
    offenders = [str(p.relative_to(ROOT)) for pkg in ("console", "models", "sync")
                 for p in (ROOT / pkg).rglob("*.py") if "ui" in _imports(p)]
    assert offenders == []
