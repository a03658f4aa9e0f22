"""The direction of imports between presslens modules, read from the source (AST), not run.

Allowed: runtime ← models and datasets ← eval and train. Runtime code (every module but
``presslens.eval``, ``presslens.train`` and the CLI) never imports ``presslens.eval`` or
``presslens.train``; model loaders live beside their files in ``presslens.resources`` and
dataset readers in ``presslens.datasets``, where runtime, eval and train all may import them;
a dataset reader needs no pipeline. No two presslens modules import each other, directly or
round a loop, counting every import statement: function-level ones and those under
``TYPE_CHECKING`` too, since a cycle there is one refactor away from a real one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import presslens

SRC = Path(presslens.__file__).parent
# Modules that drive evaluation and training and so may import them: the command line
# (``cli`` and its helpers, ``cli_checks`` builds ``eval --help`` from the task table).
DRIVERS = ("presslens.cli",)
# What a dataset reader may import from presslens: errors and label inventories.
DATASET_DEPS = frozenset({"presslens.errors", "presslens.propaganda.techniques"})


def _modules(root: Path) -> dict[str, tuple[Path, bool]]:
    out: dict[str, tuple[Path, bool]] = {}
    for path in sorted(root.rglob("*.py")):
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return out


def _resolve(name: str, modules: dict[str, tuple[Path, bool]]) -> str | None:
    """The presslens module an imported name lives in (``a.b.func`` → ``a.b``)."""
    while name not in modules and "." in name:
        name = name.rpartition(".")[0]
    return name if name in modules else None


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the presslens modules its import statements name (anywhere in the file)."""
    modules = _modules(root)
    graph: dict[str, set[str]] = {}
    for name, (path, is_package) in modules.items():
        package = name if is_package else name.rpartition(".")[0]
        named: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                named.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    source = ".".join([*base, node.module] if node.module else base)
                else:
                    source = node.module or ""
                named.add(source)
                # "from presslens.eval import quotes" names the module presslens.eval.quotes
                named.update(f"{source}.{alias.name}" for alias in node.names)
        found = {_resolve(n, modules) for n in named if n.split(".")[0] == root.name}
        graph[name] = {m for m in found if m is not None and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, list[str]]] = [(start, sorted(graph[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, todo = work[-1]
            if todo:
                nxt = todo.pop()
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(graph.get(nxt, ()))))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return sorted(found)


def _layer(module: str) -> str:
    if module.startswith(("presslens.eval", "presslens.train")):
        return "eval/train"
    if module.startswith("presslens.datasets"):
        return "datasets"
    is_driver = any(module == d or module.startswith((d + ".", d + "_")) for d in DRIVERS)
    return "driver" if is_driver else "runtime"


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(SRC)


def test_imports_runtime_never_imports_eval_or_train(graph: dict[str, set[str]]) -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if _layer(module) in ("runtime", "datasets")
        for target in targets
        if _layer(target) == "eval/train"
    )
    assert wrong == []


def test_imports_dataset_readers_need_no_pipeline(graph: dict[str, set[str]]) -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if _layer(module) == "datasets"
        for target in targets
        if _layer(target) != "datasets" and target not in DATASET_DEPS
    )
    assert wrong == []


def test_imports_no_cycles_among_presslens_modules(graph: dict[str, set[str]]) -> None:
    assert cycles(graph) == []


def test_imports_checker_sees_function_level_cycles_and_wrong_direction(tmp_path: Path) -> None:
    # The checker itself, on a hand-built package: a function-level import closes a loop,
    # a relative import names a sibling, and a runtime module reaches into eval.
    pkg = tmp_path / "presslens"
    (pkg / "eval").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "eval" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from presslens.b import thing\n")
    (pkg / "b.py").write_text("def f():\n    from . import a\n    return a\nthing = 1\n")
    (pkg / "c.py").write_text("from presslens.eval import scores\n")
    (pkg / "eval" / "scores.py").write_text("import presslens.c\n")
    found = import_graph(pkg)
    assert found["presslens.b"] == {"presslens", "presslens.a"}
    assert "presslens.eval.scores" in found["presslens.c"]
    assert cycles(found) == [
        ["presslens.a", "presslens.b"],
        ["presslens.c", "presslens.eval.scores"],
    ]
