"""The claims step of an incremental run: only the claims new facts join, found through the index.

1. The new documents' free-text candidates join stored clusters or found new ones
   (`claims.claim_index`: LSH buckets and the recent window, never all clusters).
2. Their triple facts name (actor, relation) pairs; `triple_facts` gives every document holding a
   triple fact of those pairs, so each triple key touching them is read whole.
3. The *neighbourhood* closes over what a claim is made of: the stored claims holding a fact of
   a touched cluster, of a touched triple pair or of a document whose actors now merge
   differently; every cluster holding one of their facts; the (actor, relation) pairs of their
   triples and of the triples a touched cluster's sentences could fit (actors named, relation
   cue words). Up to `MAX_ROUNDS` rounds.
4. The neighbourhood's documents are read (only they), and `claims.build.assemble` builds its
   claims from its triple keys and stored clusters, as a rebuild builds all of them.
The written claims replace the neighbourhood's stored ones; every other claim stays. Cost: the
new facts' lookups plus the size of the claims they touch, not the store. The closure asks about
the same documents, clusters and claims each round (and all again when a built claim clashes
with a stored one), so a run reads each once (`_Reader`): documents and analyses, their free-text
candidates (sentences split once), cluster facts, stored claims' triple pairs, sentence vectors.

Beyond the clustering's order dependence (`claims.claim_index`), results may differ from a
rebuild where a step looks across claims: near-duplicate free-text claims merge, and denial-only
clusters join the nearest free-text claim, only within the neighbourhood; a place-less, partner-
less triple fragment outside the touched pairs folds as it did when it was built.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

import numpy as np

from claimgraph.claims.build import Built, assemble, cluster_text, embed_texts
from claimgraph.claims.claim_index import CLUSTERS_PER_WRITE, ClusterIndex, index_clusters
from claimgraph.claims.drafts import grown
from claimgraph.claims.embed import Embedder, content_words
from claimgraph.claims.free_text import Assertion, DocumentCandidates, assertions
from claimgraph.claims.settled import (
    StoredTriples,
    Walls,
    cluster_members,
    key_pairs,
    restless_pairs,
    settled_triples,
    triple_pairs,
)
from claimgraph.claims.text import (
    CACHE_SIZE,
    ActorTable,
    actors_in,
    cue_in,
    groups_in,
    groups_of,
    polarity_on,
    proposition,
    words,
)
from claimgraph.claims.triples import triple_members
from claimgraph.language import is_english
from claimgraph.model import Claim, Document, DocumentAnalysis
from claimgraph.settings import BuildSettings
from claimgraph.store import Store
from claimgraph.store.claim_index import ClusterFact
from claimgraph.taxonomy import CUE_PAIRS, CUE_STEMS

MAX_ROUNDS = 4
CUED_RELATIONS = tuple(sorted(CUE_STEMS.keys() | CUE_PAIRS.keys()))
Pair = tuple[str, str]  # (group-level actor, relation)
K = TypeVar("K")
V = TypeVar("V")


@dataclass(slots=True)
class Neighbourhood:
    """What an incremental claims step rebuilt, and what it read to find it (counts for tests)."""

    clusters: set[int] = field(default_factory=set)
    pairs: set[Pair] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    old: dict[str, Claim] = field(default_factory=dict)  # stored claims it replaces
    settled: set[str] = field(default_factory=set)  # settled claims reached, grown not rebuilt
    compared: int = 0  # (sentence, cluster) comparisons while clustering the new sentences
    clusters_read: int = 0  # clusters read from the index


def triple_rows(found: dict[tuple, list]) -> set[tuple[str, str, str]]:
    """(actor, relation, document) of every triple member, for both actors of its key."""
    return {
        (actor, relation, member.fact.doc_id)
        for (subject, relation, obj), items in found.items()
        for _, member, _ in items
        for actor in (subject, obj)
        if actor
    }


def index_rebuild(store: Store, built: Built, settings: BuildSettings) -> None:
    """File a full build's clusters and triple facts in a cleared index (`analyze --rebuild`)."""
    store.clear_claim_index()
    index_clusters(store, built.texts, built.vectors, built.clusters, settings)
    for start in range(0, len(built.clusters), CLUSTERS_PER_WRITE):  # rows of a part at a time
        store.put_cluster_facts(
            [
                ClusterFact(a.fact.kind, a.fact.id, a.fact.doc_id, k, i)
                for k in range(start, min(start + CLUSTERS_PER_WRITE, len(built.clusters)))
                for i in built.clusters[k]
                for a, _ in (built.candidates[i],)
            ]
        )
    store.put_triple_facts(triple_rows(built.found))
    if built.table is not None:
        rows = [
            (a, analysis, k)
            for k, members in enumerate(built.clusters)
            for i in members
            for a, analysis in (built.candidates[i],)
        ]
        store.put_buckets(_fit_buckets(rows, built.table))


