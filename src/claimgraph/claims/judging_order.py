"""The order a rebuild judges its claims in: claims that share candidate documents one after another.

Why: the stances step keeps the inputs and prepared bodies of the last 1,024 documents it judged
(`corpus_inputs.CACHE_SIZE`, `judge.DOC_CACHE_SIZE`, `stance.BODY_CACHE_SIZE`), and each claim is
judged on up to 200 candidate documents. In the store's claim order, a claim's candidates have
mostly left those caches by the time another claim of the same story asks for them again, once
the store outgrows the caches (3,000 generated documents: 48% of the judge's document requests
hit). Judging next the claim that shares the most candidates with the one just judged keeps them
(67% there, documents read from the store 56,347 -> 36,600, the step's CPU 7.6% lower; at 10,000
documents 20% -> 48% in a replay; docs/benchmarks.md, "Judging order"). A pair's stance does not
depend on when it is judged (one pair per stance-model call, `stance.BATCH_SIZE`), so the stored
rows are the same in any order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from claimgraph.claims.retrieval import fts_query, query_terms
from claimgraph.settings import Settings
from claimgraph.store import Store

ORDER_PASSAGES = 1000  # the passages whose documents stand for a claim's candidates here


def judging_order(store: Store, settings: Settings) -> list[str]:
    """Every stored claim id, in `locality_order` of the documents of its best `ORDER_PASSAGES`
    passages (the first `max_documents` of them).

    Those documents stand in for the claim's candidates: the judge ranks them again when it
    judges the claim, so the order needs only to bring claims sharing documents together, not
    retrieval's exact ranking. Retrieval in full (3,000 passages, each document scored) cost 92 s
    of CPU for the 1,673 claims of 10,000 generated documents, as much as the caches saved; the
    stand-in costs 21 s and keeps most of the gain (docs/benchmarks.md, "Judging order"). What is
    held is each claim's documents as numbers, 4 bytes a pair."""
    order = store.claim_order()
    texts = store.claim_texts(order)
    numbers: dict[str, int] = {}
    candidates = []
    for claim_id in order:
        terms = query_terms(texts.get(claim_id, ""))
        hits = store.search_passages(fts_query(terms), ORDER_PASSAGES) if terms else []
        documents = list(dict.fromkeys(hit.passage.doc_id for hit in hits))[: settings.stance.max_documents]
        candidates.append(np.array([numbers.setdefault(d, len(numbers)) for d in documents], np.int32))
    return [order[k] for k in locality_order(candidates)]


def locality_order(candidates: Sequence[np.ndarray]) -> list[int]:
    """Indices of `candidates` (each claim's candidate documents, as numbers) in judging order:
    the first claim; then, each time, the unjudged claim sharing the most documents with the
    claim just judged (ties: the earliest), or the earliest unjudged when none shares one.

    Greedy, not an optimal tour: each step counts only the claims of the last claim's documents,
    so the cost is the pairs times the claims per document, not claims squared."""
    n = len(candidates)
    if n == 0:
        return []
    lengths = np.array([len(c) for c in candidates], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    flat = np.concatenate(candidates).astype(np.int64) if lengths.sum() else np.zeros(0, np.int64)
    owners = np.repeat(np.arange(n), lengths)
    by_document = np.argsort(flat, kind="stable")  # the claims of each document, in claim order
    claims_of = owners[by_document]
    bounds = np.searchsorted(flat[by_document], np.arange(int(flat.max(initial=-1)) + 2))
    judged = np.zeros(n, dtype=bool)
    order: list[int] = []
    earliest = 0
    current = 0
    while True:
        judged[current] = True
        order.append(current)
        if len(order) == n:
            return order
        documents = flat[offsets[current] : offsets[current + 1]]
        near = [claims_of[bounds[d] : bounds[d + 1]] for d in documents]
        sharing = np.concatenate(near) if near else np.zeros(0, np.int64)
        sharing = sharing[~judged[sharing]]
        if len(sharing):
            ids, counts = np.unique(sharing, return_counts=True)
            current = int(ids[np.argmax(counts)])  # ids ascend: the first of the most is the earliest
            continue
        while judged[earliest]:
            earliest += 1
        current = earliest
