"""Contradictions: pairs of facts about one claim that cannot both hold, with the reason in words.

Three kinds, strongest first within a claim:
1. opposite polarity: one fact asserts the claim (+1), another denies it (-1);
2. incompatible numbers: the same kind of thing counted differently ("275 troops" / "500 troops");
3. incompatible dates: the same one-off event dated differently.
Pairs across documents rank before pairs inside one, pairs between different holders before
pairs of one holder with itself; at most `ContradictionSettings.max_per_claim` per claim, so a
claim carried by hundreds of documents gives a handful of readable links rather than a
combinatorial explosion.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from itertools import combinations

from claimgraph.model import Claim, ClaimMember, Contradiction, DocumentAnalysis, Event, Span
from claimgraph.settings import DEFAULT_SETTINGS, ContradictionSettings

# Relations that name one-off events, whose dates must agree (talks and cooperation recur).
DATED_RELATIONS = frozenset({"airstrike", "attack", "seize", "withdraw", "arrest"})
# Counted nouns grouped by what they count: "personnel" and "troops" are one count, "advisers" another.
UNITS: dict[str, str] = {
    **dict.fromkeys(("troops", "soldiers", "personnel", "servicemen", "forces"), "troops"),
    **dict.fromkeys(("advisers", "advisors", "trainers"), "advisers"),
    **dict.fromkeys(("airstrikes", "strikes", "raids", "sorties"), "strikes"),
    **dict.fromkeys(("jets", "aircraft", "warplanes", "planes", "drones"), "aircraft"),
    **dict.fromkeys(("killed", "dead", "deaths", "casualties"), "deaths"),
}
_NUMBER = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+)\s+((?:[A-Za-z][\w-]*\s+){0,2}?)([a-z]+)\b")


def _quantities(text: str) -> dict[str, int]:
    """Counted units in a text: "up to 275 US military personnel" -> {"troops": 275}."""
    found: dict[str, int] = {}
    for m in _NUMBER.finditer(text):
        unit = UNITS.get(m.group(3).lower())
        if unit and unit not in found:
            found[unit] = int(m.group(1).replace(",", ""))
    return found


def _facts(analyses: Sequence[DocumentAnalysis]) -> tuple[dict[tuple[str, str], str], dict[str, list[Event]]]:
    """Text of every statement and event by (kind, id), and events per document."""
    texts: dict[tuple[str, str], str] = {}
    events: dict[str, list[Event]] = {}
    for a in analyses:
        for s in a.statements:
            texts[("statement", s.id)] = s.content
        for e in a.events:
            texts[("event", e.id)] = e.text
        events[a.doc_id] = list(a.events)
    return texts, events


def _date_of(member: ClaimMember, relation: str | None, events: dict[str, list[Event]]) -> str | None:
    """A full-day date of the claim's event in the member's span, when the text gives one."""
    span: Span = member.span
    for e in events.get(span.doc_id, ()):
        same_place = e.span.start < span.end and span.start < e.span.end
        if same_place and e.date and len(e.date) == 10 and (relation is None or e.action == relation):
            return e.date
    return None


# Facts read as firmer evidence than a headline or lead sentence matched by meaning.
KIND_RANK = {"event": 0, "statement": 0, "sentence": 1}


def _rank(a: ClaimMember, b: ClaimMember) -> tuple:
    same_doc, same_holder = a.fact.doc_id == b.fact.doc_id, a.holder == b.holder
    kinds = KIND_RANK.get(a.fact.kind, 1) + KIND_RANK.get(b.fact.kind, 1)
    return (same_doc, same_holder, kinds, a.fact.doc_id, a.span.start, b.fact.doc_id, b.span.start)


def _make(claim: Claim, a: ClaimMember, b: ClaimMember, reason: str) -> Contradiction:
    key = f"{claim.id}|{a.fact.kind}:{a.fact.id}|{b.fact.kind}:{b.fact.id}|{reason.split(':')[0]}"
    return Contradiction(
        id="contradiction:" + hashlib.sha256(key.encode()).hexdigest()[:16],
        claim_id=claim.id,
        a=a.fact,
        b=b.fact,
        reason=reason,
    )


def find_contradictions(
    claims: Sequence[Claim],
    analyses: Sequence[DocumentAnalysis],
    settings: ContradictionSettings = DEFAULT_SETTINGS.contradiction,
) -> list[Contradiction]:
    """Contradictions per claim, in claim order, strongest first within each (at most
    `settings.max_per_claim`)."""
    texts, events = _facts(analyses)
    out: list[Contradiction] = []
    for claim in claims:
        found: list[tuple[tuple, Contradiction]] = []
        asserting = _sample([m for m in claim.members if m.polarity > 0], settings.max_per_side)
        denying = _sample([m for m in claim.members if m.polarity < 0], settings.max_per_side)
        for a in asserting:
            for b in denying:
                reason = f"{a.holder} asserts, and {b.holder} denies, that {claim.text}"
                found.append(((0, *_rank(a, b)), _make(claim, a, b, reason)))
        for a, b in combinations([m for m in asserting if m.fact.kind != "sentence"], 2):
            if a.fact.doc_id == b.fact.doc_id:
                continue
            qa = _quantities(texts.get((a.fact.kind, a.fact.id), ""))
            qb = _quantities(texts.get((b.fact.kind, b.fact.id), ""))
            for unit in sorted(qa.keys() & qb.keys()):
                if qa[unit] != qb[unit]:
                    counts = f"{a.holder} gives {qa[unit]:,} {unit}, {b.holder} gives {qb[unit]:,}"
                    reason = f"{counts}: {claim.text}"
                    found.append(((1, *_rank(a, b)), _make(claim, a, b, reason)))
            if claim.relation in DATED_RELATIONS:
                da, db = _date_of(a, claim.relation, events), _date_of(b, claim.relation, events)
                if da and db and da != db:
                    reason = f"{a.holder} dates it {da}, {b.holder} dates it {db}: {claim.text}"
                    found.append(((2, *_rank(a, b)), _make(claim, a, b, reason)))
        found.sort(key=lambda item: item[0])
        out += _diverse([c for _, c in found])[: settings.max_per_claim]
    return out


def _sample(members: list[ClaimMember], limit: int) -> list[ClaimMember]:
    """At most `limit` members, one per holder first (events and statements before sentences),
    so the pairs compared stay bounded however many documents repeat a claim."""
    ordered = sorted(members, key=lambda m: (KIND_RANK.get(m.fact.kind, 1), m.fact.doc_id, m.span.start))
    seen: set[str] = set()
    first: list[ClaimMember] = []
    rest: list[ClaimMember] = []
    for m in ordered:
        (rest if m.holder in seen else first).append(m)
        seen.add(m.holder)
    return (first + rest)[:limit]


def _diverse(ranked: list[Contradiction]) -> list[Contradiction]:
    """Pairs whose facts are both new first (in rank order), then the rest: five links should
    show five disagreements, not one assertion against five denials."""
    unique = list({c.id: c for c in ranked}.values())
    used: set[tuple[str, str]] = set()
    first, rest = [], []
    for c in unique:
        facts = {(c.a.kind, c.a.id), (c.b.kind, c.b.id)}
        if facts & used:
            rest.append(c)
        else:
            first.append(c)
            used |= facts
    return first + rest
