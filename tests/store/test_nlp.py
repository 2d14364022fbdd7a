"""The store's NLP tables: round trip, replacement on re-analysis, filters, canonical actor ids."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from claimgraph.model import Actor, Document, DocumentAnalysis
from claimgraph.store import Store

Doc = Callable[..., Document]
Result = Callable[..., DocumentAnalysis]


def test_nlp_round_trip_is_exact(store: Store, nlp_doc: Doc, nlp_result: Result) -> None:
    store.add_documents([nlp_doc()])
    analysis = nlp_result()
    store.put_document_analysis(analysis)
    assert store.get_document_analysis(analysis.doc_id) == analysis


def test_nlp_unknown_document_has_no_analysis(store: Store) -> None:
    assert store.get_document_analysis("ffffffffffffffff") is None


def test_nlp_reanalysis_replaces_rows(store: Store, nlp_doc: Doc, nlp_result: Result) -> None:
    store.add_documents([nlp_doc()])
    store.put_document_analysis(nlp_result())
    smaller = replace(nlp_result(), statements=nlp_result().statements[:1], events=())
    store.put_document_analysis(smaller)
    assert store.get_document_analysis(smaller.doc_id) == smaller
    assert store.table_counts()["events"] == 0 and store.table_counts()["statements"] == 1


def test_nlp_same_analysis_twice_changes_nothing(store: Store, nlp_doc: Doc, nlp_result: Result) -> None:
    store.add_documents([nlp_doc()])
    store.put_document_analysis(nlp_result())
    checksum = store.content_checksum()
    store.put_document_analysis(nlp_result())
    assert store.content_checksum() == checksum


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        (None, ["John Kerry", "Bill Speaks"]),
        ("kerry", ["John Kerry"]),  # name, any case
        ("pentagon spokesman", ["Bill Speaks"]),  # description
        ("Secretary of State", ["John Kerry"]),
        ("Mogherini", []),
    ],
)
def test_nlp_statements_filter_by_speaker(
    store: Store, nlp_doc: Doc, nlp_result: Result, speaker: str | None, expected: list[str]
) -> None:
    store.add_documents([nlp_doc()])
    store.put_document_analysis(nlp_result())
    assert [s.speaker.name for s in store.iter_statements(speaker=speaker)] == expected


def test_nlp_speaker_filter_matches_actor_aliases(store: Store, nlp_doc: Doc, nlp_result: Result) -> None:
    store.add_documents([nlp_doc()])
    store.put_document_analysis(nlp_result())
    store.replace_actors([Actor("person:john-kerry", "John Kerry", "person", ("JFK II",))], {})
    assert [s.speaker.name for s in store.iter_statements(speaker="jfk")] == ["John Kerry"]


@pytest.mark.parametrize(("actor", "expected"), [(None, 2), ("Iran", 1), ("pentagon", 1), ("Hamas", 0)])
def test_nlp_events_filter_by_actor(
    store: Store, nlp_doc: Doc, nlp_result: Result, actor: str | None, expected: int
) -> None:
    store.add_documents([nlp_doc()])
    store.put_document_analysis(nlp_result())
    assert len(list(store.iter_events(actor=actor))) == expected


def test_nlp_filter_by_document(store: Store, nlp_doc: Doc, nlp_result: Result) -> None:
    other = "11bb22cc33dd44ee"
    store.add_documents([nlp_doc(), nlp_doc(other)])
    store.put_document_analysis(nlp_result())
    store.put_document_analysis(nlp_result(other))
    assert {s.doc_id for s in store.iter_statements(doc_id=other)} == {other}
    assert len(list(store.iter_events())) == 4
    first = nlp_doc().id
    assert {s.doc_id for s in store.iter_statements(doc_ids=[other])} == {other}
    assert {s.doc_id for s in store.iter_statements(doc_ids=[other, first])} == {other, first}
    assert list(store.iter_statements(doc_ids=[])) == []


def test_nlp_reads_map_merged_actor_ids(store: Store, nlp_doc: Doc, nlp_result: Result) -> None:
    other = "11bb22cc33dd44ee"
    store.add_documents([nlp_doc(), nlp_doc(other)])
    store.put_document_analysis(nlp_result())
    store.put_document_analysis(nlp_result(other, speaks_name="Speaks"))
    assert {a.id for a in store.found_actors()} >= {"person:bill-speaks", "person:speaks"}
    store.replace_actors(
        [Actor("person:bill-speaks", "Bill Speaks", "person", ("Speaks",))],
        {"person:speaks": "person:bill-speaks", "person:bill-speaks": "person:bill-speaks"},
    )
    speakers = {s.speaker.actor_id for s in store.iter_statements(speaker="Speaks")}
    assert speakers == {"person:bill-speaks"}
    assert store.actor_mention_counts()["person:bill-speaks"] == 2
    # the per-document rows keep the ids as found: the merge can be recomputed
    assert store.get_document_analysis(other) == nlp_result(other, speaks_name="Speaks")
