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

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from claimgraph.claims.cluster import cluster as cluster_texts
from claimgraph.claims.drafts import finish
from claimgraph.claims.embed import Embedder
from claimgraph.claims.free_text import Assertion, assertions, merge_duplicates, place_clusters
from claimgraph.claims.text import ActorTable, affirmed, overlaps, strip_dateline
from claimgraph.claims.triples import fold_partnerless, triple_drafts, triple_items, triple_members
from claimgraph.language import is_english
from claimgraph.model import Claim, Document, DocumentAnalysis, Span
from claimgraph.settings import BuildSettings
from claimgraph.store import Store
from claimgraph.store.claims import carried_order

# English documents (with their analyses) a stored build reads at a time: what it holds of the
# documents themselves at once (`build_stored`).
READ_BATCH = 500


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
    return _built(table, found, candidates, embedder, settings)


def build_stored(
    store: Store, embedder: Callable[[], Embedder], settings: BuildSettings, batch: int = READ_BATCH
) -> Built:
    """`build` of every stored English document, the documents and their analyses read `batch` at
    a time: of each it keeps only its triple items and its free-text candidates, each candidate
    with the part of its analysis that fitting it to a triple reads (`analysis_around`). The same
    claims and index rows as `build` on every document at once, without holding every document's
    text and whole analysis (about 19 KB a generated document) while the sentences are clustered.
    `embedder` is called only when there are sentences to cluster (it may load the model)."""
    table = actor_table(store)
    found: dict[tuple, list] = defaultdict(list)
    candidates: list[tuple[Assertion, DocumentAnalysis]] = []
    for docs in _english_batches(store, batch):
        analyses = store.document_analyses([d.id for d in docs])
        for key, items in triple_items(docs, analyses, table).items():
            found[key] += items
        for a, analysis in assertions(docs, analyses, table, settings):
            candidates.append((a, analysis_around(a.span, analysis)))
    return _built(table, fold_partnerless(found), candidates, embedder() if candidates else None, settings)


def actor_table(store: Store) -> ActorTable:
    """The corpus's actor table from the canonical actors, not from every analysis: the same
    table (`Store.document_analyses` gives each actor its canonical record), O(distinct actors)."""
    return ActorTable.of_actors(store.list_actors())


def analysis_around(span: Span, analysis: DocumentAnalysis) -> DocumentAnalysis:
    """What fitting a sentence to a triple reads of its document's analysis (`free_text.fits_triple`,
    `incremental_claims.fit_pairs`): the mentions inside the sentence and the events overlapping it."""
    return DocumentAnalysis(
        analysis.doc_id,
        mentions=tuple(m for m in analysis.mentions if m.span.start >= span.start and m.span.end <= span.end),
        events=tuple(e for e in analysis.events if overlaps(e.span, span)),
    )


def _english_batches(store: Store, size: int) -> Iterator[list[Document]]:
    """The stored English documents in id order, `size` at a time."""
    docs: list[Document] = []
    for doc in store.iter_documents():
        if is_english(doc.language):
            docs.append(doc)
        if len(docs) >= size:
            yield docs
            docs = []
    if docs:
        yield docs


def _built(
    table: ActorTable,
    found: dict[tuple, list],
    candidates: list[tuple[Assertion, DocumentAnalysis]],
    embedder: Embedder | None,
    settings: BuildSettings,
) -> Built:
    """Cluster the candidates and assemble the claims of a build."""
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
