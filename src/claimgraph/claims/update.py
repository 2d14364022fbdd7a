"""Stances kept up to date: judge only the (claim, document) pairs a run changed.

A claim's stances are one judgement per document (`check.judge_documents` judges each document's
holders on their own), over the claim's members' documents and what retrieval finds. So:
- a *touched* claim (new, or its text or members changed) is retrieved again; each document
  judged before for the same text, whose statement members did not change, keeps its stances;
- an untouched claim gains the new documents retrieval would now return: an old claim is found
  from the new sentences through `claim_terms_fts` (the claim's query terms, tokenised as the
  passage index), and only the new passages its query matches are scored, with the whole
  index's BM25 (`Store.score_passages`). Below retrieval's caps every new candidate joins. At the
  caps (`max_passages`, `max_documents`) a new passage counts only above the claim's stored
  passage floor, and a new document is admitted only when its score beats the weakest stored
  candidate's, which it displaces (its stances deleted) — `_admit`;
- documents whose actors merge differently now are judged again for every claim judged on them.
Cost: the new documents' pairs, plus per claim that shares a word with them one index lookup
and one scoring of its new matching passages: O(new passages) read, scored and ranked per reached
claim, not a search of the index (bm25()'s document frequencies are still counted over the
index, in the database engine: 0.25 ms per claim at 1,000 FNC-1 documents, against 2-3 ms for
the top-3,000 query alone).
Tolerance (docs/architecture.md): stored candidates keep the scores of their last retrieval
while BM25's statistics move, so at the caps an old document whose rank drifts waits for the
claim's next full retrieval: `analyze --rebuild`, or the first run after the passage index has
grown by `StanceSettings.refresh_growth` since the claim's last one (`REFRESHED`).
`StanceSettings.exact_caps` retrieves each reached claim at the caps again in full instead
(exact, one search of up to 3,000 passages per claim), as does a claim without stored scores
(a store from before migration 0010, or a claim first crossing the passage cap: no floor yet);
that full retrieval stores the scores.
`Delta.pairs_by` counts the pairs judged by why their claim was judged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from typing import Any

from claimgraph.claims.assign import to_stance
from claimgraph.claims.check import judge_documents
from claimgraph.claims.features import content_terms, words
from claimgraph.claims.incremental import Delta, said_in
from claimgraph.claims.retrieval import (
    candidate_documents,
    coverage,
    fts_query,
    query_terms,
    ranked_documents,
)
from claimgraph.model import Claim, Document, Stance, Statement
from claimgraph.settings import Settings
from claimgraph.store import Store
from claimgraph.store.corpus_state import PassageScratch, RetrievalScores
from claimgraph.store.retrieval import Passage, PassageHit
from claimgraph.store.sql import chunks

TERMS_PER_QUERY = 300  # words per reverse query on `claim_terms_fts`: short MATCH expressions
CLAIMS_PER_READ = 64  # untouched claims a run reaches, read with members and candidate scores at once


@dataclass(slots=True)
class Judge:
    """What judging needs: the store, statements per document, the model and settings; `pool`:
    threads that judge a claim's documents at once (None: one after another)."""

    store: Store
    statements: Mapping[str, Sequence[Statement]]
    documents: Mapping[str, Document]  # the documents the stance model may read (English), by id
    settings: Settings
    model: Callable[[], Any]  # the stance model, loaded on first use
    pairs: int = 0  # (claim, document) pairs judged
    pool: Executor | None = None
    # reads a claim's documents and statements ahead in one query (`corpus_inputs.StoredInputs`)
    read: Callable[[Sequence[str]], None] | None = None

    def judge(self, claim: Claim, doc_ids: Sequence[str]) -> list[Stance]:
        """Stances of `claim` in these documents (document id order, holders in judging order).

        One `judge_documents` call per document, with its own holders only, so that a document's
        stances are the same in a rebuild and in a run that adds it later (the stance model itself
        reads one pair per call: claims/stance.py `BATCH_SIZE`). On a pool, documents are judged
        at once (onnxruntime lets go of the GIL) and their stances kept in document order: the
        same stances as one after another."""
        said = {m.fact.id for m in claim.members if m.fact.kind == "statement"}
        ids = sorted(set(doc_ids) & self.documents.keys())
        if self.read is not None:
            self.read(ids)
        docs = [self.documents[d] for d in ids]
        statements = {d: self.statements.get(d, ()) for d in ids}  # read here, not on the pool
        self.pairs += len(docs)
        model = self.model()

        def one(doc: Document) -> list[dict[str, Any]]:
            return judge_documents(claim.text, [doc], statements, self.settings, model, said)

        found = self.pool.map(one, docs) if self.pool is not None and len(docs) > 1 else map(one, docs)
        return [to_stance(claim.id, r) for records in found for r in records]


