"""The shape of the code, held by tests: small modules, short functions, one-way imports.

- no module over 500 lines and no function over 60, in tracker/ and ui/;
- no import cycle in tracker/ or ui/ (imports at module level, TYPE_CHECKING aside);
- no import inside a function in tracker/, except optional heavy dependencies and the
  entry point's hand-over to the desktop app by name;
- ui/ takes from tracker/ only the facade, the model types and the errors;
- nothing in tracker/ imports the facade (tracker.app) but the command line.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("tracker", "ui")
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
# Imported where used: heavy, or needed only when an environment variable does not
# answer first (TRACKER_TZ for tzlocal, TRACKER_HOME for platformdirs).
# Imported where they are used, so that a command that does not use them never loads them
# (json: only --json and the audit of a change, as a command that only reads prints text;
# getpass: only a home whose consultant was never set asks the OS for its user name).
HEAVY = (
    "sqlite_utils",
    "babel",
    "openpyxl",
    "psycopg",
    "msgspec",
    "importlib",
    "ctypes",
    "tzlocal",
    "platformdirs",
    "json",
    "getpass",
)
UI_MAY_USE = ("tracker.app", "tracker.model", "tracker.errors")


def modules() -> Iterator[tuple[str, Path, ast.Module]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts.pop()
            yield ".".join(parts), path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _in_type_checking(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def _imports(name: str, tree: ast.Module, *, top_level_only: bool) -> Iterator[tuple[str, ast.AST]]:
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom) or _in_type_checking(node, parents):
            continue
        in_function = False
        up: ast.AST = node
        while up in parents:
            up = parents[up]
            if isinstance(up, ast.FunctionDef | ast.AsyncFunctionDef):
                in_function = True
        if top_level_only and in_function:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node
        else:
            base = node.module or ""
            if node.level:
                pkg = name.split(".")[: -node.level] if not name.endswith("__init__") else name.split(".")
                base = ".".join([*pkg, base]) if base else ".".join(pkg)
            yield base, node
            for alias in node.names:
                yield f"{base}.{alias.name}", node


ALL = list(modules())
NAMES = {name for name, _, _ in ALL}


def test_no_module_is_over_500_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for _, path, _ in ALL
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, long


def test_no_function_is_over_60_lines() -> None:
    long = {}
    for _, path, tree in ALL:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = size
    assert not long, long


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, _, tree in ALL:
        targets = set()
        for imported, _node in _imports(name, tree, top_level_only=True):
            while imported and imported not in NAMES:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def test_there_is_no_import_cycle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            # A package's __init__ importing its own children is not a cycle of design.
            if nxt.startswith(node + "."):
                continue
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert not cycles, cycles


def test_tracker_imports_nothing_inside_functions_but_heavy_optional_dependencies() -> None:
    found = []
    for name, path, tree in ALL:
        if not name.startswith("tracker"):
            continue
        top = {id(node) for imported, node in _imports(name, tree, top_level_only=True)}
        for imported, node in _imports(name, tree, top_level_only=False):
            if id(node) in top or imported.split(".")[0] in HEAVY:
                continue
            found.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)} {imported}")
    assert not found, sorted(set(found))


def test_ui_takes_from_tracker_only_the_facade_model_and_errors() -> None:
    found = []
    for name, path, tree in ALL:
        if not name.startswith("ui"):
            continue
        for imported, node in _imports(name, tree, top_level_only=False):
            if not imported.startswith("tracker"):
                continue
            if any(imported == ok or imported.startswith(ok + ".") for ok in UI_MAY_USE):
                continue
            if imported == "tracker":  # `from tracker import app` yields "tracker" then "tracker.app"
                continue
            found.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)} {imported}")
    assert not found, sorted(set(found))


@pytest.mark.parametrize("name", sorted(n for n in NAMES if n.startswith("tracker") and n != "tracker.app"))
def test_only_the_command_line_imports_the_facade(name: str) -> None:
    if name.startswith("tracker.cli"):
        return
    tree = next(t for n, _, t in ALL if n == name)
    used = {imported for imported, _ in _imports(name, tree, top_level_only=False)}
    assert "tracker.app" not in used and not any(u.startswith("tracker.app.") for u in used)
