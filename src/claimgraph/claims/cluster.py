"""Leader clustering of free-text assertions with blocking: no pass over all pairs.

Each sentence is compared only with candidate clusters: those whose leaders share content words
with it (MinHash LSH bands over content words, with the band sizes datasketch picks for
`blocking_jaccard`) and the clusters whose centroids are nearest to it among the most recent
`blocking_window` ones (paraphrases that share no word). Centroids live in one growing matrix
updated in place, so a sentence costs O(window + LSH hits), not O(clusters). The LSH hits grow
with the store (107 a sentence at 3,000 generated documents, 230 at 10,000, 383 on the real
articles); `cluster_bucket_cap` (256) bounds them by skipping a word bucket past that many
leaders, as the persistent claim index does at 64 (`claims.claim_index`). Thresholds:
`claimgraph.settings.BuildSettings`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from claimgraph.claims.embed import content_words
from claimgraph.settings import BuildSettings

# Near-duplicate candidates come from an LSH set this far below `merge_jaccard`: MinHash estimates
# of short texts are rough, and an LSH at the merge threshold itself found only 41% of the pairs of
# 5-word texts at Jaccard 0.8 (81% at 0.89); 0.3 below it, 99.7% (300 random pairs each). The exact
# Jaccard check then decides, so the margin costs comparisons, not precision.
NEAR_DUPLICATE_LSH_MARGIN = 0.3
# Texts whose word sets and MinHashes `cluster` holds at once (1 KB each at 128 permutations; a
# rebuild clusters every sentence of the store, issue 11 memory); past its block, a text's words
# are kept only if it leads a cluster. Each text's MinHash is the same in any block.
HASHES_AT_ONCE = 4096


class _Centroids:
    """Running sums of member vectors, one row per cluster, grown by doubling."""

    def __init__(self, dim: int) -> None:
        self.sums = np.zeros((16, dim), dtype=np.float64)
        self.size = 0

    def add(self, vec: np.ndarray) -> int:
        if self.size == len(self.sums):  # doubled by one copy (vstack held a third array)
            grown = np.zeros((2 * len(self.sums), self.sums.shape[1]), dtype=np.float64)
            grown[: self.size] = self.sums
            self.sums = grown
        self.sums[self.size] = vec
        self.size += 1
        return self.size - 1

    def cosines(self, rows: np.ndarray, vec: np.ndarray) -> np.ndarray:
        block = self.sums[rows]
        norms = np.maximum(np.linalg.norm(block, axis=1), 1e-9)
        return (block @ vec) / norms


_BANDS: dict[tuple[float, int], tuple[int, int]] = {}


def word_bands(settings: BuildSettings) -> tuple[int, int]:
    """(bands, rows per band) datasketch picks for the blocking threshold (false positives and
    negatives weighted equally), shared by `cluster` and the claim index's word buckets."""
    key = (settings.blocking_jaccard, settings.blocking_permutations)
    if key not in _BANDS:
        lsh = MinHashLSH(threshold=key[0], num_perm=key[1])
        _BANDS[key] = (lsh.b, lsh.r)
    return _BANDS[key]


class _WordBuckets:
    """Leaders filed under the MinHash bands of their words; a bucket past `cap` (if any) is dropped
    and skipped from then on (hand-written: datasketch's LSH does not expose or bound bucket sizes)."""

    def __init__(self, settings: BuildSettings, cap: int | None) -> None:
        self.bands, self.rows = word_bands(settings)
        self.cap = cap
        self.buckets: dict[tuple[int, bytes], list[int] | None] = {}

    def _keys(self, mh: MinHash) -> list[tuple[int, bytes]]:
        values = mh.hashvalues
        return [(b, values[b * self.rows : (b + 1) * self.rows].tobytes()) for b in range(self.bands)]

    def query(self, mh: MinHash) -> set[int]:
        found: set[int] = set()
        for key in self._keys(mh):
            held = self.buckets.get(key)
            if held:
                found.update(held)
        return found

    def insert(self, leader: int, mh: MinHash) -> None:
        for key in self._keys(mh):
            held = self.buckets.setdefault(key, [])
            if held is None:
                continue
            held.append(leader)
            if self.cap is not None and len(held) > self.cap:
                self.buckets[key] = None


