"""Migrations on older stores: 0001 -> 0002 (NLP tables), 0002 -> 0003 (claim tables)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import inspect

from claimgraph.model import Document, DocumentAnalysis
from claimgraph.store import Store, schema
from claimgraph.store.migrations import MIGRATIONS, applied_migrations

# Content tables that stores from before 0003 already had.
OLDER_TABLES = tuple(
    t
    for t in schema.CONTENT_TABLES
    if t not in (*schema.CLAIM_TABLES, *schema.RETRIEVAL_TABLES, *schema.CORPUS_STATE_TABLES)
)


def test_migrations_nlp_tables_added_to_old_store(
    db_path: str, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> None:
    with Store.open(db_path, migrations=MIGRATIONS[:1]) as old:
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
    with Store.open(db_path, migrations=MIGRATIONS[:2]) as old:
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

    with Store.open(db_path, migrations=MIGRATIONS[:3]) as old:
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

    with Store.open(db_path, migrations=MIGRATIONS[:6]) as old:
        old.add_documents([nlp_doc()])
        old.put_document_analysis(nlp_result())
    with Store.open(db_path) as store:
        assert "0007_corpus_state" in applied_migrations(store.engine)
        assert all(store.table_counts()[t.name] == 0 for t in schema.CORPUS_STATE_TABLES)
        delta = plan(store, rebuild=False)
        assert delta.rebuild and delta.new_docs == {nlp_doc().id}
