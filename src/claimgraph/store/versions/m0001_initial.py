"""The first tables: runs, documents and their sources, segments, ingest errors, analyses, MinHash.

Frozen: these definitions are what this migration created when it was released; never edit
them (docs/schema.md#store-migrations).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from claimgraph.store.versions import metadata

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started", String(40), nullable=False),
    Column("finished", String(40)),
    Column("pipeline_version", String(20), nullable=False),
    Column("config_hash", String(16), nullable=False),
    Column("counts", JSON),
)


documents = Table(
    "documents",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("uri", Text, nullable=False),
    Column("format", String(20), nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("author", Text),
    Column("published", String(40)),
    Column("url", Text),
    Column("text", Text, nullable=False),
    Column("near_dup_group", String(16), index=True),
    Column("first_run", Integer, ForeignKey("runs.id")),
)


document_sources = Table(
    "document_sources",
    metadata,
    Column("doc_id", String(16), ForeignKey("documents.id"), primary_key=True),
    Column("uri", Text, primary_key=True),
    Column("first_run", Integer, ForeignKey("runs.id")),
)


segments = Table(
    "segments",
    metadata,
    Column("doc_id", String(16), ForeignKey("documents.id"), primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("voice", String(20), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("source", Text),
    Column("author", Text),
)


ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("uri", Text, primary_key=True),
    Column("problem", Text, primary_key=True),
    Column("first_run", Integer, ForeignKey("runs.id")),
    Column("first_seen", String(40), nullable=False),
)


analyses = Table(
    "analyses",
    metadata,
    Column("doc_id", String(16), ForeignKey("documents.id"), primary_key=True),
    Column("pipeline_version", String(20), primary_key=True),
    Column("config_hash", String(16), primary_key=True),
    Column("payload", JSON, nullable=False),
)


minhashes = Table(
    "minhashes",
    metadata,
    Column("doc_id", String(16), ForeignKey("documents.id"), primary_key=True),
    Column("params", String(40), nullable=False),
    Column("signature", LargeBinary, nullable=False),
)


minhash_buckets = Table(
    "minhash_buckets",
    metadata,
    Column("bucket", BigInteger, primary_key=True),
    Column("doc_id", String(16), ForeignKey("documents.id"), primary_key=True),
)


Index("ix_document_sources_uri", document_sources.c.uri)


TABLES = (runs, documents, document_sources, segments, ingest_errors, analyses, minhashes, minhash_buckets)


def apply(conn: Connection) -> None:
    for table in TABLES:  # in this order (parents first), so the DDL is the same every run
        table.create(conn, checkfirst=True)
