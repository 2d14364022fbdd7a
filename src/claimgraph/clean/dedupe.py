"""Near-duplicate grouping (syndicated copies) with MinHash over word 5-shingles and LSH banding.

Exact duplicates never get here: a document's id is the hash of its normalised text, so the
store keeps one row per text. Near-duplicates (the same article under other chrome, another
headline, an edited sentence) get a group id: the smallest document id of the group.

Signatures come from datasketch's `MinHash` (fixed seed and `NUM_PERM`, so runs are
deterministic) and the band layout (b bands of r rows) from datasketch's `MinHashLSH` for
`LSH_CANDIDATE_THRESHOLD`. The band buckets live behind `BucketStore`: in memory for a
single run (`MemoryBucketStore`), or in the database (`claimgraph.store`), which is what the
pipeline uses. Keeping them in the store means memory stays flat however large the corpus
(datasketch's in-memory MinHashLSH measured 39 MB at 10,000 and 207 MB at 50,000
documents with 9 bands; more with more bands) and a resumed run needs no rebuild: the index
is exactly what was committed, in the same transactions as the documents.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Protocol

import numpy as np
from datasketch import MinHash

from claimgraph.model import Document, Voice

SHINGLE_WORDS = 5  # word 5-shingles: long enough that two articles on one story share few
NUM_PERM = 128  # estimator std. error ~ sqrt(J(1-J)/128): about 0.035 at J = 0.5
SEED = 1  # fixed: signatures and groups must be the same on every run

# Estimated Jaccard similarity (word 5-shingles of own + quoted text) at or above which two
# documents are copies of one article. Calibration (texts in tests/data/dedupe, written by us;
# `tests/clean/test_dedupe.py` rebuilds the variants): copies of one article with another
# headline, added chrome, one edited sentence or one dropped paragraph scored 0.89-0.94, all
# four edits at once 0.66; different articles on the same story scored 0.00, a follow-up
# story reusing two sentences of the first 0.11-0.13; the five seed pages pairwise 0.00-0.01.
# On the example corpus the one syndicated pair (gold `near_duplicate_of`) scored 0.83 and the
# other 65 pairs at most 0.02. 0.5 sits in the gap with room for heavier edits. A copy holding
# only the first half of the article scored 0.49-0.52, so excerpts and feed summaries are at or
# below the line: grouping those needs a containment measure, not Jaccard.
NEAR_DUPLICATE_THRESHOLD = 0.5

# Band layout for candidate search, looser than the verification threshold: with datasketch's
# layout for 0.3 (37 bands of 3 rows) a pair at J=0.6 is missed with probability 1.2e-4 and at
# J=0.5 with 0.7%, where the layout for 0.5 itself (25 x 5) would miss 13% at J=0.6. Candidates
# are then checked against NEAR_DUPLICATE_THRESHOLD on the full signatures.
LSH_CANDIDATE_THRESHOLD = 0.3

# Members one LSH bucket keeps. Every member of a bucket has the same values in that band, so a
# later document landing there meets them all as candidates; a copy of a wire story that finds
# its bucket full adds nothing to it. This bounds the candidates of a document (at most bands x
# BUCKET_CAP), so N near-identical copies take time linear in N: uncapped, each copy was compared
# with every earlier one (1,000 copies 13 s, 2,000 46 s, 10,000 26 min; figures in
# docs/benchmarks.md). Grouping is exactly the connected components while no bucket is full.
BUCKET_CAP = 10

DEDUPE_VOICES = (Voice.OWN, Voice.QUOTED)  # chrome and reader comments differ between copies

_WORD = re.compile(r"\w+")


def normalise_words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word n-shingles; a text shorter than one shingle is one shingle of all its words."""
    words = normalise_words(text)
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def dedupe_text(doc: Document) -> str:
    """The text two copies of one article share: own and quoted voice, without chrome and comments."""
    if not doc.segments:
        return doc.text
    return "\n".join(doc.segment_text(s) for s in doc.segments if s.voice in DEDUPE_VOICES)


