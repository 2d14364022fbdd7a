"""The relation graph's picture, shared by the report and the web app (graph_layout.py): weights
per pair, the busiest first, seeded positions per component, labels that never overlap."""

from __future__ import annotations

import math

from claimgraph.graph_layout import (
    MINOR_BAND,
    Canvas,
    Node,
    busiest,
    pair_weights,
    place_labels,
    positions,
    to_canvas,
)

CANVAS = Canvas(width=400, height=300, margin=20, char_width=6, label_height=12, max_label=10)


def test_graph_layout_pair_weights_are_unordered_and_summed() -> None:
    weights = pair_weights([("b", "a", 3), ("a", "b", 1), ("a", "c", 0)])
    assert weights == {("a", "b"): math.log1p(3) + math.log1p(1), ("a", "c"): 0.0}


def test_graph_layout_busiest_ranks_by_degree_then_key() -> None:
    shown, rest = busiest(["c", "a", "b", "d"], {"a": 1, "b": 5, "c": 5}, 2)
    assert shown == ["b", "c"] and rest == ["a", "d"]


def test_graph_layout_positions_are_seeded_and_keep_components_apart() -> None:
    nodes = [f"m{i}" for i in range(6)] + ["p", "q", "lonely"]
    weights = pair_weights([(f"m{i}", f"m{(i + 1) % 6}", 1) for i in range(6)] + [("p", "q", 2)])
    first = positions(nodes, weights)
    assert first == positions(list(reversed(nodes)), dict(reversed(list(weights.items()))))
    assert set(first) == set(nodes)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in first.values())
    assert all(first[f"m{i}"][1] <= 1 - MINOR_BAND for i in range(6))  # the largest part on top
    assert all(first[n][1] >= 1 - MINOR_BAND for n in ("p", "q", "lonely"))  # the rest in the band
    assert positions([], {}) == {}
    assert positions(["solo"], {}) == {"solo": (0.5, 0.5)}


def test_graph_layout_to_canvas_keeps_the_margin() -> None:
    assert to_canvas((0, 0), CANVAS) == (20, 20)
    assert to_canvas((1, 1), CANVAS) == (380, 280)


def _box(node: Node) -> tuple[float, float, float, float]:
    half = CANVAS.char_width * len(node.label or "") / 2
    return (
        node.label_x - half,
        node.label_y - CANVAS.label_height + 3,
        node.label_x + half,
        node.label_y + 3,
    )


def test_graph_layout_labels_never_overlap_and_stay_inside() -> None:
    nodes = [
        Node(f"k{i}", f"Actor {i}", "country", 20 - i, 40 + 15 * (i % 5), 40 + 12 * (i // 5), 4)
        for i in range(20)
    ]
    place_labels(nodes, CANVAS)
    placed = [n for n in nodes if n.label]
    assert placed and len(placed) < len(nodes)  # a crowded corner: some names only on hover
    assert nodes[0].label == "Actor 0"  # the busiest is always written
    boxes = [_box(n) for n in placed]
    circles = [(n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r) for n in nodes]
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= CANVAS.width and a[1] >= 0 and a[3] <= CANVAS.height
        for b in boxes[i + 1 :] + circles:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_graph_layout_labels_are_capped_cut_and_moved_in_from_the_edge() -> None:
    nodes = [Node(f"k{i}", f"A rather long name {i}", "person", i, 5 + 90 * i, 150, 4) for i in range(5)]
    place_labels(nodes, CANVAS, max_labels=2)
    written = [n for n in nodes if n.label]
    assert len(written) == 2 and {n.key for n in written} == {"k4", "k3"}
    assert all(
        n.label is not None and len(n.label) == CANVAS.max_label and n.label.endswith("…") for n in written
    )
    edge = Node("e", "Edge", "person", 1, 1, 150, 4)
    place_labels([edge], CANVAS)
    assert edge.label_x - CANVAS.char_width * 2 >= 0  # centred past the left edge would be cut
