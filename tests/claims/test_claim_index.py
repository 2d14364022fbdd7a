"""The persistent claim index (claims/claim_index.py): a new sentence finds the stored cluster it
joins through LSH buckets and the recent window, reading a handful of clusters, not all of them.

Synthetic vectors (random unit directions) and leaders with no shared words, so a join can only
come from the vector buckets or the window; counts of comparisons and reads, not times.
"""

from __future__ import annotations

import numpy as np
import pytest

from claimgraph.claims import claim_index
from claimgraph.claims.claim_index import ClusterIndex, index_clusters, vector_buckets, word_buckets
from claimgraph.settings import BuildSettings
from claimgraph.store import Store

STORED = 300
DIM = 48
SETTINGS = BuildSettings(blocking_window=4, blocking_neighbours=2)
THRESHOLD = 0.5


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


@pytest.fixture
def filed(store: Store) -> tuple[Store, list[str], np.ndarray]:
    rng = np.random.default_rng(3)
    vectors = np.stack([_unit(v) for v in rng.standard_normal((STORED, DIM))])
    texts = [f"leader{k}a leader{k}b leader{k}c leader{k}d" for k in range(STORED)]
    index_clusters(store, texts, vectors, [[k] for k in range(STORED)], SETTINGS)
    return store, texts, vectors


def test_a_close_sentence_joins_its_cluster_reading_few_clusters(
    filed: tuple[Store, list[str], np.ndarray],
) -> None:
    store, _, vectors = filed
    index = ClusterIndex.open(store, SETTINGS, THRESHOLD)
    rng = np.random.default_rng(5)
    target = 57  # not in the recent window (the last 4 clusters): found through its buckets
    near = _unit(vectors[target] + 0.1 * _unit(rng.standard_normal(DIM)))
    assert index.assign("unrelated words entirely here", near) == target
    assert index.clusters[target].size == 2
    # the window (4) and what the sentence's buckets hold: a few clusters, not the 300 stored
    assert index.looked_up < 30 and index.compared < 30


def test_a_far_sentence_founds_a_cluster_that_later_sentences_find(
    filed: tuple[Store, list[str], np.ndarray],
) -> None:
    store, _, _ = filed
    rng = np.random.default_rng(7)
    far = _unit(rng.standard_normal(DIM))
    index = ClusterIndex.open(store, SETTINGS, THRESHOLD)
    assert index.assign("a brand new story", far) == STORED
    index.save()
    later = ClusterIndex.open(store, BuildSettings(blocking_window=1, blocking_neighbours=1), THRESHOLD)
    for k in range(3):  # push the new cluster out of a one-cluster window
        later.assign(f"filler{k} words{k} only{k} here{k}", _unit(rng.standard_normal(DIM)))
    assert later.assign("a brand new story", far) == STORED  # through its vector and word buckets
    assert store.clusters([STORED])[STORED].size == 1  # the stored copy changes only on save


def test_buckets_are_stable_and_follow_direction() -> None:
    rng = np.random.default_rng(9)
    v = _unit(rng.standard_normal(DIM))
    assert vector_buckets(v) == vector_buckets(3 * v)
    assert len(set(vector_buckets(v)) & set(vector_buckets(-v))) == 0
    assert word_buckets({"iran", "jets"}, SETTINGS) == word_buckets(["jets", "iran"], SETTINGS)
    assert word_buckets([], SETTINGS) == []


def test_assign_all_joins_as_assign_does_and_forgets_past_the_cap(
    filed: tuple[Store, list[str], np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sentences near stored clusters (found through their buckets, not the 4-cluster window),
    assigned one by one and as a batch that may hold only a few unchanged clusters: the same
    clusters, and the batch holds no more than the cap beyond what it changed and the window."""
    store, _, vectors = filed
    rng = np.random.default_rng(11)
    targets = rng.choice(STORED - SETTINGS.blocking_window, 80, replace=False)
    near = np.stack([_unit(vectors[t] + 0.1 * _unit(rng.standard_normal(DIM))) for t in targets])
    texts = [f"sentence{k}a words{k}b" for k in range(len(near))]
    alone = ClusterIndex.open(store, SETTINGS, THRESHOLD)
    one_by_one = [alone.assign(t, v) for t, v in zip(texts, near, strict=True)]
    assert one_by_one == [int(t) for t in targets]
    monkeypatch.setattr(claim_index, "LOADED_CAP", 8)
    monkeypatch.setattr(claim_index, "ASSIGN_BLOCK", 16)
    batch = ClusterIndex.open(store, SETTINGS, THRESHOLD)
    assert batch.assign_all(texts, near) == one_by_one
    unchanged = set(batch.clusters) - batch.dirty - set(batch.recent[-SETTINGS.blocking_window :])
    assert len(unchanged) <= 8 < len(alone.clusters) - len(alone.dirty)
    assert batch.looked_up > alone.looked_up  # forgotten clusters were read again when asked
