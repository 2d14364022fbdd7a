"""Triple claims: each event with a resolved actor becomes a member of the claim keyed (subject
group, relation class, object group). Symmetric relations order the pair, so "Iran cooperates
with the US" and "the US and Iran cooperate" are one claim; a denied event is a member of the same
claim with polarity -1; an event inside a statement's content is a member through that statement
(holder: the speaker). Places qualify the claim: members without a place join its most common one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from claimgraph.claims.drafts import Draft, add_member
from claimgraph.claims.propositions import (
    claim_place,
    claim_text,
    member_polarity,
    mission_polarity,
    relation_of,
)
from claimgraph.claims.text import (
    ActorTable,
    contains,
    has_cue,
    holder_of_voice,
    names_other_place,
    overlaps,
    speaker_name,
)
from claimgraph.model import ClaimMember, Document, DocumentAnalysis, Event, FactRef, Span, Statement
from claimgraph.taxonomy import SYMMETRIC

# Relations whose object country is where they happen, not whom they target: forces "sent to Iraq"
# are deployed in Iraq ("deploys forces against Iraq" would misread every troop announcement).
DESTINATION_RELATIONS = frozenset({"deploy_forces", "withdraw"})
# A denial is a member (polarity -1) of the claim it denies, never a claim of its own: a "deny"
# event ("the Pentagon denied the report") makes no claim whose text is the denial.
DENIAL_RELATIONS = frozenset({"deny"})


def _statement_for(event: Event, relation: str, statements: Sequence[Statement]) -> Statement | None:
    """The statement that holds the event: one whose content covers the event's sentence, else
    the shortest one in that sentence whose content uses the relation's words (event spans are
    whole sentences, and a sentence may hold several statements), else the sentence's only
    statement when its content names the event's participants (the relation's class may come from
    words other than its cues: "no contact with the Iranian military" is military cooperation)."""
    around = [s for s in statements if contains(s.content_span, event.span)]
    inside = [s for s in statements if overlaps(s.content_span, event.span)]
    if not around:
        around = [s for s in inside if has_cue(s.content, relation)]
    if not around and len(inside) == 1 and _names_participants(inside[0].content, event):
        around = inside
    return min(around, key=lambda s: s.content_span.end - s.content_span.start, default=None)


def _names_participants(content: str, event: Event) -> bool:
    names = [ref.name for ref in (event.actor, event.target) if ref is not None]
    return any(name in content for name in names)


def triple_members(
    documents: Sequence[Document], analyses: Sequence[DocumentAnalysis], table: ActorTable
) -> dict[tuple, list]:
    """(subject, relation, object) -> [(place, member, actor written first)] from events."""
    return fold_partnerless(triple_items(documents, analyses, table))


def triple_items(
    documents: Sequence[Document], analyses: Sequence[DocumentAnalysis], table: ActorTable
) -> dict[tuple, list]:
    """`triple_members` before object-less keys fold into pair keys: each document's items alone,
    so a batched rebuild (`claims.batched_build`) gathers them a batch at a time and folds once."""
    docs = {d.id: d for d in documents}
    found: dict[tuple, list] = defaultdict(list)
    for analysis in analyses:
        doc = docs.get(analysis.doc_id)
        if doc is None:
            continue
        misnamed = _misnamed(analysis, table)
        for event in analysis.events:
            if any(
                ref
                and (
                    ref.actor_id in misnamed
                    or names_other_place(ref.name, table.actors.get(ref.actor_id or ""))
                )
                for ref in (event.actor, event.target)
            ):
                continue  # "New Jersey" resolved to Jersey: not the actor the claim would name
            subject = table.group(event.actor.actor_id)
            obj = table.group(event.target.actor_id) if event.target else None
            if subject is None or subject == obj:
                continue
            relation = relation_of(event)
            if relation in DENIAL_RELATIONS:
                continue
            place = event.place
            if relation in DESTINATION_RELATIONS and obj is not None and table.kind(obj) == "country":
                place, obj = place or table.name(obj), None
            first = subject
            if relation in SYMMETRIC and obj is not None:
                subject, obj = sorted((subject, obj))
            statement = _statement_for(event, relation, analysis.statements)
            if statement is not None:
                fact = FactRef("statement", statement.id, doc.id)
                said = doc.text[statement.span.start : statement.span.end]
                member = ClaimMember(
                    fact,
                    member_polarity(event.modality, said, statement.cue, relation),
                    statement.voice,
                    statement.content_span,
                    speaker_name(statement),
                )
            else:
                fact = FactRef("event", event.id, doc.id)
                source = _segment_source(doc, event.span)
                member = ClaimMember(
                    fact,
                    member_polarity(event.modality, event.text, relation=relation),
                    event.voice,
                    event.span,
                    holder_of_voice(doc, event.voice, source),
                )
            said = doc.text[member.span.start : member.span.end]
            member = replace(member, polarity=mission_polarity(relation, member.polarity, said))
            found[(subject, relation, obj)].append((place, member, first))
    return found


def _misnamed(analysis: DocumentAnalysis, table: ActorTable) -> set[str]:
    """Actors every mention of which in the document is a longer place name ending with theirs."""
    surfaces: dict[str, list[str]] = defaultdict(list)
    for m in analysis.mentions:
        surfaces[m.actor_id].append(m.text)
    return {
        a for a, texts in surfaces.items() if all(names_other_place(t, table.actors.get(a)) for t in texts)
    }


def fold_partnerless(found: dict[tuple, list]) -> dict[tuple, list]:
    """ "Tehran shuts door on cooperation": a symmetric relation without a partner joins the pair
    claim with that actor and relation carried by most facts, when there is one; a one-way
    relation without an object joins its subject's only claim of that relation with one."""
    # keys with an object by (relation, actor): never added or removed below (only object-less
    # keys are popped), so the index stays right while member lists grow
    with_object: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for k in found:
        if k[2] is not None:
            for actor in dict.fromkeys((k[0], k[2])):
                with_object[(k[1], actor)].append(k)
    for key in sorted((k for k in found if k[2] is None), key=repr):
        subject, relation, _ = key
        pairs = with_object.get((relation, subject), [])
        if relation not in SYMMETRIC:
            # "Iran carried out no airstrikes in Iraq" denies the one airstrike claim Iran is the
            # subject of; with several targets the object-less claim cannot choose and stays.
            pairs = [k for k in pairs if k[0] == subject]
            pairs = pairs if len(pairs) == 1 else []
        if pairs:
            target = min(pairs, key=lambda k: (-len(found[k]), repr(k)))
            found[target] += found.pop(key)
    return found


