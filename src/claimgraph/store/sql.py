"""Small SQL helpers shared by the store's modules: chunked IN lists, insert-or-ignore, timestamps."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite

IN_LIMIT = 500  # ids per IN (...) list: well under SQLite's 32,766 bound-parameter limit
T = TypeVar("T")


def utc_now() -> str:
    """The time a row is written (runs, first-seen errors), ISO 8601 in UTC to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def chunks(items: Sequence[T], size: int = IN_LIMIT) -> Iterator[Sequence[T]]:
    """`items` in runs of `size`, in order (itertools.batched is Python 3.12's)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def insert_ignore(
    conn: Connection, table: Table, rows: list[dict[str, Any]], update: Sequence[str] = ()
) -> None:
    """Insert rows, skipping (or, for `update` columns, overwriting) those whose key exists.

    Works on SQLite and PostgreSQL, the two databases the store supports.
    """
    if not rows:
        return
    stmt: postgresql.Insert | sqlite.Insert
    stmt = postgresql.insert(table) if conn.dialect.name == "postgresql" else sqlite.insert(table)
    if update:
        keys = [c.name for c in table.primary_key.columns]
        conn.execute(
            stmt.on_conflict_do_update(index_elements=keys, set_={c: stmt.excluded[c] for c in update}), rows
        )
    else:
        conn.execute(stmt.on_conflict_do_nothing(), rows)
