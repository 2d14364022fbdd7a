"""The claims table and each claim's evidence, grouped by side, as values the templates render.

Stances are aggregated per holder, keeping an outlet's own voice apart from the speakers it
quotes: "Reuters agrees" and "an official quoted by Reuters agrees" are different facts.
Evidence is grouped by side (for / against / discuss) and every side is listed, so the
disagreeing side of a disputed claim is never cut off behind the agreeing or discussing one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from claimgraph.report.index import ExportIndex
from claimgraph.report.markup import anchor, css_token, name_of, number, readable_source, wilson

STANCES = ("agree", "disagree", "discuss")
# (stance label, heading): the order sides are shown in
SIDES = (("agree", "For"), ("disagree", "Against"), ("discuss", "Discuss"), ("other", "Other"))
VERDICTS = frozenset({"corroborated", "disputed", "denied", "single-source", "unverified"})
HOLDER_KINDS = {"source": "own voice", "speaker": "quoted speaker"}
VOICES = frozenset({"own", "quoted", "comment", "boilerplate"})
# Stances listed per side of a claim; the rest are counted (the export has them). Forty holds every
# side of the three FNC-1 stories of docs/report.md (the largest: 39 discussing) and keeps a
# 2,000-claim, 10,000-document report within the size benchmarks/report.py records there.
MAX_EVIDENCE_PER_SIDE = 40
OPEN_PER_SIDE = 2  # shown at once; the rest of a side sits in a <details> that opens without script
MAX_SPANS_PER_STANCE = 2  # a stance rarely rests on more than two sentences worth reading
MAX_SPANS_FOLDED = 1  # a folded stance shows its first sentence, cut shorter: it keeps big reports small
MAX_FOLDED_CHARS = 240
MAX_EVIDENCE_CHARS = 500  # about two or three sentences; longer spans are cut with an ellipsis
MAX_HOLDER_ROWS = 8  # holders shown at once in the per-holder bars; the rest sit in a <details>


@dataclass(slots=True)
class Bar:
    """A stacked agree/disagree/discuss bar: (stance, width %) parts and the counts in words."""

    parts: list[tuple[str, float]]
    label: str


@dataclass(slots=True)
class Badge:
    """A verdict with its confidence and the outlets on each side, so a number never stands alone."""

    label: str
    token: str
    confidence: str
    support: str  # "3 for, 2 against" (outlets, own voice); empty when no outlet took a side
    interval: str  # share of outlets for, with its 95% interval, in words


@dataclass(slots=True)
class Quote:
    voice: str
    voice_token: str
    chain: str
    text: str


@dataclass(slots=True)
class Item:
    """One stance with its evidence sentences."""

    stance: str
    token: str
    score: str
    holder: str
    kind: str
    outlet: str
    doc_label: str
    doc_anchor: str | None  # set when the document's full text is in the page
    published: str
    quotes: list[Quote]


@dataclass(slots=True)
class Side:
    key: str
    heading: str
    shown: list[Item]
    folded: list[Item]  # listed inside a <details>
    more: int  # not in the page; counted


@dataclass(slots=True)
class HolderRow:
    holder: str
    kind: str
    kind_token: str
    bar: Bar


@dataclass(slots=True)
class ClaimView:
    """Everything one claim shows: the table row and the evidence block."""

    n: int
    id: str
    text: str
    badge: Badge
    own: Bar
    speakers: Bar
    outlets: int
    triple: str
    explanation: str
    holders: list[HolderRow]
    folded_holders: list[HolderRow]
    contradictions: list[str]
    sides: list[Side] = field(default_factory=list)


def _stances(claim: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in claim.get("stances") or () if isinstance(s, dict)]


def _verdict(claim: dict[str, Any]) -> dict[str, Any]:
    verdict = claim.get("verdict")
    return verdict if isinstance(verdict, dict) else {}


def stance_bar(counts: Counter[str]) -> Bar:
    """Widths in percent of the stances present, and "2 agree · 1 disagree" beside them."""
    total = sum(counts[s] for s in STANCES)
    if not total:
        return Bar([], "")
    parts = [(s, 100 * counts[s] / total) for s in STANCES if counts[s]]
    return Bar(parts, " · ".join(f"{counts[s]} {s}" for s in STANCES if counts[s]))


def _counts(stances: list[dict[str, Any]], kind: str) -> Counter[str]:
    return Counter(str(s.get("stance")) for s in stances if s.get("holder_kind") == kind)


def badge(verdict: dict[str, Any], stances: list[dict[str, Any]]) -> Badge:
    """The verdict's label and confidence, with the outlets for and against beside it.

    Outlets are counted once each (their own voice): "corroborated 0.71 (3 for, 2 against)".
    The interval is the 95% Wilson interval of the share of those outlets that agree, so a verdict
    resting on one or two outlets reads as uncertain even when its confidence is high.
    """
    label = str(verdict.get("label") or "unverified")
    confidence = number(verdict.get("confidence"))
    sides: dict[str, set[str]] = {"agree": set(), "disagree": set()}
    for s in stances:
        if s.get("holder_kind") == "source" and s.get("stance") in sides:
            sides[str(s["stance"])].add(ExportIndex.holder(s))
    agree, disagree = len(sides["agree"]), len(sides["disagree"])
    support = f"{agree} for, {disagree} against" if agree + disagree else ""
    bounds = wilson(agree, agree + disagree)
    interval = (
        f"{agree} of {agree + disagree} outlets taking a side agree "
        f"(95% interval {bounds[0]:.2f}–{bounds[1]:.2f})"
        if bounds
        else "no outlet takes a side in its own voice"
    )
    return Badge(label, css_token(label, VERDICTS), f"{confidence:.2f}" if confidence is not None else "",
                 support, interval)  # fmt: skip


def _holder_rows(stances: list[dict[str, Any]]) -> list[HolderRow]:
    by_holder: dict[tuple[str, str], Counter[str]] = {}
    for s in stances:
        holder = ExportIndex.holder(s) or "unnamed"
        by_holder.setdefault((str(s.get("holder_kind")), holder), Counter())[str(s.get("stance"))] += 1
    ordered = sorted(by_holder.items(), key=lambda kv: (kv[0][0] != "source", -sum(kv[1].values()), kv[0][1]))
    return [
        HolderRow(
            holder, HOLDER_KINDS.get(kind, kind), css_token(kind, frozenset(HOLDER_KINDS)), stance_bar(c)
        )
        for (kind, holder), c in ordered
    ]


def _chain(index: ExportIndex, stance: dict[str, Any], evidence: dict[str, Any]) -> list[str]:
    """Outlet → … → speaker: from the stance's statement, else the statement holding the evidence."""
    statement = index.statement_by_id.get(str(stance.get("statement_id"))) or index.statement_at(
        evidence.get("doc_id") or stance.get("doc_id"), evidence.get("start"), evidence.get("end")
    )
    if statement and statement.get("chain"):
        return [readable_source(x) or str(x) for x in statement["chain"]]
    outlet = index.outlet(stance.get("doc_id")) or "unknown outlet"
    return [outlet] if stance.get("holder_kind") == "source" else [outlet, index.holder(stance)]


