"""What the incremental corpus stage keeps between runs (issue 11), and on SQLite an FTS5 index of
each claim's query terms: which claims a new document's sentences can be found by.

Frozen: these definitions are what this migration created when it was released; never edit
them (docs/schema.md#store-migrations).
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, Float, ForeignKey, Integer, LargeBinary, String, Table, Text

from claimgraph.store.versions import (
    m0001_initial,  # noqa: F401 -- `documents`, which foreign keys name
    metadata,
)

CLAIM_ID = 40

corpus_documents = Table(
    "corpus_documents",
    metadata,
    Column("doc_id", String(16), ForeignKey("documents.id"), primary_key=True),
)


sentence_vectors = Table(
    "sentence_vectors",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("vector", LargeBinary, nullable=False),
)


claim_retrieval = Table(
    "claim_retrieval",
    metadata,
    Column("claim_id", String(CLAIM_ID), primary_key=True),
    Column("text", Text, nullable=False),
    Column("passages", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
)


claim_candidates = Table(
    "claim_candidates",
    metadata,
    Column("claim_id", String(CLAIM_ID), primary_key=True),
    Column("doc_id", String(16), primary_key=True, index=True),
)


holder_reliability = Table(
    "holder_reliability",
    metadata,
    Column("holder", Text, primary_key=True),
    Column("reliability", Float, nullable=False),
)


claim_renames = Table(
    "claim_renames",
    metadata,
    Column("old_id", String(CLAIM_ID), primary_key=True),
    Column("new_id", String(CLAIM_ID), nullable=False),
)


TABLES = (
    corpus_documents,
    sentence_vectors,
    claim_retrieval,
    claim_candidates,
    holder_reliability,
    claim_renames,
)


# The claim's retrieval terms, tokenised exactly as `passages_fts` (a claim finds a sentence
# through a shared stemmed token, so a sentence finds the claim through the same token).
SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS claim_terms_fts USING fts5("
    "claim_id UNINDEXED, terms, tokenize='porter unicode61 remove_diacritics 2')"
)


def apply(conn: Connection) -> None:
    for table in TABLES:  # in this order (parents first), so the DDL is the same every run
        table.create(conn, checkfirst=True)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(SQLITE_DDL)
