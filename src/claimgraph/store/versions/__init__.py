"""Each migration's DDL, frozen: one module per migration, its tables as they were when it shipped.

A migration creates its tables from its own `Table` definitions on this package's `metadata`,
never from the live model in `claimgraph.store.schema`, so editing `store/schema/` cannot change
what an already-released migration creates. A later change to a table is a new module here (an
ALTER or a new table) and the same edit in `store/schema/`; `tests/store/test_migrations.py` fails
when a fresh store and `schema.metadata` disagree, and `tests/store/test_migration_ddl.py` when a
released migration's DDL changes. PostgreSQL column types come from `portable` (imported here).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Connection, Integer, MetaData, String, Table, inspect
from sqlalchemy.types import TypeEngine

from claimgraph.store import portable  # noqa: F401 -- registers the PostgreSQL column types

metadata = MetaData()

# Created before any migration runs: it records which migrations a store has.
schema_version = Table(
    "schema_version",
    metadata,
    Column("ordinal", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("applied", String(40), nullable=False),
)


def add_column(conn: Connection, table: str, name: str, kind: TypeEngine[Any]) -> None:
    """ALTER TABLE ... ADD COLUMN, typed as this database spells `kind`; nothing when the column is
    there already (a store created between a column's addition to 0001 and the freeze has it)."""
    if name in {c["name"] for c in inspect(conn).get_columns(table)}:
        return
    spelled = kind.compile(dialect=conn.dialect)
    conn.exec_driver_sql(f'ALTER TABLE {table} ADD COLUMN "{name}" {spelled}')
