"""What the per-document NLP stage finds, and the corpus-level actors (migration 0002_nlp).

Per-document rows (document_actors, actor_mentions, statements, events) keep the actor ids
as found in their document, so they are a pure function of it; the corpus stage rebuilds
`actors` (canonical, merged) and `actor_merges` (found id -> canonical id) from them.
Actor ids are not foreign keys: `actors` is rebuilt after the per-document rows are written.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from claimgraph.store.schema.base import ACTOR_ID, metadata

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
