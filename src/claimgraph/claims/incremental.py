"""What a corpus-stage run must redo: the documents it has not taken in, and the claims they touch.

`analyze` keeps the corpus stage's state in the store (`store.corpus_state`). A run then:
1. finds the new documents (stored, not yet taken in); none and no `--rebuild`: the stage is skipped;
2. rebuilds the actor merges (one pass over the distinct actors) and notes the documents whose
   actors now merge differently: their stances are judged again;
3. rebuilds only the claims the new facts join, found through the persistent claim index
   (`claims.incremental_claims`; sentence vectors read from the store's cache, so only new
   sentences reach the embedder), and compares them with their stored versions: a claim is
   *touched* when it is new or its text or members changed;
4. judges stances for touched claims, and for untouched claims only the new documents that
   retrieval would now give them (`claims.update`); contradictions for touched claims;
5. redoes the verdicts of the claims whose stances changed, truth discovery run locally from the
   stored estimate (`verdicts.incremental`).

Claim ids stay content hashes of the claim's key, so batches and a rebuild give the same ids. A
triple claim's key (subject, relation, object, place) never changes as members join; a free-text
claim's key is its text's content words, which can change when a new member becomes the most
central sentence: the old id is then recorded in `claim_renames`, pointing at the claim that took
most of its members, and `Store.get_claim` follows it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from claimgraph.claims.embed import Embedder
from claimgraph.model import Claim, Stance
from claimgraph.store import Store


@dataclass(slots=True)
class Delta:
    """What this run of the corpus stage has to redo; `rebuild` means everything."""

    rebuild: bool
    new_docs: set[str] = field(default_factory=set)
    redo_docs: set[str] = field(default_factory=set)  # new, or their actors now merge differently
    touched: set[str] = field(default_factory=set)  # claims new or changed by this run
    old_claims: dict[str, Claim] = field(default_factory=dict)
    old_stances: dict[str, list[Stance]] = field(default_factory=dict)  # of touched claims, before
    old_judged: dict[str, set[str]] = field(default_factory=dict)
    restanced: set[str] = field(default_factory=set)  # claims whose stances this run rewrote
    pairs_judged: int = 0  # (claim, document) pairs the stance model judged
    pairs_by: dict[str, int] = field(default_factory=dict)  # those pairs by why the claim was judged
    index_reads: dict[str, int] = field(default_factory=dict)  # the claims step's lookups


def plan(store: Store, rebuild: bool) -> Delta:
    """The documents this run takes in; a store the stage never ran on with state is rebuilt."""
    taken = store.corpus_document_ids()
    rebuild = rebuild or not taken
    return Delta(rebuild, store.document_ids() - (set() if rebuild else taken))


def changed_actor_docs(store: Store, before: Mapping[str, str], after: Mapping[str, str]) -> set[str]:
    """Documents with an actor whose canonical id differs between two merge mappings."""
    moved = {a for a in before.keys() | after.keys() if before.get(a, a) != after.get(a, a)}
    return store.documents_with_actors(sorted(moved)) if moved else set()


def _signature(claim: Claim) -> tuple:
    return (claim.text, claim.subject, claim.relation, claim.object, claim.place, claim.members)


def diff_claims(old: Sequence[Claim], new: Sequence[Claim]) -> tuple[set[str], set[str], dict[str, str]]:
    """(touched: new or changed ids, gone: old ids no longer built, renames: gone id -> the new
    claim holding most of its members)."""
    before = {c.id: c for c in old}
    touched = {c.id for c in new if c.id not in before or _signature(before[c.id]) != _signature(c)}
    live = {c.id for c in new}
    gone = set(before) - live
    holder: dict[tuple[str, str], str] = {}
    for claim in new:
        for m in claim.members:
            holder.setdefault((m.fact.kind, m.fact.id), claim.id)
    renames: dict[str, str] = {}
    for claim_id in sorted(gone):
        votes = Counter(
            holder[k] for m in before[claim_id].members if (k := (m.fact.kind, m.fact.id)) in holder
        )
        if votes:
            renames[claim_id] = min(votes, key=lambda c: (-votes[c], c))
    return touched, gone, renames


def said_in(claim: Claim, doc_id: str) -> frozenset[str]:
    """The claim's statement members in one document (judged whatever their wording)."""
    return frozenset(
        m.fact.id for m in claim.members if m.fact.kind == "statement" and m.fact.doc_id == doc_id
    )


class CachedEmbedder:
    """An embedder whose vectors are kept in the store by text: a sentence is embedded once."""

    def __init__(self, store: Store, inner: Embedder) -> None:
        self.store = store
        self.inner = inner
        self.kind = inner.kind
        self.encoded = 0  # sentences that reached the model in this run

    def _key(self, sentence: str) -> str:
        return hashlib.sha256(f"{self.kind}\0{sentence}".encode()).hexdigest()

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        keys = [self._key(s) for s in sentences]
        found = self.store.sentence_vectors(keys)
        missing = list(dict.fromkeys(s for s, k in zip(sentences, keys, strict=True) if k not in found))
        if missing:
            vectors = self.inner.encode(missing)
            fresh = {self._key(s): v.astype(np.float32) for s, v in zip(missing, vectors, strict=True)}
            self.store.put_sentence_vectors(fresh)
            found.update(fresh)
            self.encoded += len(missing)
        if not sentences:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([found[k] for k in keys], dtype=np.float32)  # one matrix, not a copy


def stances_by_claim(store: Store, claim_ids: Iterable[str]) -> dict[str, list[Stance]]:
    return {c: list(store.iter_stances(c)) for c in claim_ids}
