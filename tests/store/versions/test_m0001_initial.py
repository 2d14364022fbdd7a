"""Frozen migration 0001_initial: what it adds to a store made by the migrations before it."""

from __future__ import annotations

from migration_steps import step

from claimgraph.store.versions import m0001_initial


def test_m0001_initial_creates_its_frozen_tables() -> None:
    done = step("0001_initial")
    made = {t.name for t in m0001_initial.TABLES}
    assert made.isdisjoint(done.tables_before) and made <= done.tables_after
    assert done.tables_after - done.tables_before == made
