"""Sentence passages and their BM25 index, tracked claims (issue 8: check any claim); the index
is FTS5 on SQLite, a tsvector table on PostgreSQL (issue 10).

Frozen: these definitions are what this migration created when it was released; never edit
them (docs/schema.md#store-migrations).
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Connection, ForeignKey, Integer, String, Table, Text

from claimgraph.store.versions import (
    m0001_initial,  # noqa: F401 -- `documents`, which foreign keys name
    metadata,
)

CLAIM_ID = 40

passages = Table(
    "passages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(16), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("voice", String(20), nullable=False),
    Column("source", Text),
)


passage_docs = Table(
    "passage_docs",
    metadata,
    Column("doc_id", String(16), ForeignKey("documents.id"), primary_key=True),
    Column("passages", Integer, nullable=False),
)


tracked_claims = Table(
    "tracked_claims",
    metadata,
    Column("id", String(CLAIM_ID), primary_key=True),
    Column("text", Text, nullable=False),
    Column("added", String(40), nullable=False),
    Column("result", JSON),
)


TABLES = (passages, passage_docs, tracked_claims)


# Contentless (the text lives in `documents`), Porter-stemmed, accents folded; `pg_search.TOKENIZER`
# must stay this tokenizer (PostgreSQL's index stores the tokens it makes).
SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5("
    "text, content='', tokenize='porter unicode61 remove_diacritics 2')",
)

# The tsvector index, its GIN index and the one-row corpus totals BM25 needs (`pg_search`).
POSTGRESQL_DDL = (
    "CREATE TABLE IF NOT EXISTS passages_fts ("
    " id INTEGER PRIMARY KEY REFERENCES passages (id), tsv TSVECTOR NOT NULL, length INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_passages_fts_tsv ON passages_fts USING GIN (tsv)",
    "CREATE TABLE IF NOT EXISTS passages_fts_stats ("
    " one INTEGER PRIMARY KEY CHECK (one = 1), passages BIGINT NOT NULL, tokens BIGINT NOT NULL)",
    "INSERT INTO passages_fts_stats VALUES (1, 0, 0) ON CONFLICT DO NOTHING",
)


def apply(conn: Connection) -> None:
    for table in TABLES:  # in this order (parents first), so the DDL is the same every run
        table.create(conn, checkfirst=True)
    extra = {"sqlite": SQLITE_DDL, "postgresql": POSTGRESQL_DDL}.get(conn.dialect.name, ())
    for statement in extra:
        conn.exec_driver_sql(statement)
