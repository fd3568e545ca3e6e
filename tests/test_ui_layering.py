"""ui/ has no import cycles, and its widgets are given services: they never import the
`Database` handle or build a sync store (ui/services.py and the start-up code do)."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ui"
# the modules that wire the profile to the widgets (and the sync controller, which owns the sync client)
WIRING = {"ui.app", "ui.services", "ui.demo_profile", "ui.sync_panel", "ui.report.export", "ui.report.cli"}
LAUNCHER = "main"  # `python -m ui.<widget>`: builds its own fake or demo services


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _is_module(name: str) -> bool:
    base = ROOT.joinpath(*name.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def _imported(path: Path, tree: ast.AST) -> set[str]:
    """Every ui module `path` imports, at the top or inside a function (a cycle through a lazy
    import is still a cycle: the two modules cannot be understood or tested apart)."""
    me = _module(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found |= {f"{module}.{a.name}" for a in node.names if _is_module(f"{module}.{a.name}")}
    return {m for m in found if m.split(".")[0] == "ui" and _is_module(m) and m != me}


def _graph() -> dict[str, set[str]]:
    return {_module(p): _imported(p, ast.parse(p.read_text("utf-8"), str(p))) for p in UI.rglob("*.py")}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"ui.a": {"ui.b"}, "ui.b": {"ui.c"}, "ui.c": {"ui.a"}, "ui.d": {"ui.a"}}) == [
        ["ui.a", "ui.b", "ui.c"]]
    assert _cycles({"ui.a": {"ui.b"}, "ui.b": set()}) == []


def test_the_graph_sees_lazy_and_relative_imports():
    graph = _graph()
    assert "ui.report.export" in graph["ui.dashboard.widget"]  # imported inside a method
    assert "ui.tasks" in graph["ui.knowledge_panel"]  # from .tasks import ...
    assert "ui.dashboard.widget" in graph["ui.dashboard.page"]


def test_ui_has_no_import_cycles():
    assert _cycles(_graph()) == []


def test_ui_packages_have_no_import_cycles():
    # ui.dashboard and ui.report each stand alone or one uses the other, never both ways round
    def unit(module: str) -> str:
        return ".".join(module.split(".")[:2])
    packages: dict[str, set[str]] = {}
    for module, imported in _graph().items():
        packages.setdefault(unit(module), set()).update(unit(m) for m in imported if unit(m) != unit(module))
    assert _cycles(packages) == []


def _outside_launcher(tree: ast.Module):
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == LAUNCHER:
            continue
        yield from ast.walk(node)


def test_widgets_get_services_not_the_database_or_a_sync_store():
    offenders = []
    for path in UI.rglob("*.py"):
        if _module(path) in WIRING:
            continue
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node in _outside_launcher(tree):
            if isinstance(node, ast.ImportFrom) and node.module in ("models.db", "sync.store", "sync.client"):
                offenders.append(f"{_module(path)}:{node.lineno} imports {node.module}")
            if isinstance(node, ast.Attribute) and node.attr == "db" and not (
                    isinstance(node.value, ast.Name) and node.value.id == "self"):
                offenders.append(f"{_module(path)}:{node.lineno} reads .db")
    assert offenders == []
