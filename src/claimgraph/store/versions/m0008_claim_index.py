"""The persistent claim index (issue 11): the free-text clusters claims are built from, their
centroids and LSH buckets, and which documents hold triple facts of each (actor, relation), so
an incremental run finds the clusters and claims its new facts join without a pass over all.

Frozen: these definitions are what this migration created when it was released; never edit
them (docs/schema.md#store-migrations).
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, Integer, LargeBinary, String, Table, Text, delete

from claimgraph.store.versions import m0007_corpus_state, metadata

ACTOR_ID = 200

claim_clusters = Table(
    "claim_clusters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("leader", Text, nullable=False),
    Column("centroid", LargeBinary, nullable=False),
    Column("size", Integer, nullable=False),
)


cluster_facts = Table(
    "cluster_facts",
    metadata,
    Column("fact_kind", String(20), primary_key=True),
    Column("fact_id", String(64), primary_key=True),
    Column("doc_id", String(16), nullable=False),
    Column("cluster_id", Integer, nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
)


cluster_buckets = Table(
    "cluster_buckets",
    metadata,
    Column("bucket", String(40), primary_key=True),
    Column("cluster_id", Integer, primary_key=True),
)


triple_facts = Table(
    "triple_facts",
    metadata,
    Column("actor_id", String(ACTOR_ID), primary_key=True),
    Column("relation", String(60), primary_key=True),
    Column("doc_id", String(16), primary_key=True),
)


TABLES = (claim_clusters, cluster_facts, cluster_buckets, triple_facts)


def apply(conn: Connection) -> None:
    for table in TABLES:  # in this order, so the DDL is the same every run
        table.create(conn, checkfirst=True)
    # The index is filed by a rebuild: forgetting the documents taken in makes the next corpus
    # stage run one (`claims.incremental.plan`).
    conn.execute(delete(m0007_corpus_state.corpus_documents))
