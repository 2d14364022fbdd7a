"""Timelines as SVG pictures: one lane per claim (stances by date) and per actor pair (events).

A stance is dated by its document's publication date; an event by its resolved date, else
its document's. Dots of one lane, day and colour are merged and sized by count, so the
picture's size depends on the number of days, not of documents.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field

from claimgraph.report.index import ExportIndex
from claimgraph.report.markup import css_token, date_of, esc

MAX_CLAIM_LANES = 12  # claims with the most stances; more lanes would not fit a screen
MAX_PAIR_LANES = 10  # actor pairs with the most events
WIDTH, LANE_HEIGHT, LABEL_WIDTH, AXIS_HEIGHT, RIGHT_MARGIN = 960, 30, 290, 28, 40  # px
TICKS = 7  # date labels on the axis; about one per 100 px
MAX_LABEL_CHARS = 38  # lane labels are cut here to fit LABEL_WIDTH at 12 px (~7 px a character)
MODALITIES = frozenset({"asserted", "denied", "planned", "hypothetical", "reported"})
STANCES = frozenset({"agree", "disagree", "discuss", "unrelated"})


@dataclass(slots=True)
class Lane:
    """One row of dots: (day, colour) → count, with names for the hover text."""

    label: str
    dots: Counter[tuple[dt.date, str]] = field(default_factory=Counter)
    who: dict[tuple[dt.date, str], set[str]] = field(default_factory=dict)

    def add(self, day: dt.date, token: str, name: str) -> None:
        self.dots[(day, token)] += 1
        self.who.setdefault((day, token), set()).add(name)


def claim_lanes(index: ExportIndex) -> list[Lane]:
    ranked = sorted(index.claims, key=lambda c: -len(c.get("stances") or ()))[:MAX_CLAIM_LANES]
    lanes = []
    for claim in ranked:
        lane = Lane(str(claim.get("text") or claim.get("id")))
        for s in claim.get("stances") or ():
            day = isinstance(s, dict) and index.doc_date(s.get("doc_id"))
            if day:
                lane.add(day, css_token(s.get("stance"), STANCES), str(s.get("holder") or ""))
        lanes.append(lane)
    return [lane for lane in lanes if lane.dots]


def pair_lanes(index: ExportIndex) -> list[Lane]:
    lanes: dict[tuple[str, str], Lane] = {}
    for e in index.events:
        a, b = index.actor_key(e.get("actor")), index.actor_key(e.get("target"))
        day = date_of(e.get("date")) or index.doc_date(e.get("doc_id"))
        if not (a and b and day) or a[0] == b[0]:
            continue
        lo, hi = sorted((a, b))
        lane = lanes.setdefault((lo[0], hi[0]), Lane(f"{lo[1]} – {hi[1]}"))
        lane.add(day, css_token(e.get("modality"), MODALITIES), f"{a[1]} {e.get('action')} {b[1]}")
    ranked = sorted(lanes.values(), key=lambda lane: (-sum(lane.dots.values()), lane.label))
    return ranked[:MAX_PAIR_LANES]


def _label(text: str) -> str:
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + "…"


def lanes_svg(lanes: list[Lane], element_id: str, prefix: str) -> str:
    """Lanes of dots along one shared date axis; `prefix` picks the colour classes."""
    days = [day for lane in lanes for day, _ in lane.dots]
    if not days:
        return '<p class="muted">Nothing dated.</p>'
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    plot = WIDTH - LABEL_WIDTH - RIGHT_MARGIN
    height = AXIS_HEIGHT + LANE_HEIGHT * len(lanes) + 10

    def x_of(day: dt.date) -> float:
        return LABEL_WIDTH + plot * (day - first).days / span

    parts = []
    for t in range(TICKS):
        day = first + dt.timedelta(days=round(span * t / (TICKS - 1)))
        x = x_of(day)
        parts.append(
            f'<line class="tick" x1="{x:.1f}" y1="{AXIS_HEIGHT - 6}" x2="{x:.1f}" y2="{height}"/>'
            f'<text class="axis" x="{x:.1f}" y="{AXIS_HEIGHT - 10}">{day.isoformat()}</text>'
        )
    for row, lane in enumerate(lanes):
        y = AXIS_HEIGHT + LANE_HEIGHT * row + LANE_HEIGHT / 2
        parts.append(
            f'<text class="lane" x="{LABEL_WIDTH - 8}" y="{y + 4:.1f}">{esc(_label(lane.label))}'
            f"<title>{esc(lane.label)}</title></text>"
            f'<line class="lane-line" x1="{LABEL_WIDTH}" y1="{y:.1f}" x2="{WIDTH - RIGHT_MARGIN}"'
            f' y2="{y:.1f}"/>'
        )
        for (day, token), count in sorted(lane.dots.items()):
            names = ", ".join(sorted(lane.who[(day, token)])[:6])
            parts.append(
                f'<circle class="{prefix}-{token}" cx="{x_of(day):.1f}" cy="{y:.1f}"'
                f' r="{min(3 + 2 * math.sqrt(count), LANE_HEIGHT / 2 - 1):.1f}">'
                f"<title>{day.isoformat()}: {count} {esc(token)} — {esc(names)}</title></circle>"
            )
    return (
        f'<svg id="{element_id}" class="timeline" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}"'
        f' height="{height}" xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )


def timeline_section(index: ExportIndex) -> str:
    stance_legend = "".join(f'<span class="key st-{s}"></span>{s} ' for s in sorted(STANCES))
    modality_legend = "".join(f'<span class="key md-{m}"></span>{m} ' for m in sorted(MODALITIES))
    return (
        "<h3>Stances on the main claims, by publication date</h3>"
        f'{lanes_svg(claim_lanes(index), "timeline-claims", "st")}<p class="legend">{stance_legend}</p>'
        "<h3>Events between actors, by date</h3>"
        f'{lanes_svg(pair_lanes(index), "timeline-events", "md")}<p class="legend">{modality_legend}</p>'
    )
