"""The store: idempotent writes, migrations, streaming reads, id prefixes, SQLite settings."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document, IngestError
from claimgraph.store import Store
from claimgraph.store.engine import database_url
from claimgraph.store.migrations import MIGRATIONS, Migration, applied_migrations


def test_store_analyses_keyed_by_version_and_config(store: Store, docs: list[Document]) -> None:
    store.add_documents(docs[:2])
    a, b = docs[0].id, docs[1].id
    store.put_analysis(a, "0.1.0", "cfg1", {"x": 1})
    assert store.has_analysis(a, "0.1.0", "cfg1")
    assert not store.has_analysis(a, "0.2.0", "cfg1")
    assert not store.has_analysis(a, "0.1.0", "cfg2")
    assert store.missing_analyses([b, a, b], "0.1.0", "cfg1") == [b]
    assert store.get_analysis(a, "0.1.0", "cfg1") == {"x": 1}


def test_store_near_dup_groups_merge(store: Store, docs: list[Document]) -> None:
    store.add_documents(docs)
    ids = sorted(d.id for d in docs)
    store.set_near_dup_group(ids[2], [ids[2], ids[3]])
    store.set_near_dup_group(ids[1], [ids[1], ids[2]], old_groups=[ids[2]])
    groups = store.near_dup_groups()
    assert [(g.id, g.doc_ids) for g in groups] == [(ids[1], (ids[1], ids[2], ids[3]))]
    assert store.count_near_dup_groups() == 1


def test_store_transaction_rolls_back_whole_batch(store: Store, docs: list[Document]) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.add_documents(docs[:2])
        store.add_ingest_errors([IngestError("x", "y")])
        raise RuntimeError("killed")
    assert store.count_documents() == 0
    assert list(store.iter_ingest_errors()) == []


def test_store_foreign_keys_enforced(store: Store) -> None:
    with pytest.raises(Exception, match=r"(?i)foreign key"):
        store.put_analysis("no-such-doc", "0.1.0", "c", {})


def test_store_sqlite_pragmas(db_path: str) -> None:
    with Store.open(db_path) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_store_in_memory(docs: list[Document]) -> None:
    with Store.open(":memory:") as store:
        assert store.add_documents(docs) == len(docs)
        assert store.count_documents() == len(docs)


PG_DRIVER = "psycopg" if importlib.util.find_spec("psycopg") else "psycopg2"


@pytest.mark.parametrize(
    ("db", "url"),
    [
        ("postgresql+psycopg2://u@host/claims", "postgresql+psycopg2://u@host/claims"),
        ("postgresql://u@host/claims", f"postgresql+{PG_DRIVER}://u@host/claims"),  # the installed one
        (":memory:", "sqlite://"),
    ],
)
def test_store_database_url_passes_urls(db: str, url: str) -> None:
    assert database_url(db) == url


def test_store_database_url_resolves_paths(tmp_path: Path) -> None:
    assert database_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"


def test_store_migrates_empty_file(db_path: str) -> None:
    Path(db_path).touch()
    with Store.open(db_path) as store:
        assert applied_migrations(store.engine) == [m.name for m in MIGRATIONS]


def _add_flag(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE documents ADD COLUMN flagged INTEGER DEFAULT 0"))


def _broken(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE documents ADD COLUMN half_done INTEGER"))
    raise RuntimeError("migration failed half-way")


def test_store_migrates_older_store_keeping_data(db_path: str, docs: list[Document]) -> None:
    with Store.open(db_path) as old:
        old.add_documents(docs)
    newer = (*MIGRATIONS, Migration("9999_test_flag", _add_flag))
    with Store.open(db_path, migrations=newer) as store:
        assert applied_migrations(store.engine)[-1] == "9999_test_flag"
        assert store.count_documents() == len(docs)
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT sum(flagged) FROM documents")).scalar() == 0
    with Store.open(db_path, migrations=newer) as again:  # nothing left to apply
        assert applied_migrations(again.engine).count("9999_test_flag") == 1


def test_store_failed_migration_rolls_back(db_path: str) -> None:
    Store.open(db_path).close()
    with pytest.raises(RuntimeError):
        Store.open(db_path, migrations=(*MIGRATIONS, Migration("9999_broken", _broken)))
    with Store.open(db_path) as store, store.engine.connect() as conn:
        columns = [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(documents)")]
        assert "half_done" not in columns
        assert "9999_broken" not in applied_migrations(store.engine)


def test_store_refuses_newer_store(db_path: str) -> None:
    Store.open(db_path, migrations=(*MIGRATIONS, Migration("9999_future", _add_flag))).close()
    with pytest.raises(ClaimgraphError, match=r"E003.*9999_future"):
        Store.open(db_path)


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"this is not a database at all" * 100, "E002"), (b"SQLite format 3\x00" + b"\xff" * 200, "E002")],
)
def test_store_corrupt_file_is_one_clear_error(db_path: str, content: bytes, code: str) -> None:
    Path(db_path).write_bytes(content)
    with pytest.raises(ClaimgraphError) as info:
        Store.open(db_path)
    assert info.value.code == code
    assert db_path in str(info.value)


def test_store_missing_file_without_create(tmp_path: Path) -> None:
    with pytest.raises(ClaimgraphError, match="E006"):
        Store.open(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_store_directory_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(ClaimgraphError, match="E001"):
        Store.open(tmp_path)


def test_store_runs_get_the_ids_the_database_gave(store: Store) -> None:
    first, second = store.start_run("v1", "c1"), store.start_run("v1", "c2")
    store.finish_run(first, {"documents": 2})
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT id, config_hash, finished FROM runs ORDER BY id")).all()
    assert [(r[0], r[1]) for r in rows] == [(first, "c1"), (second, "c2")] and second > first
    assert rows[0][2] is not None and rows[1][2] is None  # only the finished run has its time
