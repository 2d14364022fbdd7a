"""The relation graph laid out on the server, readable on a real corpus.

On real corpora most actors are named once and take part in no event with a target (523 of 558
nodes had no edge), and `unresolved:*` nodes are names no registry knew; both are hidden unless
asked for, and only the `MAX_NODES` best-connected nodes are drawn. Positions and labels come
from `claimgraph.graph_layout`, as in the HTML report: networkx's spring layout per component,
seeded (the same store gives the same picture); labels for at most `MAX_LABELS` of the
best-connected nodes, none overlapping another label or node; the rest show their name on hover.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from claimgraph.graph import build_graph, edge_records
from claimgraph.graph_layout import Canvas, Node, busiest, pair_weights, place_labels, positions, to_canvas
from claimgraph.store import Store
from claimgraph.web.state import Snapshot

WIDTH, HEIGHT, MARGIN = 1000.0, 700.0, 40.0
MAX_NODES = 150
MAX_LABELS = 30
MAX_RADIUS = 14
# Label metrics at the page's 12px font.
CANVAS = Canvas(WIDTH, HEIGHT, MARGIN, char_width=7.0, label_height=14.0, max_label=40)


def relation_graph(store: Store, snap: Snapshot) -> nx.MultiDiGraph:
    """The store's relation graph (claimgraph.graph), once per snapshot."""

    def build() -> nx.MultiDiGraph:
        built = build_graph(snap.actors.values(), store.iter_events(), [r.claim for r in snap.claims])
        for actor_id, count in store.actor_mention_counts().items():
            if actor_id in built:
                built.nodes[actor_id]["mentions"] = count
        return built

    return snap.derived("graph", build)


def graph_view(store: Store, snap: Snapshot, show_all: bool = False) -> dict[str, Any]:
    """Nodes with positions in a WIDTH x HEIGHT box, edges (claimgraph.graph records), and how
    many nodes were hidden and why."""
    return snap.derived(("graph_view", show_all), lambda: _layout(relation_graph(store, snap), show_all))


def _layout(graph: nx.MultiDiGraph, show_all: bool) -> dict[str, Any]:
    simple = nx.Graph(graph.to_undirected())
    degree = {str(n): int(d) for n, d in simple.degree}
    hidden = {"isolated": 0, "unresolved": 0, "beyond_top": 0}
    candidates = []
    for node in simple.nodes:
        if not show_all and degree[node] == 0:
            hidden["isolated"] += 1
        elif not show_all and str(node).startswith("unresolved:"):
            hidden["unresolved"] += 1
        else:
            candidates.append(node)
    keep, beyond = busiest(candidates, degree, MAX_NODES)
    hidden["beyond_top"] = len(beyond)
    kept = set(keep)
    edges = [e for e in edge_records(graph) if e["source"] in kept and e["target"] in kept]
    unit = positions(keep, pair_weights((e["source"], e["target"], e["count"]) for e in edges))
    shown_degree = {n: int(d) for n, d in simple.subgraph(keep).degree}
    placed = []
    for node in keep:
        data = graph.nodes[node]
        x, y = to_canvas(unit[node], CANVAS)
        r = min(4 + shown_degree[node], MAX_RADIUS)
        placed.append(Node(node, data["name"], data["kind"], shown_degree[node], x, y, r))
    place_labels(placed, CANVAS, MAX_LABELS)
    nodes = [
        {
            "id": n.key,
            "name": n.name,
            "kind": n.kind,
            "degree": n.degree,
            "mentions": int(graph.nodes[n.key].get("mentions", 0)),
            "events": int(graph.nodes[n.key].get("events", 0)),
            "x": round(n.x, 1),
            "y": round(n.y, 1),
            "r": n.r,
            "label": n.label,
            "label_x": round(n.label_x, 1),
            "label_y": round(n.label_y, 1),
        }
        for n in placed
    ]
    return {"nodes": nodes, "edges": edges, "hidden": hidden}


def actor_relations(store: Store, snap: Snapshot, actor_id: str) -> list[dict[str, Any]]:
    """Every edge of the relation graph that involves this actor, oldest first, with month counts."""
    graph = relation_graph(store, snap)
    if actor_id not in graph:
        return []
    edges = [e for e in edge_records(graph) if actor_id in (e["source"], e["target"])]
    return sorted(edges, key=lambda e: (e["first"] is None, e["first"] or "", e["relation"], e["source"]))