def update_stances(
    claims: Iterable[Claim],
    delta: Delta,
    judge: Judge,
    *,
    total: int | None = None,
    tick: Callable[[int, int], None] | None = None,
) -> int:
    """Rewrite the stances the run changed (all of them on a rebuild); return claims rewritten.

    `claims`: every claim on a rebuild, the touched ones otherwise (others given are left to the
    store), in the order they are judged; `total`: how many, when `claims` is an iterator. The
    untouched claims the new documents reach are read from the store `CLAIMS_PER_READ` at a time,
    with their retrieval state and candidate scores (their texts first, to match them against the
    new passages): an incremental run holds the claims it judges, not every claim with its
    members, nor every reached claim's 200 scored candidates (issue 11, memory).
    `tick(claims done, claims to do)` after each claim; an incremental run's total grows once,
    when the untouched claims the new documents reach are known (after the touched ones)."""
    store, settings = judge.store, judge.settings
    full: Iterable[Claim] = claims if delta.rebuild else [c for c in claims if c.id in delta.touched]
    if total is None:
        full = list(full)
        total = len(full)
    count = total
    size = store.passage_index_size()  # the stances step indexes no passage: one read a run
    if tick is not None:
        tick(0, count)
    done: set[str] = set()  # claims this run has seen
    rewritten: set[str] = set()  # and those whose stances it wrote
    for claim in full:
        counted(delta, judge, _why(claim, delta), _full, claim, size, delta, judge)
        done.add(claim.id)
        rewritten.add(claim.id)
        if tick is not None:
            tick(len(done), count)
    if delta.rebuild:
        delta.restanced = rewritten
        return len(rewritten)
    redo = sorted(delta.redo_docs - delta.new_docs)
    again = store.existing_claims(store.claims_judged_on(redo)) if redo else set()
    new = _new_passages(store, delta.new_docs)
    found = _new_candidates(store, done, new, settings)
    reached = sorted((again | found.keys()) - done)
    count = len(done | again | found.keys())
    for part in chunks(reached, CLAIMS_PER_READ):  # each claim's rows are written by its own turn
        by_id = store.claims_by_id(part)
        states = store.claim_retrieval(part)
        scores = store.retrieval_scores(part) if not settings.stance.exact_caps else {}
        for claim_id in part:
            claim = by_id[claim_id]
            hits, docs = found.get(claim_id, (0, set()))
            reach = _Reach(hits, docs, new, size)
            why, step, args = _route(claim, states.get(claim_id), scores.get(claim_id), reach, settings)
            if counted(delta, judge, why, step, claim, *args, delta, judge):
                rewritten.add(claim_id)
            done.add(claim_id)
            if tick is not None:
                tick(len(done), count)
    delta.restanced = rewritten
    return len(rewritten)


AT_CAPS = "untouched, at the caps"
ADMITTED = "untouched, at the caps: new documents admitted by score"
REFRESHED = "untouched, at the caps: index grown since the last full retrieval"
BELOW_CAPS = "untouched, new or redone documents"


@dataclass(frozen=True, slots=True)
class _Reach:
    """How this run's new documents reach an untouched claim."""

    hits: int  # new passages its query finds
    docs: set[str]  # new documents that become candidates
    new: dict[int, Passage]  # the run's new passages by id
    index_size: int  # the passage index's size now


def _route(
    claim: Claim,
    state: tuple[str, int, int] | None,
    scores: RetrievalScores | None,
    reach: _Reach,
    settings: Settings,
) -> tuple[str, Callable[..., bool], tuple[Any, ...]]:
    """How an untouched claim the run reaches is updated: (why, step, the step's own arguments).

    With its retrieval scores stored (and, past the passage cap, its passage floor) it admits the
    new documents by score (`_admit`; exact below the caps), until the index has grown by
    `refresh_growth` since its last full retrieval; then, and without scores (`exact_caps`, a
    store from before migration 0010, a claim first crossing the passage cap), the exact steps:
    the new candidates below the caps (`_extend`), a full retrieval at them (`_full`, which
    stores the scores and the index's size)."""
    stance = settings.stance
    if state is None or state[0] != claim.text:
        return AT_CAPS, _full, (reach.index_size,)
    _, passages, documents = state
    passage_cap = passages >= stance.max_passages or passages + reach.hits > stance.max_passages
    at_caps = passage_cap or documents + len(reach.docs) > stance.max_documents
    if (
        scores is not None
        and len(scores.scores) == documents
        and (scores.passage_floor is not None or not passage_cap)
    ):
        if at_caps and _grown(scores.index_size, reach.index_size, stance.refresh_growth):
            return REFRESHED, _full, (reach.index_size,)
        return (ADMITTED if at_caps else BELOW_CAPS), _admit, (state, scores, reach.hits, reach.new)
    if at_caps:
        return AT_CAPS, _full, (reach.index_size,)
    return BELOW_CAPS, _extend, (state, reach.hits, reach.docs)


