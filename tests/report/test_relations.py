"""Relation graph: `claimgraph graph`'s graph of the export, edges per pair and class, dashed
denials, networkx layout, what is hidden (unresolved names, actors without edges) and labels that
never overlap."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from claimgraph.graph import edge_records, pair_edges
from claimgraph.report import render_report
from claimgraph.report.index import ExportIndex
from claimgraph.report.relations import (
    CHAR_WIDTH,
    LABEL_HEIGHT,
    MAX_GRAPH_NODES,
    graph_view,
    layout,
    relation_graph,
)


def _edges(export: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return pair_edges(relation_graph(ExportIndex.build(export)))


def test_relations_edges_per_pair_and_class(mini_export: dict[str, Any]) -> None:
    graph = relation_graph(ExportIndex.build(mini_export))
    edges = pair_edges(graph)
    coop = edges["country:nor", "country:sou", "cooperation"]
    assert (coop["count"], coop["denied"]) == (2, 1)
    assert edges["country:nor", "country:sou", "conflict"]["count"] == 1
    # an unresolved target is the graph's `unresolved:` node and keeps its written name
    assert graph.nodes["unresolved:kessel dam"]["name"] == "Kessel dam"


def test_relations_graph_is_claimgraph_graphs(mini_export: dict[str, Any]) -> None:
    """The report's edges are `build_graph`'s on the same events, direction dropped: same classes,
    same counts (issue 9: the report had its own graph on dicts)."""
    records = edge_records(relation_graph(ExportIndex.build(mini_export)))
    assert records and {r["relation"] for r in records} == {c for _, _, c in _edges(mini_export)}
    assert sum(r["count"] for r in records) == sum(e["count"] for e in _edges(mini_export).values())


def _event(a: str, b: str, modality: str = "asserted", action: str = "cooperate") -> dict[str, Any]:
    """An event between two resolved actors (registry ids `x:<name>`)."""
    return {"actor": {"name": a, "actor_id": f"x:{a}"}, "target": {"name": b, "actor_id": f"x:{b}"},
            "action": action, "modality": modality}  # fmt: skip


def _graph_html(export: dict[str, Any]) -> str:
    return render_report(export).split('<section id="graph">', 1)[1].split("</section>", 1)[0]


def test_relations_one_line_per_pair_and_class_whatever_the_direction() -> None:
    events = [_event("A", "B", action="attack"), _event("B", "A", action="attack", modality="denied")]
    view = graph_view(ExportIndex.build({"events": events}))
    (line,) = view.lines
    assert line.cls == "conflict" and "2 event(s), 1 denied" in line.title and not line.dashed


def test_relations_unresolved_spellings_are_one_listed_name() -> None:
    """`build_graph` keys a name no registry resolved by its normalised form, as `claimgraph graph`."""
    events = [
        {**_event("A", "B"), "target": {"name": "Kessel dam"}},
        {**_event("A", "B"), "target": {"name": "Kessel  Dam"}},
        {**_event("C", "B"), "actor": {"name": ""}},  # names no one: not an edge
        _event("A", "B"),
    ]
    view = graph_view(ExportIndex.build({"events": events}))
    assert view.unresolved == [("Kessel dam", 2)] and sorted(n.name for n in view.nodes) == ["A", "B"]
    assert len(view.lines) == 1 and "1 event(s)" in view.lines[0].title


@pytest.mark.parametrize(("denied", "dashed"), [(2, True), (1, False), (0, False)])
def test_relations_dashed_when_mostly_denied(denied: int, dashed: bool) -> None:
    events = [_event("A", "B", "denied") for _ in range(denied)] + [
        _event("A", "B") for _ in range(2 - denied)
    ]
    assert ("stroke-dasharray" in _graph_html({"events": events})) is dashed


def test_relations_draws_at_most_the_busiest_nodes_and_lists_the_rest() -> None:
    events = [_event(f"actor {i}", "hub") for i in range(MAX_GRAPH_NODES + 5)]
    html = _graph_html({"events": events})
    assert html.split("</svg>")[0].count("<circle") == MAX_GRAPH_NODES
    assert "<summary>6 less connected actors, not drawn</summary>" in html


def test_relations_hides_unresolved_names_and_actors_without_edges(mini_export: dict[str, Any]) -> None:
    """Issue 10: `unresolved:*` nodes were drawn, and 523 of 558 nodes had no edge."""
    mini_export["actors"].append({"id": "person:lone", "name": "Lone Wolf", "kind": "person"})
    view = graph_view(ExportIndex.build(mini_export))
    drawn = {n.name for n in view.nodes}
    assert drawn == {"Northland", "Southland"}
    assert ("Kessel dam", 1) in view.unresolved and "Lone Wolf" in view.isolated
    html = _graph_html(mini_export)
    assert "Kessel dam" not in html.split("</svg>")[0] and "Lone Wolf" not in html.split("</svg>")[0]
    assert "names no actor registry resolved (unresolved), not drawn" in html and "<li>Lone Wolf</li>" in html


def test_relations_self_loops_and_missing_targets_are_skipped() -> None:
    events = [_event("A", "A"), {"actor": {"name": "A", "actor_id": "x:A"}, "target": None}]
    assert "No events between two resolved actors" in _graph_html({"events": events})


@pytest.mark.parametrize("n", [1, 2, 7, 30])
def test_relations_layout_is_deterministic_and_in_unit_square(n: int) -> None:
    nodes = [f"n{i}" for i in range(n)]
    edges = {
        (a.removeprefix("x:"), b.removeprefix("x:"), c): e
        for (a, b, c), e in _edges({"events": [_event(f"n{i}", f"n{(i + 1) % n}") for i in range(n)]}).items()
    }
    first, second = layout(nodes, edges), layout(nodes, edges)
    assert first == second and set(first) == set(nodes)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in first.values())
    points = list(first.values())
    gaps = [abs(complex(*p) - complex(*q)) for i, p in enumerate(points) for q in points[i + 1 :]]
    assert not gaps or min(gaps) > 0.02  # no two nodes drawn on top of each other


def test_relations_labels_never_overlap_on_a_large_graph() -> None:
    """600 actors in hubs and chains: drawn labels keep apart, each node keeps its full name as a title."""
    events = [_event(f"Actor number {i}", f"Hub {i % 12}") for i in range(600)]
    events += [_event(f"Hub {i}", f"Hub {(i + 1) % 12}") for i in range(12)]
    view = graph_view(ExportIndex.build({"events": events}))
    boxes = [
        (n.label_x - half, n.label_y - LABEL_HEIGHT + 3, n.label_x + half, n.label_y + 3)
        for n in view.nodes
        if n.label
        for half in [CHAR_WIDTH * len(n.label) / 2]
    ]  # fmt: skip
    assert len(boxes) >= 12  # the hubs at least are labelled
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    html = _graph_html({"events": events})
    assert html.count('<g class="node') == MAX_GRAPH_NODES and "600 less connected" not in html


def test_relations_layout_is_the_same_in_every_process(mini_export: dict[str, Any]) -> None:
    """Python's hash seed changes set order between processes; the picture must not change with it."""
    code = (
        "import json, sys; from claimgraph.report import render_report; "
        "page = render_report(json.load(sys.stdin)); "
        "print(page.split('relation-graph')[1].split('</svg>')[0])"
    )
    events = [_event(f"Actor {i}", f"Actor {i + 1}") for i in range(0, 40, 2)]  # 20 two-node components
    export = json.dumps({"events": events + mini_export["events"]})
    pictures = {
        subprocess.run(
            [sys.executable, "-c", code], input=export, capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }  # fmt: skip
    assert len(pictures) == 1 and "<circle" in pictures.pop()
