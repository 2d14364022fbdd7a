"""Stances kept up to date: judge only the (claim, document) pairs a run changed.

A claim's stances are one judgement per document (`check.judge_documents` judges each document's
holders on their own), over the claim's members' documents and what retrieval finds. So:
- a *touched* claim (new, or its text or members changed) is retrieved again; each document
  judged before for the same text, whose statement members did not change, keeps its stances;
- an untouched claim gains the new documents retrieval would now return: an old claim is found
  from the new sentences through `claim_terms_fts` (the claim's query terms, tokenised as the
  passage index), and each candidate is checked against the new sentences only. At retrieval's
  caps (`max_passages`, `max_documents`) a new document may displace an old one, so such a claim
  is retrieved again in full;
- documents whose actors merge differently now are judged again for every claim judged on them.
Cost: the new documents' pairs, plus one index lookup per claim that shares a word with them,
plus a full retrieval of each such claim at the caps (at 1,000 FNC-1 documents, 682 claims for
+10 documents: most of the step's time; docs/benchmarks.md, "Where +10 pairs come from").
`Delta.pairs_by` counts the pairs judged by why their claim was judged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claimgraph.claims.assign import to_stance
from claimgraph.claims.check import judge_documents
from claimgraph.claims.features import content_terms, words
from claimgraph.claims.incremental import Delta, said_in
from claimgraph.claims.retrieval import candidate_documents, coverage, fts_query, query_terms
from claimgraph.model import Claim, Document, Stance, Statement
from claimgraph.settings import Settings
from claimgraph.store import Store
from claimgraph.store.corpus_state import PassageScratch

TERMS_PER_QUERY = 300  # words per reverse query on `claim_terms_fts`: short MATCH expressions


@dataclass(slots=True)
class Judge:
    """What judging needs: the store, statements per document, the model and settings."""

    store: Store
    statements: Mapping[str, Sequence[Statement]]
    documents: Mapping[str, Document]  # the documents the stance model may read (English), by id
    settings: Settings
    model: Callable[[], Any]  # the stance model, loaded on first use
    pairs: int = 0  # (claim, document) pairs judged

    def judge(self, claim: Claim, doc_ids: Sequence[str]) -> list[Stance]:
        """Stances of `claim` in these documents (document id order, holders in judging order).

        One `judge_documents` call per document, with its own holders only, so that a document's
        stances are the same in a rebuild and in a run that adds it later (the stance model itself
        reads one pair per call: claims/stance.py `BATCH_SIZE`)."""
        said = {m.fact.id for m in claim.members if m.fact.kind == "statement"}
        out: list[Stance] = []
        for doc_id in sorted(set(doc_ids) & self.documents.keys()):
            self.pairs += 1
            doc = self.documents[doc_id]
            records = judge_documents(claim.text, [doc], self.statements, self.settings, self.model(), said)
            out += [to_stance(claim.id, r) for r in records]
        return out


def update_stances(
    claims: Sequence[Claim], delta: Delta, judge: Judge, *, tick: Callable[[int, int], None] | None = None
) -> int:
    """Rewrite the stances the run changed (all of them on a rebuild); return claims rewritten.
    `tick(claims done, claims to do)` after each claim; an incremental run's total grows once,
    when the untouched claims the new documents reach are known (after the touched ones)."""
    store, settings = judge.store, judge.settings
    full = [c for c in claims if delta.rebuild or c.id in delta.touched]
    by_id = {c.id: c for c in claims}
    if tick is not None:
        tick(0, len(full))
    for k, claim in enumerate(full, 1):
        counted(delta, judge, _why(claim, delta), _full, claim, delta, judge)
        if tick is not None:
            tick(k, len(full))
    if delta.rebuild:
        delta.restanced = {c.id for c in full}
        return len(full)
    done = {c.id for c in full}
    redo = sorted(delta.redo_docs - delta.new_docs)
    again = {c for c in store.claims_judged_on(redo) if c in by_id} if redo else set()
    found = _new_candidates(store, [c for c in claims if c.id not in done], delta.new_docs, settings)
    states = store.claim_retrieval(sorted((again | found.keys()) - done))
    stance = settings.stance
    total = len(done | again | found.keys())
    for claim_id in sorted((again | found.keys()) - done):
        claim = by_id[claim_id]
        state = states.get(claim_id)
        hits, docs = found.get(claim_id, (0, set()))
        if (
            state is None
            or state[0] != claim.text
            or state[1] >= stance.max_passages
            or state[1] + hits > stance.max_passages
            or state[2] + len(docs) > stance.max_documents
        ):
            # at the caps (or no state): retrieve the claim again
            counted(delta, judge, "untouched, at the caps", _full, claim, delta, judge)
        else:
            why = "untouched, new or redone documents"
            counted(delta, judge, why, _extend, claim, state, hits, docs, delta, judge)
        done.add(claim_id)
        if tick is not None:
            tick(len(done), total)
    delta.restanced = done
    return len(done)


def _why(claim: Claim, delta: Delta) -> str:
    """Why a touched claim is judged (the key of `Delta.pairs_by`)."""
    if delta.rebuild:
        return "rebuild"
    old = delta.old_claims.get(claim.id)
    if old is None:
        return "new claim"
    return "text changed" if old.text != claim.text else "members changed"


def counted(delta: Delta, judge: Judge, why: str, step: Callable[..., None], *args: Any) -> None:
    """Run `step(*args)`, adding the pairs it judged to `delta.pairs_by[why]`."""
    before = judge.pairs
    step(*args)
    delta.pairs_by[why] = delta.pairs_by.get(why, 0) + judge.pairs - before


def _full(claim: Claim, delta: Delta, judge: Judge) -> None:
    """Retrieve the claim again; judge the documents whose stances cannot be kept."""
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
    store.put_claim_stances(claim.id, carried + fresh, judged, state, " ".join(terms), keep=stay)


def _extend(
    claim: Claim, state: tuple[str, int, int], hits: int, docs: set[str], delta: Delta, judge: Judge
) -> None:
    """An untouched claim below retrieval's caps: add the new candidate documents, re-judge redone ones."""
    store = judge.store
    judged = store.judged_documents([claim.id])[claim.id]
    redo = (judged & delta.redo_docs) | docs
    fresh = judge.judge(claim, sorted(redo))
    text, passages, documents = state
    new_state = (text, passages + hits, documents + len(docs - judged))
    terms = " ".join(query_terms(claim.text))
    store.put_claim_stances(claim.id, fresh, judged | docs, new_state, terms, keep=judged - redo)


