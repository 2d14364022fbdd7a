"""The order a rebuild judges claims in (`claims.judging_order`): claims sharing candidate documents
one after another, and the same stored stances as the store's order."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

import claimgraph
from claimgraph.claims import judging_order as judging
from claimgraph.claims.judging_order import locality_order
from claimgraph.corpus import CorpusContext, stances_step
from claimgraph.settings import DEFAULT_SETTINGS
from claimgraph.store import Store
from tests.example_batches import example_batches


def _order(*candidates: list[int]) -> list[int]:
    return locality_order([np.array(c, dtype=np.int32) for c in candidates])


def test_the_claim_sharing_most_documents_comes_next() -> None:
    # 0 shares two documents with 2 and none with 1; 1 and 3 share document 6; 4 shares nothing
    assert _order([0, 1, 2], [5, 6], [1, 2, 3], [6, 7], [9]) == [0, 2, 1, 3, 4]
    # 0 shares document 7 with 1 and documents 1 and 2 with 2: the most shared wins
    assert _order([7, 1, 2], [7], [1, 2]) == [0, 2, 1]


def test_ties_go_to_the_earliest_claim_and_empty_claims_keep_their_place() -> None:
    assert _order([0, 1], [1], [0]) == [0, 1, 2]
    assert _order([], [], [0]) == [0, 1, 2]
    assert _order() == []


def test_the_order_is_a_permutation() -> None:
    rng = random.Random(5)
    for _ in range(20):
        n = rng.randint(1, 40)
        claims = [rng.sample(range(60), rng.randint(0, 12)) for _ in range(n)]
        assert sorted(_order(*claims)) == list(range(n))


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("order") / "example.db"
    claimgraph.analyze([p for batch in example_batches() for p in batch], db=db)
    return db


def _stances(db: Path) -> list[tuple]:
    with Store.open(db) as store, store.engine.connect() as conn:
        return list(conn.exec_driver_sql("SELECT * FROM stances ORDER BY claim_id, ordinal"))


def test_a_rebuild_stores_the_same_stances_in_either_order(
    example_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each pair is judged alone, so the order only changes what the caches keep."""
    with Store.open(example_store) as store:
        stored, ordered = store.claim_order(), judging.judging_order(store, DEFAULT_SETTINGS)
    assert sorted(ordered) == sorted(stored) and ordered != stored  # the test needs another order
    before = _stances(example_store)
    with Store.open(example_store) as store:
        stances_step(store, CorpusContext())  # a rebuild, in the judging order
    again = _stances(example_store)
    monkeypatch.setattr(judging, "judging_order", lambda store, settings: store.claim_order())
    with Store.open(example_store) as store:
        stances_step(store, CorpusContext())  # in the store's order
    assert before and again == before == _stances(example_store)
