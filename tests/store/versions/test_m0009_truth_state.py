"""Frozen migration 0009_truth_state: the tables it adds to a store made by the migrations before it
(empty: the next corpus stage runs the verdicts step in full, `Store.has_truth_state`)."""

from __future__ import annotations

from migration_steps import step

from claimgraph.store.versions import m0009_truth_state


def test_m0009_truth_state_creates_its_frozen_tables() -> None:
    done = step("0009_truth_state")
    made = {t.name for t in m0009_truth_state.TABLES}
    assert made == {"truth_votes", "truth_claims", "truth_holders"}
    assert made.isdisjoint(done.tables_before)
    assert done.tables_after - done.tables_before == made
    assert done.columns_after["truth_votes"] == {"claim_id", "holder", "sign", "weight", "share", "doc_ids"}
    assert done.columns_after["truth_claims"] == {"claim_id", "posterior", "digest"}
    assert done.columns_after["truth_holders"] == {"holder", "prior", "shown"}
    # the tables it did not make are as they were
    assert {t: done.columns_after[t] for t in done.tables_before} == done.columns_before
