"""documents.source_id (issue 12: a corpus's own ids are kept). Frozen: never edit."""

from __future__ import annotations

from sqlalchemy import Connection, Text

from claimgraph.store.versions import add_column


def apply(conn: Connection) -> None:
    add_column(conn, "documents", "source_id", Text())
