"""What the incremental corpus stage keeps between runs, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from claimgraph.model import Claim, Document, HolderKind, Stance, StanceLabel
from claimgraph.store import Store


def test_sentence_vectors_round_trip(store: Store) -> None:
    vector = np.array([0.25, -1.0, 3.5], dtype=np.float32)
    store.put_sentence_vectors({"k1": vector})
    found = store.sentence_vectors(["k1", "missing"])
    assert list(found) == ["k1"] and np.array_equal(found["k1"], vector)


def test_holder_reliabilities_are_replaced_whole(store: Store) -> None:
    store.put_holder_reliabilities({"harbor times": 0.8, "gulf ledger": 0.4})
    store.put_holder_reliabilities({"harbor times": 0.7})
    assert store.holder_reliabilities() == {"harbor times": 0.7}


def test_claims_sharing_a_word_with_new_sentences(store: Store) -> None:
    store.put_claim_stances("claim:aa", [], [], ("Iran sent troops", 3, 1), "iran troops")
    store.put_claim_stances("claim:bb", [], [], ("Wheat prices rose", 2, 1), "wheat prices")
    assert store.claims_matching_terms("") == []
    found = store.claims_matching_terms('"troops"')
    if store.engine.dialect.name == "sqlite":
        assert found == ["claim:aa"]
    else:  # no FTS5: every claim with retrieval state is checked against the new sentences
        assert found == ["claim:aa", "claim:bb"]
    assert store.claim_retrieval(["claim:aa"]) == {"claim:aa": ("Iran sent troops", 3, 1)}


def _stance(doc_id: str, holder: str) -> Stance:
    return Stance("claim:aa", doc_id, holder, HolderKind.SOURCE, StanceLabel.AGREE, 0.5)


def test_claim_stances_of_kept_documents_stay_and_new_ones_join_in_document_order(
    store: Store, make_doc: Callable[..., Document]
) -> None:
    """An incremental run keeps most of a claim's stored stances without reading them back: the
    result is the list a full rewrite would store (document id order, each document's in its own
    order), whichever documents stay, go or join."""
    a, b, c, d = ("a" * 16, "b" * 16, "c" * 16, "d" * 16)
    store.add_documents([make_doc(x) for x in (a, b, c, d)])
    store.replace_claims([Claim("claim:aa", "Iran sent troops")])
    state = ("Iran sent troops", 3, 2)
    first = [_stance(a, "A1"), _stance(a, "A2"), _stance(c, "C1"), _stance(d, "D1")]
    store.put_claim_stances("claim:aa", first, [a, c, d], state, "iran troops")
    assert list(store.iter_stances("claim:aa")) == first
    joined = [_stance(b, "B1"), _stance(b, "B2")]  # d's stored stances go, b's join between a and c
    store.put_claim_stances("claim:aa", joined, [a, b, c], state, "iran troops", keep={a, c})
    assert list(store.iter_stances("claim:aa")) == [*first[:2], *joined, first[2]]
    assert store.judged_documents(["claim:aa"]) == {"claim:aa": {a, b, c}}
    store.put_claim_stances("claim:aa", [_stance(a, "A3")], [a], state, "iran troops")  # keep nothing
    assert list(store.iter_stances("claim:aa")) == [_stance(a, "A3")]
