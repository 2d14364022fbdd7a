"""What the incremental corpus stage keeps between runs, on SQLite and PostgreSQL."""

from __future__ import annotations

import numpy as np

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
