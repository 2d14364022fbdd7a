"""The persistent claim index: which stored free-text cluster a new sentence joins, found by lookup.

Each cluster is filed (`store.claim_index`) under LSH buckets of two kinds:
- random-hyperplane bands of its centroid (`VECTOR_BANDS` bands of `VECTOR_BITS` sign bits over
  fixed Gaussian hyperplanes): sentences whose embeddings are very close share a band (cosine 0.9:
  1 - (1 - 0.857^14)^16 = 0.86 of pairs; cosine 0.8: 0.48), while two unrelated clusters share
  one with probability about 16 / 2^14, so a bucket holds about 1 in 16,000 clusters;
- MinHash bands of its leader's content words, with the band sizes `claims.cluster` uses
  (datasketch's for `blocking_jaccard`), so a sentence that shares words with a leader finds it.
A new sentence is compared with the clusters in its buckets and with its `blocking_neighbours`
nearest among the `blocking_window` most recent clusters (as `claims.cluster` does), and joins
the best at or above the clustering threshold, or founds a cluster. A bucket that would hold
more than `BUCKET_CAP` clusters (a word every other leader has) says nothing: it is stored as one
`FULL` row and skipped, so a sentence reads at most 31 x (`BUCKET_CAP` + 1) bucket rows and is
compared with at most that many clusters plus its `blocking_neighbours`, whatever the store's
size; the vector bands and the window still find its neighbours.

How this differs from a rebuild (`claims.cluster.cluster` over every sentence in document order):
greedy assignment is order dependent, and the candidates differ (a rebuild's window holds the
clusters recent in its own order, and it files clusters in word buckets only); a sentence may
so join another cluster, or found one, where a rebuild would not. The tolerance is stated in
docs/architecture.md and tested in tests/claims/test_claim_index.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from datasketch import MinHash

from claimgraph.claims.cluster import jaccard, word_bands
from claimgraph.claims.embed import content_words
from claimgraph.settings import BuildSettings
from claimgraph.store import Store
from claimgraph.store.claim_index import StoredCluster

VECTOR_BANDS = 16
VECTOR_BITS = 14
BUCKET_CAP = 64  # clusters in one bucket beyond which it is skipped (`ClusterIndex.assign`)
FULL = -1  # the cluster id that marks a bucket past the cap
HYPERPLANE_SEED = 11
ASSIGN_BLOCK = 64  # sentences whose stored buckets `ClusterIndex.assign_all` reads in one query
LOADED_CAP = 4096  # unchanged clusters held (~7 KB each) past which `assign_all` forgets half
BUCKETS_PER_WRITE = 4096  # buckets whose stored clusters `ClusterIndex.save` reads at once
CLUSTERS_PER_WRITE = 1000  # a rebuild's clusters whose centroids are held at once (`index_clusters`)


def _hyperplanes(dim: int) -> np.ndarray:
    rng = np.random.default_rng(HYPERPLANE_SEED)
    return rng.standard_normal((VECTOR_BANDS * VECTOR_BITS, dim))


_PLANES: dict[int, np.ndarray] = {}


def vector_buckets(vec: np.ndarray) -> list[str]:
    """The hyperplane-band buckets of a vector (its direction only)."""
    dim = int(vec.shape[0])
    if dim not in _PLANES:
        _PLANES[dim] = _hyperplanes(dim)
    bits = (_PLANES[dim] @ vec.astype(np.float64)) > 0
    weights = 1 << np.arange(VECTOR_BITS)
    codes = (bits.reshape(VECTOR_BANDS, VECTOR_BITS) * weights).sum(axis=1)
    return [f"v{b}:{int(code)}" for b, code in enumerate(codes)]


def word_buckets(words: Iterable[str], settings: BuildSettings) -> list[str]:
    """MinHash-band buckets of a set of content words (none for an empty set)."""
    ws = sorted(set(words))
    if not ws:
        return []
    lsh = word_bands(settings)
    permutations, scheme = _permutations(settings)
    mh = MinHash(num_perm=settings.blocking_permutations, seed=1, permutations=permutations, scheme=scheme)
    mh.update_batch([w.encode() for w in ws])
    values = mh.hashvalues
    out = []
    for b in range(lsh[0]):
        part = values[b * lsh[1] : (b + 1) * lsh[1]]
        out.append(f"w{b}:{hashlib.sha1(part.tobytes()).hexdigest()[:20]}")
    return out


_PERMUTATIONS: dict[int, tuple[Any, Any]] = {}


def _permutations(settings: BuildSettings) -> tuple[Any, Any]:
    """The permutations of seed 1 and their scheme, made once (each new MinHash would draw them
    again: a third of the cost of a sentence's buckets)."""
    n = settings.blocking_permutations
    if n not in _PERMUTATIONS:
        template = MinHash(num_perm=n, seed=1)
        _PERMUTATIONS[n] = (template.permutations, template.scheme)
    return _PERMUTATIONS[n]


def cluster_buckets(leader: str, centroid: np.ndarray, settings: BuildSettings) -> list[str]:
    return vector_buckets(centroid) + word_buckets(content_words(leader), settings)


class _Rows:
    """The loaded clusters' centroids as rows of one matrix, with their norms: a sentence's
    cosines with 512 clusters are one indexed product, not 512 arrays stacked and normed."""

    def __init__(self) -> None:
        self.slot: dict[int, int] = {}
        self.matrix = np.zeros((0, 0))
        self.norms = np.zeros(0)
        self.block = np.zeros((0, 0))

    def put(self, cluster_id: int, centroid: np.ndarray) -> None:
        k = self.slot.get(cluster_id)
        if k is None:
            k = self.slot[cluster_id] = len(self.slot)
            if k == len(self.matrix):
                grown = np.zeros((max(64, 2 * k), len(centroid)))
                if k:
                    grown[:k] = self.matrix
                self.matrix = grown
                self.norms = np.concatenate([self.norms, np.zeros(len(grown) - k)])
        self.matrix[k] = centroid
        self.norms[k] = max(float(np.linalg.norm(centroid)), 1e-9)

    def cosines(self, ids: Sequence[int], vec: np.ndarray) -> np.ndarray:
        rows = np.fromiter((self.slot[c] for c in ids), dtype=np.intp, count=len(ids))
        if len(self.block) < len(rows) or self.block.shape[1] != self.matrix.shape[1]:
            self.block = np.zeros((len(rows), self.matrix.shape[1]))
        # the rows gathered into one reused block: a fresh 1.5 MB copy per sentence fragmented
        # the C heap (RSS grew by batch with Python's own memory flat)
        block = np.take(self.matrix, rows, axis=0, out=self.block[: len(rows)])
        return (block @ vec) / self.norms[rows]


@dataclass(slots=True)
class ClusterIndex:
    """The stored clusters a run touches, loaded on demand; new sentences join or found clusters.

    `compared` counts (sentence, cluster) comparisons and `looked_up` the clusters read from the
    store: an incremental run's cost, checked by tests (not its time)."""

    store: Store
    settings: BuildSettings
    threshold: float
    clusters: dict[int, StoredCluster] = field(default_factory=dict)
    fresh: dict[str, set[int]] = field(default_factory=dict)  # buckets filed this run
    recent: list[int] = field(default_factory=list)
    dirty: set[int] = field(default_factory=set)
    leader_words: dict[int, set[str]] = field(default_factory=dict)  # a leader never changes
    rows: _Rows = field(default_factory=_Rows)
    used: dict[int, int] = field(default_factory=dict)  # cluster -> the sentence that last compared it
    next_id: int = 0
    compared: int = 0
    looked_up: int = 0

    @classmethod
    def open(cls, store: Store, settings: BuildSettings, threshold: float) -> ClusterIndex:
        index = cls(store, settings, threshold)
        index.next_id = store.next_cluster_id()
        index.recent = store.recent_cluster_ids(settings.blocking_window)
        index._load(index.recent)
        return index

    def _load(self, ids: Iterable[int]) -> None:
        missing = [i for i in ids if i not in self.clusters]
        if missing:
            found = self.store.clusters(missing)
            self.clusters.update(found)
            for c in sorted(found):
                self.rows.put(c, found[c].centroid)
            self.looked_up += len(missing)

    def assign_all(self, texts: Sequence[str], vectors: np.ndarray) -> list[int]:
        """`assign` each sentence in order, the stored clusters of `ASSIGN_BLOCK` sentences'
        buckets read in one query (the store is not written until `save`, so each sentence reads
        what it would alone; a block, not a whole batch: a batch's buckets hold most of a small
        store's clusters, and reading them at once made a batch's memory grow with the store)."""
        out: list[int] = []
        for start in range(0, len(texts), ASSIGN_BLOCK):
            part = texts[start : start + ASSIGN_BLOCK]
            vecs = vectors[start : start + ASSIGN_BLOCK].astype(np.float64)
            words = [set(content_words(t)) for t in part]
            buckets = [
                vector_buckets(v) + word_buckets(w, self.settings) for v, w in zip(vecs, words, strict=True)
            ]
            found = self.store.clusters_in_buckets({b for bs in buckets for b in bs})
            out += [
                self._assign(t, v, w, b, found) for t, v, w, b in zip(part, vecs, words, buckets, strict=True)
            ]
            if len(self.clusters) > LOADED_CAP + len(self.dirty):
                self._forget()
        return out

    def _forget(self) -> None:
        """Keep of the loaded clusters this run did not change the `LOADED_CAP` / 2 compared most
        recently (and the window); the others are read again when asked. A batch's sentences find
        thousands of clusters through their buckets (13,494 in one batch of 250 real articles),
        so without a cap what a batch holds grows with the store."""
        window = set(self.recent[-self.settings.blocking_window :])
        clean = sorted(set(self.clusters) - self.dirty - window, key=lambda c: -self.used.get(c, 0))
        keep = self.dirty | window | set(clean[: LOADED_CAP // 2])
        self.clusters = {c: x for c, x in self.clusters.items() if c in keep}
        self.leader_words = {c: w for c, w in self.leader_words.items() if c in keep}
        self.used = {c: k for c, k in self.used.items() if c in keep}
        self.rows = _Rows()
        for c in sorted(self.clusters):
            self.rows.put(c, self.clusters[c].centroid)

    def assign(self, text: str, vec: np.ndarray) -> int:
        """The cluster this sentence joins (its centroid updated), or a new one it founds."""
        return self.assign_all([text], vec[np.newaxis])[0]

    def _words(self, cluster_id: int) -> set[str]:
        if cluster_id not in self.leader_words:
            self.leader_words[cluster_id] = set(content_words(self.clusters[cluster_id].leader))
        return self.leader_words[cluster_id]

    def _assign(
        self, text: str, vec: np.ndarray, words: set[str], buckets: list[str], found: dict[str, set[int]]
    ) -> int:
        candidates: set[int] = set()
        for b in buckets:
            held = found.get(b, set()) | self.fresh.get(b, set())
            if FULL not in held and len(held) <= BUCKET_CAP:
                candidates |= held
        window = self.recent[-self.settings.blocking_window :]
        if window:
            self._load(window)
            cos = self._cosines(window, vec)
            candidates |= {window[k] for k in np.argsort(-cos)[: self.settings.blocking_neighbours]}
        self._load(candidates)
        best, best_sim = -1, self.threshold
        w = self.settings.lexical_weight
        rows = sorted(candidates)
        for c, cos in zip(rows, self._cosines(rows, vec).tolist(), strict=True):
            self.compared += 1
            self.used[c] = self.compared
            sim = (1 - w) * cos + w * jaccard(words, self._words(c))
            if sim >= best_sim:
                best, best_sim = c, sim
        if best < 0:
            best = self.next_id
            self.next_id += 1
            self.clusters[best] = StoredCluster(best, text, vec.copy(), 1)
            self.rows.put(best, vec)
            self.recent.append(best)
            self._file(best, cluster_buckets(text, vec, self.settings))
        else:
            cluster = self.clusters[best]
            cluster.centroid = cluster.centroid + vec
            cluster.size += 1
            self.rows.put(best, cluster.centroid)
            self._file(best, vector_buckets(cluster.centroid))  # the moved centroid's bands too
        self.dirty.add(best)
        return best

    def _cosines(self, ids: Sequence[int], vec: np.ndarray) -> np.ndarray:
        if not ids:
            return np.zeros(0)
        return self.rows.cosines(ids, vec)

    def _file(self, cluster_id: int, buckets: Iterable[str]) -> None:
        for b in buckets:
            self.fresh.setdefault(b, set()).add(cluster_id)

    def save(self) -> None:
        """Write the clusters this run created or grew, and their new buckets."""
        self.store.put_clusters(self.clusters[c] for c in sorted(self.dirty))
        buckets = sorted(self.fresh)
        for start in range(0, len(buckets), BUCKETS_PER_WRITE):  # the stored rows of a part at a time
            part = {b: self.fresh[b] for b in buckets[start : start + BUCKETS_PER_WRITE]}
            self.store.put_buckets(capped(part, self.store.clusters_in_buckets(part)))


def capped(new: dict[str, set[int]], stored: dict[str, set[int]]) -> list[tuple[str, int]]:
    """(bucket, cluster) rows to add: a bucket that would pass `BUCKET_CAP` gets the `FULL` row."""
    rows: list[tuple[str, int]] = []
    for bucket, ids in sorted(new.items()):
        have = stored.get(bucket, set())
        if FULL in have:
            continue
        rows += [(bucket, FULL)] if len(have | ids) > BUCKET_CAP else [(bucket, c) for c in sorted(ids)]
    return rows


def index_clusters(
    store: Store,
    texts: Sequence[str],
    vectors: np.ndarray,
    clusters: Sequence[Sequence[int]],
    settings: BuildSettings,
) -> int:
    """File a rebuild's clusters (ids in creation order) in a cleared index; returns how many.
    Centroids are made and written `CLUSTERS_PER_WRITE` at a time: a rebuild's clusters' float64
    centroids and their rows held at once were its claims step's peak (issue 11, memory)."""
    filed: dict[str, set[int]] = {}
    for start in range(0, len(clusters), CLUSTERS_PER_WRITE):
        stored = []
        for k in range(start, min(start + CLUSTERS_PER_WRITE, len(clusters))):
            members = clusters[k]
            centroid = vectors[list(members)].astype(np.float64).sum(axis=0)
            stored.append(StoredCluster(k, texts[members[0]], centroid, len(members)))
            for b in cluster_buckets(texts[members[0]], centroid, settings):
                filed.setdefault(b, set()).add(k)
        store.put_clusters(stored)
    store.put_buckets(capped(filed, {}))
    return len(clusters)