class _Reader:
    """What the closure asks about the neighbourhood, each read once (it asks again each round,
    and all again after a clash): English documents and analyses, their free-text candidates
    (`free_text.assertions`'s cache), and the index rows by key. The store is not written while
    it is used (the run files its own facts first)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.seen: set[str] = set()
        self.documents: dict[str, Document] = {}
        self.analyses: dict[str, DocumentAnalysis] = {}
        self.candidates: dict[str, DocumentCandidates] = {}
        self.mentioned: dict[tuple[str, str], list[str | None]] = {}  # `actors_in` by fact
        self.pairs: dict[str, set[Pair]] = {}  # a stored claim's triple pairs
        self.facts: dict[int, list[ClusterFact]] = {}  # a cluster's facts
        self.held: dict[str, dict[str, set[tuple[str, str]]]] = {}  # document -> claim -> facts
        self.pair_docs: dict[Pair, set[str]] = {}  # documents with a triple fact of the pair
        self.fact_cluster: dict[tuple[str, str], int | None] = {}
        self.bucket: dict[str, set[int]] = {}

    def claim_pairs(self, claim_ids: Iterable[str]) -> dict[str, set[Pair]]:
        """The triple pairs (`_pairs`) of these stored claims."""
        return _by_key(
            self.pairs,
            claim_ids,
            lambda ids: {c: triple_pairs(x) for c, x in self.store.claims_by_id(ids).items()},
            set,
        )

    def cluster_facts(self, cluster_ids: Iterable[int]) -> list[ClusterFact]:
        """`Store.cluster_facts`."""

        def fetch(ids: set[int]) -> dict[int, list[ClusterFact]]:
            out: dict[int, list[ClusterFact]] = {}
            for f in self.store.cluster_facts(ids):
                out.setdefault(f.cluster_id, []).append(f)
            return out

        found = _by_key(self.facts, cluster_ids, fetch, list)
        return sorted((f for facts in found.values() for f in facts), key=lambda f: f.ordinal)

    def claims_with_facts_in(self, doc_ids: Iterable[str]) -> dict[str, set[tuple[str, str]]]:
        """`Store.claims_with_facts_in`."""
        out: dict[str, set[tuple[str, str]]] = {}
        for held in _by_key(self.held, doc_ids, self.store.claim_facts_by_document, dict).values():
            for claim_id, facts in held.items():
                out.setdefault(claim_id, set()).update(facts)
        return out

    def triple_fact_documents(self, pairs: Iterable[Pair]) -> set[str]:
        """`Store.triple_fact_documents`."""
        found = _by_key(self.pair_docs, pairs, self.store.triple_fact_documents_by_pair, set)
        return {d for docs in found.values() for d in docs}

    def clusters_of_facts(self, facts: Iterable[tuple[str, str]]) -> set[int]:
        """The clusters holding these facts."""
        found = _by_key(self.fact_cluster, facts, self.store.clusters_of_facts, lambda: None)
        return {c for c in found.values() if c is not None}

    def clusters_in_buckets(self, buckets: Iterable[str]) -> set[int]:
        """The clusters filed under these buckets."""
        found = _by_key(self.bucket, buckets, self.store.clusters_in_buckets, set)
        return {c for ids in found.values() for c in ids}

    def read(self, doc_ids: Iterable[str]) -> None:
        missing = sorted(set(doc_ids) - self.seen)
        if not missing:
            return
        self.seen |= set(missing)
        docs = {d: doc for d, doc in self.store.documents_by_id(missing).items() if is_english(doc.language)}
        self.documents.update(docs)
        for a in self.store.document_analyses(sorted(docs)):
            self.analyses[a.doc_id] = a

    def docs(self, doc_ids: Iterable[str]) -> list[Document]:
        """These documents the claim models can read (English), in id order."""
        return [self.documents[d] for d in sorted(set(doc_ids)) if d in self.documents]

    def analysed(self, docs: Sequence[Document]) -> list[DocumentAnalysis]:
        return [self.analyses.get(d.id, DocumentAnalysis(d.id)) for d in docs]


def _by_key(
    cache: dict[K, V], keys: Iterable[K], fetch: Callable[[set[K]], Mapping[K, V]], empty: Callable[[], V]
) -> dict[K, V]:
    """The values of these keys, fetching only those not in `cache` (a key fetch leaves out
    gets `empty()`), and keeping them there."""
    wanted = set(keys)
    missing = wanted - cache.keys()
    if missing:
        found = fetch(missing)
        cache.update({k: found[k] if k in found else empty() for k in missing})
    return {k: cache[k] for k in wanted}


class _Vectors:
    """An embedder whose vectors are kept for the run by text: the neighbourhood's sentences,
    embedded again when its claims are assembled again, are looked up once. It asks its inner
    embedder for the texts it lacks, in order, as `embed_texts` would."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.kind = inner.kind
        self.vectors: dict[str, np.ndarray] = {}

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        if not sentences:
            return self.inner.encode(sentences)
        missing = list(dict.fromkeys(s for s in sentences if s not in self.vectors))
        if missing:
            self.vectors.update(zip(missing, self.inner.encode(missing), strict=True))
        return np.stack([self.vectors[s] for s in sentences])


