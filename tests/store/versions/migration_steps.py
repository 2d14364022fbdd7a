"""Run the frozen migrations one at a time on an in-memory SQLite database, for the per-migration tests."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, create_engine, inspect

from claimgraph.store.migrations import MIGRATIONS


@dataclass(frozen=True)
class Step:
    """A store's tables, and each table's columns, before and after one migration."""

    tables_before: set[str]
    tables_after: set[str]
    columns_before: dict[str, set[str]]
    columns_after: dict[str, set[str]]


def _columns(conn: Connection) -> dict[str, set[str]]:
    found = inspect(conn)
    return {t: {c["name"] for c in found.get_columns(t)} for t in found.get_table_names()}


def step(name: str) -> Step:
    """Migration `name` applied to a store that has every migration before it."""
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        for migration in MIGRATIONS:
            if migration.name == name:
                before = _columns(conn)
                migration.apply(conn)
                after = _columns(conn)
                return Step(set(before), set(after), before, after)
            migration.apply(conn)
    raise KeyError(name)
