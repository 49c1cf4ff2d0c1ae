"""The shape of the package: no module of src/meetplan imports, however late, a module that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SOURCE / "meetplan"


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, modules: set[str]) -> set[str]:
    """The package's modules a file imports anywhere in it: at the top, in a function, under TYPE_CHECKING."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], *filter(None, [base])])
            # "from meetplan.config import convert" needs the submodule; "from meetplan.config import load" the package.
            found.update(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names)
    return {module for module in found if module in modules and module != name}


def import_graph() -> dict[str, set[str]]:
    files = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: imported(path, set(files)) for name, path in files.items()}


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm: the graph's strongly connected components."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for successor in sorted(graph[node]):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component: set[str] = set()
            while not component or node not in component:
                component.add(stack.pop())
            components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_import_graph_has_no_cycle() -> None:
    """No group of modules imports one another in a circle, counting imports inside functions."""
    cycles = [sorted(component) for component in strongly_connected(import_graph()) if len(component) > 1]
    assert cycles == []


def test_strongly_connected_finds_a_cycle_through_three_modules() -> None:
    """The cycle finder itself sees a circle a -> b -> c -> a and leaves d alone."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert sorted(sorted(c) for c in strongly_connected(graph)) == [["a", "b", "c"], ["d"]]


def test_domain_modules_do_not_read_configuration() -> None:
    """The seat plan, the speakers' order and timing and the report take model objects only."""
    graph = import_graph()
    readers = {name for name in graph if name == "meetplan.config" or name.startswith("meetplan.config.")}
    domain = ("meetplan.seating", "meetplan.speakers", "meetplan.report", "meetplan.scheduler")
    assert {name: sorted(graph[name] & readers) for name in domain} == {key: [] for key in domain}
