"""Frozen migration 0008_claim_index: what it adds to a store made by the migrations before it, and
that it forgets the documents taken in, so the next corpus stage rebuilds (and files the index)."""

from __future__ import annotations

from migration_steps import step
from sqlalchemy import create_engine, func, insert, select

from claimgraph.store.migrations import MIGRATIONS
from claimgraph.store.versions import m0007_corpus_state, m0008_claim_index


def test_m0008_claim_index_creates_its_frozen_tables() -> None:
    done = step("0008_claim_index")
    made = {t.name for t in m0008_claim_index.TABLES}
    assert made == {"claim_clusters", "cluster_facts", "cluster_buckets", "triple_facts"}
    assert made.isdisjoint(done.tables_before)
    assert done.tables_after - done.tables_before == made
    assert done.columns_after["cluster_facts"] == {"fact_kind", "fact_id", "doc_id", "cluster_id", "ordinal"}
    assert done.columns_after["triple_facts"] == {"actor_id", "relation", "doc_id"}
    # the tables it did not make are as they were
    assert {t: done.columns_after[t] for t in done.tables_before} == done.columns_before


def test_m0008_claim_index_empties_corpus_documents() -> None:
    taken = m0007_corpus_state.corpus_documents
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        for migration in MIGRATIONS:
            if migration.name == "0008_claim_index":
                break
            migration.apply(conn)
        conn.execute(insert(taken), [{"doc_id": "00000000000000a1"}, {"doc_id": "00000000000000a2"}])
        assert conn.scalar(select(func.count()).select_from(taken)) == 2
        m0008_claim_index.apply(conn)
        assert conn.scalar(select(func.count()).select_from(taken)) == 0
        m0008_claim_index.apply(conn)  # applied again (checkfirst): no error, still empty
        assert conn.scalar(select(func.count()).select_from(taken)) == 0