def _grown(then: int | None, size: int, growth: float) -> bool:
    """Has the index grown past `growth` since the claim's last full retrieval (its size `then`),
    or is that unknown?"""
    return then is None or size > then * (1 + growth)


def _why(claim: Claim, delta: Delta) -> str:
    """Why a touched claim is judged (the key of `Delta.pairs_by`)."""
    if delta.rebuild:
        return "rebuild"
    old = delta.old_claims.get(claim.id)
    if old is None:
        return "new claim"
    return "text changed" if old.text != claim.text else "members changed"


def counted(delta: Delta, judge: Judge, why: str, step: Callable[..., bool], *args: Any) -> bool:
    """Run `step(*args)`, adding the pairs it judged to `delta.pairs_by[why]`; whether it rewrote
    the claim's stances."""
    before = judge.pairs
    rewrote = step(*args)
    delta.pairs_by[why] = delta.pairs_by.get(why, 0) + judge.pairs - before
    return rewrote


def _full(claim: Claim, index_size: int, delta: Delta, judge: Judge) -> bool:
    """Retrieve the claim again; judge the documents whose stances cannot be kept. `index_size`:
    the passage index's size now, stored as the claim's last full retrieval's. Always rewrites."""
    store, settings = judge.store, judge.settings
    terms = query_terms(claim.text)
    hits = store.search_passages(fts_query(terms), settings.stance.max_passages) if terms else []
    found = candidate_documents(claim.text, hits, settings.stance)
    judged = {m.fact.doc_id for m in claim.members} | {c.doc_id for c in found}
    carried: list[Stance] = []  # kept stances the claims step deleted from the store (changed claims)
    stay: set[str] = set()  # documents whose stored stances stay where they are
    old = delta.old_claims.get(claim.id)
    if old is None and claim.id not in delta.touched:
        old = claim  # untouched (the claims step read only the touched ones): stored as it is
    keep: set[str] = set()
    if not delta.rebuild and old is not None and old.text == claim.text:
        judged_before = delta.old_judged.get(claim.id)
        if judged_before is None:
            judged_before = store.judged_documents([claim.id])[claim.id]
        keep = {
            d
            for d in judged & judged_before
            if d not in delta.redo_docs and said_in(old, d) == said_in(claim, d)
        }
        before = delta.old_stances.get(claim.id)
        if before is None:
            stay = keep
        else:
            carried = [s for s in before if s.doc_id in keep]
    fresh = judge.judge(claim, sorted(judged - keep))
    state = (claim.text, len(hits), len(found))
    scores = {c.doc_id: c.score for c in found}
    floor = min(h.score for h in hits) if len(hits) >= settings.stance.max_passages else None
    store.put_claim_stances(
        claim.id,
        carried + fresh,
        judged,
        state,
        " ".join(terms),
        keep=stay,
        scores=scores,
        passage_floor=floor,
        index_size=index_size,
    )
    return True


def _extend(
    claim: Claim, state: tuple[str, int, int], hits: int, docs: set[str], delta: Delta, judge: Judge
) -> bool:
    """An untouched claim below retrieval's caps: add the new candidate documents, re-judge redone
    ones; whether its stances were rewritten (not when no document joins or is redone)."""
    store = judge.store
    judged = store.judged_documents([claim.id])[claim.id]
    redo = (judged & delta.redo_docs) | docs
    text, passages, documents = state
    if not redo:
        _unchanged(store, claim.id, passages, passages + hits)
        return False
    fresh = judge.judge(claim, sorted(redo))
    new_state = (text, passages + hits, documents + len(docs - judged))
    terms = " ".join(query_terms(claim.text))
    store.put_claim_stances(claim.id, fresh, judged | docs, new_state, terms, keep=judged - redo)
    return True


