"""What the corpus stage builds over the whole store (migration 0003_claims).

Rebuilt together after every run (`claimgraph.corpus`): claims, their member facts, stances,
contradictions, verdicts and source reliabilities. `ordinal` keeps the order the pure
functions returned, so reading back gives the same lists. `source_priors` holds the last
outlet priors given with `analyze --priors`, so later runs keep using them.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from claimgraph.store.schema.base import ACTOR_ID, CLAIM_ID, metadata

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
