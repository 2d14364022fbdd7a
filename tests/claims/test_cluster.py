"""Leader clustering with blocking, and near-duplicate groups: partitions in input order, blocking
that still finds paraphrases, and centroids that survive growing."""

from __future__ import annotations

import random

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from claimgraph.claims import cluster as clustering
from claimgraph.claims.cluster import _WordBuckets, cluster, jaccard, near_duplicate_groups
from claimgraph.claims.embed import LexicalEmbedder
from claimgraph.settings import BuildSettings

TEXTS = [
    "The council approved the harbour plan on Monday",
    "On Monday the council approved the harbour plan",
    "Firefighters rescued a cat from a tree",
]


def is_partition(groups: list[list[int]], n: int) -> bool:
    """Every index once, each group ascending, groups ordered by their first (leader) index."""
    flat = sorted(i for g in groups for i in g)
    return flat == list(range(n)) and all(g == sorted(g) for g in groups) and groups == sorted(groups)


def test_cluster_jaccard() -> None:
    assert jaccard(set(), set()) == 0.0
    assert jaccard({"a", "b"}, {"b", "c"}) == pytest.approx(1 / 3) == jaccard({"b", "c"}, {"a", "b"})
    assert jaccard({"a"}, {"a"}) == 1.0


def test_cluster_near_duplicate_texts_group_and_blocked_clusters() -> None:
    assert near_duplicate_groups(TEXTS, BuildSettings()) == [[0, 1], [2]]
    vectors = LexicalEmbedder().encode(TEXTS)
    assert cluster(TEXTS, vectors, 0.35, BuildSettings()) == [[0, 1], [2]]
    # with no recent-centroid window, the word blocking alone still finds the shared words
    assert cluster(TEXTS, vectors, 0.35, BuildSettings(blocking_window=0)) == [[0, 1], [2]]


def test_cluster_the_centroid_window_finds_paraphrases_sharing_no_word() -> None:
    """Vectors say two texts mean the same; their words have nothing in common: only the window of
    recent centroids can bring them together, the LSH on words cannot."""
    texts = ["Tehran and Washington coordinate airstrikes", "Iranian American military cooperation"]
    vectors = np.array([[1.0, 0.0], [1.0, 0.0]])
    assert cluster(texts, vectors, 0.5, BuildSettings()) == [[0, 1]]
    assert cluster(texts, vectors, 0.5, BuildSettings(blocking_window=0)) == [[0], [1]]


def test_cluster_threshold_decides_between_one_cluster_and_singletons() -> None:
    vectors = LexicalEmbedder().encode(TEXTS)
    assert cluster(TEXTS, vectors, 1.01, BuildSettings()) == [[0], [1], [2]]  # nothing is that similar
    assert cluster(TEXTS, vectors, -1.0, BuildSettings()) == [[0, 1, 2]]  # anything is


def test_cluster_many_clusters_grow_the_centroids_and_keep_them_right() -> None:
    """40 orthogonal texts make 40 clusters (past the first 16 rows); a later copy of the 35th
    joins the 35th, not a neighbour."""
    n = 40
    texts = [f"topic{k} subject{k}" for k in range(n)] + ["topic34 subject34"]
    vectors = np.vstack([np.eye(n), np.eye(n)[34]])
    groups = cluster(texts, vectors, 0.5, BuildSettings())
    assert len(groups) == n and is_partition(groups, n + 1)
    assert groups[34] == [34, n]


def test_cluster_texts_without_content_words_still_cluster_by_vector() -> None:
    texts = ["the of and", "it is what it is", "Ships waited"]
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    assert cluster(texts, vectors, 0.5, BuildSettings()) == [[0, 1], [2]]


def test_cluster_empty_input() -> None:
    assert cluster([], np.zeros((0, 8)), 0.5, BuildSettings()) == []
    assert near_duplicate_groups([], BuildSettings()) == []


def test_cluster_near_duplicates_join_through_a_chain() -> None:
    """a ~ b and b ~ c at Jaccard 0.8 while a and c share only 0.6: one group (union-find)."""
    a = "harbour council budget ferry"
    b = "harbour council budget ferry pier"
    c = "council budget ferry pier"
    settings = BuildSettings(merge_jaccard=0.75)
    assert near_duplicate_groups([a, "volcano erupted overnight", c, b], settings) == [[0, 2, 3], [1]]
    assert near_duplicate_groups([a, c], settings) == [[0], [1]]