def update_claims(
    store: Store,
    new_docs: set[str],
    redo_docs: set[str],
    embedder: Embedder,
    settings: BuildSettings,
) -> tuple[list[Claim], Neighbourhood]:
    """The claims of the neighbourhood of the new facts (to replace `Neighbourhood.old`)."""
    reader = _Reader(store)
    embedder = _Vectors(embedder)
    reader.read(redo_docs | new_docs)
    hood = Neighbourhood()
    new = reader.docs(new_docs)
    table = ActorTable(reader.analysed(new))
    fresh = assertions(new, reader.analysed(new), table, settings, reader.candidates)
    index = file_candidates(store, fresh, table, embedder, settings)
    hood.compared, hood.clusters = index.compared, set(index.dirty)
    # documents whose actors now merge differently may name other pairs: read theirs too
    changed = reader.docs(redo_docs | new_docs)
    found = triple_members(changed, reader.analysed(changed), ActorTable(reader.analysed(changed)))
    rows = triple_rows(found)
    store.put_triple_facts(rows)
    hood.pairs = {(a, r) for a, r, _ in rows}
    walls = _walls(store, settings, new_docs, redo_docs)
    # with walls no stored document is redone, so `found` holds the new documents' members only
    triples = store.triple_claims(found) if walls is not None else {}
    if walls is not None:
        walls.stirred = _stirred(store, reader, fresh, table, settings)
        walls.restless = restless_pairs(triples, found)
    _close(store, reader, hood, redo_docs, walls)
    claims = _assemble(store, reader, hood, embedder, settings, walls)
    # a claim built here under the id of a stored claim outside the neighbourhood (the same key
    # from other facts) takes that claim's facts in too, as a rebuild would (a settled one
    # grows); the larger neighbourhood may build another such claim, so again
    for _ in range(MAX_ROUNDS):
        outside = {c.id for c in claims} - hood.old.keys() - (walls.claims if walls else set())
        if walls is not None:
            outside -= walls.sized(outside)
        clash = store.claims_by_id(outside)
        if not clash:
            break
        hood.old.update(clash)
        _close(store, reader, hood, redo_docs, walls)
        claims = _assemble(store, reader, hood, embedder, settings, walls)
    if walls is not None:
        claims = _grow(store, reader, walls, claims, hood.old, triples, found, fresh, table)
        hood.settled = set(walls.claims)
    hood.clusters_read = index.looked_up
    return claims, hood


