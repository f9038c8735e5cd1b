"""The layout: every module of ``collate`` imports only from its own layer or the layers
below it, at the top of the file or inside a function alike, and no modules import one
another in a circle. The layers are those of docs/architecture.md."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "collate"

LAYERS: list[tuple[str, ...]] = [
    # the ground: errors, versions, schemas, data and helpers no layer owns
    ("errors", "version", "_gc", "lexicon", "parallel", "schema", "text"),
    # the data model, and where its files live
    ("model", "paths"),
    # text in: tokens, witnesses from files, the manifest, corrections
    ("tokenizer", "readers", "config", "corrections"),
    # the alignment
    ("aligner",),
    # what is read from an alignment: anomalies, the summary check, the stemma
    ("anomalies", "quantity", "summary", "stemmatics"),
    # the apparatus: alignment, anomalies and summary links together
    ("apparatus",),
    # the reports
    ("report",),
    # the jobs over a project or an archive
    ("edition", "check", "batch", "discover"),
    # the library's face and the command line
    ("api", "__init__", "cli", "__main__"),
]
"""Low to high: a module's layer is that of its first dotted part under ``collate``
(``collate.report.tei`` is in ``report``)."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> int:
    parts = module.split(".")
    head = parts[1] if len(parts) > 1 else "__init__"
    for number, names in enumerate(LAYERS):
        if head in names:
            return number
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and docs/architecture.md")


def imports(module: str, path: Path, known: set[str]) -> Iterator[tuple[str, int]]:
    """The collate modules ``module`` imports (anywhere in the file), with their line:
    ``from collate import lexicon`` imports ``collate.lexicon``; ``from collate import X``
    of anything else imports the package's face, ``collate``."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source not in known:
                continue
            submodules = [f"{source}.{a.name}" for a in node.names if f"{source}.{a.name}" in known]
            yield from ((s, node.lineno) for s in submodules)
            if len(submodules) < len(node.names):
                yield source, node.lineno


def graph() -> dict[str, list[tuple[str, int]]]:
    found = modules()
    known = set(found)
    return {m: [(t, line) for t, line in imports(m, p, known) if t != m] for m, p in found.items()}


def test_every_module_is_in_a_layer() -> None:
    for module in modules():
        layer(module)


def test_no_import_runs_back_up_a_layer() -> None:
    upward = [
        f"{module}:{line} imports {target}, layer {layer(target)} above {layer(module)}"
        for module, targets in graph().items()
        for target, line in targets
        if layer(target) > layer(module)
    ]
    assert upward == []


def test_a_private_module_is_imported_only_inside_its_package() -> None:
    """``collate.anomalies._common`` serves the detectors; the stemma and the reports ask the
    package (``collate.anomalies``) for what it makes public."""
    outside = [
        f"{module}:{line} imports {target}"
        for module, targets in graph().items()
        for target, line in targets
        if any(part.startswith("_") and part != "__init__" for part in target.split(".")[1:])
        and not module.startswith(target.rpartition(".")[0] + ".")
        and module != target.rpartition(".")[0]
    ]
    assert outside == []


def cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, []):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_modules_import_one_another_in_a_circle() -> None:
    edges = {m: sorted({t for t, _ in targets}) for m, targets in graph().items()}
    assert cycles(edges) == []


@pytest.mark.parametrize(
    ("edges", "expected"),
    [({"a": ["b"], "b": ["a"], "c": ["a"]}, [["a", "b"]]), ({"a": ["b"], "b": ["c"]}, [])],
)
def test_the_circle_finder_finds_circles(edges: dict[str, list[str]], expected: list[list[str]]) -> None:
    assert cycles(edges) == expected


def test_an_upward_import_is_seen(tmp_path: Path) -> None:
    """The check reads imports inside functions too: the one that let ``model`` reach the
    reports lazily is found."""
    source = tmp_path / "model.py"
    source.write_text("def f():\n    from collate.report import render\n", encoding="utf-8")
    found = list(imports("collate.model", source, {"collate.model", "collate.report"}))
    assert found == [("collate.report", 2)]
    assert layer("collate.report") > layer("collate.model")
