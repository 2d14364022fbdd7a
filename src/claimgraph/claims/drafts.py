"""Claim drafts: a claim while it is built, its members keyed by fact, and the finished `Claim`.

Triples (`claims/triples.py`) and free text (`claims/free_text.py`) both fill drafts; `add_member`
is the one rule for what a draft keeps, so both sources fold members alike.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from claimgraph.claims.text import ActorTable, overlaps
from claimgraph.model import ActorRef, Claim, ClaimMember, Span


@dataclass
class Draft:
    key: tuple
    subject: str | None
    relation: str | None
    object: str | None
    place: str | None
    members: dict[tuple[str, str], ClaimMember]
    text: str = ""
    # sentence members' spans per document: an overlap check reads one document's, not all
    spans: dict[str, list[Span]] = field(default_factory=dict)


def claim_id(key: tuple) -> str:
    """Ids hash the normalised key, so the same corpus always gives the same claims."""
    return "claim:" + hashlib.sha256(repr(key).encode()).hexdigest()[:16]


def add_member(draft: Draft, member: ClaimMember) -> None:
    """One member per fact; a denial of the same fact outweighs an assertion found beside it."""
    key = (member.fact.kind, member.fact.id)
    same_doc = draft.spans.get(member.span.doc_id, [])
    if member.fact.kind == "sentence" and any(overlaps(span, member.span) for span in same_doc):
        return
    old = draft.members.get(key)
    if old is None:
        draft.spans.setdefault(member.span.doc_id, []).append(member.span)
    if old is None or member.polarity < old.polarity:
        draft.members[key] = member


def finish(draft: Draft, table: ActorTable) -> Claim:
    """The claim of a draft, its members in document order."""
    members = tuple(sorted(draft.members.values(), key=member_order))
    return Claim(
        id=claim_id(draft.key),
        text=draft.text,
        subject=ActorRef(table.name(draft.subject), draft.subject) if draft.subject else None,
        relation=draft.relation,
        object=ActorRef(table.name(draft.object), draft.object) if draft.object else None,
        place=draft.place,
        members=members,
    )


def member_order(m: ClaimMember) -> tuple[str, int, str]:
    """A claim's members in document order."""
    return (m.fact.doc_id, m.span.start, m.fact.id)


def grown(claim: Claim, members: Iterable[ClaimMember]) -> Claim:
    """A stored claim with members added by `add_member`'s rule (its own kept as they are); its
    key, text and so its id stay (`claims.settled`)."""
    draft = Draft((), None, None, None, None, {(m.fact.kind, m.fact.id): m for m in claim.members})
    for m in claim.members:
        draft.spans.setdefault(m.span.doc_id, []).append(m.span)
    for m in members:
        add_member(draft, m)
    return replace(claim, members=tuple(sorted(draft.members.values(), key=member_order)))
