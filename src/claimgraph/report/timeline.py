"""The timeline: lanes of dots (stances per claim, events per actor pair) and one row per fact.

A stance is dated by its document's publication date; an event by its resolved date, else
its document's. A date that names only a month or a year ("since 2009") is drawn as a bar
over that period, not as a day. Dots of one lane, period and colour are merged and sized by
count, so the picture's size depends on the number of days, not of documents. Below the
picture every fact is one row (an event as "actor action target", a stance with its label),
and facts without any date are listed apart rather than dropped.

Events go through `claimgraph.timeline.timeline`, the function `claimgraph timeline` and the web
app use, on model types (`report/as_model.py`): the same date for each event, and the same rule
for one fact found twice in one document (one row, one dot). Stances, which only the report
draws, are dated as that module dates statements: by their document's publication day.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claimgraph.model import ActorRef, Event, HolderKind, Stance, TimelineEntry
from claimgraph.report import as_model
from claimgraph.report.index import ExportIndex
from claimgraph.report.markup import anchor, css_token, period_of, readable_source
from claimgraph.report.templating import render
from claimgraph.timeline import event_phrase, published_day, timeline

MAX_CLAIM_LANES = 12  # claims with the most stances; more lanes would not fit a screen
MAX_PAIR_LANES = 10  # actor pairs with the most events
WIDTH, LANE_HEIGHT, LABEL_WIDTH, AXIS_HEIGHT, RIGHT_MARGIN = 960, 30, 290, 28, 40  # px
MAX_TICKS = 8  # date labels on the axis; about one per 80 px
MAX_LABEL_CHARS = 38  # lane labels are cut here to fit LABEL_WIDTH at 12 px (~7 px a character)
SINGLE_DAY_PAD = 3  # days either side when everything falls on one day: an axis, not a point
MAX_FACT_ROWS = 300  # dated rows listed; the export has the rest
MAX_UNDATED_ROWS = 200  # undated rows listed
MONTH_DAYS = 32  # a period shorter than this is a month, else a year
MODALITIES = frozenset({"asserted", "denied", "planned", "hypothetical", "reported"})
STANCES = frozenset({"agree", "disagree", "discuss", "unrelated"})
# (largest span in days, unit, steps tried): days, then months, then years on the axis
TICK_UNITS = (
    (62, "day", (1, 2, 7, 14)),
    (3 * 366, "month", (1, 2, 3, 6)),
    (math.inf, "year", (1, 2, 5, 10, 25)),
)


@dataclass(slots=True)
class Lane:
    """One row of marks: (first day, last day, colour) → count, with names for the hover text."""

    label: str
    dots: Counter[tuple[dt.date, dt.date, str]] = field(default_factory=Counter)
    who: dict[tuple[dt.date, dt.date, str], set[str]] = field(default_factory=dict)

    def add(self, period: tuple[dt.date, dt.date], token: str, name: str) -> None:
        key = (*period, token)
        self.dots[key] += 1
        self.who.setdefault(key, set()).add(name)


@dataclass(slots=True)
class Mark:
    cls: str
    x: float
    y: float
    width: float  # 0 for a day (a dot); else a bar over a month or year
    r: float
    title: str


@dataclass(slots=True)
class LanesView:
    """A drawn picture: ticks, lane labels and marks, all in px."""

    element_id: str
    height: int
    ticks: list[tuple[float, str]]
    lanes: list[tuple[float, str, str]]  # (y, cut label, full label)
    marks: list[Mark]


@dataclass(slots=True)
class Fact:
    """One timeline row: an event or a stance, once."""

    date: str
    kind: str
    what: str
    label: str
    token: str  # stance or modality class
    who: str
    where: str
    doc_id: str
    sentence: str
    doc_anchor: str = ""  # set when the document's full text is in the page


def holder_name(stance: Stance) -> str:
    """Who holds a stance, as shown: an outlet (own voice) made readable, a speaker as written."""
    if stance.holder_kind is HolderKind.SOURCE:
        return readable_source(stance.holder) or stance.holder
    return stance.holder


def claim_lanes(claims: Iterable[tuple[str, Sequence[Stance]]], days: Mapping[str, dt.date]) -> list[Lane]:
    """Stances per claim ((label, stances) pairs), each dated by its document's publication day
    (`days`, by document id); the claims with the most stances first."""
    ranked = sorted(claims, key=lambda c: -len(c[1]))[:MAX_CLAIM_LANES]
    lanes = []
    for label, stances in ranked:
        lane = Lane(label)
        for s in stances:
            day = days.get(s.doc_id)
            if day:
                lane.add((day, day), s.stance.value, holder_name(s))
        lanes.append(lane)
    return [lane for lane in lanes if lane.dots]


def _actor_key(ref: ActorRef | None, names: Mapping[str, str]) -> tuple[str, str] | None:
    """(key, display name): the registry id and name when resolved, else the name as written, so
    "Tehran" and "Iran" meet in one lane."""
    if ref is None or not (ref.actor_id or ref.name):
        return None
    key = ref.actor_id or ref.name
    return key, names.get(key) or ref.name or key


def pair_lanes(events: Iterable[tuple[TimelineEntry, Event]], names: Mapping[str, str]) -> list[Lane]:
    """Events per actor pair, one mark per fact (`timeline.timeline`'s entries with their events);
    `names`: registry actor names by id."""
    lanes: dict[tuple[str, str], Lane] = {}
    for entry, e in events:
        a, b = _actor_key(e.actor, names), _actor_key(e.target, names)
        period = period_of(entry.date)
        if not (a and b and period) or a[0] == b[0]:
            continue
        lo, hi = sorted((a, b))
        lane = lanes.setdefault((lo[0], hi[0]), Lane(f"{lo[1]} – {hi[1]}"))
        lane.add(period, css_token(e.modality, MODALITIES), f"{a[1]} {e.action} {b[1]}")
    ranked = sorted(lanes.values(), key=lambda lane: (-sum(lane.dots.values()), lane.label))
    return ranked[:MAX_PAIR_LANES]


def timeline_events(index: ExportIndex) -> list[tuple[TimelineEntry, Event]]:
    """The export's events as `claimgraph.timeline` orders and dates them, each with its event."""
    events = index.model_events()
    by_id = {e.id: e for e in events}
    return [(entry, by_id[entry.id]) for entry in timeline(events, (), as_model.documents(index.documents))]


def export_claims(index: ExportIndex) -> list[tuple[str, list[Stance]]]:
    """The export's claims with the most stances as (label, stances) for `claim_lanes`, stances read
    back as model types; only as many as there are lanes (the other stances are not drawn, and
    converting 2,000 claims' stances cost more than drawing the 12)."""
    ranked = sorted(index.claims, key=lambda c: -len(c.get("stances") or ()))[:MAX_CLAIM_LANES]
    return [(str(c.get("text") or c.get("id")), as_model.stances(c)) for c in ranked]


def export_days(index: ExportIndex) -> dict[str, dt.date]:
    """Each exported document's publication day, by id, for `claim_lanes`."""
    return {doc_id: day for doc_id in index.doc_by_id if (day := index.doc_date(doc_id))}


def export_names(index: ExportIndex) -> dict[str, str]:
    """Registry actor names by id, for `pair_lanes`."""
    return {key: str(a["name"]) for key, a in index.actor_by_id.items() if a.get("name")}


def _label(text: str) -> str:
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + "…"


def _step(day: dt.date, unit: str, step: int) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=step)
    months = day.year * 12 + day.month - 1 + (step if unit == "month" else 12 * step)
    return dt.date(months // 12, months % 12 + 1, 1)


def ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Axis labels on whole days, months or years (by span), at most MAX_TICKS, none repeated."""
    span = (last - first).days
    unit, steps = next((unit, steps) for limit, unit, steps in TICK_UNITS if span <= limit)
    fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[unit]
    start = first if unit == "day" else dt.date(first.year, first.month if unit == "month" else 1, 1)
    for step in steps:
        if span / {"day": 1, "month": 30.4, "year": 365.25}[unit] / step < MAX_TICKS:
            break
    if unit == "year":
        start = dt.date(start.year - start.year % step, 1, 1)
    out, day = [], start
    while day <= last:
        if day >= first:
            out.append((day, day.strftime(fmt)))
        day = _step(day, unit, step)
    return out


def lanes_view(lanes: list[Lane], element_id: str, prefix: str) -> LanesView | None:
    """Lanes of marks along one shared date axis; `prefix` picks the colour classes. None if empty."""
    periods = [(a, b) for lane in lanes for a, b, _ in lane.dots]
    if not periods:
        return None
    first, last = min(a for a, _ in periods), max(b for _, b in periods)
    if first == last:
        first, last = first - dt.timedelta(days=SINGLE_DAY_PAD), last + dt.timedelta(days=SINGLE_DAY_PAD)
    span = (last - first).days
    plot = WIDTH - LABEL_WIDTH - RIGHT_MARGIN

    def x_of(day: dt.date) -> float:
        return LABEL_WIDTH + plot * (day - first).days / span

    rows, marks = [], []
    for row, lane in enumerate(lanes):
        y = AXIS_HEIGHT + LANE_HEIGHT * row + LANE_HEIGHT / 2
        rows.append((y, _label(lane.label), lane.label))
        for (a, b, token), count in sorted(lane.dots.items()):
            names = ", ".join(sorted(lane.who[(a, b, token)])[:6])
            when = (
                a.isoformat()
                if a == b
                else f"{a.isoformat()} to {b.isoformat()} (date known to the {_precision(a, b)})"
            )
            marks.append(Mark(f"{prefix}-{token}", x_of(a), y, x_of(b) - x_of(a),
                              min(3 + 2 * math.sqrt(count), LANE_HEIGHT / 2 - 1),
                              f"{when}: {count} {token} — {names}"))  # fmt: skip
    height = AXIS_HEIGHT + LANE_HEIGHT * len(lanes) + 10
    return LanesView(element_id, height, [(x_of(d), text) for d, text in ticks(first, last)], rows, marks)


def _precision(first: dt.date, last: dt.date) -> str:
    return "month" if (last - first).days < MONTH_DAYS else "year"


def _event_fact(index: ExportIndex, entry: TimelineEntry, e: Event) -> Fact:
    actor = e.actor.name or "someone"
    what = event_phrase(actor, e.action, e.target.name if e.target else None, e.place)
    return Fact(entry.date or "", "event", what, e.modality, css_token(e.modality, MODALITIES), actor,
                index.outlet(e.doc_id) or "", e.doc_id, e.text)  # fmt: skip


def _stance_facts(index: ExportIndex) -> list[tuple[tuple[Any, ...], Fact]]:
    out = []
    for claim in index.claims:
        for s in claim.get("stances") or ():
            if not isinstance(s, dict):
                continue
            doc = index.doc_by_id.get(str(s.get("doc_id"))) or {}
            holder = index.holder(s)
            evidence = next((e for e in s.get("evidence") or () if isinstance(e, dict)), {})
            key = (s.get("doc_id"), claim.get("id"), holder, s.get("stance"))
            fact = Fact(
                date=published_day(str(doc.get("published") or "")) or "",
                kind="stance",
                what=str(claim.get("text") or ""),
                label=str(s.get("stance") or ""),
                token=css_token(s.get("stance"), STANCES),
                who=holder,
                where=index.outlet(s.get("doc_id")) or "",
                doc_id=str(s.get("doc_id")),
                sentence=str(evidence.get("text") or ""),
            )
            out.append((key, fact))
    return out


def facts(
    index: ExportIndex, events: list[tuple[TimelineEntry, Event]] | None = None
) -> tuple[list[Fact], list[Fact]]:
    """(dated, undated) rows, one per fact: a fact found twice in one document is one row."""
    rows = [
        _event_fact(index, entry, e) for entry, e in (timeline_events(index) if events is None else events)
    ]
    seen: set[tuple[Any, ...]] = set()
    for key, fact in _stance_facts(index):
        if key not in seen:
            seen.add(key)
            rows.append(fact)
    dated = sorted((f for f in rows if period_of(f.date)), key=lambda f: (f.date, f.kind, f.what, f.who))
    # undated: stances first (where each outlet stands), then events
    undated = sorted(
        (f for f in rows if not period_of(f.date)), key=lambda f: (f.kind != "stance", f.what, f.who)
    )
    return dated, undated


@dataclass(slots=True)
class TimelineView:
    claims: LanesView | None
    events: LanesView | None
    dated: list[Fact]
    dated_more: int
    undated: list[Fact]
    undated_more: int
    stance_legend: list[str]
    modality_legend: list[str]


def timeline_view(index: ExportIndex, doc_links: set[str]) -> TimelineView:
    events = timeline_events(index)
    dated, undated = facts(index, events)
    for fact in (*dated[:MAX_FACT_ROWS], *undated[:MAX_UNDATED_ROWS]):
        if fact.doc_id in doc_links:
            fact.doc_anchor = anchor("doc", fact.doc_id)
    return TimelineView(
        lanes_view(claim_lanes(export_claims(index), export_days(index)), "timeline-claims", "st"),
        lanes_view(pair_lanes(events, export_names(index)), "timeline-events", "md"),
        dated[:MAX_FACT_ROWS],
        max(0, len(dated) - MAX_FACT_ROWS),
        undated[:MAX_UNDATED_ROWS],
        max(0, len(undated) - MAX_UNDATED_ROWS),
        sorted(STANCES),
        sorted(MODALITIES),
    )


def timeline_html(index: ExportIndex, doc_links: set[str] | frozenset[str] = frozenset()) -> str:
    """The timeline section alone (lanes, dated rows, undated rows), for `claimgraph timeline -o x.html`."""
    return render("timeline.html.j2", timeline=timeline_view(index, set(doc_links)))


def lanes_svg(lanes: list[Lane], element_id: str, prefix: str) -> str:
    """One lanes picture as an SVG element; empty when nothing is dated."""
    view = lanes_view(lanes, element_id, prefix)
    return render("lanes.html.j2", v=view, empty="").strip() if view else ""
