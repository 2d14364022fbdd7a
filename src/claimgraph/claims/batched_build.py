"""A rebuild's claims step in document batches (issue 11, memory): peak memory bounded by a batch.

`claims.build.build_stored` reads the documents in batches but holds every free-text candidate and
its vector and the clustering state at once (about 28 KB per generated document). This builds the
same kind of claims holding at most `BuildSettings.rebuild_batch_documents` documents and their
analyses at a time, and clusters through the store-backed index, in two passes over the store:

1. **Clustering.** The English documents in id order, a batch at a time: their free-text
   candidates are filed in the cleared claim index as an incremental run files new sentences
   (`incremental_claims.file_candidates`: each joins a stored cluster found through the LSH
   buckets and the recent window, or founds one; centroids live in the store), and their triple
   items (`triples.triple_items`) are gathered.
2. **Placing.** The triple items fold once (`triples.fold_partnerless`) into the triple drafts, as
   a full build's; then the clusters, `CLUSTERS_PER_PASS` at a time in id (creation) order: their
   facts' documents are read again, a batch at a time, to find which triple drafts each sentence
   fits (the only use of an analysis), and each cluster is placed in order (`free_text.Placement`:
   joins a triple or becomes a free-text claim). Orphan denials and near-duplicate merges follow
   over all new free-text claims, as in `claims.build.assemble`.

So a batched rebuild differs from `build` only in the clustering: the store-backed index (word
and hyperplane buckets, the 512 most recent clusters) in place of `claims.cluster`'s in-memory LSH
and window, the same order dependence an incremental run has (`claims.claim_index`); triples,
placement, orphans and merges see every cluster and triple, with the corpus's actor table. Held
to the incremental tolerance against `build` on the example corpus
(tests/claims/test_batched_build.py) and within it on 1,000 and 3,000 generated documents, but
not on 10,000 generated or 7,150 real ones (docs/benchmarks.md, "Batched claims rebuild (issue
11, batch15)"): hence opt-in.

What it holds beyond a batch, all O(claims) or O(distinct actors), none O(documents) but the ids:
every English document's id (~0.1 KB each); the actor table (canonical actors); every triple
item (a `ClaimMember` and its key: the triple claims' members, which the step writes anyway); the
drafts (claims being built, with their members) and each new free-text claim's unit centroid
(384 float64, 3 KB); the orphan clusters' denials; and, while a pass places its clusters, their
candidates (an `Assertion` and the drafts it fits, no analysis).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np

from claimgraph.claims.build import actor_table
from claimgraph.claims.drafts import finish
from claimgraph.claims.embed import Embedder
from claimgraph.claims.free_text import Placed, Placement, assertions, merge_duplicates
from claimgraph.claims.incremental_claims import file_candidates, triple_rows
from claimgraph.claims.triples import fold_partnerless, triple_drafts, triple_items
from claimgraph.model import Claim, Document, DocumentAnalysis
from claimgraph.settings import BuildSettings
from claimgraph.store import Store
from claimgraph.store.claims import carried_order
from claimgraph.store.sql import chunks

CLUSTERS_PER_PASS = 1000  # clusters placed per pass of phase 2 (their facts' candidates held)


@dataclass(slots=True)
class BatchCounts:
    """What a batched rebuild read (tests hold its memory bound by these, not by timing)."""

    batches: int = 0  # batches of documents clustered (phase 1)
    passes: int = 0  # passes of clusters placed (phase 2)
    reads: int = 0  # documents read, both phases (a document is read again in phase 2)
    most_documents: int = 0  # the most documents (with their analyses) held at once


class _Reader:
    """Documents and their analyses, a batch at a time, counted."""

    def __init__(self, store: Store, counts: BatchCounts) -> None:
        self.store, self.counts = store, counts

    def read(self, doc_ids: Sequence[str]) -> tuple[list[Document], list[DocumentAnalysis]]:
        found = self.store.documents_by_id(doc_ids)
        docs = [found[d] for d in sorted(found)]
        analyses = self.store.document_analyses([d.id for d in docs])
        self.counts.reads += len(docs)
        self.counts.most_documents = max(self.counts.most_documents, len(docs))
        return docs, analyses


def build_in_batches(
    store: Store,
    doc_ids: Sequence[str],
    embedder: Embedder,
    settings: BuildSettings,
    tick: Callable[[int, int], None] | None = None,
) -> tuple[list[Claim], BatchCounts]:
    """The claims of these (English) documents, most widely carried first (then by id), as
    `claims.build.build_claims` ranks them; the claim index is cleared and filed anew on the way.
    `tick` hears (batches done, batches in all) over both phases."""
    size = max(1, settings.rebuild_batch_documents)
    counts = BatchCounts()
    reader = _Reader(store, counts)
    table = actor_table(store)
    ids = sorted(doc_ids)
    total = -(-len(ids) // size)
    store.clear_claim_index()
    found: dict[tuple, list] = defaultdict(list)
    for part in chunks(ids, size):
        docs, analyses = reader.read(part)
        file_candidates(store, assertions(docs, analyses, table, settings), table, embedder, settings)
        for key, items in triple_items(docs, analyses, table).items():
            found[key] += items
        counts.batches += 1
        if tick is not None:
            tick(counts.batches, 2 * total)
    found = fold_partnerless(found)
    store.put_triple_facts(triple_rows(found))
    drafts = triple_drafts(found, table)
    del found
    placing = Placement(drafts, table, settings)
    clusters = store.next_cluster_id()
    for start in range(0, clusters, CLUSTERS_PER_PASS):
        end = min(start + CLUSTERS_PER_PASS, clusters)
        _place(store, reader, placing, range(start, end), size)
        counts.passes += 1
        if tick is not None:  # phase 2's share of the ticks, in proportion to its clusters
            tick(total + total * end // clusters, 2 * total)
    drafts += merge_duplicates(placing.finish(), settings)
    claims = [finish(d, table) for d in drafts if d.members]
    return sorted(claims, key=carried_order), counts


def _place(store: Store, reader: _Reader, placing: Placement, cluster_ids: range, size: int) -> None:
    """Place these clusters in id order: their facts' documents read `size` at a time, to find the
    drafts each sentence fits; the candidates kept without their analyses."""
    facts = store.cluster_facts(cluster_ids)
    wanted = {(f.kind, f.fact_id) for f in facts}
    placed: dict[tuple[str, str], Placed] = {}
    for part in chunks(sorted({f.doc_id for f in facts}), size):
        docs, analyses = reader.read(part)
        for candidate in assertions(docs, analyses, placing.table, placing.settings, only=wanted):
            a = candidate[0]
            placed[(a.fact.kind, a.fact.id)] = (a, placing.fitting(candidate))
    by_cluster: dict[int, list[Placed]] = {}
    for f in facts:  # joining order
        if (f.kind, f.fact_id) in placed:
            by_cluster.setdefault(f.cluster_id, []).append(placed[(f.kind, f.fact_id)])
    for cluster_id in sorted(by_cluster):
        placing.place(by_cluster[cluster_id], partial(_centroid_sum, store, cluster_id))


def _centroid_sum(store: Store, cluster_id: int) -> np.ndarray:
    """The sum of a cluster's vectors, as the index keeps it (float64 of the float32 vectors)."""
    return store.clusters([cluster_id])[cluster_id].centroid


def is_batched(settings: BuildSettings, documents: int) -> bool:
    """Whether a rebuild of this many English documents builds its claims in batches."""
    return settings.batched_rebuild_above is not None and documents > settings.batched_rebuild_above


def rebuild_in_batches(
    store: Store,
    doc_ids: Sequence[str],
    embedder: Embedder,
    settings: BuildSettings,
    tick: Callable[[int, int], None] | None = None,
) -> list[Claim]:
    """A rebuild's claims step, batched: the claims built, written in place of every stored one
    (what incremental runs kept for the old claims cleared, as `corpus.claims_step` does)."""
    claims, _ = build_in_batches(store, doc_ids, embedder, settings, tick)
    store.clear_corpus_state()
    store.replace_claims(claims)
    return claims
