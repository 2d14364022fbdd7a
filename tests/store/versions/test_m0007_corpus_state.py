"""Frozen migration 0007_corpus_state: what it adds to a store made by the migrations before it."""

from __future__ import annotations

from migration_steps import step

from claimgraph.store.versions import m0007_corpus_state


def test_m0007_corpus_state_creates_its_frozen_tables() -> None:
    done = step("0007_corpus_state")
    made = {t.name for t in m0007_corpus_state.TABLES}
    assert made.isdisjoint(done.tables_before) and made <= done.tables_after
    new = done.tables_after - done.tables_before
    assert "claim_terms_fts" in new  # SQLite's full-text table and its shadow tables
    assert new - made == {t for t in new if t.startswith("claim_terms_fts")}
