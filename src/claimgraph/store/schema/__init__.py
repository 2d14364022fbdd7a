"""Every table and column of the store: the live model the queries use (SQLAlchemy Core).

Nothing outside `claimgraph.store` names a table or writes SQL. The tables live in one module per
concept, in the order the migrations added them: `ingest` (runs, documents, segments, MinHash),
`nlp` (actors, statements, events), `corpus` (claims, stances, verdicts, sources), `retrieval`
(passages, tracked claims) and `corpus_state` (the incremental corpus stage), all on `base.metadata`.
This package gathers them, and the groups other code works on, under one name (`schema.documents`).

The migrations create the tables from their own frozen copies (`claimgraph.store.versions`), so a
change here needs a new migration there, never an edit of a released one;
tests/store/test_migrations.py fails when the two disagree.
"""

from __future__ import annotations

from claimgraph.store.schema.base import ACTOR_ID, CLAIM_ID, metadata
from claimgraph.store.schema.corpus import (
    claim_members,
    claims,
    contradictions,
    source_priors,
    sources,
    stances,
    verdicts,
)
from claimgraph.store.schema.corpus_state import (
    CORPUS_STATE_TABLES,
    claim_candidates,
    claim_renames,
    claim_retrieval,
    corpus_documents,
    holder_reliability,
    sentence_vectors,
)
from claimgraph.store.schema.ingest import (
    analyses,
    document_sources,
    documents,
    ingest_errors,
    minhash_buckets,
    minhashes,
    runs,
    schema_version,
    segments,
)
from claimgraph.store.schema.nlp import (
    DOCUMENT_NLP_TABLES,
    NLP_TABLES,
    actor_mentions,
    actor_merges,
    actors,
    document_actors,
    events,
    statements,
)
from claimgraph.store.schema.retrieval import RETRIEVAL_TABLES, passage_docs, passages, tracked_claims

CLAIM_TABLES = (claims, claim_members, stances, contradictions, verdicts, sources, source_priors)

# Tables whose content is a pure function of the inputs: re-ingesting the same input must
# leave them unchanged. `runs` is a log of runs and grows by one row per run by design.
CONTENT_TABLES = (
    documents,
    document_sources,
    segments,
    ingest_errors,
    analyses,
    minhashes,
    minhash_buckets,
    *NLP_TABLES,
    *CLAIM_TABLES,
    *RETRIEVAL_TABLES,
    *CORPUS_STATE_TABLES,
)

__all__ = [
    "ACTOR_ID",
    "CLAIM_ID",
    "CLAIM_TABLES",
    "CONTENT_TABLES",
    "CORPUS_STATE_TABLES",
    "DOCUMENT_NLP_TABLES",
    "NLP_TABLES",
    "RETRIEVAL_TABLES",
    "actor_mentions",
    "actor_merges",
    "actors",
    "analyses",
    "claim_candidates",
    "claim_members",
    "claim_renames",
    "claim_retrieval",
    "claims",
    "contradictions",
    "corpus_documents",
    "document_actors",
    "document_sources",
    "documents",
    "events",
    "holder_reliability",
    "ingest_errors",
    "metadata",
    "minhash_buckets",
    "minhashes",
    "passage_docs",
    "passages",
    "runs",
    "schema_version",
    "segments",
    "sentence_vectors",
    "source_priors",
    "sources",
    "stances",
    "statements",
    "tracked_claims",
    "verdicts",
]
