"""A rebuild's claims step holds a block at a time where it can (issue 11, memory): MinHashes of
`HASHES_AT_ONCE` texts while clustering, centroids of `CLUSTERS_PER_WRITE` clusters while filing
the index. Blocks of 3 give what one block of everything gives."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from claimgraph.claims import claim_index
from claimgraph.claims import cluster as clustering
from claimgraph.claims.embed import LexicalEmbedder
from claimgraph.settings import BuildSettings
from claimgraph.store import Store

WORDS = "council harbour plan approved monday firefighters rescued cat tree minister denied talks".split()


def _texts(n: int) -> list[str]:
    rng = random.Random(7)
    return [" ".join(rng.sample(WORDS, 5)) for _ in range(n)]


def test_cluster_in_minhash_blocks_gives_the_same_clusters(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts(40)
    vectors = LexicalEmbedder().encode(texts)
    whole = clustering.cluster(texts, vectors, 0.5, BuildSettings())
    assert 1 < len(whole) < len(texts)
    monkeypatch.setattr(clustering, "HASHES_AT_ONCE", 3)
    assert clustering.cluster(texts, vectors, 0.5, BuildSettings()) == whole


def _filed(db: Path, texts: list[str], vectors: np.ndarray, clusters: list[list[int]]) -> dict[str, Any]:
    with Store.open(db) as store:
        assert claim_index.index_clusters(store, texts, vectors, clusters, BuildSettings()) == len(clusters)
        stored = store.clusters(range(len(clusters)))
        buckets = store.clusters_in_buckets(
            {
                b
                for c in stored.values()
                for b in claim_index.cluster_buckets(c.leader, c.centroid, BuildSettings())
            }
        )
        return {
            "clusters": {k: (c.leader, c.centroid.tolist(), c.size) for k, c in stored.items()},
            "buckets": buckets,
        }


def test_index_clusters_in_blocks_files_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = _texts(20)
    vectors = LexicalEmbedder().encode(texts)
    clusters = [[k, k + 10] for k in range(10)]
    whole = _filed(tmp_path / "whole.db", texts, vectors, clusters)
    assert len(whole["clusters"]) == 10 and whole["buckets"]
    monkeypatch.setattr(claim_index, "CLUSTERS_PER_WRITE", 3)
    assert _filed(tmp_path / "blocks.db", texts, vectors, clusters) == whole
