"""Relation graph: CAMEO classes, edges per pair and class, dashed denials, deterministic layout."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from claimgraph.report.index import ExportIndex
from claimgraph.report.layout import force_layout
from claimgraph.report.relations import MAX_GRAPH_NODES, collect_edges, relation_class, relation_svg


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("cooperate", "cooperation"),
        ("withdraw", "other"),
        ("consult", "talk"),
        ("criticize", "conflict"),
        ("attack", "conflict"),
        ("deny", "other"),
        (None, "other"),
        ("x1", "other"),
    ],
)
def test_relations_class_from_the_taxonomy(action: str | None, expected: str) -> None:
    assert relation_class({"action": action}) == expected


def test_relations_edges_per_pair_and_class(mini_export: dict[str, Any]) -> None:
    names, edges = collect_edges(ExportIndex.build(mini_export))
    coop = edges[("country:nor", "country:sou", "cooperation")]
    assert (coop.count, coop.denied) == (2, 1)
    assert edges[("country:nor", "country:sou", "conflict")].count == 1
    assert names["Kessel dam"] == "Kessel dam"  # an unresolved target keeps its written name


def _event(a: str, b: str, modality: str = "asserted", action: str = "cooperate") -> dict[str, Any]:
    return {"actor": {"name": a}, "target": {"name": b}, "action": action, "modality": modality}


@pytest.mark.parametrize(("denied", "dashed"), [(2, True), (1, False), (0, False)])
def test_relations_dashed_when_mostly_denied(denied: int, dashed: bool) -> None:
    events = [_event("A", "B", "denied") for _ in range(denied)] + [
        _event("A", "B") for _ in range(2 - denied)
    ]
    svg = relation_svg(ExportIndex.build({"events": events}))
    assert ("stroke-dasharray" in svg) is dashed


def test_relations_draws_at_most_the_busiest_nodes() -> None:
    events = [_event(f"actor {i}", "hub") for i in range(MAX_GRAPH_NODES + 5)]
    svg = relation_svg(ExportIndex.build({"events": events}))
    assert svg.count("<circle") == MAX_GRAPH_NODES
    assert "6 less connected actors not drawn" in svg


def test_relations_self_loops_and_missing_targets_are_skipped() -> None:
    events = [_event("A", "A"), {"actor": {"name": "A"}, "target": None}]
    assert "No events between two actors" in relation_svg(ExportIndex.build({"events": events}))


@pytest.mark.parametrize("n", [0, 1, 2, 7, 30])
def test_layout_is_deterministic_and_in_unit_square(n: int) -> None:
    edges = [(i, (i + 1) % n, 1.0) for i in range(n)] if n > 1 else []
    first, second = force_layout(n, edges), force_layout(n, edges)
    assert first.shape == (n, 2) and np.array_equal(first, second)
    assert ((first >= 0) & (first <= 1)).all()
    if n > 1:
        gaps = np.linalg.norm(first[:, None] - first[None, :], axis=2) + np.eye(n)
        assert gaps.min() > 0.05  # no two nodes drawn on top of each other
