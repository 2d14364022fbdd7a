"""Claims: the propositions the corpus talks about, built from events, statements and free text.

Two sources, merged:
1. **Triples.** Each event with a resolved actor becomes the key (subject group, relation class,
   object group): symmetric relations order the pair, so "Iran cooperates with the US" and "the
   US and Iran cooperate" are one claim; a denied event ("we do not coordinate military action
   with Iran") is a member of the same claim with polarity -1. An event inside a statement's
   content is a member through that statement (holder: the speaker). Places qualify the claim:
   members without a place join the claim's most common place.
2. **Free text.** Titles, lead sentences and statement contents are clustered by meaning across
   documents (sentence embeddings + word overlap). A cluster whose sentences name a triple's
   actors and use its relation's words joins that claim; a cluster spanning several documents
   that fits none becomes a claim of its own, its text the cluster's most central sentence.

Polarity: +1 asserts, -1 denies, 0 mentions without asserting (planned or hypothetical).
Ids hash the normalised key, so the same corpus always gives the same claims.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from claimgraph.claims.cluster import cluster as cluster_texts
from claimgraph.claims.cluster import near_duplicate_groups
from claimgraph.claims.embed import Embedder, content_words
from claimgraph.claims.text import (
    NEGATING_PHRASES,
    ActorTable,
    Sentence,
    affirmed,
    contains,
    document_sentences,
    groups_in,
    has_cue,
    holder_of_voice,
    is_country_name,
    is_military,
    names_other_place,
    overlaps,
    place_country,
    polarity_on,
    proposition,
    speaker_name,
    strip_dateline,
)
from claimgraph.clean.provenance import source_name
from claimgraph.model import (
    ActorRef,
    Claim,
    ClaimMember,
    Document,
    DocumentAnalysis,
    Event,
    FactRef,
    Modality,
    Span,
    Statement,
    Voice,
)
from claimgraph.nlp.events import AUTHORISED_ACTIONS
from claimgraph.settings import BuildSettings
from claimgraph.taxonomy import CLAIM_PHRASES, CLAIM_PHRASES_ALONE, SYMMETRIC

DENIAL_CUES = frozenset(
    {"deny", "denied", "denies", "ruled out", "rule out", "rejected", "rejects", "dismissed"}
)
# A sentence opening on a condition asserts nothing by its negation: "If that is not military
# cooperation, the phrase means nothing."
CONDITIONAL_OPENINGS = ("if ", "unless ", "whether ")
# Negated negations: the speaker leaves the door open, asserting nothing either way.
OPENNESS_PHRASES = (
    "not rule out",
    "declined to rule out",
    "refused to rule out",
    "not ruling out",
    "not exclude",
    "declined to exclude",
    "not excluding",
)
# Relations whose object country is where they happen, not whom they target: forces "sent to Iraq"
# are deployed in Iraq ("deploys forces against Iraq" would misread every troop announcement).
DESTINATION_RELATIONS = frozenset({"deploy_forces", "withdraw"})
# A denial naming a mission denies that mission, not the relation: "we will not be sending troops
# back into combat" says nothing about whether advisers are deployed (polarity 0, discussed).
MISSION_QUALIFIERS: dict[str, tuple[str, ...]] = {"deploy_forces": ("combat",)}
# A denial is a member (polarity -1) of the claim it denies, never a claim of its own: a "deny"
# event ("the Pentagon denied the report") makes no claim whose text is the denial.
DENIAL_RELATIONS = frozenset({"deny"})


@dataclass(frozen=True, slots=True)
class Assertion:
    """A free-text candidate: a title, lead sentence or statement content."""

    fact: FactRef
    span: Span
    text: str
    voice: Voice
    holder: str
    speaker_group: str | None


@dataclass
class _Draft:
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
    return "claim:" + hashlib.sha256(repr(key).encode()).hexdigest()[:16]


def relation_of(event: Event) -> str:
    """The claim relation class of an event: generic cooperation is military when its sentence is."""
    if event.action == "cooperate" and is_military(event.text):
        return "cooperate_militarily"
    return event.action


def claim_text(subject: str, obj: str | None, relation: str, place: str | None) -> str:
    verb, prep = CLAIM_PHRASES.get(relation, (relation.replace("_", " "), ""))
    if obj is None and relation in CLAIM_PHRASES_ALONE:
        verb = CLAIM_PHRASES_ALONE[relation]
    if relation in SYMMETRIC and obj:
        text = f"{subject} and {obj} {verb}"
    else:
        verb_3rd = verb if relation not in SYMMETRIC else _third(verb)
        text = f"{subject} {verb_3rd}" + (f" {prep} {obj}".replace("  ", " ") if obj else "")
    return text + (f" in {place}" if place else "")


def _third(verb: str) -> str:
    head, _, rest = verb.partition(" ")
    head = head[:-1] + "ies" if head.endswith("y") else head + "s"
    return f"{head} {rest}".strip()


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


def member_polarity(modality: str, text: str, cue: str | None = None, relation: str | None = None) -> int:
    """Conditionals ("If that is not cooperation, ...") and openness ("would not rule out") 0,
    denial -1, planned/hypothetical 0 (except a planned deployment or withdrawal: +1), else +1."""
    lowered = " ".join(text.lower().split())
    if any(p in lowered for p in OPENNESS_PHRASES) or lowered.startswith(CONDITIONAL_OPENINGS):
        return 0
    denial_cue = (cue or "").lower() in DENIAL_CUES and not (relation and has_cue(cue or "", relation))
    if modality == Modality.DENIED or denial_cue:  # "Khamenei rejects …" asserts a rejection
        return -1
    if any(p in lowered for p in NEGATING_PHRASES) or (cue is not None and polarity_on(text, relation) < 0):
        return -1
    if modality == Modality.PLANNED and relation in AUTHORISED_ACTIONS:
        return 1  # a side's announced plan for its own forces: the deployment as the news knows it
    if modality in (Modality.PLANNED, Modality.HYPOTHETICAL):
        return 0
    return 1


def _triple_members(
    documents: Sequence[Document], analyses: Sequence[DocumentAnalysis], table: ActorTable
) -> dict[tuple, list]:
    """(subject, relation, object) -> [(place, member, actor written first)] from events."""
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
    return _fold_partnerless(found)


def _misnamed(analysis: DocumentAnalysis, table: ActorTable) -> set[str]:
    """Actors every mention of which in the document is a longer place name ending with theirs."""
    surfaces: dict[str, list[str]] = defaultdict(list)
    for m in analysis.mentions:
        surfaces[m.actor_id].append(m.text)
    return {
        a for a, texts in surfaces.items() if all(names_other_place(t, table.actors.get(a)) for t in texts)
    }


def _fold_partnerless(found: dict[tuple, list]) -> dict[tuple, list]:
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


def _triple_drafts(found: dict[tuple, list], table: ActorTable) -> list[_Draft]:
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
            draft = _Draft(key, subject, relation, obj, place, {})
            for m in members:
                _add_member(draft, m)
            names = (table.name(subject), table.name(obj) if obj else None)
            draft.text = claim_text(*(names[::-1] if swap else names), relation, place)
            drafts.append(draft)
    return drafts


def claim_place(place: str | None, own: set[str | None], places: set[str | None]) -> str | None:
    """The place that qualifies a claim: none for a claim actor's own territory ("the US and Iran
    cooperate in Iran" is the pair's claim, wherever the text locates it); the country itself for
    a city in it when the claim is also placed in that country ("in Baghdad" joins "in Iraq")."""
    country = place_country(place)
    if country is None:
        return place
    if country in own:
        return None
    whole = sorted(p for p in places if p and place_country(p) == country and is_country_name(p))
    return whole[0] if whole and not is_country_name(place or "") else place


def _add_member(draft: _Draft, member: ClaimMember) -> None:
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


def assertions(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    table: ActorTable,
    settings: BuildSettings | None = None,
) -> list[tuple[Assertion, DocumentAnalysis]]:
    """Free-text candidates: each document's title (when in its text), lead sentence, statement contents."""
    settings = settings or BuildSettings()
    by_doc = {a.doc_id: a for a in analyses}
    out = []
    for doc in sorted(documents, key=lambda d: d.id):
        analysis = by_doc.get(doc.id, DocumentAnalysis(doc.id))
        outlet = source_name(doc)
        own = [s for s in document_sentences(doc, analysis.statements) if s.voice == Voice.OWN]
        picked: list[Sentence] = []
        if doc.title:
            picked += [s for s in own if s.text.strip() == doc.title.strip()][:1]
        lead = next((s for s in own if not s.attributed and s not in picked), None)
        if lead is not None:
            picked.append(lead)
        for s in picked:
            fact = FactRef("sentence", f"{doc.id}:{s.span.start}-{s.span.end}", doc.id)
            out.append((Assertion(fact, s.span, s.text, s.voice, outlet, None), analysis))
        for st in analysis.statements:
            if len(content_words(st.content)) < settings.min_assertion_words:
                continue
            group = table.group(st.speaker.actor_id) if st.speaker.actor_id else None
            fact = FactRef("statement", st.id, doc.id)
            assertion = Assertion(fact, st.content_span, st.content, st.voice, speaker_name(st), group)
            out.append((assertion, analysis))
    return out


