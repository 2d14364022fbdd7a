"""The store: idempotent writes, migrations, streaming reads, id prefixes, SQLite settings."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document, IngestError, Segment, Voice
from claimgraph.store import Store
from claimgraph.store.engine import database_url
from claimgraph.store.migrations import MIGRATIONS, Migration, applied_migrations


def make_doc(doc_id: str, body: str = "Iran struck targets in Diyala.", uri: str | None = None) -> Document:
    text_ = f"Title {doc_id}\n{body}\nShare this"
    share = text_.index("Share")
    return Document(
        id=doc_id,
        uri=uri or f"{doc_id}.txt",
        format="text",
        text=text_,
        segments=(
            Segment(Voice.OWN, 0, share - 1),
            Segment(Voice.BOILERPLATE, share, len(text_)),
        ),
        title=f"Title {doc_id}",
        outlet="Test Outlet",
        published="2014-12-03",
    )


DOCS = [make_doc(f"{i:016x}") for i in (3, 1, 2, 0xA1, 0xA2)]


def test_store_add_documents_counts_new_only(store: Store) -> None:
    assert store.add_documents(DOCS) == len(DOCS)
    assert store.add_documents(DOCS) == 0
    assert store.add_documents([*DOCS[:2], DOCS[0]]) == 0
    assert store.count_documents() == len(DOCS)


def test_store_readd_changes_nothing(store: Store) -> None:
    store.add_documents(DOCS, run_id=None)
    store.add_ingest_errors([IngestError("bad.txt", "empty file")])
    store.put_analysis(DOCS[0].id, "0.1.0", "abc", {"voices": {"own": 1}})
    counts, checksum = store.table_counts(), store.content_checksum()
    store.add_documents(DOCS)
    store.add_ingest_errors([IngestError("bad.txt", "empty file")])
    store.put_analysis(DOCS[0].id, "0.1.0", "abc", {"voices": {"own": 2}})
    assert store.table_counts() == counts
    assert store.content_checksum() == checksum


def test_store_records_every_source_of_one_text(store: Store) -> None:
    doc = DOCS[0]
    copy = make_doc(doc.id, uri="elsewhere/copy.html")
    assert store.add_documents([doc]) == 1
    assert store.add_documents([copy]) == 0
    assert store.document_sources(doc.id) == sorted([doc.uri, "elsewhere/copy.html"])
    assert store.get_document(doc.id).uri == doc.uri  # the first uri stays the document's own


def test_store_round_trips_documents_in_id_order(store: Store) -> None:
    store.add_documents(DOCS)
    assert list(store.iter_documents()) == sorted(DOCS, key=lambda d: d.id)


def test_store_iter_documents_pages(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("claimgraph.store.PAGE_SIZE", 2)
    store.add_documents(DOCS)
    assert [d.id for d in store.iter_documents()] == sorted(d.id for d in DOCS)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("0000000000000003", "0000000000000003"),
        ("00000000000000a1", "00000000000000a1"),
        ("00000000000000a2", "00000000000000a2"),
        ("00000000000000A2", "00000000000000a2"),
    ],
)
def test_store_get_document_by_id(store: Store, query: str, expected: str) -> None:
    store.add_documents(DOCS)
    assert store.get_document(query).id == expected


def test_store_get_document_by_unique_prefix(store: Store) -> None:
    store.add_documents([make_doc("abc0000000000000"), make_doc("abd0000000000000")])
    assert store.get_document("abc").id == "abc0000000000000"


@pytest.mark.parametrize(
    ("query", "code"), [("00000000000000a", "E005"), ("ff", "E004"), ("", "E004"), ("%", "E004")]
)
def test_store_get_document_errors(store: Store, query: str, code: str) -> None:
    store.add_documents(DOCS)
    with pytest.raises(ClaimgraphError) as info:
        store.get_document(query)
    assert info.value.code == code
    assert store.db in str(info.value)


def test_store_ingest_errors_recorded_once(store: Store) -> None:
    errors = [
        IngestError("a.txt", "empty file"),
        IngestError("a.txt", "empty file"),
        IngestError("b.csv", "no text"),
    ]
    store.add_ingest_errors(errors)
    store.add_ingest_errors(errors)
    assert list(store.iter_ingest_errors()) == [
        IngestError("a.txt", "empty file"),
        IngestError("b.csv", "no text"),
    ]


def test_store_analyses_keyed_by_version_and_config(store: Store) -> None:
    store.add_documents(DOCS[:2])
    a, b = DOCS[0].id, DOCS[1].id
    store.put_analysis(a, "0.1.0", "cfg1", {"x": 1})
    assert store.has_analysis(a, "0.1.0", "cfg1")
    assert not store.has_analysis(a, "0.2.0", "cfg1")
    assert not store.has_analysis(a, "0.1.0", "cfg2")
    assert store.missing_analyses([b, a, b], "0.1.0", "cfg1") == [b]
    assert store.get_analysis(a, "0.1.0", "cfg1") == {"x": 1}


def test_store_near_dup_groups_merge(store: Store) -> None:
    store.add_documents(DOCS)
    ids = sorted(d.id for d in DOCS)
    store.set_near_dup_group(ids[2], [ids[2], ids[3]])
    store.set_near_dup_group(ids[1], [ids[1], ids[2]], old_groups=[ids[2]])
    groups = store.near_dup_groups()
    assert [(g.id, g.doc_ids) for g in groups] == [(ids[1], (ids[1], ids[2], ids[3]))]
    assert store.count_near_dup_groups() == 1


def test_store_transaction_rolls_back_whole_batch(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.add_documents(DOCS[:2])
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


def test_store_in_memory() -> None:
    with Store.open(":memory:") as store:
        assert store.add_documents(DOCS) == len(DOCS)
        assert store.count_documents() == len(DOCS)


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


def test_store_migrates_older_store_keeping_data(db_path: str) -> None:
    with Store.open(db_path) as old:
        old.add_documents(DOCS)
    newer = (*MIGRATIONS, Migration("9999_test_flag", _add_flag))
    with Store.open(db_path, migrations=newer) as store:
        assert applied_migrations(store.engine)[-1] == "9999_test_flag"
        assert store.count_documents() == len(DOCS)
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
