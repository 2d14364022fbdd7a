"""Near-identical copies cost linear work (issue 12, item 6): 1,000 copies took 13 s, 2,000 46 s.

Every copy of a wire story lands in the same LSH buckets, so without a cap each copy was compared
with every earlier one. Work is counted as candidates fetched (not seconds: the test machine is
shared), in memory and in the store; benchmarks/near_duplicates.py gives the seconds.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from sqlalchemy import func, select

from claimgraph.clean.dedupe import BUCKET_CAP, NearDuplicateIndex, band_layout, signature
from claimgraph.model import Document
from claimgraph.store import Store, schema

WORDS = "envoy talks border troops ministry said denied convoy statement region aid council".split()


def copies(count: int, seed: int = 7) -> list[tuple[str, bytes]]:
    """(id, signature) of `count` copies of one 300-word article, one word changed in each."""
    rng = random.Random(seed)
    base = [rng.choice(WORDS) for _ in range(300)]
    out = []
    for i in range(count):
        words = list(base)
        words[rng.randrange(len(words))] = f"edit{i}"
        sig = signature(" ".join(words))
        assert sig is not None
        out.append((f"{i:016x}", sig))
    return out


def candidates_seen(docs: list[tuple[str, bytes]]) -> int:
    """Candidates the index fetched (and could compare) while adding `docs`, in all."""
    index = NearDuplicateIndex()
    fetch = index.store.candidates
    seen = 0

    def counting(keys: Sequence[int], params: str) -> Iterable[tuple[str, bytes, str | None]]:
        nonlocal seen
        found = list(fetch(keys, params))
        seen += len(found)
        return found

    index.store.candidates = counting  # type: ignore[method-assign]
    for doc_id, sig in docs:
        index.add_signature(doc_id, sig)
    return seen


def test_dedupe_copies_need_bounded_work_per_document() -> None:
    bands, _ = band_layout()
    small, large = copies(300), copies(1200)
    few, many = candidates_seen(small), candidates_seen(large)
    assert many <= len(large) * bands * BUCKET_CAP  # a bound per document, not per earlier copy
    # Per copy, the work levels off (buckets fill up to the cap); uncapped it grows with N (4x here).
    assert (many / len(large)) / (few / len(small)) <= 1.6


def test_dedupe_all_copies_still_form_one_group() -> None:
    index = NearDuplicateIndex()
    docs = copies(500)
    for doc_id, sig in docs:
        index.add_signature(doc_id, sig)
    groups = index.store.groups  # type: ignore[attr-defined]
    assert len(groups) == len(docs) and set(groups.values()) == {docs[0][0]}


def test_dedupe_store_buckets_stay_capped(store: Store) -> None:
    docs = copies(200)
    store.add_documents(Document(id=d, uri=f"{d}.txt", format="text", text=d, segments=()) for d, _ in docs)
    index = NearDuplicateIndex(store.bucket_store())
    with store.transaction():
        for doc_id, sig in docs:
            index.add_signature(doc_id, sig)
    b = schema.minhash_buckets
    with store._read() as conn:
        per_bucket = conn.execute(select(b.c.bucket, func.count()).group_by(b.c.bucket)).all()
    assert max(n for _, n in per_bucket) == BUCKET_CAP
    groups = store.near_dup_groups()
    assert len(groups) == 1 and len(groups[0].doc_ids) == len(docs)
