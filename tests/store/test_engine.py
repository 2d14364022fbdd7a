"""Engine creation: paths vs URLs, the PostgreSQL driver choice, passwords masked, SQLite settings
for writers and read-only readers, and one numbered line for a URL that cannot work."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from claimgraph.errors import ClaimgraphError
from claimgraph.store import Store, engine
from claimgraph.store.engine import (
    LOCK_WAIT_MS,
    READ_WAIT_MS,
    create_store_engine,
    database_url,
    display_name,
    is_sqlite_file,
)


@pytest.mark.parametrize(
    ("db", "expected"),
    [("claimgraph.db", True), (Path("a/b.db"), True), (":memory:", False), ("postgresql://h/x", False)],
)
def test_engine_is_sqlite_file(db: str | Path, expected: bool) -> None:
    assert is_sqlite_file(db) is expected


def test_engine_memory_url() -> None:
    assert database_url(":memory:") == "sqlite://"


@pytest.mark.parametrize(
    ("installed", "expected"),
    [
        ({"psycopg", "psycopg2"}, "postgresql+psycopg://u@h/x"),  # psycopg (3) first
        ({"psycopg2"}, "postgresql+psycopg2://u@h/x"),
        (set(), "postgresql://u@h/x"),  # neither: SQLAlchemy's own default and its error
    ],
)
def test_engine_bare_postgresql_url_names_an_installed_driver(
    monkeypatch: pytest.MonkeyPatch, installed: set[str], expected: str
) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        if name in engine.PG_DRIVERS:
            return real("sqlite3") if name in installed else None  # any spec: "installed"
        return real(name, *args)

    monkeypatch.setattr(engine.importlib.util, "find_spec", find_spec)
    assert database_url("postgresql://u@h/x") == expected
    assert database_url("postgresql+pg8000://u@h/x") == "postgresql+pg8000://u@h/x"  # named: kept


def test_engine_display_name_masks_the_password_only() -> None:
    assert display_name("store.db") == "store.db"
    assert display_name("postgresql://me:pw@db:5432/c") == "postgresql://me:***@db:5432/c"
    assert display_name("postgresql://me@db/c") == "postgresql://me@db/c"
    assert display_name("postgresql://me:pw@db:notaport/c") == "postgresql://…"  # unparseable


def test_engine_url_that_is_not_a_url_is_e001() -> None:
    with pytest.raises(ClaimgraphError) as info:
        create_store_engine("postgresql://me:pw@db:notaport/c")
    assert info.value.code == "E001" and "not a database URL" in str(info.value)
    assert ":pw@" not in str(info.value)


def test_engine_missing_driver_is_e042(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        engine.importlib.util, "find_spec", lambda n, *a: None if n == "psycopg2" else real(n, *a)
    )
    with pytest.raises(ClaimgraphError) as info:
        create_store_engine("postgresql+psycopg2://me:pw@db/c")
    assert info.value.code == "E042" and "pip install psycopg2-binary" in str(info.value)


def test_engine_memory_store_is_one_database() -> None:
    """Every checkout of an in-memory engine sees the same database (one shared connection)."""
    eng = create_store_engine(":memory:")
    with eng.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
        conn.execute(text("INSERT INTO t VALUES (1)"))
    with eng.connect() as conn:
        assert conn.execute(text("SELECT x FROM t")).scalar() == 1
    eng.dispose()


def test_engine_read_only_sqlite_reads_and_never_writes(db_path: str) -> None:
    with Store.open(db_path):
        pass
    eng = create_store_engine(db_path, read_only=True)
    try:
        with eng.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == READ_WAIT_MS
            assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == 0
        with pytest.raises(OperationalError, match="readonly"), eng.begin() as conn:
            conn.execute(text("DELETE FROM documents"))
    finally:
        eng.dispose()


def test_engine_read_only_open_leaves_a_rollback_journal_file_alone(tmp_path: Path) -> None:
    """A read-only engine never switches a file to WAL (a writer's engine does)."""
    db = str(tmp_path / "plain.db")
    made = sqlite3.connect(db)  # sqlite3's default: a rollback journal
    made.execute("CREATE TABLE t (x)")
    made.close()
    reader = create_store_engine(db, read_only=True)
    with reader.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    reader.dispose()
    writer = create_store_engine(db)
    with writer.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == LOCK_WAIT_MS
    writer.dispose()