def _walls(store: Store, settings: BuildSettings, new_docs: set[str], redo_docs: set[str]) -> Walls | None:
    """The run's walls (`claims.settled`), or None: no settled claims by the settings, or
    documents whose actors merge differently now (their facts may leave a settled claim)."""
    if settings.settled_documents is None or redo_docs - new_docs:
        return None
    return Walls(store, settings.settled_documents)


def _stirred(
    store: Store,
    reader: _Reader,
    fresh: Sequence[tuple[Assertion, DocumentAnalysis]],
    table: ActorTable,
    settings: BuildSettings,
) -> set[int]:
    """The clusters a new sentence joined that it may place otherwise than before
    (`Walls.note_owners`): a copy of the cluster's leader never does."""
    joined = reader.clusters_of_facts((a.fact.kind, a.fact.id) for a, _ in fresh)
    where = dict(zip(((a.fact.kind, a.fact.id) for a, _ in fresh), fresh, strict=True))
    leaders = {c.id: content_words(c.leader) for c in store.clusters(joined).values()}
    out = set()
    for key, (a, analysis) in where.items():
        cluster = reader.fact_cluster.get(key)
        if cluster is None or cluster in out:
            continue
        wording = proposition(a.text, statement=a.fact.kind == "statement")
        new_wording = content_words(cluster_text(a)) != leaders.get(cluster)
        if new_wording and (
            polarity_on(a.text, None) < 0
            or fit_pairs(a, analysis, table)
            or (wording and len(content_words(wording)) >= settings.min_assertion_words)
        ):
            out.add(cluster)
    return out


def _grow(
    store: Store,
    reader: _Reader,
    walls: Walls,
    built: list[Claim],
    old: Mapping[str, Claim],
    triples: StoredTriples,
    found: dict[tuple, list],
    fresh: Sequence[tuple[Assertion, DocumentAnalysis]],
    table: ActorTable,
) -> list[Claim]:
    """The neighbourhood's claims, with the settled claims what joins them (`claims.settled`):
    `old` the stored claims the neighbourhood replaces, `found` the new documents' triple members,
    `triples` their keys' stored claims."""
    clusters = {(f.kind, f.fact_id): f.cluster_id for f in reader.cluster_facts(walls.clusters)}
    new = [(a, clusters[k]) for a, _ in fresh if (k := (a.fact.kind, a.fact.id)) in clusters]
    keyed = {key: items for key, items in found.items() if key_pairs(key) & walls.pairs}
    joined, founded = settled_triples(triples, keyed, table)
    placed = {(m.fact.kind, m.fact.id) for c in built for m in c.members}
    unread = clusters.keys() - placed
    out = [_kept(c, old.get(c.id), unread) for c in built if c.id not in walls.claims]
    for c in built:
        if c.id in walls.claims:
            joined.setdefault(c.id, []).extend(c.members)
    owners = {walls.clusters[c] for _, c in new}
    stored = store.claims_by_id(owners | joined.keys())
    for claim_id, members in cluster_members(walls, stored, new).items():
        joined.setdefault(claim_id, []).extend(members)
    out += [grown(stored[c], members) for c, members in sorted(joined.items()) if c in stored]
    return out + [c for c in founded if c.id not in stored]


def _kept(claim: Claim, stored: Claim | None, unread: Collection[tuple[str, str]]) -> Claim:
    """A rebuilt claim with its stored members back that are facts of walled clusters no rebuilt
    claim holds: the neighbourhood did not read those clusters, so it could not place them again."""
    if stored is None:
        return claim
    lost = [m for m in stored.members if (m.fact.kind, m.fact.id) in unread]
    return grown(claim, lost) if lost else claim


