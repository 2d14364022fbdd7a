"""Free-text claims: titles, lead sentences and statement contents, clustered by meaning across
documents (`claims/cluster.py`). A cluster whose sentences name a triple's actors and use its
relation's words joins that claim; a cluster spanning several documents that fits none becomes a
claim of its own, its text the cluster's most central sentence that states a proposition.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np

from claimgraph.claims.cluster import near_duplicate_groups
from claimgraph.claims.drafts import Draft, add_member
from claimgraph.claims.embed import content_words
from claimgraph.claims.propositions import mission_polarity, relation_of
from claimgraph.claims.text import (
    ActorTable,
    Sentence,
    document_sentences,
    groups_in,
    has_cue,
    overlaps,
    polarity_on,
    proposition,
    speaker_name,
)
from claimgraph.clean.provenance import source_name
from claimgraph.model import ClaimMember, Document, DocumentAnalysis, FactRef, Span, Statement, Voice
from claimgraph.settings import BuildSettings

ORPHAN_BLOCK = 256  # denial-only clusters compared with the free-text claims per matrix product


@dataclass(frozen=True, slots=True)
class Assertion:
    """A free-text candidate: a title, lead sentence or statement content."""

    fact: FactRef
    span: Span
    text: str
    voice: Voice
    holder: str
    speaker_group: str | None


# A document's table-free candidates: its picked sentences, and each statement with its count of
# content words (compared with `min_assertion_words` per call, as settings may differ).
DocumentCandidates = tuple[list[Assertion], list[tuple[Statement, int]]]


def assertions(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    table: ActorTable,
    settings: BuildSettings | None = None,
    cache: dict[str, DocumentCandidates] | None = None,
    only: Container[tuple[str, str]] | None = None,
) -> list[tuple[Assertion, DocumentAnalysis]]:
    """Free-text candidates: each document's title (when in its text), lead sentence, statement contents.

    `cache` (document id -> what `document_candidates` found) spares a caller that asks again
    about the same documents and analyses (an incremental run's neighbourhood) splitting their
    sentences again; only the speakers' groups, which depend on `table`, are looked up each call.
    `only`: the (kind, id) of the facts wanted, the others left out (as filtering afterwards)."""
    settings = settings or BuildSettings()
    by_doc = {a.doc_id: a for a in analyses}
    out = []
    for doc in sorted(documents, key=lambda d: d.id):
        analysis = by_doc.get(doc.id, DocumentAnalysis(doc.id))
        found = cache.get(doc.id) if cache is not None else None
        if found is None:
            found = document_candidates(doc, analysis)
            if cache is not None:
                cache[doc.id] = found
        picked, statements = found
        out += [(a, analysis) for a in picked if only is None or (a.fact.kind, a.fact.id) in only]
        for st, n_words in statements:
            if n_words < settings.min_assertion_words or (
                only is not None and ("statement", st.id) not in only
            ):
                continue
            group = table.group(st.speaker.actor_id) if st.speaker.actor_id else None
            fact = FactRef("statement", st.id, doc.id)
            assertion = Assertion(fact, st.content_span, st.content, st.voice, speaker_name(st), group)
            out.append((assertion, analysis))
    return out


def document_candidates(doc: Document, analysis: DocumentAnalysis) -> DocumentCandidates:
    """The title (when in the text) and lead sentence of a document as candidates, and its
    statements with their content word counts: all that `assertions` reads of the document."""
    outlet = source_name(doc)
    own = [s for s in document_sentences(doc, analysis.statements) if s.voice == Voice.OWN]
    picked: list[Sentence] = []
    if doc.title:
        picked += [s for s in own if s.text.strip() == doc.title.strip()][:1]
    lead = next((s for s in own if not s.attributed and s not in picked), None)
    if lead is not None:
        picked.append(lead)
    sentences = [
        Assertion(
            FactRef("sentence", f"{doc.id}:{s.span.start}-{s.span.end}", doc.id),
            s.span,
            s.text,
            s.voice,
            outlet,
            None,
        )
        for s in picked
    ]
    return sentences, [(st, len(content_words(st.content))) for st in analysis.statements]


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
    draft: Draft,
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


def place_clusters(
    clusters: list[list[int]],
    candidates: list[tuple[Assertion, DocumentAnalysis]],
    drafts: list[Draft],
    table: ActorTable,
    settings: BuildSettings,
    vectors: np.ndarray,
) -> list[Draft]:
    """Join each cluster to the triple it fits, or make it a free-text claim; returns the new drafts.
    A cluster none of whose sentences states a proposition, mostly denials, gives its denials to
    the free-text claim nearest in meaning (as -1 members), or is dropped."""
    placing = Placement(drafts, table, settings)
    fits = [placing.fitting(c) for c in candidates]
    for cluster in clusters:
        members = [(candidates[i][0], fits[i]) for i in cluster]
        placing.place(members, partial(_summed, vectors, cluster))
    return placing.finish()


# A cluster's member while it is placed: the candidate and the triple drafts it fits (`Placement.fitting`).
Placed = tuple[Assertion, list[int]]


class Placement:
    """`place_clusters` a cluster at a time: the only use of a candidate's analysis is which triple
    drafts it fits (`fitting`), so a batched rebuild (`claims.batched_build`) finds that while the
    document is read and places clusters later, in the same order, with the same result."""

    def __init__(self, drafts: list[Draft], table: ActorTable, settings: BuildSettings) -> None:
        self.drafts, self.table, self.settings = drafts, table, settings
        self.by_actor: dict[str, list[int]] = defaultdict(list)
        for k, draft in enumerate(drafts):
            if draft.subject is not None and draft.relation is not None:
                self.by_actor[draft.subject].append(k)
        self.new: list[tuple[Draft, np.ndarray]] = []
        self.orphans: list[tuple[list[ClaimMember], np.ndarray]] = []

    def fitting(self, candidate: tuple[Assertion, DocumentAnalysis]) -> list[int]:
        return _fitting(candidate, self.drafts, self.by_actor, self.table)

    def place(self, cluster: Sequence[Placed], vector_sum: Callable[[], np.ndarray]) -> None:
        """One cluster, its members in joining order; `vector_sum`: the sum of their vectors,
        asked only of a cluster that becomes a free-text claim or gives its denials."""
        drafts, settings = self.drafts, self.settings
        fits: Counter[int] = Counter()
        for _, fit in cluster:
            fits.update(fit)
        if fits:
            k = min(fits, key=lambda k: (-fits[k], -len(drafts[k].members), repr(drafts[k].key)))
            if fits[k] >= settings.join_share * len(cluster):
                relation = drafts[k].relation or ""
                for a, _ in cluster:
                    # a fact already read from its parsed event keeps that reading, not the cue words'
                    if has_cue(a.text, relation) and (a.fact.kind, a.fact.id) not in drafts[k].members:
                        add_member(drafts[k], sentence_member(a, relation))
                return
        if (
            len({a.fact.doc_id for a, _ in cluster}) < settings.min_cluster_documents
            or len({" ".join(content_words(a.text)) for a, _ in cluster}) < settings.min_cluster_wordings
        ):
            return
        text = central_text([a for a, _ in cluster], settings)
        if text is None:
            denials = [sentence_member(a) for a, _ in cluster if polarity_on(a.text, None) < 0]
            if 2 * len(denials) >= len(cluster):
                self.orphans.append((denials, _unit(vector_sum())))
            return
        draft = Draft(("text", " ".join(content_words(text))), None, None, None, None, {}, text)
        for a, _ in cluster:
            add_member(draft, sentence_member(a))
        self.new.append((draft, _unit(vector_sum())))

    def finish(self) -> list[Draft]:
        """The new free-text drafts, each orphan cluster's denials given to the nearest."""
        new, orphans, settings = self.new, self.orphans, self.settings
        if new and orphans:
            # every orphan against every new claim, ORPHAN_BLOCK orphans per matrix product: the
            # matrix does not change as orphans join, so the result is that of one loop per orphan
            matrix = np.stack([c for _, c in new]).T
            for start in range(0, len(orphans), ORPHAN_BLOCK):
                block = orphans[start : start + ORPHAN_BLOCK]
                sims = np.stack([c for _, c in block]) @ matrix
                for (denials, _), row in zip(block, sims, strict=True):
                    best = int(row.argmax())
                    if row[best] >= settings.denial_join_similarity:
                        for member in denials:
                            add_member(new[best][0], member)
        return [d for d, _ in new]


def _summed(vectors: np.ndarray, rows: list[int]) -> np.ndarray:
    return vectors[rows].sum(axis=0)


def _unit(vec: np.ndarray) -> np.ndarray:
    return vec / max(float(np.linalg.norm(vec)), 1e-9)


def _fitting(
    candidate: tuple[Assertion, DocumentAnalysis],
    drafts: list[Draft],
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


def sentence_member(a: Assertion, relation: str | None = None) -> ClaimMember:
    polarity = mission_polarity(relation, polarity_on(a.text, relation), a.text)
    return ClaimMember(a.fact, polarity, a.voice, a.span, a.holder)


def central_text(members: list[Assertion], settings: BuildSettings) -> str | None:
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


def merge_duplicates(drafts: list[Draft], settings: BuildSettings) -> list[Draft]:
    """Free-text claims whose texts are near duplicates become one (the first keeps its key)."""
    out = []
    for group in near_duplicate_groups([d.text for d in drafts], settings):
        first = drafts[group[0]]
        for k in group[1:]:
            for member in drafts[k].members.values():
                add_member(first, member)
        out.append(first)
    return out
