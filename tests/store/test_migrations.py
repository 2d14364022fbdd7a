"""Migrations on older stores (0001 -> 0002 (NLP tables), 0002 -> 0003 (claim tables) ...), and the
frozen DDL: every path from an old store, and a fresh one, ends at exactly the live `schema`.

Stores written by the code before the freeze had `documents.language` and `source_id` from 0001
(it built from the live schema); `PRE_FREEZE` replays that 0001 so old stores here look like them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pg_server import fresh_database
from sqlalchemy import Connection, Engine, create_engine, inspect

from claimgraph.model import Document, DocumentAnalysis
from claimgraph.store import Store, schema
from claimgraph.store.engine import database_url
from claimgraph.store.migrations import MIGRATIONS, Migration, applied_migrations
from claimgraph.store.versions import m0001_initial, m0005_document_language, m0006_document_source_id

# Search-index tables the migrations make by raw DDL (FTS5 and its shadow tables on SQLite, the
# tsvector table and its totals on PostgreSQL): no Core table in `schema`.
SEARCH_PREFIXES = ("passages_fts", "claim_terms_fts")


def _pre_freeze_initial(conn: Connection) -> None:
    """0001 as the code before the freeze ran it: `documents` already had language and source_id."""
    m0001_initial.apply(conn)
    m0005_document_language.apply(conn)
    m0006_document_source_id.apply(conn)


PRE_FREEZE = (Migration("0001_initial", _pre_freeze_initial), *MIGRATIONS[1:])

# Content tables that stores from before 0003 already had.
OLDER_TABLES = tuple(
    t
    for t in schema.CONTENT_TABLES
    if t not in (*schema.CLAIM_TABLES, *schema.RETRIEVAL_TABLES, *schema.CORPUS_STATE_TABLES)
)


def test_migrations_nlp_tables_added_to_old_store(
    db_path: str, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> None:
    with Store.open(db_path, migrations=PRE_FREEZE[:1]) as old:
        old.add_documents([nlp_doc()])
        tables = set(inspect(old.engine).get_table_names())
        assert not tables & {t.name for t in schema.NLP_TABLES}
    with Store.open(db_path) as store:
        assert applied_migrations(store.engine) == [m.name for m in MIGRATIONS]
        assert {t.name for t in schema.NLP_TABLES} <= set(inspect(store.engine).get_table_names())
        assert store.get_document(nlp_doc().id) == nlp_doc()
        assert store.count_documents() == 1
        assert all(store.table_counts()[t.name] == 0 for t in schema.NLP_TABLES)
        store.put_document_analysis(nlp_result())
        assert store.get_document_analysis(nlp_doc().id) == nlp_result()


def test_migrations_claim_tables_added_to_nlp_store(
    db_path: str, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> None:
    with Store.open(db_path, migrations=PRE_FREEZE[:2]) as old:
        old.add_documents([nlp_doc()])
        old.put_document_analysis(nlp_result())
        assert not set(inspect(old.engine).get_table_names()) & {t.name for t in schema.CLAIM_TABLES}
        before = old.content_checksum(OLDER_TABLES)
    with Store.open(db_path) as store:
        assert "0003_claims" in applied_migrations(store.engine)
        assert {t.name for t in schema.CLAIM_TABLES} <= set(inspect(store.engine).get_table_names())
        assert store.content_checksum(OLDER_TABLES) == before
        assert store.list_claims() == [] and store.list_sources() == []
        assert store.get_document_analysis(nlp_doc().id) == nlp_result()


def test_migrations_retrieval_index_added_to_claims_store(
    db_path: str, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> None:
    """0004: an older store gets the passage index; its documents are indexed on first use."""
    from claimgraph.claims.check import index_missing

    with Store.open(db_path, migrations=PRE_FREEZE[:3]) as old:
        old.add_documents([nlp_doc()])
    with Store.open(db_path) as store:
        assert "0004_retrieval" in applied_migrations(store.engine)
        assert store.unindexed_document_ids() == [nlp_doc().id]
        assert index_missing(store) > 0
        assert store.unindexed_document_ids() == []
        assert store.search_passages('"iran"', 10), "the document's sentences are searchable"


def test_migrations_fresh_store_has_every_table(store: Store) -> None:
    # FTS5's own shadow tables (passages_fts*, claim_terms_fts*) have no Core table
    names = {
        n
        for n in inspect(store.engine).get_table_names()
        if not n.startswith(("passages_fts", "claim_terms_fts"))
    }
    assert names == {t.name for t in schema.metadata.sorted_tables}
    assert [m.name for m in MIGRATIONS] == applied_migrations(store.engine)


def test_migrations_corpus_state_added_to_older_store(
    db_path: str, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> None:
    """0007: a store from before the incremental corpus stage gets its state tables, empty, so its
    next corpus-stage run is a rebuild that takes in every document."""
    from claimgraph.claims.incremental import plan

    with Store.open(db_path, migrations=PRE_FREEZE[:6]) as old:
        old.add_documents([nlp_doc()])
        old.put_document_analysis(nlp_result())
    with Store.open(db_path) as store:
        assert "0007_corpus_state" in applied_migrations(store.engine)
        assert all(store.table_counts()[t.name] == 0 for t in schema.CORPUS_STATE_TABLES)
        delta = plan(store, rebuild=False)
        assert delta.rebuild and delta.new_docs == {nlp_doc().id}


def test_migrations_claim_index_added_to_corpus_state_store(
    db_path: str, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> None:
    """0008: a store from before the claim index gets its tables, empty, and its next corpus-stage
    run is a rebuild, which files the index."""
    from claimgraph.claims.incremental import plan
    from claimgraph.store.claim_index import CLAIM_INDEX_TABLES

    with Store.open(db_path, migrations=PRE_FREEZE[:7]) as old:
        old.add_documents([nlp_doc()])
        old.put_document_analysis(nlp_result())
        old.add_corpus_documents([nlp_doc().id])
        assert not plan(old, rebuild=False).rebuild
        assert not set(inspect(old.engine).get_table_names()) & {t.name for t in CLAIM_INDEX_TABLES}
    with Store.open(db_path) as store:
        assert "0008_claim_index" in applied_migrations(store.engine)
        assert all(store.table_counts()[t.name] == 0 for t in CLAIM_INDEX_TABLES)
        assert store.next_cluster_id() == 0 and store.clusters_in_buckets(["v0:1"]) == {}
        assert plan(store, rebuild=False).rebuild


def _fresh_db(backend: str, tmp_path: Any, name: str) -> str:
    return str(tmp_path / f"{name}.db") if backend == "sqlite" else fresh_database()


def _engine(db: str) -> Engine:
    return create_engine(database_url(db))


def describe(engine: Engine) -> dict[str, dict[str, Any]]:
    """Every Core table's columns (type as reflected, nullability), primary key, indexes, unique
    constraints and foreign keys, as the database itself reports them."""
    found = inspect(engine)
    tables = {}
    for name in found.get_table_names():
        if name.startswith(SEARCH_PREFIXES):
            continue
        tables[name] = {
            "columns": {c["name"]: (str(c["type"]), c["nullable"]) for c in found.get_columns(name)},
            "primary_key": sorted(found.get_pk_constraint(name)["constrained_columns"]),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in found.get_indexes(name)
            ),
            "unique": sorted(tuple(u["column_names"]) for u in found.get_unique_constraints(name)),
            "foreign_keys": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
                for f in found.get_foreign_keys(name)
            ),
        }
    engine.dispose()
    return tables


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def live_schema(backend: str, tmp_path: Any) -> dict[str, dict[str, Any]]:
    """The live model, created directly from `schema.metadata` on this backend."""
    engine = _engine(_fresh_db(backend, tmp_path, "live"))
    schema.metadata.create_all(engine)
    return describe(engine)


def test_migrations_fresh_store_matches_live_schema(
    backend: str, tmp_path: Any, live_schema: dict[str, dict[str, Any]]
) -> None:
    """The frozen migrations, run in order, make exactly what `store/schema/` describes: a change to the
    live model without its migration (or the reverse) fails here."""
    db = _fresh_db(backend, tmp_path, "fresh")
    with Store.open(db) as store:
        assert applied_migrations(store.engine) == [m.name for m in MIGRATIONS]
    migrated = describe(_engine(db))
    assert migrated.keys() == live_schema.keys()
    for name, table in live_schema.items():
        assert migrated[name] == table, name


@pytest.mark.parametrize("upto", [1, 3, 6, 7])
@pytest.mark.parametrize("old", [MIGRATIONS, PRE_FREEZE], ids=["frozen", "pre_freeze"])
def test_migrations_old_store_upgrades_to_live_schema(
    backend: str, tmp_path: Any, live_schema: dict[str, dict[str, Any]], old: tuple[Migration, ...], upto: int
) -> None:
    """A store left at migration `upto` (by this code, or by the code before the freeze) upgrades
    to the same schema as a fresh one, recording the same migration names."""
    db = _fresh_db(backend, tmp_path, "old")
    with Store.open(db, migrations=old[:upto]) as store:
        assert applied_migrations(store.engine) == [m.name for m in MIGRATIONS[:upto]]
    with Store.open(db) as store:
        assert applied_migrations(store.engine) == [m.name for m in MIGRATIONS]
    assert describe(_engine(db)) == live_schema


def test_migrations_frozen_0001_has_no_later_columns(db_path: str) -> None:
    """0001 creates `documents` as it shipped; 0005 and 0006 add language and source_id."""
    with Store.open(db_path, migrations=MIGRATIONS[:1]) as store:
        columns = {c["name"] for c in inspect(store.engine).get_columns("documents")}
    assert "id" in columns and not columns & {"language", "source_id"}