def file_candidates(
    store: Store,
    fresh: Sequence[tuple[Assertion, DocumentAnalysis]],
    table: ActorTable,
    embedder: Embedder,
    settings: BuildSettings,
) -> ClusterIndex:
    """File free-text candidates in the claim index, in order: each joins a stored cluster found
    by lookup or founds one (`ClusterIndex.assign`); their facts (in joining order) and fit
    buckets are written. Returns the index, which knows the clusters it changed."""
    index = ClusterIndex.open(store, settings, settings.cluster_threshold(embedder.kind))
    if fresh:
        texts = [cluster_text(a) for a, _ in fresh]
        start = store.next_fact_ordinal()
        joined = index.assign_all(texts, embed_texts(texts, embedder))
        facts = [
            ClusterFact(a.fact.kind, a.fact.id, a.fact.doc_id, c, start + k)
            for k, ((a, _), c) in enumerate(zip(fresh, joined, strict=True))
        ]
        index.save()
        store.put_cluster_facts(facts)
        store.put_buckets(
            _fit_buckets(((a, an, f.cluster_id) for (a, an), f in zip(fresh, facts, strict=True)), table)
        )
    return index


def _close(
    store: Store, reader: _Reader, hood: Neighbourhood, redo_docs: set[str], walls: Walls | None = None
) -> None:
    """Grow the neighbourhood until its claims, clusters and triple pairs are whole (up to the
    walls: settled claims and pairs, and the clusters settled claims hold)."""
    redo_claims = set(reader.claims_with_facts_in(redo_docs))
    for _ in range(MAX_ROUNDS):
        if walls is not None:
            _wall(reader, hood, walls)
        facts = reader.cluster_facts(hood.clusters)
        fact_keys = {(f.kind, f.fact_id) for f in facts}
        docs = {f.doc_id for f in facts} | reader.triple_fact_documents(hood.pairs) | redo_docs
        holding = reader.claims_with_facts_in(docs)
        outside = walls.claims | walls.sized(holding.keys() - hood.old.keys()) if walls else set()
        wanted = {c for c, held in holding.items() if held & fact_keys} | redo_claims
        candidates = reader.claim_pairs(set(holding) - wanted - hood.old.keys() - outside)
        wanted |= {c for c, pairs in candidates.items() if pairs & hood.pairs}
        hood.old.update(store.claims_by_id(wanted - hood.old.keys() - outside))
        members = {(m.fact.kind, m.fact.id) for c in hood.old.values() for m in c.members}
        clusters = hood.clusters | reader.clusters_of_facts(members)
        clusters |= reader.clusters_in_buckets(pair_bucket(p) for p in hood.pairs)
        pairs = hood.pairs | {p for c in hood.old.values() for p in triple_pairs(c)}
        reader.read(docs | {d for c in hood.old.values() for d in (m.fact.doc_id for m in c.members)})
        pairs |= _fit_pairs(reader, facts)
        grown = clusters != hood.clusters or pairs != hood.pairs
        hood.clusters, hood.pairs, hood.documents = clusters, pairs, docs
        if not grown:
            break
    if walls is not None:
        _wall(reader, hood, walls)
    facts = reader.cluster_facts(hood.clusters)
    hood.documents = {f.doc_id for f in facts} | reader.triple_fact_documents(hood.pairs) | redo_docs
    hood.documents |= {m.fact.doc_id for c in hood.old.values() for m in c.members}


def _wall(reader: _Reader, hood: Neighbourhood, walls: Walls) -> None:
    """Move what is settled out of the neighbourhood: settled pairs and their triple claims, and
    the clusters settled claims hold (found by their facts' claims)."""
    hood.pairs -= walls.settled_pairs(hood.pairs)
    for c in [c for c, claim in hood.old.items() if triple_pairs(claim) & walls.pairs]:
        walls.claims.add(c)
        del hood.old[c]
    unchecked = walls.unchecked(hood.clusters)
    if unchecked:
        facts = reader.cluster_facts(unchecked)
        held = reader.claims_with_facts_in({f.doc_id for f in facts})
        owner = {fact: c for c, held_facts in held.items() for fact in held_facts}
        owners: dict[int, set[str]] = {c: set() for c in unchecked}
        for f in facts:
            if (f.kind, f.fact_id) in owner:
                owners[f.cluster_id].add(owner[(f.kind, f.fact_id)])
        reached = set().union(*owners.values()) - hood.old.keys()
        small = reached - walls.claims - walls.sized(reached)
        walls.claims |= {c for c, pairs in reader.claim_pairs(small).items() if pairs & walls.pairs}
        documents: dict[int, set[str]] = {c: set() for c in unchecked}
        for f in facts:
            documents[f.cluster_id].add(f.doc_id)
        walls.note_owners(owners, {c: len(d) for c, d in documents.items()})
    hood.clusters -= walls.walled(hood.clusters)