def done_by_others(
    span: Span, relation: str, actors: set[str | None], analysis: DocumentAnalysis, table: ActorTable
) -> bool:
    """Whether the sentence's events of this relation all have a subject outside the claim's actors."""
    doers = {
        table.group(e.actor.actor_id) if e.actor.actor_id else None
        for e in analysis.events
        if overlaps(e.span, span) and relation_of(e) == relation
    }
    return bool(doers) and not doers & actors


def fits_triple(
    text: str,
    span: Span,
    analysis: DocumentAnalysis,
    table: ActorTable,
    draft: _Draft,
    speaker_group: str | None = None,
) -> bool:
    """A sentence fits a triple when it names every actor of it and uses the relation's words,
    unless its events of that relation all have another subject ("Iraqi troops … with the help of
    American airstrikes" is an Iraqi deployment, not a US one)."""
    if draft.relation is None or not has_cue(text, draft.relation):
        return False
    if done_by_others(span, draft.relation, {draft.subject, draft.object}, analysis, table):
        return False
    named = groups_in(span, analysis, table)
    if speaker_group and {"we", "our", "us"} & set(text.lower().split()):
        named.add(speaker_group)
    return all(g in named for g in (draft.subject, draft.object) if g)


def build_claims(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    *,
    embedder: Embedder | None = None,
    settings: BuildSettings | None = None,
) -> list[Claim]:
    """Claims of a corpus, most widely carried first (then by id)."""
    settings = settings or BuildSettings()
    table = ActorTable(analyses)
    drafts = _triple_drafts(_triple_members(documents, analyses, table), table)
    candidates = assertions(documents, analyses, table, settings)
    if candidates:
        if embedder is None:
            from claimgraph.claims.embed import load_embedder

            embedder = load_embedder()
        # a denial clusters with what it denies: "X denied agreeing to Y" beside "X agreed to Y"
        texts = [affirmed(strip_dateline(a.text)) for a, _ in candidates]
        unique = list(dict.fromkeys(texts))  # copies repeat sentences; embed each once
        rows = {t: k for k, t in enumerate(unique)}
        vectors = embedder.encode(unique)[[rows[t] for t in texts]]
        clusters = cluster_texts(texts, vectors, settings.cluster_threshold(embedder.kind), settings)
        new = _place_clusters(clusters, candidates, drafts, table, settings, vectors)
        drafts += _merge_duplicates(new, settings)
    claims = [_finish(d, table) for d in drafts if d.members]
    return sorted(claims, key=lambda c: (-len({m.fact.doc_id for m in c.members}), -len(c.members), c.id))


