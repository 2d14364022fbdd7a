"""One schema, one behaviour on both backends (store/portable.py): on PostgreSQL string columns
are unbounded and byte-ordered (`COLLATE "C"`), as SQLite's are; SQLite's DDL is unchanged."""

from __future__ import annotations

import re

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateTable

from claimgraph.store import schema

WORDS = ["b", "B", "a", "é", "Z", "e", "ä", "Ab", "aB", "10", "9"]


def _table() -> Table:
    return Table(
        "portable_probe",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("s", String(2)),
        Column("t", Text),
    )


def test_portable_postgresql_strings_are_unbounded_and_byte_ordered() -> None:
    ddl = str(CreateTable(_table()).compile(dialect=postgresql.dialect()))  # type: ignore[no-untyped-call]
    assert 's VARCHAR COLLATE "C"' in ddl and 't TEXT COLLATE "C"' in ddl and "VARCHAR(2)" not in ddl
    lite = str(CreateTable(_table()).compile(dialect=sqlite.dialect()))  # type: ignore[no-untyped-call]
    assert "COLLATE" not in lite and "VARCHAR(2)" in lite


def test_portable_every_string_column_of_the_schema_is_collated() -> None:
    for table in schema.metadata.sorted_tables:
        ddl = str(CreateTable(table).compile(dialect=postgresql.dialect()))  # type: ignore[no-untyped-call]
        assert not re.search(r"VARCHAR\(\d+\)", ddl), table.name
        strings = [c for c in table.columns if isinstance(c.type, String)]
        assert ddl.count('COLLATE "C"') == len(strings), table.name


def test_portable_postgresql_orders_as_python_and_sqlite(pg_url: str) -> None:
    orders = []
    for url in ("sqlite://", pg_url):
        engine = create_engine(url)
        table = _table()
        with engine.begin() as conn:
            table.create(conn)
            conn.execute(
                insert(table), [{"id": i, "s": w * 3, "t": w} for i, w in enumerate(WORDS)]
            )  # over 2 chars
            orders.append(list(conn.scalars(select(table.c.t).order_by(table.c.t))))
            table.drop(conn)
        engine.dispose()
    assert orders[0] == orders[1] == sorted(WORDS)