def _new_candidates(
    store: Store, claims: Sequence[Claim], new_docs: set[str], settings: Settings
) -> dict[str, tuple[int, set[str]]]:
    """Old claim id -> (new passages its query finds, new documents that become candidates)."""
    if not new_docs or not claims:
        return {}
    docs = store.documents_by_id(sorted(new_docs))
    passages = store.document_passages(sorted(docs))
    texts = {p.id: (p.doc_id, docs[p.doc_id].text[p.start : p.end]) for ps in passages.values() for p in ps}
    # every word, stopwords too: a claim term may stem like a stopword of the sentence
    terms = sorted({w for _, t in texts.values() for w in words(t) if len(w) > 1})  # as query_terms
    live = {c.id: c for c in claims}
    matched: set[str] = set()
    for start in range(0, len(terms), TERMS_PER_QUERY):
        matched |= set(store.claims_matching_terms(fts_query(terms[start : start + TERMS_PER_QUERY])))
    scratch = PassageScratch((k, t) for k, (_, t) in texts.items())
    out: dict[str, tuple[int, set[str]]] = {}
    try:
        for claim_id in sorted(matched & live.keys()):
            claim = live[claim_id]
            found = scratch.match(fts_query(query_terms(claim.text)))
            wanted = set(content_terms(claim.text))
            need = settings.stance.min_passage_coverage if len(wanted) > 2 else 1.0
            keep = {
                texts[k][0] for k in found if (share := coverage(wanted, texts[k][1])) > 0 and share >= need
            }
            out[claim_id] = (len(found), keep)
    finally:
        scratch.close()
    return out
