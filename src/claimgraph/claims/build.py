"""Claims: the propositions the corpus talks about, built from events, statements and free text.

Two sources, merged:
1. **Triples** (`claims/triples.py`). Each event with a resolved actor becomes the key (subject
   group, relation class, object group): symmetric relations order the pair, so "Iran cooperates
   with the US" and "the US and Iran cooperate" are one claim; a denied event ("we do not
   coordinate military action with Iran") is a member of the same claim with polarity -1. An event
   inside a statement's content is a member through that statement (holder: the speaker). Places
   qualify the claim: members without a place join the claim's most common place.
2. **Free text** (`claims/free_text.py`). Titles, lead sentences and statement contents are
   clustered by meaning across documents (sentence embeddings + word overlap). A cluster whose
   sentences name a triple's actors and use its relation's words joins that claim; a cluster
   spanning several documents that fits none becomes a claim of its own, its text the cluster's
   most central sentence.

Polarity (`claims/propositions.py`): +1 asserts, -1 denies, 0 mentions without asserting (planned
or hypothetical). Ids hash the normalised key (`claims/drafts.py`), so the same corpus always gives
the same claims.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from claimgraph.claims.cluster import cluster as cluster_texts
from claimgraph.claims.drafts import finish
from claimgraph.claims.embed import Embedder
from claimgraph.claims.free_text import Assertion, assertions, merge_duplicates, place_clusters
from claimgraph.claims.text import ActorTable, affirmed, strip_dateline
from claimgraph.claims.triples import triple_drafts, triple_members
from claimgraph.model import Claim, Document, DocumentAnalysis
from claimgraph.settings import BuildSettings
from claimgraph.store.claims import carried_order


@dataclass(slots=True)
class Built:
    """A build's claims and what the claim index files (`claims.claim_index`): the free-text
    candidates, their clustering texts and vectors, the clusters (indices, in creation order),
    and the triple members by key."""

    claims: list[Claim]
    candidates: list[tuple[Assertion, DocumentAnalysis]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 1)))
    clusters: list[list[int]] = field(default_factory=list)
    found: dict[tuple, list] = field(default_factory=dict)
    table: ActorTable | None = None


def cluster_text(a: Assertion) -> str:
    """What a free-text candidate is clustered by: a denial clusters with what it denies ("X denied
    agreeing to Y" beside "X agreed to Y"), without its dateline."""
    return affirmed(strip_dateline(a.text))


def embed_texts(texts: Sequence[str], embedder: Embedder) -> np.ndarray:
    """One vector per text; copies repeat sentences, so each distinct text is embedded once."""
    unique = list(dict.fromkeys(texts))
    rows = {t: k for k, t in enumerate(unique)}
    return embedder.encode(unique)[[rows[t] for t in texts]]


def build_claims(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    *,
    embedder: Embedder | None = None,
    settings: BuildSettings | None = None,
) -> list[Claim]:
    """Claims of a corpus, most widely carried first (then by id)."""
    return build(documents, analyses, embedder=embedder, settings=settings).claims


def build(
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    *,
    embedder: Embedder | None = None,
    settings: BuildSettings | None = None,
) -> Built:
    """`build_claims`, with what the claim index files."""
    settings = settings or BuildSettings()
    table = ActorTable(analyses)
    found = triple_members(documents, analyses, table)
    candidates = assertions(documents, analyses, table, settings)
    if not candidates:
        return Built(assemble(table, found, [], np.zeros((0, 1)), [], settings), found=found, table=table)
    if embedder is None:
        from claimgraph.claims.embed import load_embedder

        embedder = load_embedder()
    texts = [cluster_text(a) for a, _ in candidates]
    vectors = embed_texts(texts, embedder)
    clusters = cluster_texts(texts, vectors, settings.cluster_threshold(embedder.kind), settings)
    claims = assemble(table, found, candidates, vectors, clusters, settings)
    return Built(claims, candidates, texts, vectors, clusters, found, table)


def assemble(
    table: ActorTable,
    found: dict[tuple, list],
    candidates: list[tuple[Assertion, DocumentAnalysis]],
    vectors: np.ndarray,
    clusters: list[list[int]],
    settings: BuildSettings,
) -> list[Claim]:
    """Claims from triple members by key and clustered free-text candidates: clusters join the
    triples they fit or become free-text claims (near duplicates merged)."""
    drafts = triple_drafts(found, table)
    if clusters:
        new = place_clusters(clusters, candidates, drafts, table, settings, vectors)
        drafts += merge_duplicates(new, settings)
    return sorted((finish(d, table) for d in drafts if d.members), key=carried_order)