def _minhashes(word_sets: Sequence[set[str]], permutations: int) -> list[MinHash | None]:
    """One MinHash per word set (None for an empty one), sharing one set of permutations and
    computed once per distinct set: copies repeat sentences."""
    distinct = list(dict.fromkeys(frozenset(s) for s in word_sets if s))
    hashes = MinHash.bulk([[w.encode() for w in sorted(s)] for s in distinct], num_perm=permutations, seed=1)
    by_set = dict(zip(distinct, hashes, strict=True))
    return [by_set[frozenset(s)] if s else None for s in word_sets]


def jaccard(a: set[str], b: set[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def cluster(
    texts: Sequence[str],
    vectors: np.ndarray,
    threshold: float,
    settings: BuildSettings,
) -> list[list[int]]:
    """Clusters of indices into `texts`, in input order: each text joins the most similar candidate
    cluster when (1 - w) * cosine(centroid) + w * Jaccard(leader's content words) >= threshold."""
    lsh = _WordBuckets(settings, settings.cluster_bucket_cap)
    centroids = _Centroids(vectors.shape[1] if vectors.ndim == 2 else 1)
    clusters: list[list[int]] = []
    leader_words: list[set[str]] = []  # each cluster's leader's content words
    w = settings.lexical_weight
    block: list[set[str]] = []
    hashes: list[MinHash | None] = []
    for i, vec in enumerate(vectors):
        if i % HASHES_AT_ONCE == 0:  # a block's words and MinHashes at a time, not every text's
            block = [set(content_words(t)) for t in texts[i : i + HASHES_AT_ONCE]]
            hashes = _minhashes(block, settings.blocking_permutations)
        vec = vec.astype(np.float64)
        words, mh = block[i % HASHES_AT_ONCE], hashes[i % HASHES_AT_ONCE]
        candidates = lsh.query(mh) if mh is not None else set()
        recent = np.arange(max(0, len(clusters) - settings.blocking_window), len(clusters))
        if len(recent):
            near = centroids.cosines(recent, vec)
            top = np.argsort(-near)[: settings.blocking_neighbours]
            candidates |= {int(recent[k]) for k in top}
        best, best_sim = -1, threshold
        if candidates:
            rows = np.array(sorted(candidates))
            cosines = centroids.cosines(rows, vec)
            for c, cos in zip(rows.tolist(), cosines.tolist(), strict=True):
                sim = (1 - w) * cos + w * jaccard(words, leader_words[c])
                if sim >= best_sim:
                    best, best_sim = c, sim
        if best < 0:
            best = centroids.add(vec)
            clusters.append([i])
            leader_words.append(words)
            if mh is not None:
                lsh.insert(best, mh)  # the leader's words stand for the cluster
        else:
            clusters[best].append(i)
            centroids.sums[best] += vec
    return clusters


def near_duplicate_groups(texts: Sequence[str], settings: BuildSettings) -> list[list[int]]:
    """Groups of indices whose texts share >= `merge_jaccard` of their content words (LSH blocks,
    exact Jaccard checks, union-find); singletons included, in input order."""
    sets = [set(content_words(t)) for t in texts]
    blocking = max(0.05, settings.merge_jaccard - NEAR_DUPLICATE_LSH_MARGIN)
    lsh = MinHashLSH(threshold=blocking, num_perm=settings.blocking_permutations)
    parent = list(range(len(texts)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, (s, mh) in enumerate(zip(sets, _minhashes(sets, settings.blocking_permutations), strict=True)):
        if mh is None:
            continue
        for j in lsh.query(mh):
            if jaccard(s, sets[j]) >= settings.merge_jaccard:
                parent[root(i)] = root(j)
        lsh.insert(i, mh)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])
