"""The relation graph laid out for the web (web/layout.py): isolated and unresolved actors hidden
unless asked for, at most MAX_NODES drawn, positions inside the box and the same every time,
labels that never overlap; an actor's relations are its edges, oldest first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import networkx as nx
import pytest

from claimgraph.store import Store
from claimgraph.web import layout
from claimgraph.web.state import Snapshot, take_snapshot

Box = Callable[[dict[str, Any]], tuple[float, float, float, float]]


def _graph(pairs: list[tuple[str, str]], lonely: list[str]) -> nx.MultiDiGraph:
    """A graph shaped as claimgraph.graph.build_graph makes it."""
    graph = nx.MultiDiGraph()
    for node in sorted({n for p in pairs for n in p} | set(lonely)):
        graph.add_node(node, name=f"Name of {node}", kind="country", mentions=1, events=1)
    for i, (a, b) in enumerate(pairs):
        graph.add_edge(a, b, key="conflict", relation="conflict", symmetric=False, count=1, asserted=1,
                       denied=0, planned=0, actions=Counter(attack=1), months=Counter({"2014-09": 1}),
                       first=f"2014-09-{i + 10}", last=f"2014-09-{i + 10}", event_ids=[f"e{i}"],
                       claim_ids=set())  # fmt: skip
    return graph


def _boxes_overlap(nodes: list[dict[str, Any]], label_box: Box) -> bool:
    """Whether two labels, or a label and another node's circle, overlap."""
    boxes = [label_box(n) for n in nodes if n["label"]]
    circles = [(n["x"] - n["r"], n["y"] - n["r"], n["x"] + n["r"], n["y"] + n["r"]) for n in nodes]
    for box in boxes:
        covered = [c for c in circles if box[0] < c[2] and c[0] < box[2] and box[1] < c[3] and c[1] < box[3]]
        if covered:  # a label sits 1 px clear of its own node's circle, and of every other
            return True
    return any(
        a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
    )


def test_web_layout_hides_isolated_and_unresolved_unless_all() -> None:
    graph = _graph([("a", "b"), ("b", "c"), ("a", "unresolved:x")], ["lonely"])
    shown = layout._layout(graph, show_all=False)
    assert {n["id"] for n in shown["nodes"]} == {"a", "b", "c"}
    assert shown["hidden"] == {"isolated": 1, "unresolved": 1, "beyond_top": 0}
    assert all(e["source"] != "unresolved:x" and e["target"] != "unresolved:x" for e in shown["edges"])
    everything = layout._layout(graph, show_all=True)
    assert {n["id"] for n in everything["nodes"]} == {"a", "b", "c", "lonely", "unresolved:x"}


def test_web_layout_caps_nodes_keeps_box_and_is_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout, "MAX_NODES", 5)
    graph = _graph([("hub", f"n{i}") for i in range(12)], [])
    first = layout._layout(graph, show_all=False)
    assert len(first["nodes"]) == 5 and first["hidden"]["beyond_top"] == 8
    assert "hub" in {n["id"] for n in first["nodes"]}
    for node in first["nodes"]:
        assert 0 <= node["x"] <= layout.WIDTH and 0 <= node["y"] <= layout.HEIGHT
    assert layout._layout(graph, show_all=False) == first


def test_web_layout_labels_never_overlap(label_box: Box) -> None:
    graph = _graph([(f"a{i}", f"a{i + 1}") for i in range(40)], [])
    nodes = layout._layout(graph, show_all=False)["nodes"]
    labelled = [n for n in nodes if n["label"]]
    assert 0 < len(labelled) <= layout.MAX_LABELS
    assert not _boxes_overlap(nodes, label_box)


@pytest.fixture(scope="module")
def opened(example_db: str) -> Iterator[tuple[Store, Snapshot]]:
    with Store.open(example_db, read_only=True) as store:
        yield store, take_snapshot(store, None)


def test_web_layout_actor_relations_are_its_edges_oldest_first(opened: tuple[Store, Snapshot]) -> None:
    store, snap = opened
    graph = layout.relation_graph(store, snap)
    assert layout.relation_graph(store, snap) is graph  # once per snapshot
    busiest = max(graph.nodes, key=lambda n: graph.degree(n))
    relations = layout.actor_relations(store, snap, busiest)
    assert len(relations) == graph.degree(busiest)
    assert all(busiest in (r["source"], r["target"]) for r in relations)
    dated = [r["first"] for r in relations if r["first"]]
    assert dated == sorted(dated)
    assert layout.actor_relations(store, snap, "person:nobody") == []
