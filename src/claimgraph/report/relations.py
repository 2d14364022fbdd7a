"""The relation graph as an SVG picture: actors as nodes, cooperation and conflict edges.

Edges come from the export's events (actor → target). The relation class is the action's
in the taxonomy (data/actions.json), the same as `claimgraph graph`. An edge whose
events are mostly denied ("no military coordination") is drawn dashed.

Drawn by default: resolved actors with at least one edge, the busiest first. Names no registry
resolved and actors without any edge are listed under the picture, not drawn (on three FNC-1
stories 523 of 558 nodes had no edge and buried the rest). Positions come from networkx's
spring layout with a fixed seed, so one export always gives one picture; labels are placed
busiest first and a label that would overlap one already placed is left to the hover title.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from claimgraph import taxonomy
from claimgraph.report.index import ExportIndex
from claimgraph.report.markup import css_token

MAX_GRAPH_NODES = 80  # drawn; past this the picture is a hairball at 1100 px. The rest are listed.
MAX_LISTED = 300  # names listed under the picture (not drawn, unresolved, without edges); rest counted
WIDTH, HEIGHT, MARGIN = 1100, 720, 70  # px; the margin leaves room for labels at the edge
LAYOUT_SEED = 7  # any fixed seed: the layout must not change between runs
LAYOUT_ITERATIONS = 200  # spring layout steps; positions stop moving visibly well before this
MINOR_BAND = 0.3  # share of the picture's height for the components other than the largest
CHAR_WIDTH, LABEL_HEIGHT = 6.3, 13  # px per character and line height of an 11 px label
MAX_NODE_LABEL = 26  # characters of a drawn label; the full name is in the node's title
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
class Node:
    key: str
    name: str
    kind: str
    degree: int
    x: float
    y: float
    r: float
    label: str | None = None  # drawn text; None when it would overlap another label
    label_x: float = 0.0  # the label's centre: the node's x, moved in from the picture's edge
    label_y: float = 0.0


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


def _spring(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """One connected component in the unit square: spring layout, seeded, so deterministic."""
    if graph.number_of_nodes() == 1:
        return {next(iter(graph.nodes)): (0.5, 0.5)}
    k = 2.2 / math.sqrt(graph.number_of_nodes())  # wider than networkx's 1/sqrt(n): room for labels
    pos = nx.spring_layout(graph, k=k, iterations=LAYOUT_ITERATIONS, seed=LAYOUT_SEED, weight="weight")
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    span_x, span_y = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    return {n: ((p[0] - min(xs)) / span_x, (p[1] - min(ys)) / span_y) for n, p in pos.items()}


def _component(graph: nx.Graph, nodes: list[str]) -> nx.Graph:
    """A copy of one component with nodes and edges in sorted order. `graph.subgraph` iterates
    a set, whose order changes with Python's hash seed, and the layout would change with it."""
    part = nx.Graph()
    part.add_nodes_from(nodes)
    part.add_edges_from(
        sorted((min(a, b), max(a, b), d) for a, b, d in graph.subgraph(nodes).edges(data=True))
    )
    return part


def layout(nodes: list[str], edges: dict[tuple[str, str, str], Edge]) -> dict[str, tuple[float, float]]:
    """Positions in the unit square. Each connected component is laid out on its own; the largest
    fills the top of the picture and the others share a band below it, so small pairs do not
    push the main cluster into a corner."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for (a, b, _), edge in sorted(edges.items()):
        if a in graph and b in graph:
            weight = graph.get_edge_data(a, b, {"weight": 0.0})["weight"]
            graph.add_edge(a, b, weight=weight + math.log1p(edge.count))
    parts = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    if not parts:
        return {}
    main, rest = parts[0], parts[1:]
    band = MINOR_BAND if rest else 0.0
    pos = {n: (x, y * (1 - band)) for n, (x, y) in _spring(_component(graph, main)).items()}
    per_row = max(1, math.ceil(math.sqrt(len(rest) * 4)))  # cells about twice as wide as high
    rows = math.ceil(len(rest) / per_row) if rest else 0
    for i, part in enumerate(rest):
        col, row = i % per_row, i // per_row
        cell_w, cell_h = 1 / per_row, band / rows
        for n, (x, y) in _spring(_component(graph, part)).items():
            pos[n] = (col * cell_w + (0.15 + 0.7 * x) * cell_w, 1 - band + (row + 0.15 + 0.7 * y) * cell_h)
    return pos


def _overlaps(box: tuple[float, float, float, float], boxes: list[tuple[float, float, float, float]]) -> bool:
    x1, y1, x2, y2 = box
    return any(x1 < b[2] and b[0] < x2 and y1 < b[3] and b[1] < y2 for b in boxes)


def place_labels(nodes: list[Node]) -> None:
    """Busiest first, below the node else above it; a label that would cover an earlier label or
    another node is dropped (the node's hover title still names it)."""
    taken = [(n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r) for n in nodes]
    for node in sorted(nodes, key=lambda n: (-n.degree, n.name)):
        text = node.name if len(node.name) <= MAX_NODE_LABEL else node.name[: MAX_NODE_LABEL - 1] + "…"
        half = CHAR_WIDTH * len(text) / 2
        centre = min(max(node.x, half), WIDTH - half)  # a label at the edge moves inwards
        for top in (node.y + node.r + 1, node.y - node.r - LABEL_HEIGHT - 1):
            box = (centre - half, top, centre + half, top + LABEL_HEIGHT)
            own = (node.x - node.r, node.y - node.r, node.x + node.r, node.y + node.r)
            if box[1] < 0 or box[3] > HEIGHT:
                continue
            if not _overlaps(box, [b for b in taken if b != own]):
                node.label, node.label_x, node.label_y = text, centre, top + LABEL_HEIGHT - 3
                taken.append(box)
                break


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
    drawable = sorted(degree, key=lambda k: (-degree[k], k))
    top = set(drawable[:MAX_GRAPH_NODES])
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
    xy = {
        k: (MARGIN + x * (WIDTH - 2 * MARGIN), MARGIN + y * (HEIGHT - 2 * MARGIN))
        for k, (x, y) in pos.items()
    }
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
    place_labels(view.nodes)
    return view