def signature(text: str) -> bytes | None:
    """MinHash signature as NUM_PERM little-endian uint32 values; None for a text without words."""
    grams = shingles(text)
    if not grams:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(list(grams))
    return np.asarray(minhash.hashvalues, dtype="<u4").tobytes()


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal hash values."""
    return float(np.mean(np.frombuffer(a, dtype="<u4") == np.frombuffer(b, dtype="<u4")))


@functools.cache
def band_layout(threshold: float = LSH_CANDIDATE_THRESHOLD) -> tuple[int, int]:
    """(bands, rows per band) that datasketch's MinHashLSH picks for this candidate threshold."""
    from datasketch import MinHashLSH  # imports scipy (~1 s): only when a run needs it

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def signature_params() -> str:
    """Everything a stored signature or bucket depends on; stored rows with other params are stale."""
    bands, rows = band_layout()
    return f"w{SHINGLE_WORDS}-p{NUM_PERM}-s{SEED}-b{bands}r{rows}"


def buckets(sig: bytes, bands: int, rows: int, params: str) -> list[int]:
    """One signed 64-bit bucket key per band; documents sharing any bucket are candidates."""
    keys = []
    for band in range(bands):
        chunk = sig[band * rows * 4 : (band + 1) * rows * 4]
        digest = hashlib.blake2b(f"{params}|{band}|".encode() + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


class BucketStore(Protocol):
    """Where signatures, band buckets and group ids live (memory or the database)."""

    def candidates(self, keys: Sequence[int], params: str) -> Iterable[tuple[str, bytes, str | None]]:
        """(doc id, signature, group id) of documents sharing any bucket key."""
        ...

    def add_signature(self, doc_id: str, sig: bytes, keys: Sequence[int], params: str) -> None:
        """Keep the signature, and the document in each of `keys` that holds < BUCKET_CAP members."""
        ...

    def regroup(self, group_id: str, old_groups: Iterable[str], doc_ids: Iterable[str]) -> None:
        """Give `group_id` to `doc_ids` and to every member of `old_groups`."""
        ...


class MemoryBucketStore:
    """In-memory `BucketStore`, for one-off use and tests; the pipeline uses the database one."""

    def __init__(self) -> None:
        self._buckets: dict[int, list[str]] = {}
        self._signatures: dict[str, bytes] = {}
        self.groups: dict[str, str] = {}

    def candidates(self, keys: Sequence[int], params: str) -> Iterable[tuple[str, bytes, str | None]]:
        found = sorted({doc_id for key in keys for doc_id in self._buckets.get(key, ())})
        return [(doc_id, self._signatures[doc_id], self.groups.get(doc_id)) for doc_id in found]

    def add_signature(self, doc_id: str, sig: bytes, keys: Sequence[int], params: str) -> None:
        self._signatures[doc_id] = sig
        for key in keys:
            members = self._buckets.setdefault(key, [])
            if len(members) < BUCKET_CAP:
                members.append(doc_id)

    def regroup(self, group_id: str, old_groups: Iterable[str], doc_ids: Iterable[str]) -> None:
        old = set(old_groups)
        for doc_id, group in list(self.groups.items()):
            if group in old:
                self.groups[doc_id] = group_id
        for doc_id in doc_ids:
            self.groups[doc_id] = group_id


class NearDuplicateIndex:
    """Groups documents whose estimated Jaccard similarity reaches the threshold.

    Groups are the connected components of the "similar enough" graph, so the result does not
    depend on the order documents arrive in.
    """

    def __init__(self, store: BucketStore | None = None, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
        self.store: BucketStore = store if store is not None else MemoryBucketStore()
        self.threshold = threshold
        self.bands, self.rows = band_layout()
        self.params = signature_params()

    def add(self, doc_id: str, text: str) -> str | None:
        """Index a document; return its group id, or None while it has no near-duplicate."""
        sig = signature(text)
        return None if sig is None else self.add_signature(doc_id, sig)

    def add_signature(self, doc_id: str, sig: bytes) -> str | None:
        keys = buckets(sig, self.bands, self.rows, self.params)
        groups: set[str] = set()  # groups the document joins (one matching member is enough)
        singles: set[str] = set()  # ungrouped documents it matches
        for other, other_sig, group in self.store.candidates(keys, self.params):
            if other == doc_id or (group is not None and group in groups):
                continue
            if jaccard(sig, other_sig) >= self.threshold:
                (singles if group is None else groups).add(other if group is None else group)
        self.store.add_signature(doc_id, sig, keys, self.params)
        if not groups and not singles:
            return None
        # A group's id is its smallest member id, so the merged group's id is the smallest of these.
        ids = {doc_id} | singles
        group_id = min(ids | groups)
        self.store.regroup(group_id, groups, ids)
        return group_id