def _voice_of(index: ExportIndex, evidence: dict[str, Any]) -> str:
    if evidence.get("voice"):
        return str(evidence["voice"])
    doc = index.doc_by_id.get(str(evidence.get("doc_id")))
    start = evidence.get("start")
    for seg in (doc or {}).get("segments") or ():
        if isinstance(start, int) and seg.get("start", 0) <= start < seg.get("end", 0):
            return str(seg.get("voice"))
    return "unknown"


def ranked(stances: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Strongest first, one stance per holder before any holder's second: a capped side still
    shows as many different holders as it can."""
    by_score = sorted(stances, key=lambda s: -(number(s.get("score")) or 0.0))
    seen: set[Any] = set()
    first: list[dict[str, Any]] = []
    rest: list[dict[str, Any]] = []
    for s in by_score:
        key = (s.get("holder_kind"), s.get("holder"))
        (rest if key in seen else first).append(s)
        seen.add(key)
    return first + rest


def _item(index: ExportIndex, stance: dict[str, Any], doc_links: set[str], *, folded: bool) -> Item:
    doc_id = stance.get("doc_id")
    quotes = []
    spans, limit = MAX_SPANS_PER_STANCE, MAX_EVIDENCE_CHARS
    if folded:
        spans, limit = MAX_SPANS_FOLDED, MAX_FOLDED_CHARS
    for ev in [e for e in stance.get("evidence") or () if isinstance(e, dict)][:spans]:
        text = str(ev.get("text") or "")
        if len(text) > limit:
            text = text[:limit] + "…"
        voice = _voice_of(index, ev)
        quotes.append(Quote(voice, css_token(voice, VOICES), " → ".join(_chain(index, stance, ev)), text))
    kind = str(stance.get("holder_kind"))
    score = number(stance.get("score"))
    return Item(
        stance=str(stance.get("stance")),
        token=css_token(stance.get("stance"), frozenset((*STANCES, "unrelated"))),
        score=f"{score:.2f}" if score is not None else "",
        holder=index.holder(stance),
        kind=HOLDER_KINDS.get(kind, kind),
        outlet=index.outlet(doc_id) or "unknown outlet",
        doc_label=index.doc_label(doc_id),
        doc_anchor=anchor("doc", doc_id) if str(doc_id) in doc_links else None,
        published=str((index.doc_by_id.get(str(doc_id)) or {}).get("published") or ""),
        quotes=quotes,
    )


def sides(index: ExportIndex, stances: list[dict[str, Any]], doc_links: set[str]) -> list[Side]:
    """For, against, discuss (and any other label), each listed; empty sides are left out."""
    grouped: dict[str, list[dict[str, Any]]] = {key: [] for key, _ in SIDES}
    for s in stances:
        label = str(s.get("stance"))
        grouped[label if label in STANCES else "other"].append(s)
    out = []
    for key, heading in SIDES:
        listed = ranked(grouped[key])[:MAX_EVIDENCE_PER_SIDE]
        if not listed:
            continue
        items = [_item(index, s, doc_links, folded=i >= OPEN_PER_SIDE) for i, s in enumerate(listed)]
        out.append(
            Side(key, heading, items[:OPEN_PER_SIDE], items[OPEN_PER_SIDE:], len(grouped[key]) - len(items))
        )
    return out


def claim_views(index: ExportIndex, doc_links: set[str]) -> list[ClaimView]:
    """One view per claim, in the index's order (tracked claims first)."""
    contradicted: dict[Any, list[str]] = {}
    for c in index.contradictions:
        contradicted.setdefault(c.get("claim_id"), []).append(str(c.get("reason") or ""))
    views = []
    for n, claim in enumerate(index.claims, 1):
        stances = _stances(claim)
        verdict = _verdict(claim)
        holders = _holder_rows(stances)
        parts = (name_of(claim.get("subject")), claim.get("relation"), name_of(claim.get("object")))
        views.append(
            ClaimView(
                n=n,
                id=anchor("claim", claim.get("id")),
                text=str(claim.get("text") or ""),
                badge=badge(verdict, stances),
                own=stance_bar(_counts(stances, "source")),
                speakers=stance_bar(_counts(stances, "speaker")),
                outlets=len({ExportIndex.holder(s) for s in stances if s.get("holder_kind") == "source"}),
                triple=" — ".join(str(x) for x in parts if x),
                explanation=str(verdict.get("explanation") or ""),
                holders=holders[:MAX_HOLDER_ROWS],
                folded_holders=holders[MAX_HOLDER_ROWS:],
                contradictions=contradicted.get(claim.get("id"), []),
                sides=sides(index, stances, doc_links),
            )
        )
    return views
