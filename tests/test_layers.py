"""Layers import downwards only: no module imports from a higher layer (issue 9: "no import from
a lower layer to a higher one"), and no import cycle between parts of the package.

LAYERS is the order, lowest first (docs/architecture.md draws it, `docs/layers_picture.py`). A
part is a top-level module (`graph.py` -> `graph`) or a subpackage (`store/nlp.py` -> `store`);
imports inside one part are free, and so are imports within one layer, but no two parts may
import each other. Every import counts, also one inside a function: a lazy import is still a
dependency.
`python tests/test_layers.py` prints the imports between parts.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimgraph"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "model and shared ground",
        (
            "model",
            "errors",
            "naming",
            "config",
            "settings",
            "taxonomy",
            "cue_words",
            "json_files",
            "serialize",
            "language",
            "outputs",
            "onnx_runtime",
            "export_types",
            "export_schema",
        ),
    ),
    ("ingest", ("ingest",)),
    ("clean", ("clean",)),
    ("nlp", ("nlp",)),
    ("store", ("store",)),
    ("claims and verdicts", ("claims", "verdicts", "engine")),
    ("corpus stage and run", ("corpus", "corpus_inputs", "pipeline")),
    ("outputs", ("export", "graph", "graph_layout", "timeline", "report", "eval")),
    ("Python API", ("api", "queries")),
    (
        "edges",
        (
            "cli",
            "cli_demo",
            "cli_edge",
            "cli_eval",
            "cli_outputs",
            "cli_progress",
            "render",
            "web",
            "__init__",
        ),
    ),
)
# Imports that break the order on purpose, each with its reason. Keep it short; empty today.
ALLOWED: dict[tuple[str, str], str] = {}


def part_of(module: str) -> str:
    """`claimgraph.store.nlp` -> `store`; `claimgraph.graph` -> `graph`; `claimgraph` -> `__init__`."""
    names = module.split(".")
    return names[1] if len(names) > 1 else "__init__"


def module_name(path: Path) -> str:
    names = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(names[:-1] if names[-1] == "__init__" else names)


def imported(path: Path) -> set[str]:
    """Every claimgraph module `path` imports, at the top or inside a function."""
    module, found = module_name(path), set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # `from claimgraph.store import schema` imports the module `store.schema`, not the
            # package's __init__; `from claimgraph.store import Store` imports the __init__.
            found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names)
    return {m for m in found if m == "claimgraph" or m.startswith("claimgraph.")}


MODULES = frozenset(module_name(p) for p in PACKAGE.rglob("*.py"))


def part_imports() -> dict[tuple[str, str], list[str]]:
    """(importing part, imported part) -> the importing modules, for every import across parts."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(PACKAGE.rglob("*.py")):
        source = part_of(module_name(path))
        for target in sorted({part_of(m) for m in imported(path)} - {source}):
            edges[source, target].append(module_name(path))
    return dict(edges)


def layer_index() -> dict[str, int]:
    return {part: i for i, (_, parts) in enumerate(LAYERS) for part in parts}


def parts_on_disk() -> set[str]:
    return {part_of(module_name(p)) for p in PACKAGE.rglob("*.py")}


def test_every_part_has_a_layer() -> None:
    index = layer_index()
    assert not parts_on_disk() - set(index), f"add these to LAYERS: {sorted(parts_on_disk() - set(index))}"
    assert not set(index) - parts_on_disk(), (
        f"LAYERS names parts that do not exist: {set(index) - parts_on_disk()}"
    )


def test_no_import_from_a_higher_layer() -> None:
    index = layer_index()
    upward = {
        f"{source} -> {target} ({', '.join(modules)})"
        for (source, target), modules in part_imports().items()
        if index[target] > index[source] and (source, target) not in ALLOWED
    }
    assert not upward, f"imports from a higher layer: {sorted(upward)}"


def test_no_import_cycle_between_parts() -> None:
    """Two parts that import each other (directly or round a loop) cannot be layered at all."""
    cycles = sorted(sorted(c) for c in nx.simple_cycles(nx.DiGraph(list(part_imports()))))
    assert not cycles, f"parts that import each other: {cycles}"


def test_allowed_exceptions_are_still_needed() -> None:
    stale = set(ALLOWED) - set(part_imports())
    assert not stale, f"these exceptions no longer occur: delete them from ALLOWED: {sorted(stale)}"


def test_import_scan_sees_lazy_imports() -> None:
    """The scan must not miss an import inside a function (the old store/export.py's `graph` was one)."""
    found = imported(PACKAGE / "store" / "__init__.py")
    assert "claimgraph.store.documents" in found and "claimgraph.clean.dedupe" in found
    assert "claimgraph.eval.gold" in imported(PACKAGE / "eval" / "stances.py")  # inside a function
    assert ("cli_eval", "eval") in part_imports()


if __name__ == "__main__":
    for (source, target), modules in sorted(part_imports().items()):
        print(f"{source} -> {target}: {', '.join(modules)}")
