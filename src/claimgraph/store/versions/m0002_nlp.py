"""Actors, mentions, statements and events (issue 3).

Frozen: these definitions are what this migration created when it was released; never edit
them (docs/schema.md#store-migrations).
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Connection, ForeignKey, Integer, String, Table, Text

from claimgraph.store.versions import (
    m0001_initial,  # noqa: F401 -- `documents`, which foreign keys name
    metadata,
)

ACTOR_ID = 200

document_actors = Table(
    "document_actors",
    metadata,
    Column("doc_id", String(16), ForeignKey("documents.id"), primary_key=True),
    Column("actor_id", String(ACTOR_ID), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("aliases", JSON, nullable=False),
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
    Column("actor_id", String(ACTOR_ID), primary_key=True),
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
    Column("id", String(16), primary_key=True),
    Column("doc_id", String(16), ForeignKey("documents.id"), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
    Column("voice", String(20), nullable=False),
    Column("speaker_name", Text),
    Column("speaker_actor_id", String(ACTOR_ID), index=True),
    Column("speaker_description", Text),
    Column("affiliation", Text),
    Column("chain", JSON, nullable=False),
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


TABLES = (document_actors, actors, actor_merges, actor_mentions, statements, events)


def apply(conn: Connection) -> None:
    for table in TABLES:  # in this order (parents first), so the DDL is the same every run
        table.create(conn, checkfirst=True)
