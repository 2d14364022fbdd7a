"""Frozen migration 0006_document_source_id: what it adds to a store made by the migrations before it."""

from __future__ import annotations

from migration_steps import step


def test_m0006_document_source_id_adds_its_column_to_documents() -> None:
    done = step("0006_document_source_id")
    assert done.tables_before == done.tables_after
    assert "source_id" not in done.columns_before["documents"]
    assert "source_id" in done.columns_after["documents"]
