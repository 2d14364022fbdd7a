"""The relation graph as an SVG picture: actors as nodes, cooperation and conflict edges.

Edges come from the export's events (actor → target). The relation class is the action's
in the taxonomy (data/actions.json), the same as `claimgraph graph`. An edge whose
events are mostly denied ("no military coordination") is drawn dashed.

Drawn by default: resolved actors with at least one edge, the busiest first. Names no registry
resolved and actors without any edge are listed under the picture, not drawn (on three FNC-1
stories 523 of 558 nodes had no edge and buried the rest). Positions and labels come from
`graph_layout`, which the web app's graph uses too: networkx's spring layout with a fixed seed (one
export, one picture), labels busiest first, one that would overlap left to the hover title.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from claimgraph import taxonomy
from claimgraph.graph_layout import Canvas, Node, busiest, pair_weights, place_labels, positions, to_canvas
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


@dataclass(slots=True)
class Edge:
    """All events between two actors in one relation class."""

    count: int = 0
    denied: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    dates: list[str] = field(default_factory=list)


def relation_class(event: dict[str, Any]) -> str:
    """The taxonomy's relation class of an exported event's action, as `claimgraph graph` has it."""
    return taxonomy.relation_class(event.get("action"))


def collect_edges(index: ExportIndex) -> tuple[dict[str, str], dict[tuple[str, str, str], Edge]]:
    """Node labels by key, and edges keyed by (actor, actor, class) with the pair sorted."""
    names: dict[str, str] = {}
    edges: dict[tuple[str, str, str], Edge] = {}
    for event in index.events:
        a, b = index.actor_key(event.get("actor")), index.actor_key(event.get("target"))
        if not a or not b or a[0] == b[0]:
            continue
        for key, name in (a, b):
            names.setdefault(key, name)
        lo, hi = sorted((a[0], b[0]))
        edge = edges.setdefault((lo, hi, relation_class(event)), Edge())
        edge.count += 1
        edge.denied += event.get("modality") == "denied"
        edge.actions[str(event.get("action"))] += 1
        if event.get("date"):
            edge.dates.append(str(event["date"]))
    return names, edges


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


def _edge_title(names: dict[str, str], a: str, b: str, cls: str, edge: Edge) -> str:
    actions = ", ".join(f"{act} ×{n}" for act, n in edge.actions.most_common(4))
    when = f"; {min(edge.dates)} to {max(edge.dates)}" if edge.dates else ""
    return f"{names[a]} – {names[b]}: {cls}, {edge.count} event(s), {edge.denied} denied ({actions}){when}"


def _resolved(index: ExportIndex) -> set[str]:
    """Node keys that are registry actors (an `actor_id`), as opposed to names as written."""
    keys = set(index.actor_by_id)
    for event in index.events:
        for ref in (event.get("actor"), event.get("target")):
            if isinstance(ref, dict) and ref.get("actor_id"):
                keys.add(str(ref["actor_id"]))
    return keys


def layout(nodes: list[str], edges: dict[tuple[str, str, str], Edge]) -> dict[str, tuple[float, float]]:
    """Positions in the unit square (graph_layout.positions) of these actors and edges."""
    return positions(nodes, pair_weights((a, b, e.count) for (a, b, _), e in sorted(edges.items())))


def graph_view(index: ExportIndex) -> GraphView:
    names, edges = collect_edges(index)
    resolved = _resolved(index)
    degree: Counter[str] = Counter()  # events with another resolved actor: what can be drawn
    unresolved: Counter[str] = Counter()
    for (a, b, _), edge in edges.items():
        for key in (a, b):
            if key not in resolved:
                unresolved[key] += edge.count
            elif a in resolved and b in resolved:
                degree[key] += edge.count
    view = GraphView()
    view.unresolved = sorted(((names[k], n) for k, n in unresolved.items()), key=lambda x: (-x[1], x[0]))
    shown, beyond = busiest(degree, degree, MAX_GRAPH_NODES)
    drawable, top = shown + beyond, set(shown)
    linked = {k for a, b, _ in edges if a in top and b in top for k in (a, b)}  # an edge inside the cap
    keys = [k for k in drawable if k in linked]
    view.not_drawn = [(names[k], degree[k]) for k in drawable if k not in linked]
    seen = {k for k in resolved if k in degree or k in unresolved} | {k for a, b, _ in edges for k in (a, b)}
    view.isolated = sorted(
        {str(a.get("name") or k) for k, a in index.actor_by_id.items() if k not in degree}
        | {names[k] for k in seen if k in resolved and k not in degree}
    )
    kept = {k: e for k, e in edges.items() if k[0] in keys and k[1] in keys}
    pos = layout(keys, kept) if keys else {}
    xy = {k: to_canvas(p, CANVAS) for k, p in pos.items()}
    for (a, b, cls), edge in sorted(kept.items(), key=lambda kv: (kv[1].count, kv[0])):
        (x1, y1), (x2, y2) = xy[a], xy[b]
        bend = CURVE if cls == "cooperation" else -CURVE
        cx, cy = (x1 + x2) / 2 - (y2 - y1) * bend, (y1 + y2) / 2 + (x2 - x1) * bend
        view.lines.append(Line(cls, f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}",
                               1 + math.log2(edge.count), edge.denied * 2 > edge.count,
                               _edge_title(names, a, b, cls, edge)))  # fmt: skip
    for key in keys:
        kind = css_token(index.actor_by_id.get(key, {}).get("kind"), KINDS, "other")
        view.nodes.append(Node(key, names[key], kind, degree[key], *xy[key], 4 + 2 * math.sqrt(degree[key])))
    place_labels(view.nodes, CANVAS)
    return view
