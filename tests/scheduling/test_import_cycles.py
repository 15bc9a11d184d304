"""keruen.scheduling's modules import each other without a cycle (deferred imports included).

A cycle between engines (solver <-> heuristic) used to be hidden by imports inside functions;
this reads every import statement, wherever it is, so such a cycle cannot come back.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import keruen.scheduling as sched

pytestmark = pytest.mark.unit

PKG = Path(sched.__file__).parent


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return "keruen." + ".".join(parts)


def imported(path: Path, name: str, modules: set[str]) -> set[str]:
    """Scheduling modules that `path` imports (any import statement anywhere in the file)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rsplit(".", 1)[0]
            target = (
                (f"{base}.{node.module}" if node.module else base) if node.level else node.module
            )
            if target is None:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in modules:
                    out.add(sub)
                elif target in modules:
                    out.add(target)
    out.discard(name)
    return out


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PKG.rglob("*.py")}
    modules = set(files)
    return {name: imported(path, name, modules) for name, path in files.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_cycle_finder_sees_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_engines_do_not_import_each_other() -> None:
    edges = graph()
    # the package __init__ imports everything to re-export it; nothing inside imports it back
    inner = {n: {m for m in e if m != "keruen.scheduling"} for n, e in edges.items()}
    # deferred imports are seen: the solver picks the heuristic engine inside `solve`
    assert "keruen.scheduling.heuristic" in inner["keruen.scheduling.solver"]
    assert find_cycle(inner) is None
