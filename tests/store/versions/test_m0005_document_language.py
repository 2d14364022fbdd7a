"""Frozen migration 0005_document_language: what it adds to a store made by the migrations before it."""

from __future__ import annotations

from migration_steps import step


def test_m0005_document_language_adds_its_column_to_documents() -> None:
    done = step("0005_document_language")
    assert done.tables_before == done.tables_after
    assert "language" not in done.columns_before["documents"]
    assert "language" in done.columns_after["documents"]
