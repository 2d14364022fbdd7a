"""A claim's bounded search (issue 11): bounded passage counts, the rarest words kept within the
budget, the AND of every word when none fits, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimgraph.claims.retrieval import bounded_query, fts_query, search_claim
from claimgraph.model import Document, Voice
from claimgraph.settings import DEFAULT_SETTINGS
from claimgraph.store import Store

# said: 6 passages, jets: 3, depot: 2, vienna: 1
SENTENCES = (
    "Officials said jets struck the depot.",
    "Police said jets struck again.",
    "Ministers said talks went on in Vienna.",
    "Reporters said the depot burned.",
    "Witnesses said jets flew low.",
    "Everyone said nothing.",
)


def _index(store: Store, doc_id: str, sentences: tuple[str, ...]) -> None:
    text = " ".join(sentences)
    doc = Document(id=doc_id, uri=f"{doc_id}.txt", format="text", text=text, segments=())
    spans, start = [], 0
    for s in sentences:
        spans.append((start, start + len(s), Voice.OWN, None))
        start += len(s) + 1
    store.add_documents([doc])
    store.index_passages([(doc, spans)])


@pytest.fixture
def indexed(store: Store) -> Store:
    _index(store, "a" * 16, SENTENCES)
    return store


def test_count_passages_stops_at_the_bound_and_sees_new_passages(indexed: Store) -> None:
    queries = ['"said"', '"jets"', '"submarine"', '"jets" OR "vienna"']
    assert indexed.count_passages(queries, 100) == [6, 3, 0, 4]
    assert indexed.count_passages(queries, 4) == [4, 3, 0, 4]  # "said" is counted up to 4 only
    _index(indexed, "b" * 16, ("Jets struck the port.",))
    assert indexed.count_passages(['"jets"'], 100) == [4]  # the cached count was dropped


def test_bounded_query_keeps_the_rarest_words_within_the_budget(indexed: Store) -> None:
    terms = ["said", "jets", "vienna", "submarine"]
    assert bounded_query(indexed, terms, None) == fts_query(terms)
    assert bounded_query(indexed, terms, 100) == fts_query(["said", "jets", "vienna"])  # no "submarine"
    assert bounded_query(indexed, terms, 4) == fts_query(["jets", "vienna"])  # 1 + 3; "said" goes
    assert bounded_query(indexed, terms, 3) == fts_query(["vienna"])  # 1 + 3 > 3
    assert bounded_query(indexed, ["submarine"], 3) == ""


def test_bounded_search_falls_back_to_passages_holding_every_word(indexed: Store) -> None:
    assert bounded_query(indexed, ["said", "jets"], 2) == '"said" AND "jets"'
    stance = replace(DEFAULT_SETTINGS.stance, max_query_rows=2)
    texts = sorted(h.passage.text for h in search_claim(indexed, ["said", "jets"], stance))
    assert texts == sorted(s for s in SENTENCES if "said" in s and "jets" in s)
    everything = replace(stance, max_query_rows=None)
    assert len(search_claim(indexed, ["said", "jets"], everything)) == 6


def test_bounded_search_ranks_like_the_full_search_when_the_budget_is_not_reached(indexed: Store) -> None:
    terms = ["jets", "depot", "vienna"]
    bounded = search_claim(indexed, terms, DEFAULT_SETTINGS.stance)
    full = indexed.search_passages(fts_query(terms), DEFAULT_SETTINGS.stance.max_passages)
    assert [(h.passage.id, h.score) for h in bounded] == [(h.passage.id, h.score) for h in full]
    assert len(bounded) == 5
