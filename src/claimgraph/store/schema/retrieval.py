"""Every sentence of every document, searchable by BM25, and the claims a user follows
(migration 0004_retrieval).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from claimgraph.store.schema.base import CLAIM_ID, metadata

# One row per sentence of a non-boilerplate segment; on SQLite a contentless FTS5 table
# `passages_fts` (rowid = passages.id, created by the migration: it has no Core equivalent) indexes
# the sentence text, which itself is read back from `documents.text` by offsets.
passages = Table(
    "passages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(16), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("voice", String(20), nullable=False),
    Column("source", Text),  # the quoted outlet or comment author of the segment, when named
)

# Documents whose passages are indexed (so a re-run or an older store is indexed exactly once).
passage_docs = Table(
    "passage_docs",
    metadata,
    Column("doc_id", String(16), ForeignKey("documents.id"), primary_key=True),
    Column("passages", Integer, nullable=False),
)

# Claims a user asked to follow (`claimgraph check --track`): re-judged after every analyze.
tracked_claims = Table(
    "tracked_claims",
    metadata,
    Column("id", String(CLAIM_ID), primary_key=True),  # "tracked:" + hash of the normalised text
    Column("text", Text, nullable=False),
    Column("added", String(40), nullable=False),
    Column("result", JSON),  # the latest `check` JSON, NULL until the first judgement
)

RETRIEVAL_TABLES = (passages, passage_docs, tracked_claims)
