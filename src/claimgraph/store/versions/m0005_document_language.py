"""documents.language (issue 12: English-only stages skip other languages). Frozen: never edit."""

from __future__ import annotations

from sqlalchemy import Connection, String

from claimgraph.store.versions import add_column


def apply(conn: Connection) -> None:
    add_column(conn, "documents", "language", String(8))