def _place_clusters(
    clusters: list[list[int]],
    candidates: list[tuple[Assertion, DocumentAnalysis]],
    drafts: list[_Draft],
    table: ActorTable,
    settings: BuildSettings,
    vectors: np.ndarray,
) -> list[_Draft]:
    """Join each cluster to the triple it fits, or make it a free-text claim; returns the new drafts.
    A cluster none of whose sentences states a proposition, mostly denials, gives its denials to
    the free-text claim nearest in meaning (as -1 members), or is dropped."""
    by_actor: dict[str, list[int]] = defaultdict(list)
    for k, draft in enumerate(drafts):
        if draft.subject is not None and draft.relation is not None:
            by_actor[draft.subject].append(k)
    new: list[tuple[_Draft, np.ndarray]] = []
    orphans: list[tuple[list[int], np.ndarray]] = []
    for cluster in clusters:
        fits: Counter[int] = Counter()
        for i in cluster:
            fits.update(_fitting(candidates[i], drafts, by_actor, table))
        if fits:
            k = min(fits, key=lambda k: (-fits[k], -len(drafts[k].members), repr(drafts[k].key)))
            if fits[k] >= settings.join_share * len(cluster):
                relation = drafts[k].relation or ""
                for i in cluster:
                    a, _ = candidates[i]
                    # a fact already read from its parsed event keeps that reading, not the cue words'
                    if has_cue(a.text, relation) and (a.fact.kind, a.fact.id) not in drafts[k].members:
                        _add_member(drafts[k], _sentence_member(a, relation))
                continue
        if (
            len({candidates[i][0].fact.doc_id for i in cluster}) < settings.min_cluster_documents
            or len({" ".join(content_words(candidates[i][0].text)) for i in cluster})
            < settings.min_cluster_wordings
        ):
            continue
        centroid = _unit(vectors[cluster].sum(axis=0))
        text = _central_text([candidates[i][0] for i in cluster], settings)
        if text is None:
            denials = [i for i in cluster if polarity_on(candidates[i][0].text, None) < 0]
            if 2 * len(denials) >= len(cluster):
                orphans.append((denials, centroid))
            continue
        draft = _Draft(("text", " ".join(content_words(text))), None, None, None, None, {}, text)
        for i in cluster:
            _add_member(draft, _sentence_member(candidates[i][0]))
        new.append((draft, centroid))
    if new and orphans:
        matrix = np.stack([c for _, c in new])
        for cluster, centroid in orphans:
            sims = matrix @ centroid
            best = int(sims.argmax())
            if sims[best] >= settings.denial_join_similarity:
                for i in cluster:
                    _add_member(new[best][0], _sentence_member(candidates[i][0]))
    return [d for d, _ in new]


