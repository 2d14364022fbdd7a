"""The relation graph as an SVG picture: actors as nodes, cooperation and conflict edges.

Edges come from the export's events (actor → target). The relation class is the action's
in the taxonomy (data/actions.json), the same as `claimgraph graph`. An edge whose
events are mostly denied ("no military coordination") is drawn dashed.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from claimgraph import taxonomy
from claimgraph.report.index import ExportIndex
from claimgraph.report.layout import force_layout
from claimgraph.report.markup import css_token, esc

MAX_GRAPH_NODES = 30  # more labels than this overlap at the picture's size; the busiest actors win
WIDTH, HEIGHT, MARGIN = 960, 620, 90  # px; the margin leaves room for labels at the edge
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


def _edge_title(names: dict[str, str], a: str, b: str, cls: str, edge: Edge) -> str:
    actions = ", ".join(f"{act} ×{n}" for act, n in edge.actions.most_common(4))
    when = f"; {min(edge.dates)} to {max(edge.dates)}" if edge.dates else ""
    return f"{names[a]} – {names[b]}: {cls}, {edge.count} event(s), {edge.denied} denied ({actions}){when}"


def relation_svg(index: ExportIndex) -> str:
    names, edges = collect_edges(index)
    if not edges:
        return '<p class="muted">No events between two actors.</p>'
    degree: Counter[str] = Counter()
    for (a, b, _), edge in edges.items():
        degree[a] += edge.count
        degree[b] += edge.count
    nodes = [k for k, _ in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_GRAPH_NODES]]
    slot = {k: i for i, k in enumerate(nodes)}
    kept = {k: e for k, e in edges.items() if k[0] in slot and k[1] in slot}
    pos = force_layout(len(nodes), [(slot[a], slot[b], e.count) for (a, b, _), e in kept.items()])
    xy = {
        k: (MARGIN + pos[i, 0] * (WIDTH - 2 * MARGIN), MARGIN + pos[i, 1] * (HEIGHT - 2 * MARGIN))
        for k, i in slot.items()
    }
    lines = []
    for (a, b, cls), edge in sorted(kept.items(), key=lambda kv: kv[1].count):
        (x1, y1), (x2, y2) = xy[a], xy[b]
        bend = CURVE if cls == "cooperation" else -CURVE
        cx, cy = (x1 + x2) / 2 - (y2 - y1) * bend, (y1 + y2) / 2 + (x2 - x1) * bend
        dash = ' stroke-dasharray="6 4"' if edge.denied * 2 > edge.count else ""
        lines.append(
            f'<path class="edge e-{cls}" d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}"'
            f' stroke-width="{1 + math.log2(edge.count):.1f}"{dash}>'
            f"<title>{esc(_edge_title(names, a, b, cls, edge))}</title></path>"
        )
    circles = []
    for key in nodes:
        x, y = xy[key]
        kind = css_token(index.actor_by_id.get(key, {}).get("kind"), KINDS, "other")
        r = 4 + 2 * math.sqrt(degree[key])
        circles.append(
            f'<g class="node k-{kind}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}">'
            f"<title>{esc(names[key])}: {degree[key]} event(s)</title></circle>"
            f'<text x="{x:.1f}" y="{y + r + 12:.1f}">{esc(names[key])}</text></g>'
        )
    hidden = len(degree) - len(nodes)
    note = f'<p class="muted">{hidden} less connected actors not drawn.</p>' if hidden > 0 else ""
    legend = (
        '<p class="legend"><span class="key e-cooperation"></span>cooperation '
        '<span class="key e-conflict"></span>conflict <span class="key e-talk"></span>talk '
        '<span class="key e-other"></span>other '
        "— dashed: mostly denied; width: number of events; hover for details</p>"
    )
    return (
        f'<svg id="relation-graph" role="img" aria-label="relation graph" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg">'
        f"{''.join(lines)}{''.join(circles)}</svg>{legend}{note}"
    )
