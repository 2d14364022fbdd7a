"""The retrieval tables: passages indexed once per document, BM25 search reading the text back by
offsets, passages per document in text order, and tracked claims."""

from __future__ import annotations

import pytest

from claimgraph.model import Document, Voice
from claimgraph.store import Store
from claimgraph.store.retrieval import Passage, PassageCache

TEXT = "Jets struck the depot. Talks went on in Vienna.\nOfficials said jets struck again."
D1, D2 = "1" * 16, "2" * 16


def _doc(doc_id: str, text: str = TEXT) -> Document:
    return Document(id=doc_id, uri=f"{doc_id}.txt", format="text", text=text, segments=())


def _spans(text: str) -> list[tuple[int, int, Voice, str | None]]:
    """Sentence spans by hand: the third is quoted and names its source."""
    out: list[tuple[int, int, Voice, str | None]] = []
    start = 0
    for end in (i + 1 for i, ch in enumerate(text) if ch == "."):
        begin = start + len(text[start:end]) - len(text[start:end].lstrip())
        out.append((begin, end, Voice.OWN, None))
        start = end
    first, second, third = out
    return [first, second, (third[0], third[1], Voice.QUOTED, "Officials")]


@pytest.fixture
def indexed(store: Store) -> Store:
    store.add_documents([_doc(D1), _doc(D2, "Nothing here is indexed.")])
    assert store.unindexed_document_ids() == [D1, D2]
    assert store.index_passages([(_doc(D1), _spans(TEXT))]) == 3
    return store


def test_retrieval_indexes_each_document_once(indexed: Store) -> None:
    assert indexed.unindexed_document_ids() == [D2]
    assert indexed.index_passages([(_doc(D1), _spans(TEXT))]) == 0  # already indexed: nothing new
    assert indexed.index_passages([(_doc(D2, "Nothing here is indexed."), [])]) == 0  # no passages
    assert indexed.unindexed_document_ids() == []  # but marked as indexed
    assert [p.start for p in indexed.document_passages([D1])[D1]] == [0, 23, 48]


def test_retrieval_search_reads_text_by_offsets_best_first(indexed: Store) -> None:
    hits = indexed.search_passages('"jets" OR "vienna"', 10)
    texts = [h.passage.text for h in hits]
    assert sorted(texts) == sorted(
        ["Jets struck the depot.", "Talks went on in Vienna.", "Officials said jets struck again."]
    )
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    quoted = next(h.passage for h in hits if h.passage.source)
    assert (quoted.voice, quoted.source, quoted.doc_id) == (Voice.QUOTED, "Officials", D1)
    assert TEXT[quoted.start : quoted.end] == quoted.text
    assert len(indexed.search_passages('"jets"', 1)) == 1
    assert indexed.search_passages('"submarine"', 10) == []
    assert indexed.search_passages("", 10) == []


def test_retrieval_search_again_gives_the_same_hits_from_the_passage_cache(indexed: Store) -> None:
    first = indexed.search_passages('"jets" OR "vienna"', 10)
    assert len(indexed.passage_cache.items) == 3
    assert indexed.search_passages('"jets" OR "vienna"', 10) == first
    assert indexed.search_passages('"vienna"', 10) == [h for h in first if "Vienna" in h.passage.text]


def test_retrieval_passage_cache_drops_the_least_recently_used() -> None:
    cache = PassageCache(size=2)
    a, b, c = (Passage(k, D1, k, k + 1, Voice.OWN, None, str(k)) for k in (1, 2, 3))
    cache.put([a, b])
    assert cache.get_many([1, 9]) == {1: a}  # 1 used last: 2 is the oldest now
    cache.put([c])
    assert list(cache.items) == [1, 3]


def test_retrieval_a_rolled_back_transaction_empties_the_passage_cache(indexed: Store) -> None:
    with pytest.raises(RuntimeError), indexed.transaction():
        indexed.search_passages('"jets"', 10)
        assert indexed.passage_cache.items
        raise RuntimeError("the run failed")
    assert not indexed.passage_cache.items  # what the failed transaction read may be rolled back


def test_retrieval_document_passages_in_text_order(indexed: Store) -> None:
    found = indexed.document_passages([D2, D1])
    assert found[D2] == []
    assert [(p.start, p.end, p.voice) for p in found[D1]] == [
        (s, e, v) for s, e, v, _ in sorted(_spans(TEXT))
    ]
    assert all(p.text == "" for p in found[D1])  # offsets only: the text is read on search


def test_retrieval_tracked_claims(store: Store) -> None:
    store.track_claim("tracked:1", "the talks ended")
    store.track_claim("tracked:2", "jets struck the depot")
    store.track_claim("tracked:1", "a second add changes nothing")
    assert store.tracked_claims() == [
        ("tracked:1", "the talks ended", None),
        ("tracked:2", "jets struck the depot", None),
    ]
    store.set_tracked_result("tracked:2", {"verdict": "corroborated", "hits": [1, 2]})
    assert store.tracked_claims()[1][2] == {"verdict": "corroborated", "hits": [1, 2]}
    assert store.untrack_claim("tracked:1") is True
    assert store.untrack_claim("tracked:1") is False
    assert [t[0] for t in store.tracked_claims()] == ["tracked:2"]
