"""Opening a store without harming anything: database errors as one numbered line without SQL or
parameters, foreign databases refused and left unchanged, older stores upgraded on a read open."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import DatabaseError, DBAPIError, IntegrityError, OperationalError

from claimgraph.errors import ClaimgraphError
from claimgraph.store import opening
from claimgraph.store.engine import create_store_engine
from claimgraph.store.migrations import MIGRATIONS, applied_migrations
from claimgraph.store.opening import (
    PROBLEM_CHARS,
    SHOWN_TABLES,
    check_claimgraph,
    database_error,
    open_error,
    open_read_only,
    problem_text,
    refuse_foreign_file,
)

SECRET = "Article text that must never reach an error message"


def _error(kind: type[DBAPIError], message: str, *, invalidated: bool = False) -> DBAPIError:
    """What SQLAlchemy raises: the statement and parameters hold article text; the driver's own
    exception carries the message."""
    return kind(
        f"INSERT INTO documents VALUES ('{SECRET}')",
        {"text": SECRET},
        sqlite3.OperationalError(message),
        connection_invalidated=invalidated,
    )


def test_opening_problem_text_is_the_first_line_bounded() -> None:
    assert problem_text(_error(OperationalError, "database is locked\nsecond line")) == "database is locked"
    long = problem_text(_error(OperationalError, "x" * (PROBLEM_CHARS + 50)))
    assert long == "x" * PROBLEM_CHARS + "…"
    assert SECRET not in problem_text(_error(OperationalError, "disk I/O error"))


@pytest.mark.parametrize(
    ("message", "invalidated", "code"),
    [
        ("database is locked", False, "E012"),
        ("canceling statement due to lock timeout", False, "E012"),
        ("attempt to write a readonly database", False, "E040"),
        ("cannot execute INSERT in a read-only transaction", False, "E040"),
        ("server closed the connection unexpectedly", True, "E095"),
        ("UNIQUE constraint failed: documents.id", False, "E043"),
    ],
)
def test_opening_database_error_codes(message: str, invalidated: bool, code: str) -> None:
    error = database_error(_error(OperationalError, message, invalidated=invalidated), "s.db")
    assert error.code == code
    assert SECRET not in str(error) and "INSERT INTO" not in str(error) and "s.db" in str(error)


@pytest.mark.parametrize(
    ("kind", "message", "code"),
    [
        (OperationalError, "database is locked", "E012"),
        (OperationalError, "attempt to write a readonly database", "E040"),
        (OperationalError, "unable to open database file", "E001"),
        (DatabaseError, "file is not a database", "E002"),
        (IntegrityError, "NOT NULL constraint failed", "E002"),
    ],
)
def test_opening_open_error_codes(kind: type[DBAPIError], message: str, code: str) -> None:
    error = open_error(_error(kind, message), "s.db")
    assert error.code == code and SECRET not in str(error)


def _foreign_file(path: Path, tables: int) -> str:
    conn = sqlite3.connect(path)
    for i in range(tables):
        conn.execute(f"CREATE TABLE t{i} (x)")
    conn.commit()
    conn.close()
    return str(path)


def test_opening_check_claimgraph_refuses_foreign_databases(tmp_path: Path) -> None:
    engine = create_store_engine(_foreign_file(tmp_path / "f.db", SHOWN_TABLES + 2), read_only=True)
    with pytest.raises(ClaimgraphError) as info:
        check_claimgraph(engine, "f.db", allow_empty=True)
    assert info.value.code == "E041"
    assert f"{SHOWN_TABLES + 2} other table(s)" in str(info.value) and ", …" in str(info.value)
    assert "t0" in str(info.value) and f"t{SHOWN_TABLES + 1}" not in str(info.value)
    engine.dispose()


def test_opening_check_claimgraph_empty_database(tmp_path: Path) -> None:
    engine = create_store_engine(str(tmp_path / "empty.db"))
    check_claimgraph(engine, "empty.db", allow_empty=True)  # a write may build a store there
    with pytest.raises(ClaimgraphError) as info:
        check_claimgraph(engine, "empty.db", allow_empty=False)  # a read finds nothing to read
    assert info.value.code == "E041" and "it is empty" in str(info.value)
    engine.dispose()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_opening_refuse_foreign_file_leaves_it_unchanged(tmp_path: Path) -> None:
    path = Path(_foreign_file(tmp_path / "f.db", 1))
    before = _digest(path)
    with pytest.raises(ClaimgraphError) as info:
        refuse_foreign_file(str(path), "f.db")
    assert info.value.code == "E041"
    assert _digest(path) == before and not (tmp_path / "f.db-wal").exists()


def test_opening_refuse_foreign_file_lets_new_and_empty_files_through(tmp_path: Path) -> None:
    refuse_foreign_file(str(tmp_path / "missing.db"), "missing.db")
    (tmp_path / "zero.db").touch()
    refuse_foreign_file(str(tmp_path / "zero.db"), "zero.db")


def test_opening_read_only_upgrades_an_older_store_first(db_path: str) -> None:
    older = MIGRATIONS[:3]
    opening.open_writable(db_path, "s.db", older).dispose()
    engine = open_read_only(db_path, "s.db", MIGRATIONS)
    try:
        assert applied_migrations(engine) == [m.name for m in MIGRATIONS]
        assert "passages" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_opening_read_only_older_store_that_cannot_be_written_is_e044(
    db_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    opening.open_writable(db_path, "s.db", MIGRATIONS[:6]).dispose()

    def read_only_file(*_args: object) -> list[str]:
        raise _error(OperationalError, "attempt to write a readonly database")

    monkeypatch.setattr(opening, "migrate", read_only_file)
    with pytest.raises(ClaimgraphError) as info:
        open_read_only(db_path, "s.db", MIGRATIONS)
    assert info.value.code == "E044" and "0007_corpus_state" in str(info.value)


def test_opening_read_only_refuses_a_store_from_a_newer_version(db_path: str) -> None:
    opening.open_writable(db_path, "s.db", MIGRATIONS).dispose()
    with pytest.raises(ClaimgraphError) as info:
        open_read_only(db_path, "s.db", MIGRATIONS[:6])
    assert info.value.code == "E003" and "0007_corpus_state" in str(info.value)
