"""Frozen migration 0002_nlp: what it adds to a store made by the migrations before it."""

from __future__ import annotations

from migration_steps import step

from claimgraph.store.versions import m0002_nlp


def test_m0002_nlp_creates_its_frozen_tables() -> None:
    done = step("0002_nlp")
    made = {t.name for t in m0002_nlp.TABLES}
    assert made.isdisjoint(done.tables_before) and made <= done.tables_after
    assert done.tables_after - done.tables_before == made
