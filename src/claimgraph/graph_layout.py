"""The relation graph as a picture: positions and labels, shared by the HTML report
(`report/relations.py`) and the web app (`web/layout.py`), so both draw one store the same way.

Positions come from networkx's spring layout with a fixed seed, per connected component: the
largest component fills the top of the picture and the others share a band below it, so small
pairs do not push the main cluster into a corner. Node and edge order is sorted before layout
(a set's order changes with Python's hash seed, and the picture would change with it). Labels are
placed busiest first, below the node else above it; one that would cover an earlier label or
another node is left out (the node's hover title still names it).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

LAYOUT_SEED = 7  # any fixed seed: the layout must not change between runs
LAYOUT_ITERATIONS = 200  # spring layout steps; positions stop moving visibly well before this
MINOR_BAND = 0.3  # share of the picture's height for the components other than the largest


@dataclass(slots=True)
class Node:
    """An actor drawn in the picture: its circle and, when it fits, its label."""

    key: str
    name: str
    kind: str
    degree: int
    x: float
    y: float
    r: float
    label: str | None = None  # drawn text; None when it would overlap another label
    label_x: float = 0.0  # the label's centre: the node's x, moved in from the picture's edge
    label_y: float = 0.0  # the label's baseline


@dataclass(frozen=True, slots=True)
class Canvas:
    """The picture's size and its label metrics (px)."""

    width: float
    height: float
    margin: float  # room for labels at the edge
    char_width: float  # per character of a label
    label_height: float
    max_label: int  # characters of a drawn label; the full name is in the node's title


def pair_weights(edges: Iterable[tuple[str, str, int]]) -> dict[tuple[str, str], float]:
    """Layout weight per unordered pair: log(1 + events) summed over the pair's edges, so a busy
    pair pulls closer without one huge count flattening the rest."""
    weights: dict[tuple[str, str], float] = {}
    for a, b, count in edges:
        pair = (min(a, b), max(a, b))
        weights[pair] = weights.get(pair, 0.0) + math.log1p(count)
    return weights


def busiest(keys: Iterable[str], degree: Mapping[str, int], cap: int) -> tuple[list[str], list[str]]:
    """The `cap` keys with the highest degree (ties by key), and the rest in the same order."""
    ranked = sorted(keys, key=lambda k: (-degree.get(k, 0), k))
    return ranked[:cap], ranked[cap:]


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
    """A copy of one component with nodes and edges in sorted order."""
    part = nx.Graph()
    part.add_nodes_from(nodes)
    part.add_edges_from(
        sorted((min(a, b), max(a, b), d) for a, b, d in graph.subgraph(nodes).edges(data=True))
    )
    return part


def positions(
    nodes: Sequence[str], weights: Mapping[tuple[str, str], float]
) -> dict[str, tuple[float, float]]:
    """Positions in the unit square, each connected component laid out on its own (module doc)."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for (a, b), weight in sorted(weights.items()):
        if a in graph and b in graph:
            graph.add_edge(a, b, weight=weight)
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


def to_canvas(unit: tuple[float, float], canvas: Canvas) -> tuple[float, float]:
    """A unit-square position in the picture, inside its margin."""
    x, y = unit
    return (
        canvas.margin + x * (canvas.width - 2 * canvas.margin),
        canvas.margin + y * (canvas.height - 2 * canvas.margin),
    )


def _overlaps(box: tuple[float, float, float, float], boxes: list[tuple[float, float, float, float]]) -> bool:
    x1, y1, x2, y2 = box
    return any(x1 < b[2] and b[0] < x2 and y1 < b[3] and b[1] < y2 for b in boxes)


def place_labels(nodes: Sequence[Node], canvas: Canvas, max_labels: int | None = None) -> None:
    """Set `label` on the busiest nodes whose label, below or above the node, covers no earlier
    label and no other node; at most `max_labels` of them."""
    taken = [(n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r) for n in nodes]
    placed = 0
    for node in sorted(nodes, key=lambda n: (-n.degree, n.name, n.key)):
        if max_labels is not None and placed >= max_labels:
            break
        fits = len(node.name) <= canvas.max_label
        text = node.name if fits else node.name[: canvas.max_label - 1] + "…"
        half = canvas.char_width * len(text) / 2
        centre = min(max(node.x, half), canvas.width - half)  # a label at the edge moves inwards
        own = (node.x - node.r, node.y - node.r, node.x + node.r, node.y + node.r)
        for top in (node.y + node.r + 1, node.y - node.r - canvas.label_height - 1):
            box = (centre - half, top, centre + half, top + canvas.label_height)
            if box[1] < 0 or box[3] > canvas.height:
                continue
            if not _overlaps(box, [b for b in taken if b != own]):
                node.label, node.label_x, node.label_y = text, centre, top + canvas.label_height - 3
                taken.append(box)
                placed += 1
                break
