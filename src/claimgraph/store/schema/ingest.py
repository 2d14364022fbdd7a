"""Runs and what ingest writes: documents, their sources and segments, ingest errors, per-document
analyses and MinHash signatures (migration 0001_initial), and `schema_version`.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from claimgraph.store.schema.base import metadata

schema_version = Table(
    "schema_version",
    metadata,
    Column("ordinal", Integer, primary_key=True),  # position in migrations.MIGRATIONS, from 1
    Column("name", String(100), nullable=False, unique=True),
    Column("applied", String(40), nullable=False),  # ISO 8601 UTC
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started", String(40), nullable=False),
    Column("finished", String(40)),  # NULL: the run was killed or is still going
    Column("pipeline_version", String(20), nullable=False),
    Column("config_hash", String(16), nullable=False),
    Column("counts", JSON),  # RunSummary counts, written when the run finishes
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(16), primary_key=True),  # content hash of the normalised text
    Column("uri", Text, nullable=False),  # the first input that produced it
    Column("format", String(20), nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("author", Text),
    Column("published", String(40)),
    Column("url", Text),
    Column("text", Text, nullable=False),
    Column("near_dup_group", String(16), index=True),  # smallest doc id of its near-duplicate group
    Column("first_run", Integer, ForeignKey("runs.id")),
    Column("language", String(8)),  # ISO 639-1 code or "und"; NULL: stored before 0005
    Column("source_id", Text),  # the corpus's own id (--id-field); NULL: none given or stored before it
)

document_sources = Table(
    "document_sources",
    metadata,
    Column("doc_id", String(16), ForeignKey("documents.id"), primary_key=True),
    Column("uri", Text, primary_key=True),  # every input that produced this text
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
    Column("payload", JSON, nullable=False),  # {stage name: stage result}
)

minhashes = Table(
    "minhashes",
    metadata,
    Column("doc_id", String(16), ForeignKey("documents.id"), primary_key=True),
    Column("params", String(40), nullable=False),  # dedupe.SIGNATURE_PARAMS: stale when it changes
    Column("signature", LargeBinary, nullable=False),  # num_perm little-endian uint32 hash values
)

minhash_buckets = Table(
    "minhash_buckets",
    metadata,
    Column("bucket", BigInteger, primary_key=True),  # dedupe.buckets(): one key per LSH band
    Column("doc_id", String(16), ForeignKey("documents.id"), primary_key=True),
)

Index("ix_document_sources_uri", document_sources.c.uri)
