"""The relation graph as an SVG picture: actors as nodes, cooperation and conflict edges.

The graph is `claimgraph graph`'s: `graph.build_graph` on the export's actors and events read back
as model types (`report/as_model.py`), so nodes, relation classes (the taxonomy's, data/actions.json)
and counts are the command's. The picture drops direction: a pair's edges of one class in either
direction are one line (`graph.pair_edges`). An edge whose events are mostly denied ("no military
coordination") is drawn dashed. Names no registry resolved are the graph's `unresolved:*` nodes.

Drawn by default: resolved actors with at least one edge, the busiest first. Names no registry
resolved and actors without any edge are listed under the picture, not drawn (on three FNC-1
stories 523 of 558 nodes had no edge and buried the rest). Positions and labels come from
`graph_layout`, which the web app's graph uses too: networkx's spring layout with a fixed seed (one
export, one picture), labels busiest first, one that would overlap left to the hover title.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from claimgraph.graph import UNRESOLVED, build_graph, pair_edges
from claimgraph.graph_layout import Canvas, Node, busiest, pair_weights, place_labels, positions, to_canvas
from claimgraph.report import as_model
from claimgraph.report.index import ExportIndex
from claimgraph.report.markup import css_token

MAX_GRAPH_NODES = 80  # drawn; past this the picture is a hairball at 1100 px. The rest are listed.
MAX_LISTED = 300  # names listed under the picture (not drawn, unresolved, without edges); rest counted
WIDTH, HEIGHT, MARGIN = 1100, 720, 70  # px; the margin leaves room for labels at the edge
CHAR_WIDTH, LABEL_HEIGHT = 6.3, 13  # px per character and line height of an 11 px label
MAX_NODE_LABEL = 26  # characters of a drawn label; the full name is in the node's title
CANVAS = Canvas(WIDTH, HEIGHT, MARGIN, CHAR_WIDTH, LABEL_HEIGHT, MAX_NODE_LABEL)
CURVE = 0.12  # bend of an edge, as a fraction of its length, so both classes of one pair show
KINDS = frozenset(
    {"country", "government_body", "person", "armed_group", "media", "organization", "role", "other"}
)


Edge = dict[str, Any]  # one of `graph.pair_edges`: count, denied, actions, first, last...


def relation_graph(index: ExportIndex) -> nx.MultiDiGraph:
    """`claimgraph graph`'s graph (`graph.build_graph`) of the export's actors and of its events
    between two named actors: the events the picture can draw, read back as model types."""
    events = [e for e in index.model_events() if e.actor.name and e.target is not None]
    return build_graph(as_model.actors(index.actors), events)


@dataclass(slots=True)
class Line:
    cls: str
    d: str
    width: float
    dashed: bool
    title: str


@dataclass(slots=True)
class GraphView:
    """What the graph section shows: the picture, and the actors listed instead of drawn."""

    nodes: list[Node] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    not_drawn: list[tuple[str, int]] = field(default_factory=list)  # (name, events) beyond the cap
    unresolved: list[tuple[str, int]] = field(default_factory=list)  # names no registry resolved
    isolated: list[str] = field(default_factory=list)  # actors with no event between two actors
    width: int = WIDTH
    height: int = HEIGHT


def _edge_title(names: Mapping[str, str], a: str, b: str, cls: str, edge: Edge) -> str:
    ranked = sorted(edge["actions"].items(), key=lambda kv: (-kv[1], kv[0]))[:4]  # ties by name
    actions = ", ".join(f"{act} ×{n}" for act, n in ranked)
    when = f"; {edge['first']} to {edge['last']}" if edge["first"] else ""
    counts = f"{edge['count']} event(s), {edge['denied']} denied"
    return f"{names[a]} – {names[b]}: {cls}, {counts} ({actions}){when}"


def layout(nodes: list[str], edges: Mapping[tuple[str, str, str], Edge]) -> dict[str, tuple[float, float]]:
    """Positions in the unit square (graph_layout.positions) of these actors and edges."""
    return positions(nodes, pair_weights((a, b, e["count"]) for (a, b, _), e in sorted(edges.items())))


def graph_view(index: ExportIndex) -> GraphView:
    graph = relation_graph(index)
    names: dict[str, str] = dict(graph.nodes(data="name"))
    edges = pair_edges(graph)
    degree: Counter[str] = Counter()  # events with another resolved actor: what can be drawn
    unresolved: Counter[str] = Counter()
    for (a, b, _), edge in edges.items():
        for key in (a, b):
            if key.startswith(UNRESOLVED):
                unresolved[key] += edge["count"]
            elif not (a.startswith(UNRESOLVED) or b.startswith(UNRESOLVED)):
                degree[key] += edge["count"]
    view = GraphView()
    view.unresolved = sorted(((names[k], n) for k, n in unresolved.items()), key=lambda x: (-x[1], x[0]))
    shown, beyond = busiest(degree, degree, MAX_GRAPH_NODES)
    drawable, top = shown + beyond, set(shown)
    linked = {k for a, b, _ in edges if a in top and b in top for k in (a, b)}  # an edge inside the cap
    keys = [k for k in drawable if k in linked]
    view.not_drawn = [(names[k], degree[k]) for k in drawable if k not in linked]
    listed = (k for k in graph if k in index.actor_by_id or graph.degree(k))  # not self-loops only
    view.isolated = sorted({names[k] for k in listed if k not in degree and not k.startswith(UNRESOLVED)})
    kept = {k: e for k, e in edges.items() if k[0] in keys and k[1] in keys}
    pos = layout(keys, kept) if keys else {}
    xy = {k: to_canvas(p, CANVAS) for k, p in pos.items()}
    for (a, b, cls), edge in sorted(kept.items(), key=lambda kv: (kv[1]["count"], kv[0])):
        (x1, y1), (x2, y2) = xy[a], xy[b]
        bend = CURVE if cls == "cooperation" else -CURVE
        cx, cy = (x1 + x2) / 2 - (y2 - y1) * bend, (y1 + y2) / 2 + (x2 - x1) * bend
        view.lines.append(Line(cls, f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}",
                               1 + math.log2(edge["count"]), edge["denied"] * 2 > edge["count"],
                               _edge_title(names, a, b, cls, edge)))  # fmt: skip
    for key in keys:
        kind = css_token(graph.nodes[key]["kind"], KINDS, "other")
        view.nodes.append(Node(key, names[key], kind, degree[key], *xy[key], 4 + 2 * math.sqrt(degree[key])))
    place_labels(view.nodes, CANVAS)
    return view
