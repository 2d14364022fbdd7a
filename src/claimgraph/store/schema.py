"""Every table and column of the store, in one module (SQLAlchemy Core).

Nothing outside `claimgraph.store` names a table or writes SQL. This is the live model the
queries use; the migrations create the tables from their own frozen copies
(`claimgraph.store.versions`), so a change here needs a new migration there, never an edit of
a released one; tests/store/test_migrations.py fails when the two disagree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

from claimgraph.store import portable  # noqa: F401 -- registers the PostgreSQL column types

metadata = MetaData()

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

INITIAL_TABLES = (
    runs,
    documents,
    document_sources,
    segments,
    ingest_errors,
    analyses,
    minhashes,
    minhash_buckets,
)

# -- migration 0002_nlp: what the per-document NLP stage finds, and the corpus-level actors --
# Per-document rows (document_actors, actor_mentions, statements, events) keep the actor ids
# as found in their document, so they are a pure function of it; the corpus stage rebuilds
# `actors` (canonical, merged) and `actor_merges` (found id -> canonical id) from them.
# Actor ids are not foreign keys: `actors` is rebuilt after the per-document rows are written.

ACTOR_ID = 200  # "<kind>:<slug>" of a long organisation name

document_actors = Table(
    "document_actors",
    metadata,
    Column("doc_id", String(16), ForeignKey("documents.id"), primary_key=True),
    Column("actor_id", String(ACTOR_ID), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("aliases", JSON, nullable=False),  # list of names
    Column("affiliation", String(ACTOR_ID)),
    Column("code", String(40)),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(ACTOR_ID), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("affiliation", String(ACTOR_ID)),
    Column("code", String(40)),
)

actor_merges = Table(
    "actor_merges",
    metadata,
    Column("actor_id", String(ACTOR_ID), primary_key=True),  # as found in a document
    Column("canonical_id", String(ACTOR_ID), nullable=False, index=True),
)

actor_mentions = Table(
    "actor_mentions",
    metadata,
    Column("doc_id", String(16), ForeignKey("documents.id"), primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("actor_id", String(ACTOR_ID), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("voice", String(20), nullable=False),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String(16), primary_key=True),  # sha256 of doc id and cue/content offsets
    Column("doc_id", String(16), ForeignKey("documents.id"), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),  # position in the document's extraction order
    Column("voice", String(20), nullable=False),
    Column("speaker_name", Text),
    Column("speaker_actor_id", String(ACTOR_ID), index=True),
    Column("speaker_description", Text),
    Column("affiliation", Text),
    Column("chain", JSON, nullable=False),  # list: outlet ... speaker
    Column("cue", Text, nullable=False),
    Column("content", Text, nullable=False),
    Column("direct", Boolean, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("doc_id", String(16), ForeignKey("documents.id"), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
    Column("voice", String(20), nullable=False),
    Column("actor_name", Text, nullable=False),
    Column("actor_id", String(ACTOR_ID), index=True),
    Column("action", String(40), nullable=False),
    Column("cameo", String(10)),
    Column("target_name", Text),
    Column("target_actor_id", String(ACTOR_ID), index=True),
    Column("place", Text),
    Column("date", String(40)),
    Column("modality", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

NLP_TABLES = (document_actors, actors, actor_merges, actor_mentions, statements, events)
# Per-document NLP rows, replaced together when a document is analysed again.
DOCUMENT_NLP_TABLES = (document_actors, actor_mentions, statements, events)

# -- migration 0003_claims: what the corpus stage builds over the whole store -----------------
# Rebuilt together after every run (`claimgraph.corpus`): claims, their member facts, stances,
# contradictions, verdicts and source reliabilities. `ordinal` keeps the order the pure
# functions returned, so reading back gives the same lists. `source_priors` holds the last
# outlet priors given with `analyze --priors`, so later runs keep using them.

CLAIM_ID = 40

claims = Table(
    "claims",
    metadata,
    Column("id", String(CLAIM_ID), primary_key=True),
    Column("ordinal", Integer, nullable=False),  # most widely carried first
    Column("text", Text, nullable=False),
    Column("subject_name", Text),
    Column("subject_actor_id", String(ACTOR_ID)),
    Column("relation", String(60)),
    Column("object_name", Text),
    Column("object_actor_id", String(ACTOR_ID)),
    Column("place", Text),
)

claim_members = Table(
    "claim_members",
    metadata,
    Column("claim_id", String(CLAIM_ID), ForeignKey("claims.id"), primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("fact_kind", String(20), nullable=False),  # statement | event | sentence
    Column("fact_id", String(64), nullable=False),
    Column("doc_id", String(16), ForeignKey("documents.id"), nullable=False, index=True),
    Column("polarity", Integer, nullable=False),
    Column("voice", String(20), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("holder", Text, nullable=False),
)

stances = Table(
    "stances",
    metadata,
    Column("claim_id", String(CLAIM_ID), ForeignKey("claims.id"), primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("doc_id", String(16), ForeignKey("documents.id"), nullable=False, index=True),
    Column("holder", Text, nullable=False),
    Column("holder_kind", String(20), nullable=False),  # source | speaker
    Column("stance", String(20), nullable=False),
    Column("score", Float, nullable=False),
    Column("actor_id", String(ACTOR_ID)),
    Column("statement_id", String(16)),
    Column("evidence", JSON, nullable=False),  # [{doc_id, start, end, text, voice}]
)

contradictions = Table(
    "contradictions",
    metadata,
    Column("id", String(CLAIM_ID), primary_key=True),
    Column("ordinal", Integer, nullable=False),
    Column("claim_id", String(CLAIM_ID), ForeignKey("claims.id"), nullable=False, index=True),
    Column("a_kind", String(20), nullable=False),
    Column("a_id", String(64), nullable=False),
    Column("a_doc_id", String(16), nullable=False),
    Column("b_kind", String(20), nullable=False),
    Column("b_id", String(64), nullable=False),
    Column("b_doc_id", String(16), nullable=False),
    Column("reason", Text, nullable=False),
)

verdicts = Table(
    "verdicts",
    metadata,
    Column("claim_id", String(CLAIM_ID), ForeignKey("claims.id"), primary_key=True),
    Column("label", String(20), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("explanation", Text, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("name", Text, primary_key=True),
    Column("ordinal", Integer, nullable=False),  # most reliable first
    Column("reliability", Float, nullable=False),
    Column("documents", Integer, nullable=False),
)

source_priors = Table(
    "source_priors",
    metadata,
    Column("outlet", Text, primary_key=True),
    Column("prior", Float, nullable=False),
)

# -- retrieval (0004_retrieval): every sentence of every document, searchable by BM25 ----------

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

# -- incremental corpus stage (0007_corpus_state, issue 11) -----------------------------------

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
# documents kept (at the caps, a new document may displace an old one: the claim is re-retrieved).
claim_retrieval = Table(
    "claim_retrieval",
    metadata,
    Column("claim_id", String(CLAIM_ID), primary_key=True),
    Column("text", Text, nullable=False),
    Column("passages", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
)

# Every document judged for a claim (its members' documents and the retrieved ones).
claim_candidates = Table(
    "claim_candidates",
    metadata,
    Column("claim_id", String(CLAIM_ID), primary_key=True),
    Column("doc_id", String(16), primary_key=True, index=True),
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

# Children first: the order to delete in when the corpus stage rebuilds them.
CORPUS_TABLES = (verdicts, contradictions, stances, claim_members, sources, claims)
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
    passages,
    passage_docs,
    tracked_claims,
    *CORPUS_STATE_TABLES,
)
