"""The frozen migrations' shared helper: adding a column once, as the database spells its type."""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, inspect

from claimgraph.store.versions import add_column


def test_add_column_adds_once_and_is_idempotent() -> None:
    engine = create_engine("sqlite://")
    Table("t", MetaData(), Column("id", Integer, primary_key=True)).create(engine)
    with engine.begin() as conn:
        add_column(conn, "t", "language", String(8))
        add_column(conn, "t", "language", String(8))  # a store that has it already: nothing happens
        columns = {c["name"]: str(c["type"]) for c in inspect(conn).get_columns("t")}
    assert columns == {"id": "INTEGER", "language": "VARCHAR(8)"}
