"""Retrieval: which sentences are passages, how a claim becomes a safe BM25 query, and which
documents become candidates."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.claims.features import content_terms
from claimgraph.claims.retrieval import (
    candidate_documents,
    coverage,
    document_passages,
    fts_query,
    query_terms,
    ranked_documents,
    text_terms,
)
from claimgraph.model import Document, Segment, Voice
from claimgraph.settings import StanceSettings
from claimgraph.store import Store
from claimgraph.store.retrieval import Passage, PassageHit


def test_retrieval_passages_are_sentences_outside_boilerplate(nlp_doc: Callable[..., Document]) -> None:
    doc = nlp_doc()
    passages = document_passages(doc)
    texts = [doc.text[a:b] for a, b, _, _ in passages]
    assert "Log in" not in texts  # boilerplate is never evidence
    assert [(v, s) for _, _, v, s in passages] == [
        (Voice.OWN, None),
        (Voice.OWN, None),
        (Voice.QUOTED, "WSJ"),
        (Voice.COMMENT, "liz"),
    ]
    for (start, end, _, _), seg in zip(
        passages, [s for s in doc.segments if s.voice != Voice.BOILERPLATE], strict=True
    ):
        assert seg.start <= start < end <= seg.end  # offsets point into the document, inside the segment
    starts = [a for a, _, _, _ in passages]
    assert starts == sorted(starts)


def test_retrieval_passages_split_a_segment_into_sentences() -> None:
    text = "Ships waited. The port reopened on Monday! Was it safe?"
    doc = Document("d1", "a.txt", "text", text, segments=(Segment(Voice.OWN, 0, len(text)),))
    assert [text[a:b] for a, b, _, _ in document_passages(doc)] == [
        "Ships waited.",
        "The port reopened on Monday!",
        "Was it safe?",
    ]


def test_retrieval_query_terms_drop_stopwords_digits_and_repeats() -> None:
    assert query_terms("The Iran deal, the IRAN deal in 2014 and a US strike") == [
        "iran",
        "deal",
        "us",
        "strike",
    ]
    assert query_terms("It is what it is") == []
    assert query_terms("Iran's navy") == ["iran", "navy"]  # possessive folded


@pytest.mark.parametrize(
    "terms",
    [
        ["iran", "deal"],
        ['a" OR b', "NEAR(x y)", "col:umn", "*", "^start", "-minus"],  # FTS5 syntax stays inside quotes
        ['"'],  # nothing left after removing quotes: no empty phrase
    ],
)
def test_retrieval_fts_query_is_always_a_valid_match(store: Store, terms: list[str]) -> None:
    query = fts_query(terms)
    assert store.search_passages(query, 10) == []  # an empty index: no syntax error, no hits
    assert query.count('"') == 2 * len([t for t in terms if t.replace('"', "")])


def test_retrieval_coverage_is_the_share_of_claim_terms() -> None:
    terms = set(content_terms("Iran denies it in Diyala"))
    assert coverage(terms, "Iran struck nothing.") == pytest.approx(1 / 3)
    assert coverage(terms, "Tehran denied it in Diyala") == pytest.approx(2 / 3)  # denies ~ denied
    assert coverage(set(), "anything") == 0.0


def test_retrieval_text_terms_are_cached_per_text_and_bounded() -> None:
    texts = [f"Tehran denied strike number {k} near Diyala" for k in ("one", "two", "three")]
    assert [text_terms(t) for t in texts] == [frozenset(content_terms(t)) for t in texts]
    before = text_terms.cache_info()
    assert text_terms(texts[1]) == frozenset(content_terms(texts[1]))  # the second text's own set
    assert text_terms.cache_info().hits == before.hits + 1
    assert before.maxsize is not None and before.maxsize > 0


def hit(doc_id: str, text: str, score: float, pid: int = 0) -> PassageHit:
    return PassageHit(Passage(pid, doc_id, 0, len(text), Voice.OWN, None, text), score)


def test_retrieval_ranked_documents_best_first_with_their_passages() -> None:
    claim = "Iran struck Islamic State positions in Diyala"
    hits = [
        hit("b", "Iran struck positions in Diyala.", 3.0, 1),
        hit("a", "Islamic State positions in Diyala were struck by Iran.", 5.0, 2),
        hit("b", "Iran struck Islamic State positions in Diyala.", 7.0, 3),
        hit("c", "The weather in Diyala was hot.", 9.0, 4),  # one word of six
    ]
    bm25 = ranked_documents(
        claim, hits, StanceSettings(min_passage_coverage=0.0, document_coverage_exponent=0.0)
    )
    assert [c.doc_id for c in bm25] == ["c", "b", "a"]
    # By default the BM25 is weighted by the share of the claim's six words a document covers.
    loose = ranked_documents(claim, hits, StanceSettings(min_passage_coverage=0.0))
    assert [(c.doc_id, c.score) for c in loose] == [("b", 7.0), ("a", 5.0), ("c", 1.5)]
    strict = ranked_documents(claim, hits, StanceSettings(min_passage_coverage=0.5))
    assert [(c.doc_id, c.score) for c in strict] == [("b", 7.0), ("a", 5.0)]
    assert [p.id for p in strict[0].passages] == [3, 1]
    assert (
        candidate_documents(claim, hits, StanceSettings(min_passage_coverage=0.5, max_documents=1))
        == strict[:1]
    )


def test_retrieval_document_coverage_counts_the_words_of_all_its_passages() -> None:
    """A document whose passages cover the claim together beats one that says half of it louder."""
    claim = "Iran struck Islamic State positions in Diyala"
    hits = [
        hit("one", "Iran struck Diyala.", 8.0, 1),
        hit("two", "Iran struck Diyala.", 6.0, 2),
        hit("two", "Islamic State positions fell.", 4.0, 3),
    ]
    found = ranked_documents(claim, hits, StanceSettings(document_coverage_exponent=1.0))
    assert [(c.doc_id, c.score) for c in found] == [("two", 6.0), ("one", 4.0)]
    squared = ranked_documents(claim, hits, StanceSettings(document_coverage_exponent=2.0))
    assert [(c.doc_id, c.score) for c in squared] == [("two", 6.0), ("one", 2.0)]
    assert [p.id for p in found[0].passages] == [2, 3]  # passages still best BM25 first


def test_retrieval_a_document_score_depends_on_its_own_hits_only() -> None:
    """Admission (claims/update.py `_admit`) ranks a new document's passages alone and compares its
    score with scores stored by a full retrieval: both must give a document the same score."""
    claim = "Iran struck Islamic State positions in Diyala"
    new = [hit("n", "Iran struck Diyala.", 6.0, 5), hit("n", "Islamic State lost.", 2.0, 6)]
    others = [hit("o", "Iran struck Islamic State positions.", 9.0, 7), hit("p", "Diyala is hot.", 1.0, 8)]
    alone = ranked_documents(claim, new, StanceSettings())
    among = {c.doc_id: c for c in ranked_documents(claim, others + new, StanceSettings())}
    assert alone == [among["n"]]
    assert alone[0].score == pytest.approx(6.0 * 5 / 6)


def test_retrieval_short_claims_need_every_word() -> None:
    hits = [hit("a", "Iran denied it.", 2.0), hit("b", "Iran struck Diyala.", 1.0)]
    found = ranked_documents("Iran struck", hits, StanceSettings(min_passage_coverage=0.0))
    assert [c.doc_id for c in found] == ["b"]


def test_retrieval_ties_break_by_document_id() -> None:
    hits = [hit("z", "Iran struck Diyala.", 1.0), hit("m", "Iran struck Diyala.", 1.0)]
    assert [c.doc_id for c in ranked_documents("Iran struck Diyala", hits, StanceSettings())] == ["m", "z"]


@pytest.mark.parametrize("name", ["O'Brien", "O’Brien", "d'Ivoire"])
def test_retrieval_a_name_with_an_apostrophe_finds_its_passage(store: Store, name: str) -> None:
    """The index splits "O'Brien" at the apostrophe; the query must find it all the same."""
    text = f"Talks with {name.replace('’', chr(39))} ended. Nothing else happened."
    doc = Document("d1", "a.txt", "text", text, segments=(Segment(Voice.OWN, 0, len(text)),))
    store.add_documents([doc])
    store.index_passages([(doc, document_passages(doc))])
    hits = store.search_passages(fts_query(query_terms(name)), 10)
    assert [h.passage.text for h in hits] == [f"Talks with {name.replace('’', chr(39))} ended."]
