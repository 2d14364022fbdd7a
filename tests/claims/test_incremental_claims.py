"""The pieces of the incremental claims step (claims/incremental_claims.py) on tiny hand-built
stores: the triple rows filed per actor, the fit buckets, and the neighbourhood closure (which
stored claims a touched cluster, triple pair or re-merged document pulls in, and that it stops
after `MAX_ROUNDS`). The end-to-end batch-against-rebuild test is tests/claims/test_incremental.py."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest
from conftest import nlp_analysis

from claimgraph.claims import incremental_claims
from claimgraph.claims.build import embed_texts
from claimgraph.claims.embed import LexicalEmbedder
from claimgraph.claims.free_text import Assertion
from claimgraph.claims.incremental_claims import (
    CUED_RELATIONS,
    Neighbourhood,
    _by_key,
    _close,
    _Reader,
    _Vectors,
    cued_relations,
    fit_pairs,
    pair_bucket,
    triple_rows,
)
from claimgraph.claims.text import ActorTable, has_cue
from claimgraph.model import ActorRef, Claim, ClaimMember, Document, DocumentAnalysis, FactRef, Span, Voice
from claimgraph.store import Store
from claimgraph.store.claim_index import ClusterFact
from claimgraph.taxonomy import CUE_PAIRS, CUE_STEMS

IRAN, IRAQ, SYRIA = "country:irn", "country:irq", "country:syr"  # Iran: as nlp_analysis names it
A, B, C = "a" * 16, "b" * 16, "c" * 16


def _member(kind: str, fact_id: str, doc_id: str) -> ClaimMember:
    return ClaimMember(FactRef(kind, fact_id, doc_id), 1, Voice.OWN, Span(doc_id, 0, 4), "Outlet")


def test_triple_rows_file_both_actors_of_a_key() -> None:
    found = {
        (IRAN, "attack", IRAQ): [("Diyala", _member("event", "e1", A), IRAN)],
        (SYRIA, "reject", None): [(None, _member("statement", "s1", B), SYRIA)],
    }
    assert triple_rows(found) == {(IRAN, "attack", A), (IRAQ, "attack", A), (SYRIA, "reject", B)}


def test_pair_bucket_is_stable_and_one_per_pair() -> None:
    bucket = pair_bucket((IRAN, "attack"))
    assert bucket == pair_bucket((IRAN, "attack")) and bucket.startswith("f:") and len(bucket) == 34
    others = {pair_bucket(p) for p in [(IRAQ, "attack"), (IRAN, "consult"), ("attack", IRAN)]}
    assert bucket not in others and len(others) == 3


def test_fit_pairs_are_named_actors_times_cued_relations() -> None:
    analysis = nlp_analysis(A)
    table = ActorTable([analysis])
    strike = next(e for e in analysis.events if e.action == "attack")

    def said(text: str, span: Span, speaker_group: str | None) -> Assertion:
        return Assertion(FactRef("sentence", "x", A), span, text, Voice.OWN, "Outlet", speaker_group)

    # "met" cues consult only; nobody is named in an empty span, so only the speaker's group
    met = said("the two met in Geneva", Span(A, 0, 0), "country:usa")
    assert fit_pairs(met, analysis, table) == {("country:usa", "consult")}
    # "struck" cues airstrike and attack; the span holds the mention of Iran
    struck = said("Iran struck Islamic State positions", strike.span, None)
    assert fit_pairs(struck, analysis, table) == {(IRAN, "airstrike"), (IRAN, "attack")}
    assert fit_pairs(said("the talks ended", Span(A, 0, 0), None), analysis, table) == set()


def test_cued_relations_are_the_relations_has_cue_finds_in_order() -> None:
    """The relations a text cues, split once, are those `has_cue` finds asking one at a time."""
    texts = ["Iran struck Islamic State positions", "the two met in Geneva", "the talks ended", ""]
    texts += [
        f"they {first}ed the {second} at once" for pairs in CUE_PAIRS.values() for first, second in pairs
    ]
    texts += [f"officials {stem} it" for stems in CUE_STEMS.values() for stem in stems]
    found = set()
    for text in texts:
        cued = cued_relations(text)
        assert cued == tuple(r for r in CUED_RELATIONS if has_cue(text, r))
        found |= set(cued)
    assert found == set(CUED_RELATIONS)  # every relation is cued by some text


def test_vectors_are_asked_once_per_text_and_equal_the_embedders() -> None:
    """The run's vector memo asks its embedder only for the texts it lacks, in order, and gives
    the rows the embedder gives."""
    asked: list[list[str]] = []
    inner = LexicalEmbedder()

    class Counting:
        kind = inner.kind

        def encode(self, sentences: Sequence[str]) -> np.ndarray:
            asked.append(list(sentences))
            return inner.encode(sentences)

    vectors = _Vectors(Counting())
    texts = ["Iran struck Diyala", "the two met in Geneva", "Iran struck Diyala"]
    assert np.array_equal(embed_texts(texts, vectors), embed_texts(texts, inner))
    again = ["the talks ended", "the two met in Geneva"]
    assert np.array_equal(embed_texts(again, vectors), embed_texts(again, inner))
    assert asked == [["Iran struck Diyala", "the two met in Geneva"], ["the talks ended"]]


def test_by_key_fetches_only_keys_it_lacks_and_keeps_absent_ones() -> None:
    fetched: list[set[str]] = []

    def fetch(keys: set[str]) -> dict[str, set[int]]:
        fetched.append(keys)
        return {k: {len(k)} for k in keys if k != "none"}

    cache: dict[str, set[int]] = {}
    assert _by_key(cache, ["ab", "none"], fetch, set) == {"ab": {2}, "none": set()}
    assert _by_key(cache, ["ab", "abc", "none"], fetch, set) == {"ab": {2}, "abc": {3}, "none": set()}
    assert fetched == [{"ab", "none"}, {"abc"}]  # a key fetched without a value is not asked again


# -- the neighbourhood closure ------------------------------------------------------------------


@pytest.fixture
def docs_in(store: Store, nlp_doc: Callable[..., Document]) -> Callable[[list[str]], Store]:
    def add(doc_ids: list[str]) -> Store:
        store.add_documents([nlp_doc(d) for d in doc_ids])
        return store

    return add


def _closed(store: Store, hood: Neighbourhood, redo: frozenset[str] = frozenset()) -> Neighbourhood:
    _close(store, _Reader(store), hood, set(redo))
    return hood


def _triple_store(docs_in: Callable[[list[str]], Store]) -> Store:
    """Iran attacks Iraq (A, B); Iraq attacks (C); Syria meets (C); a free-text claim (A)."""
    store = docs_in([A, B, C])
    store.put_triple_facts(
        [
            (IRAN, "attack", A),
            (IRAN, "attack", B),
            (IRAQ, "attack", B),
            (IRAQ, "attack", C),
            (SYRIA, "consult", C),
        ]
    )
    store.replace_claims(
        [
            Claim(
                "claim:t1",
                "t1",
                ActorRef("Iran", IRAN),
                "attack",
                ActorRef("Iraq", IRAQ),
                members=(_member("event", "e1", A), _member("event", "e2", B)),
            ),
            Claim("claim:t2", "t2", ActorRef("Iraq", IRAQ), "attack", members=(_member("event", "e3", C),)),
            Claim(
                "claim:t3", "t3", ActorRef("Syria", SYRIA), "consult", members=(_member("event", "e4", C),)
            ),
            Claim("claim:f", "f", members=(_member("sentence", "s9", A),)),
        ]
    )
    return store


def test_a_touched_pair_pulls_in_its_claims_and_their_other_actors_pairs(
    docs_in: Callable[[list[str]], Store],
) -> None:
    store = _triple_store(docs_in)
    hood = _closed(store, Neighbourhood(pairs={(IRAN, "attack")}))
    # round 1: (Iran, attack) is in A and B: t1 holds it, so its (Iraq, attack) joins;
    # round 2: (Iraq, attack) is in B and C: t2 holds it. t3 (Syria) and the free-text f do not
    assert set(hood.old) == {"claim:t1", "claim:t2"}
    assert hood.pairs == {(IRAN, "attack"), (IRAQ, "attack")}
    assert hood.documents == {A, B, C}  # every document of both keys, read whole
    assert hood.clusters == set()


def test_a_redone_document_pulls_in_every_claim_it_holds(docs_in: Callable[[list[str]], Store]) -> None:
    store = _triple_store(docs_in)
    hood = _closed(store, Neighbourhood(), redo=frozenset({C}))
    # C holds t2 and t3; t2's (Iraq, attack) is in B, where t1 holds it; f holds no touched fact
    assert set(hood.old) == {"claim:t1", "claim:t2", "claim:t3"}
    assert hood.pairs == {(IRAN, "attack"), (IRAQ, "attack"), (SYRIA, "consult")}


CHAIN = 8


def _chain_store(docs_in: Callable[[list[str]], Store]) -> Store:
    """Claim k holds sentence x<k> (cluster k) and statement y<k> (cluster k + 1): each claim
    reaches one cluster further."""
    doc_ids = [f"{k:016x}" for k in range(CHAIN)]
    store = docs_in(doc_ids)
    facts = []
    for k, d in enumerate(doc_ids):
        facts += [
            ClusterFact("sentence", f"x{k}", d, k, 2 * k),
            ClusterFact("statement", f"y{k}", d, k + 1, 2 * k + 1),
        ]
    store.put_cluster_facts(facts)
    store.replace_claims(
        [
            Claim(
                f"claim:c{k}",
                f"c{k}",
                members=(_member("sentence", f"x{k}", d), _member("statement", f"y{k}", d)),
            )
            for k, d in enumerate(doc_ids)
        ]
    )
    return store


def test_a_touched_cluster_pulls_in_the_claims_holding_its_facts(
    docs_in: Callable[[list[str]], Store],
) -> None:
    store = _chain_store(docs_in)
    hood = _closed(store, Neighbourhood(clusters={CHAIN - 1}))
    # round 1: cluster 7 holds x7 and y6, so claims c7 and c6; their facts lie in clusters 6, 7, 8
    # rounds 2..4: each reaches one claim and one cluster further down (c5 / 5, c4 / 4, c3 / 3)
    assert set(hood.old) == {"claim:c7", "claim:c6", "claim:c5", "claim:c4", "claim:c3"}
    assert hood.clusters == {3, 4, 5, 6, 7, 8}
    assert "claim:c2" not in hood.old  # it holds y2, in cluster 3, reached in the last round


def test_the_closure_stops_after_its_rounds(
    docs_in: Callable[[list[str]], Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _chain_store(docs_in)
    hood = _closed(store, Neighbourhood(clusters={0}))
    # round r reaches cluster r through claim c(r - 1): after 4 rounds clusters 0..4, claims c0..c3
    assert hood.clusters == {0, 1, 2, 3, 4}
    assert set(hood.old) == {f"claim:c{k}" for k in range(4)}
    assert hood.documents == {f"{k:016x}" for k in range(5)}  # the facts of clusters 0..4
    monkeypatch.setattr(incremental_claims, "MAX_ROUNDS", 20)
    whole = _closed(store, Neighbourhood(clusters={0}))
    assert whole.clusters == set(range(CHAIN + 1)) and len(whole.old) == CHAIN  # closed: nothing left


def test_an_untouched_store_gives_an_empty_neighbourhood(docs_in: Callable[[list[str]], Store]) -> None:
    store = _triple_store(docs_in)
    hood = _closed(store, Neighbourhood())
    assert hood.old == {} and hood.pairs == set() and hood.clusters == set() and hood.documents == set()


def test_reader_reads_each_document_once(docs_in: Callable[[list[str]], Store]) -> None:
    store = docs_in([A, B])
    reader = _Reader(store)
    reader.read([B, A, "f" * 16])  # an unknown id is simply not found
    assert [d.id for d in reader.docs([B, A, "f" * 16])] == [A, B]
    assert reader.analysed(reader.docs([A])) == [DocumentAnalysis(A)]  # no analysis stored yet
    reader.store = None  # type: ignore[assignment]  # a second read of the same ids touches no store
    reader.read([A, B])
