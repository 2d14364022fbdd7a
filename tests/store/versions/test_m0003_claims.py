"""Frozen migration 0003_claims: what it adds to a store made by the migrations before it."""

from __future__ import annotations

from migration_steps import step

from claimgraph.store.versions import m0003_claims


def test_m0003_claims_creates_its_frozen_tables() -> None:
    done = step("0003_claims")
    made = {t.name for t in m0003_claims.TABLES}
    assert made.isdisjoint(done.tables_before) and made <= done.tables_after
    assert done.tables_after - done.tables_before == made