def _admit(
    claim: Claim,
    state: tuple[str, int, int],
    scores: RetrievalScores,
    hits: int,
    new: dict[int, Passage],
    delta: Delta,
    judge: Judge,
) -> bool:
    """An untouched claim with stored retrieval scores: score the new passages its query matches
    with the index's BM25 (`Store.score_passages`, no search of the index), drop those under its
    passage floor, rank their documents as retrieval does, and keep the best `max_documents` of the
    stored and the new documents by score. Displaced documents' stances go; only admitted and
    redone documents are judged. Stored scores are not recomputed (docs/architecture.md)."""
    store, stance = judge.store, judge.settings.stance
    text, passages, _ = state
    passage_floor, stored = scores.passage_floor, scores.scores
    terms = query_terms(claim.text)
    scored: dict[int, float] = {}
    if hits and new and terms:
        scored = store.score_passages(fts_query(terms), min(new), max(new))
    found = [
        PassageHit(new[k], s)
        for k, s in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
        if k in new and (passage_floor is None or s > passage_floor)
    ]
    pool = dict(stored)
    pool.update((c.doc_id, c.score) for c in ranked_documents(claim.text, found, stance))
    kept = sorted(pool, key=lambda d: (-pool[d], d))[: stance.max_documents]
    judged_before = store.judged_documents([claim.id])[claim.id]
    judged = {m.fact.doc_id for m in claim.members} | set(kept)
    redo = (judged & delta.redo_docs) | (judged - judged_before)
    new_passages = min(stance.max_passages, passages + len(found))
    if not redo and judged == judged_before and set(kept) == set(stored):
        _unchanged(store, claim.id, passages, new_passages)
        return False
    fresh = judge.judge(claim, sorted(redo))
    new_state = (text, new_passages, len(kept))
    store.put_claim_stances(
        claim.id,
        fresh,
        judged,
        new_state,
        " ".join(terms),
        keep=judged - redo,
        scores={d: pool[d] for d in kept},
        passage_floor=passage_floor,
        index_size=scores.index_size,
    )
    return True


def _unchanged(store: Store, claim_id: str, passages: int, now: int) -> None:
    """A reached claim no new document joins and none is redone: its stances, candidates and
    scores stay as stored, rows untouched (writing them again cost every reached claim up to 200
    candidate rows a run: nearly every claim of a store where stories recur); only the count of
    passages its retrieval found moves, when new ones matched."""
    if now != passages:
        store.put_retrieved_passages(claim_id, now)


def _new_passages(store: Store, new_docs: set[str]) -> dict[int, Passage]:
    """The new documents' indexed passages by id, with their text."""
    if not new_docs:
        return {}
    docs = store.documents_by_id(sorted(new_docs))
    passages = store.document_passages(sorted(docs))
    return {p.id: replace(p, text=docs[p.doc_id].text[p.start : p.end]) for d in docs for p in passages[d]}


def _new_candidates(
    store: Store, done: set[str], new: Mapping[int, Passage], settings: Settings
) -> dict[str, tuple[int, set[str]]]:
    """Stored claim id (not in `done`) -> (new passages its query finds, new documents that become
    candidates), for the claims whose query finds a new passage (on PostgreSQL
    `claims_matching_terms` returns every claim: the scratch index is what keeps the others out of
    the run). Only the matched claims' texts are read."""
    if not new:
        return {}
    # every word, stopwords too: a claim term may stem like a stopword of the sentence
    terms = sorted({w for p in new.values() for w in words(p.text) if len(w) > 1})  # as query_terms
    matched: set[str] = set()
    for start in range(0, len(terms), TERMS_PER_QUERY):
        matched |= set(store.claims_matching_terms(fts_query(terms[start : start + TERMS_PER_QUERY])))
    texts = store.claim_texts(sorted(matched - done))
    scratch = PassageScratch((k, p.text) for k, p in new.items())
    out: dict[str, tuple[int, set[str]]] = {}
    try:
        for claim_id in sorted(texts):
            text = texts[claim_id]
            found = scratch.match(fts_query(query_terms(text)))
            if not found:
                continue
            wanted = set(content_terms(text))
            need = settings.stance.min_passage_coverage if len(wanted) > 2 else 1.0
            keep = {
                new[k].doc_id for k in found if (share := coverage(wanted, new[k].text)) > 0 and share >= need
            }
            out[claim_id] = (len(found), keep)
    finally:
        scratch.close()
    return out