def _unit(vec: np.ndarray) -> np.ndarray:
    return vec / max(float(np.linalg.norm(vec)), 1e-9)


def _fitting(
    candidate: tuple[Assertion, DocumentAnalysis],
    drafts: list[_Draft],
    by_actor: dict[str, list[int]],
    table: ActorTable,
) -> list[int]:
    """The triple drafts a sentence fits, looked up through the actors it names (no pass over all)."""
    a, analysis = candidate
    named = groups_in(a.span, analysis, table)
    if a.speaker_group:
        named.add(a.speaker_group)
    ks = {k for g in named for k in by_actor.get(g, ())}
    return [k for k in sorted(ks) if fits_triple(a.text, a.span, analysis, table, drafts[k], a.speaker_group)]


def _sentence_member(a: Assertion, relation: str | None = None) -> ClaimMember:
    polarity = mission_polarity(relation, polarity_on(a.text, relation), a.text)
    return ClaimMember(a.fact, polarity, a.voice, a.span, a.holder)


def mission_polarity(relation: str | None, polarity: int, text: str) -> int:
    """A denial that names a mission of the relation (MISSION_QUALIFIERS) discusses the relation."""
    lowered = text.lower()
    if polarity < 0 and any(q in lowered for q in MISSION_QUALIFIERS.get(relation or "", ())):
        return 0
    return polarity


def _central_text(members: list[Assertion], settings: BuildSettings) -> str | None:
    """The claim text of a free-text cluster: of the members that state a proposition (`proposition`:
    positive, no dateline, no bare statement content), the one sharing most words with the others
    (ties: the shorter), in full; None when no member states one."""
    texts = [
        p
        for a in members
        for p in (proposition(a.text, statement=a.fact.kind == "statement"),)
        if p and len(content_words(p)) >= settings.min_assertion_words
    ]
    if not texts:
        return None
    sets = [set(content_words(t)) for t in texts]
    # words shared with the others, summed over the others: each word of a text counts the other
    # texts holding it (linear in the words, where comparing every pair is quadratic in members)
    holding = Counter(w for words in sets for w in words)
    best = min(
        range(len(texts)),
        key=lambda i: (-sum(holding[w] - 1 for w in sets[i]), len(texts[i]), texts[i]),
    )
    return texts[best]


def _merge_duplicates(drafts: list[_Draft], settings: BuildSettings) -> list[_Draft]:
    """Free-text claims whose texts are near duplicates become one (the first keeps its key)."""
    out = []
    for group in near_duplicate_groups([d.text for d in drafts], settings):
        first = drafts[group[0]]
        for k in group[1:]:
            for member in drafts[k].members.values():
                _add_member(first, member)
        out.append(first)
    return out


def _finish(draft: _Draft, table: ActorTable) -> Claim:
    members = tuple(sorted(draft.members.values(), key=lambda m: (m.fact.doc_id, m.span.start, m.fact.id)))
    return Claim(
        id=claim_id(draft.key),
        text=draft.text,
        subject=ActorRef(table.name(draft.subject), draft.subject) if draft.subject else None,
        relation=draft.relation,
        object=ActorRef(table.name(draft.object), draft.object) if draft.object else None,
        place=draft.place,
        members=members,
    )