def _fit_pairs(reader: _Reader, facts: Sequence[ClusterFact]) -> set[Pair]:
    """(actor, relation) of every triple a cluster sentence could fit."""
    docs = reader.docs(f.doc_id for f in facts)
    table = ActorTable(reader.analysed(docs))
    wanted = {(f.kind, f.fact_id) for f in facts}
    out: set[Pair] = set()
    for a, analysis in assertions(docs, reader.analysed(docs), table, cache=reader.candidates, only=wanted):
        key = (a.fact.kind, a.fact.id)
        if key not in reader.mentioned:
            reader.mentioned[key] = actors_in(a.span, analysis)
        out |= _named_pairs(a, groups_of(reader.mentioned[key], table))
    return out


def fit_pairs(a: Assertion, analysis: DocumentAnalysis, table: ActorTable) -> set[Pair]:
    """(actor, relation) of every triple this sentence could fit: actors it names, relations whose
    cue words it uses (`free_text.fits_triple` needs both)."""
    return _named_pairs(a, groups_in(a.span, analysis, table))


def _named_pairs(a: Assertion, groups: set[str]) -> set[Pair]:
    """`fit_pairs`, given the groups mentioned in the sentence."""
    named = groups | ({a.speaker_group} if a.speaker_group else set())
    return {(g, r) for r in cued_relations(a.text) for g in named}


@lru_cache(maxsize=CACHE_SIZE)
def cued_relations(text: str) -> tuple[str, ...]:
    """The relations whose cue words a text uses, in `CUED_RELATIONS` order (asked of each cluster
    sentence every closure round)."""
    ws = words(text)
    lowered = " ".join(ws)
    return tuple(r for r in CUED_RELATIONS if cue_in(ws, lowered, r))


def pair_bucket(pair: Pair) -> str:
    """The index bucket of the clusters whose sentences could fit a triple of this pair."""
    return "f:" + hashlib.sha1("\0".join(pair).encode()).hexdigest()[:32]


def _fit_buckets(
    rows: Iterable[tuple[Assertion, DocumentAnalysis, int]], table: ActorTable
) -> set[tuple[str, int]]:
    return {(pair_bucket(p), c) for a, analysis, c in rows for p in fit_pairs(a, analysis, table)}


def _assemble(
    store: Store,
    reader: _Reader,
    hood: Neighbourhood,
    embedder: Embedder,
    settings: BuildSettings,
    walls: Walls | None = None,
) -> list[Claim]:
    """The neighbourhood's claims: its triple keys whole (but those of a settled pair), its
    clusters as stored."""
    settled = walls.pairs if walls is not None else set()
    reader.read(hood.documents)
    docs = reader.docs(hood.documents)
    analyses = reader.analysed(docs)
    table = ActorTable(analyses)
    found = {
        key: items
        for key, items in triple_members(docs, analyses, table).items()
        if {(key[0], key[1]), (key[2], key[1])} & hood.pairs and not key_pairs(key) & settled
    }
    facts = reader.cluster_facts(hood.clusters)
    where = {(f.kind, f.fact_id): f for f in facts}
    candidates = assertions(docs, analyses, table, settings, reader.candidates, only=where.keys())
    candidates.sort(key=lambda c: where[(c[0].fact.kind, c[0].fact.id)].ordinal)
    by_cluster: dict[int, list[int]] = {}
    for i, (a, _) in enumerate(candidates):
        by_cluster.setdefault(where[(a.fact.kind, a.fact.id)].cluster_id, []).append(i)
    clusters = [by_cluster[c] for c in sorted(by_cluster)]
    texts = [cluster_text(a) for a, _ in candidates]
    vectors = embed_texts(texts, embedder) if texts else np.zeros((0, 1))
    return assemble(table, found, candidates, vectors, clusters, settings)
