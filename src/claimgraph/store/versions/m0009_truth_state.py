"""What incremental verdicts keep (issue 11): truth discovery's votes per claim, each claim's
posterior, and per holder its prior and the reliability its claims were last computed with.

Frozen: these definitions are what this migration created when it was released; never edit
them (docs/schema.md#store-migrations).
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, Float, Index, Integer, String, Table, Text

from claimgraph.store.versions import metadata

CLAIM_ID = 40

truth_votes = Table(
    "truth_votes",
    metadata,
    Column("claim_id", String(CLAIM_ID), primary_key=True),
    Column("holder", Text, primary_key=True),
    Column("sign", Integer, nullable=False),
    Column("weight", Float, nullable=False),
    Column("share", Float, nullable=False),
    Column("doc_ids", Text, nullable=False),
)
Index("ix_truth_votes_holder", truth_votes.c.holder)


truth_claims = Table(
    "truth_claims",
    metadata,
    Column("claim_id", String(CLAIM_ID), primary_key=True),
    Column("posterior", Float, nullable=False),
    Column("digest", String(64), nullable=False),
)


truth_holders = Table(
    "truth_holders",
    metadata,
    Column("holder", Text, primary_key=True),
    Column("prior", Float, nullable=False),
    Column("shown", Float, nullable=False),
)


TABLES = (truth_votes, truth_claims, truth_holders)


def apply(conn: Connection) -> None:
    # Empty on a store made before: its next corpus stage runs the verdicts step in full
    # (`claimgraph.corpus.verdicts_step`), which fills them; the other steps stay incremental.
    for table in TABLES:  # in this order, so the DDL is the same every run
        table.create(conn, checkfirst=True)
