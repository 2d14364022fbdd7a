"""The relation graph laid out on the server, readable on a real corpus.

On real corpora most actors are named once and take part in no event with a target (523 of 558
nodes had no edge), and `unresolved:*` nodes are names no registry knew; both are hidden unless
asked for, and only the `MAX_NODES` best-connected nodes are drawn. Positions come from
networkx's spring layout (seeded: the same store gives the same picture). Labels are written for
the best-connected nodes only, greedily, skipping any whose box would overlap a label already
placed; the rest show their name on hover.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from claimgraph.graph import build_graph, edge_records
from claimgraph.store import Store
from claimgraph.web.state import Snapshot

WIDTH, HEIGHT, MARGIN = 1000.0, 700.0, 40.0
MAX_NODES = 150
MAX_LABELS = 30
CHAR_W, LABEL_H = 7.0, 14.0  # label box estimate at the page's 12px font
LAYOUT_SEED = 7


def relation_graph(store: Store, snap: Snapshot) -> nx.MultiDiGraph:
    """The store's relation graph (claimgraph.graph), once per snapshot."""

    def build() -> nx.MultiDiGraph:
        built = build_graph(snap.actors.values(), store.iter_events(), [r.claim for r in snap.claims])
        for actor_id, count in store.actor_mention_counts().items():
            if actor_id in built:
                built.nodes[actor_id]["mentions"] = count
        return built

    return snap.derived("graph", build)


def _label_boxes(nodes: list[dict[str, Any]]) -> None:
    """Set `label` on the best-connected nodes whose name box overlaps no label placed before."""
    placed: list[tuple[float, float, float, float]] = []
    for node in sorted(nodes, key=lambda n: (-n["degree"], n["id"])):
        if len(placed) >= MAX_LABELS:
            break
        w = CHAR_W * len(node["name"][:40])
        box = (node["x"] + 8, node["y"] - LABEL_H / 2, node["x"] + 8 + w, node["y"] + LABEL_H / 2)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            continue
        placed.append(box)
        node["label"] = True


def graph_view(store: Store, snap: Snapshot, show_all: bool = False) -> dict[str, Any]:
    """Nodes with positions in a WIDTH x HEIGHT box, edges (claimgraph.graph records), and how
    many nodes were hidden and why."""
    return snap.derived(("graph_view", show_all), lambda: _layout(relation_graph(store, snap), show_all))


def _layout(graph: nx.MultiDiGraph, show_all: bool) -> dict[str, Any]:
    simple = nx.Graph(graph.to_undirected())
    hidden = {"isolated": 0, "unresolved": 0, "beyond_top": 0}
    keep = []
    for node in simple.nodes:
        if not show_all and simple.degree(node) == 0:
            hidden["isolated"] += 1
        elif not show_all and str(node).startswith("unresolved:"):
            hidden["unresolved"] += 1
        else:
            keep.append(node)
    if len(keep) > MAX_NODES:
        keep.sort(key=lambda n: (-simple.degree(n), str(n)))
        hidden["beyond_top"] = len(keep) - MAX_NODES
        keep = keep[:MAX_NODES]
    shown = simple.subgraph(keep)
    positions = nx.spring_layout(shown, seed=LAYOUT_SEED) if len(shown) else {}
    nodes = []
    for node, (px, py) in positions.items():
        data = graph.nodes[node]
        nodes.append(
            {
                "id": node,
                "name": data["name"],
                "kind": data["kind"],
                "degree": int(shown.degree(node)),
                "mentions": int(data.get("mentions", 0)),
                "events": int(data.get("events", 0)),
                "x": round(MARGIN + (px + 1) / 2 * (WIDTH - 2 * MARGIN), 1),
                "y": round(MARGIN + (py + 1) / 2 * (HEIGHT - 2 * MARGIN), 1),
                "label": False,
            }
        )
    _label_boxes(nodes)
    kept = set(keep)
    edges = [e for e in edge_records(graph) if e["source"] in kept and e["target"] in kept]
    return {"nodes": nodes, "edges": edges, "hidden": hidden}


def actor_relations(store: Store, snap: Snapshot, actor_id: str) -> list[dict[str, Any]]:
    """Every edge of the relation graph that involves this actor, oldest first, with month counts."""
    graph = relation_graph(store, snap)
    if actor_id not in graph:
        return []
    edges = [e for e in edge_records(graph) if actor_id in (e["source"], e["target"])]
    return sorted(edges, key=lambda e: (e["first"] is None, e["first"] or "", e["relation"], e["source"]))
