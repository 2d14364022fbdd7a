"""Frozen migration 0004_retrieval: what it adds to a store made by the migrations before it."""

from __future__ import annotations

from migration_steps import step

from claimgraph.store.versions import m0004_retrieval


def test_m0004_retrieval_creates_its_frozen_tables() -> None:
    done = step("0004_retrieval")
    made = {t.name for t in m0004_retrieval.TABLES}
    assert made.isdisjoint(done.tables_before) and made <= done.tables_after
    new = done.tables_after - done.tables_before
    assert "passages_fts" in new  # SQLite's full-text table and its shadow tables
    assert new - made == {t for t in new if t.startswith("passages_fts")}
