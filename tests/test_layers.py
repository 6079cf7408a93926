"""The house rules of docs/architecture.md: no import loop between modules, nothing imports upward."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "tstd"
# Lower layers must not import these (module-level or lazily).
UPWARD = {
    "inputs": ("tstd.engine", "tstd.run", "tstd.batch", "tstd.cli", "tstd.report", "tstd.api"),
    "model": ("tstd.engine", "tstd.inputs", "tstd.run", "tstd.cli", "tstd.report"),
    "batch": ("tstd.run", "tstd.cli", "tstd.engine", "tstd.api"),
    "report": ("tstd.engine", "tstd.run", "tstd.cli", "tstd.batch"),
    "engine": ("tstd.run", "tstd.cli", "tstd.batch", "tstd.api", "tstd.session"),
    "run": ("tstd.session", "tstd.cli", "tstd.api"),
    "cache": ("tstd.engine", "tstd.run", "tstd.session", "tstd.cli", "tstd.batch", "tstd.api", "tstd.report"),
}


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if module_level_only else list(ast.walk(tree))
    out: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tstd"):
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("tstd"))
    return out


def test_no_upward_imports() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        name = _module(path)
        layer = name.split(".")[1] if "." in name else ""
        for banned in UPWARD.get(layer, ()):
            offenders += [f"{name} imports {m}" for m in _imports(path, False) if m == banned or m.startswith(banned + ".")]
    assert offenders == []


def test_no_import_cycle_at_module_level() -> None:
    modules = {_module(p): p for p in SRC.rglob("*.py")}
    graph = {name: {m for m in _imports(path, True) if m in modules and m != name} for name, path in modules.items()}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, stack: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle.extend([*stack[stack.index(nxt):], nxt] if nxt in stack else [node, nxt])
                return True
            if nxt not in state and visit(nxt, [*stack, nxt]):
                return True
        state[node] = 2
        return False

    for start in sorted(graph):
        if start not in state and visit(start, [start]):
            break
    assert cycle == []
