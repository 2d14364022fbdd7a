"""Documents in the store: insert-or-ignore by id, every source uri, paged reads, id prefixes,
voice counts, ingest errors recorded once."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document, IngestError
from claimgraph.store import Store


def test_store_add_documents_counts_new_only(store: Store, docs: list[Document]) -> None:
    assert store.add_documents(docs) == len(docs)
    assert store.add_documents(docs) == 0
    assert store.add_documents([*docs[:2], docs[0]]) == 0
    assert store.count_documents() == len(docs)


def test_store_readd_changes_nothing(store: Store, docs: list[Document]) -> None:
    store.add_documents(docs, run_id=None)
    store.add_ingest_errors([IngestError("bad.txt", "empty file")])
    store.put_analysis(docs[0].id, "0.1.0", "abc", {"voices": {"own": 1}})
    counts, checksum = store.table_counts(), store.content_checksum()
    store.add_documents(docs)
    store.add_ingest_errors([IngestError("bad.txt", "empty file")])
    store.put_analysis(docs[0].id, "0.1.0", "abc", {"voices": {"own": 2}})
    assert store.table_counts() == counts
    assert store.content_checksum() == checksum


def test_store_records_every_source_of_one_text(
    store: Store, docs: list[Document], make_doc: Callable[..., Document]
) -> None:
    doc = docs[0]
    copy = make_doc(doc.id, uri="elsewhere/copy.html")
    assert store.add_documents([doc]) == 1
    assert store.add_documents([copy]) == 0
    assert store.document_sources(doc.id) == sorted([doc.uri, "elsewhere/copy.html"])
    assert store.get_document(doc.id).uri == doc.uri  # the first uri stays the document's own


def test_store_round_trips_documents_in_id_order(store: Store, docs: list[Document]) -> None:
    store.add_documents(docs)
    assert list(store.iter_documents()) == sorted(docs, key=lambda d: d.id)


def test_store_iter_documents_pages(
    store: Store, monkeypatch: pytest.MonkeyPatch, docs: list[Document]
) -> None:
    monkeypatch.setattr("claimgraph.store.documents.PAGE_SIZE", 2)
    store.add_documents(docs)
    assert [d.id for d in store.iter_documents()] == sorted(d.id for d in docs)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("0000000000000003", "0000000000000003"),
        ("00000000000000a1", "00000000000000a1"),
        ("00000000000000a2", "00000000000000a2"),
        ("00000000000000A2", "00000000000000a2"),
    ],
)
def test_store_get_document_by_id(store: Store, query: str, expected: str, docs: list[Document]) -> None:
    store.add_documents(docs)
    assert store.get_document(query).id == expected


def test_store_get_document_by_unique_prefix(store: Store, make_doc: Callable[..., Document]) -> None:
    store.add_documents([make_doc("abc0000000000000"), make_doc("abd0000000000000")])
    assert store.get_document("abc").id == "abc0000000000000"


@pytest.mark.parametrize(
    ("query", "code"), [("00000000000000a", "E005"), ("ff", "E004"), ("", "E004"), ("%", "E004")]
)
def test_store_get_document_errors(store: Store, query: str, code: str, docs: list[Document]) -> None:
    store.add_documents(docs)
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


def test_store_lists_documents_with_voice_counts(store: Store, docs: list[Document]) -> None:
    store.add_documents(docs)
    listed = list(store.list_documents())
    assert [d.id for d in listed] == sorted(d.id for d in docs)
    assert all(d.voices == {"own": 1, "boilerplate": 1} for d in listed)
    assert listed[0].outlet == "Test Outlet"


def test_store_documents_by_id_leaves_missing_out(store: Store, docs: list[Document]) -> None:
    store.add_documents(docs)
    found = store.documents_by_id([docs[0].id, "ffffffffffffffff"])
    assert found == {docs[0].id: docs[0]}
