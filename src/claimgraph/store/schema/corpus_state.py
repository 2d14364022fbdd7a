"""What lets the corpus stage run incrementally (migration 0007_corpus_state, issue 11): each table
remembers what a run already took in or computed, so the next run only handles what changed.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from claimgraph.store.schema.base import CLAIM_ID, metadata

# Documents the corpus stage has taken in: a run updates what the others touch, or is skipped.
corpus_documents = Table(
    "corpus_documents",
    metadata,
    Column("doc_id", String(16), ForeignKey("documents.id"), primary_key=True),
)

# Sentence embeddings by text (sha256 of embedder kind + text): only new sentences reach the model.
sentence_vectors = Table(
    "sentence_vectors",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("vector", LargeBinary, nullable=False),  # float32, little-endian
)

# What retrieval found for a claim's text when its stances were judged: passages returned and
# documents kept (at the caps, a new document may displace an old one: claims/update.py). At the
# passage cap, the BM25 score of the last passage returned (migration 0010): a new passage below
# it would not have been returned. `index_size`: the passage index's size (its largest passage id)
# when the claim was last retrieved in full; admission at the caps refreshes it by a full
# retrieval once the index has grown by `StanceSettings.refresh_growth`.
claim_retrieval = Table(
    "claim_retrieval",
    metadata,
    Column("claim_id", String(CLAIM_ID), primary_key=True),
    Column("text", Text, nullable=False),
    Column("passages", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
    Column("passage_floor", Float),
    Column("index_size", Integer),
)

# Every document judged for a claim (its members' documents and the retrieved ones), with a
# retrieved document's score (`claims.retrieval.document_score`: its best passage's BM25 x the
# claim's words its hits cover; NULL for a member's document retrieval did not keep, and on stores
# before migration 0010): the weakest is the floor a new document must beat.
claim_candidates = Table(
    "claim_candidates",
    metadata,
    Column("claim_id", String(CLAIM_ID), primary_key=True),
    Column("doc_id", String(16), primary_key=True, index=True),
    Column("score", Float),
)

# Truth discovery's reliability per holder key: the next run's EM starts here.
holder_reliability = Table(
    "holder_reliability",
    metadata,
    Column("holder", Text, primary_key=True),
    Column("reliability", Float, nullable=False),
)

# A free-text claim's id hashes its text, which can change when members join: the old id keeps
# pointing at the claim that took most of its members.
claim_renames = Table(
    "claim_renames",
    metadata,
    Column("old_id", String(CLAIM_ID), primary_key=True),
    Column("new_id", String(CLAIM_ID), nullable=False),
)

CORPUS_STATE_TABLES = (
    corpus_documents,
    sentence_vectors,
    claim_retrieval,
    claim_candidates,
    holder_reliability,
    claim_renames,
)