def test_cluster_near_duplicates_exact_copies_and_empty_texts() -> None:
    groups = near_duplicate_groups(["Ships waited", "", "Ships waited", "the of"], BuildSettings())
    assert groups == [[0, 2], [1], [3]]  # texts with no content word are nobody's duplicate


def test_cluster_near_duplicates_at_the_threshold_are_found() -> None:
    """Short texts sharing exactly `merge_jaccard` (4 of 5 words) merge: the LSH that proposes
    candidates must not lose them (at the threshold itself it found 41%)."""
    rng = random.Random(0)
    texts = []
    for _ in range(100):
        words = ["".join(rng.choice("bcdfghkmnprtvz") for _ in range(7)) for _ in range(5)]
        texts += [" ".join(words[:4]), " ".join(words)]  # Jaccard 4/5 = 0.8; no word shared across pairs
    groups = near_duplicate_groups(texts, BuildSettings())
    assert is_partition(groups, len(texts)) and all(g in ([k], [k, k + 1]) for g in groups for k in g[:1])
    assert sum(len(g) == 2 for g in groups) >= 97


def _minhash(words: set[str]) -> MinHash:
    mh = MinHash(num_perm=BuildSettings().blocking_permutations, seed=1)
    mh.update_batch([w.encode() for w in sorted(words)])
    return mh


def test_cluster_word_buckets_without_a_cap_find_what_datasketch_finds() -> None:
    """The hand-written bands (kept for their sizes) answer as datasketch's LSH they replaced."""
    settings = BuildSettings()
    rng = random.Random(3)
    vocabulary = [f"w{k}" for k in range(60)]
    sets = [set(rng.sample(vocabulary, rng.randint(2, 9))) for _ in range(300)]
    ours = _WordBuckets(settings, cap=None)
    theirs = MinHashLSH(threshold=settings.blocking_jaccard, num_perm=settings.blocking_permutations)
    for k, words in enumerate(sets):
        mh = _minhash(words)
        assert ours.query(mh) == set(theirs.query(mh))
        ours.insert(k, mh)
        theirs.insert(k, mh)


def test_cluster_a_word_bucket_past_the_cap_is_skipped() -> None:
    buckets = _WordBuckets(BuildSettings(), cap=3)
    mh = _minhash({"harbour", "council"})
    for leader in range(3):
        buckets.insert(leader, mh)
    assert buckets.query(mh) == {0, 1, 2}  # at the cap: every leader
    buckets.insert(3, mh)
    assert buckets.query(mh) == set()  # past it: the bucket says nothing, now and later
    buckets.insert(4, mh)
    assert buckets.query(mh) == set()


def test_cluster_the_cap_bounds_a_sentence_s_comparisons(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sentences sharing two words but pointing elsewhere (orthogonal vectors) each found a
    cluster; uncapped, each is compared with nearly every earlier leader (quadratic), capped with
    at most the bands' buckets' leaders, whatever the number of sentences."""
    cap = 16
    n = 6 * cap
    texts = [f"harbour council item{k}" for k in range(n)]
    vectors = np.eye(n)
    counts: dict[int | None, int] = {}
    exact = clustering.jaccard
    for bound in (None, cap):
        calls = 0

        def counted(a: set[str], b: set[str]) -> float:
            nonlocal calls
            calls += 1
            return exact(a, b)

        monkeypatch.setattr(clustering, "jaccard", counted)
        settings = BuildSettings(blocking_window=0, cluster_bucket_cap=bound)
        assert cluster(texts, vectors, 0.5, settings) == [[k] for k in range(n)]  # none joins, either way
        counts[bound] = calls
    assert counts[None] >= 0.95 * n * (n - 1) / 2  # every earlier leader shares a band, nearly
    bands, _ = clustering.word_bands(BuildSettings())
    assert counts[cap] <= n * bands * cap and counts[cap] < counts[None] / 2
