"""The layout of hygiene/ (issue 14): no import circles, and no module over 400 lines.

The import graph counts every import that runs: at module level and inside functions (a deferred
import hides a circle, it does not remove it). Imports under `if TYPE_CHECKING:` never run and do
not count. `from package import submodule` depends on the submodule; the implicit import of a
module's parent packages is not an edge.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "hygiene"
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _type_checking_only(tree: ast.Module) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    return skipped


def _imported(module: str, node: ast.Import | ast.ImportFrom, is_package: bool, modules: dict[str, Path]) -> set[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:
            base = module.split(".")
            if not is_package:
                base = base[:-1]
            base = base[: len(base) - (node.level - 1)]
            prefix = ".".join(base + ([node.module] if node.module else []))
        else:
            prefix = node.module or ""
        names = [f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in modules else prefix for alias in node.names]
    targets = set()
    for name in names:
        while name and name not in modules:  # `hygiene.x.Name` -> the module `hygiene.x`
            name = name.rpartition(".")[0]
        if name and name != module:
            targets.add(name)
    return targets


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_only(tree)
        graph[module] = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in skipped:
                graph[module] |= _imported(module, node, path.name == "__init__.py", modules)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as `[a, b, ..., a]`, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


def test_no_import_circles() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_find_cycle_names_the_circle() -> None:
    graph = {"hygiene.context": {"hygiene.rule"}, "hygiene.rule": {"hygiene.suppress"},
             "hygiene.suppress": {"hygiene.context"}, "hygiene.finding": set()}
    assert find_cycle(graph) == ["hygiene.context", "hygiene.rule", "hygiene.suppress", "hygiene.context"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_graph_counts_function_level_imports_and_skips_type_checking() -> None:
    graph = import_graph()
    # runner imports the facts extractors at module level; a rule's type hints of FileContext
    # are under TYPE_CHECKING and do not count.
    assert "hygiene.analysis.facts" in graph["hygiene.runner"]
    assert "hygiene.context" not in graph["hygiene.rule"]


def test_no_module_over_400_lines() -> None:
    long = {module: n for module, path in _modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines (split them by responsibility): {long}"
