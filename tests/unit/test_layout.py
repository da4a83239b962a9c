"""The package's import graph has no circle (issue 27): every import between summarize modules, at module
level or inside a function, read from the source (nothing imported). A circle makes import order matter and
hides which stage depends on which."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "summarize"


def import_graph() -> dict[str, set[str]]:
    modules = {}
    for path in ROOT.rglob("*.py"):
        name = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path

    def resolve(name: str) -> str:
        while name and name not in modules:
            name = name.rsplit(".", 1)[0] if "." in name else ""
        return name

    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("summarize"):
                targets = [resolve(f"{node.module}.{a.name}") or resolve(node.module) for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [resolve(a.name) for a in node.names if a.name.startswith("summarize")]
            graph[name].update(t for t in targets if t and t != name)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found = []
    for root in list(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = []
                while True:
                    top = stack.pop()
                    on.discard(top)
                    part.append(top)
                    if top == node:
                        break
                if len(part) > 1:
                    found.append(sorted(part))
    return found


def test_the_detector_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_module_of_the_package_imports_itself_back():
    assert circles(import_graph()) == []


EVALUATION = ("summarize.metrics", "summarize.evaluation", "summarize.report", "summarize.evaluate_modules")


def _within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def test_text_rules_import_no_stage_and_no_metric():
    """The text rules (sentences, stop words, facts, discrepancies) are the bottom layer: stages and metrics
    import them, they import only each other and the data types."""
    graph = import_graph()
    wrong = {m: sorted(t for t in targets if not _within(t, ("summarize.text", "summarize.types", "summarize.errors")))
             for m, targets in graph.items() if _within(m, ("summarize.text",))}
    assert not any(wrong.values()), wrong


def test_no_stage_imports_the_evaluation_package():
    """The pipeline's stages never import the metrics, evaluation or report modules (issue 27: polish took its
    stop words and discrepancies from ``metrics``); only the CLI, which offers both, does."""
    graph = import_graph()
    wrong = {m: sorted(t for t in targets if _within(t, EVALUATION))
             for m, targets in graph.items() if not _within(m, EVALUATION + ("summarize.cli",))}
    assert not any(wrong.values()), wrong


def test_no_module_over_300_lines():
    """Issue 27: a module holds one concept (100-300 lines); a longer one has become two."""
    long = {str(p.relative_to(ROOT.parent)): n for p in ROOT.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert not long, long