def _segment_source(doc: Document, span: Span) -> str | None:
    for seg in doc.segments:
        if seg.start <= span.start < seg.end:
            return seg.source or seg.author
    return None


def triple_drafts(found: dict[tuple, list], table: ActorTable) -> list[Draft]:
    """The claims of `triple_members`' keys, one per place; a key with neither object nor place is none."""
    drafts = []
    for (subject, relation, obj), items in sorted(found.items(), key=lambda kv: repr(kv[0])):
        firsts = Counter(f for _, _, f in items)
        swap = obj is not None and firsts[obj] > firsts[subject]
        own = {subject, obj}
        named_places = {x for x, _, _ in items}  # once per key: items may be thousands
        items = [(claim_place(p, own, named_places), m, f) for p, m, f in items]
        places = Counter(p for p, _, _ in items if p)
        main_place = min(places, key=lambda p: (-places[p], p)) if places else None
        by_place: dict[str | None, list[ClaimMember]] = defaultdict(list)
        for place, member, _ in items:
            by_place[place or main_place].append(member)
        for place, members in sorted(by_place.items(), key=lambda kv: kv[0] or ""):
            if obj is None and place is None:
                continue  # a fragment: subject and relation only
            key = ("triple", subject, relation, obj, (place or "").lower() or None)
            draft = Draft(key, subject, relation, obj, place, {})
            for m in members:
                add_member(draft, m)
            first_name, other_name = table.name(subject), table.name(obj) if obj else None
            if swap and other_name is not None:  # the object is written first more often
                first_name, other_name = other_name, first_name
            draft.text = claim_text(first_name, other_name, relation, place)
            drafts.append(draft)
    return drafts
