"""Keeping stances up to date: each document is judged in a model call of its own, and only once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from claimgraph.claims.incremental import Delta
from claimgraph.claims.update import Judge, _full, update_stances
from claimgraph.model import (
    Claim,
    ClaimMember,
    Document,
    FactRef,
    HolderKind,
    Span,
    Stance,
    StanceLabel,
    Voice,
)
from claimgraph.settings import DEFAULT_SETTINGS


class CountingModel:
    """Agrees with everything; records each call's pairs."""

    def __init__(self, fake: type) -> None:
        self.inner = fake("agree")
        self.calls: list[int] = []

    def predict(self, pairs: list[tuple[str, str]], checks: object = None) -> list[object]:
        self.calls.append(len(pairs))
        return self.inner.predict(pairs)


def test_each_document_is_judged_alone(nlp_doc: Callable[..., Document], fake_stance_model: type) -> None:
    a, b = nlp_doc(), nlp_doc("11bb22cc33dd44ee")
    claim = Claim(id="claim:x", text="There was military coordination between the Pentagon and Iran")
    model = CountingModel(fake_stance_model)
    judge = Judge(None, {}, {a.id: a, b.id: b}, DEFAULT_SETTINGS, lambda: model)  # type: ignore[arg-type]
    stances = judge.judge(claim, [b.id, a.id, "not-english-or-unknown"])
    assert judge.pairs == 2 and len(model.calls) == 2  # one call per document, unknown ids skipped
    assert [s.doc_id for s in stances] == sorted([a.id, a.id, b.id, b.id])  # own voice + WSJ each
    assert {s.claim_id for s in stances} == {"claim:x"}


class RetrievalStore:
    """What `_full` reads and writes: no passage hits, the stances and judged documents stored."""

    def __init__(self, stances: list[Stance], judged: set[str]) -> None:
        self.stances, self.judged = stances, judged
        self.put: tuple[list[Stance], set[str]] | None = None

    def search_passages(self, query: str, limit: int) -> list[object]:
        return []

    def iter_stances(self, claim_id: str) -> list[Stance]:
        return list(self.stances)

    def claim_retrieval(self, claim_ids: list[str]) -> dict[str, tuple[str, int, int]]:
        return {}

    def passage_index_size(self) -> int:
        return 0

    def documents_by_id(self, doc_ids: list[str]) -> dict[str, Document]:
        return {}  # the new documents' passages: none here

    def document_passages(self, doc_ids: list[str]) -> dict[str, list[object]]:
        return {}

    def judged_documents(self, claim_ids: list[str]) -> dict[str, set[str]]:
        return {c: set(self.judged) for c in claim_ids}

    def put_claim_stances(
        self,
        claim_id: str,
        stances: list[Stance],
        judged: set[str],
        *_: object,
        keep: set[str] = frozenset(),
        **__: object,
    ) -> None:
        """The claim's stances afterwards: the stored ones of the `keep` documents, then `stances`."""
        self.put = ([s for s in self.stances if s.doc_id in keep] + list(stances), judged)


def test_an_untouched_claim_retrieved_again_keeps_its_judged_documents(
    nlp_doc: Callable[..., Document], fake_stance_model: type
) -> None:
    """At retrieval's caps an untouched claim is retrieved again in full; the claims step of an
    incremental run does not read it (it is not in `old_claims`), yet its documents judged before
    keep their stances: only the new document is judged (1,000 FNC-1 documents: a +10 run judged
    87,050 pairs instead of about 5,000 when they were all judged again)."""
    a, b = nlp_doc(), nlp_doc("11bb22cc33dd44ee")
    member = ClaimMember(FactRef("sentence", "s1", a.id), 1, Voice.OWN, Span(a.id, 0, 10), "X")
    claim = Claim(
        id="claim:x",
        text="There was military coordination between the Pentagon and Iran",
        members=(member, replace(member, fact=FactRef("sentence", "s2", b.id), span=Span(b.id, 0, 10))),
    )
    kept = Stance(claim.id, a.id, "Harbor Times", HolderKind.SOURCE, StanceLabel.AGREE, 0.9)
    store = RetrievalStore([kept], judged={a.id})
    model = CountingModel(fake_stance_model)
    judge = Judge(store, {}, {a.id: a, b.id: b}, DEFAULT_SETTINGS, lambda: model)  # type: ignore[arg-type]
    delta = Delta(rebuild=False, new_docs={b.id}, redo_docs={b.id})
    _full(claim, 0, delta, judge)
    assert judge.pairs == 1  # the new document only
    assert store.put is not None
    stances, judged = store.put
    assert judged == {a.id, b.id} and kept in stances
    assert {s.doc_id for s in stances} == {a.id, b.id}


def test_pairs_are_counted_by_why_the_claim_was_judged(
    nlp_doc: Callable[..., Document], fake_stance_model: type
) -> None:
    """`Delta.pairs_by` splits a run's pairs: a new claim, one whose text changed (all its
    documents judged again) and one that only gained members (its judged documents kept)."""
    a, b = nlp_doc(), nlp_doc("11bb22cc33dd44ee")
    member = ClaimMember(FactRef("sentence", "s1", a.id), 1, Voice.OWN, Span(a.id, 0, 10), "X")
    grown = (member, replace(member, fact=FactRef("sentence", "s2", b.id), span=Span(b.id, 0, 10)))
    text = "There was military coordination between the Pentagon and Iran"
    same = Claim(id="claim:same", text=text, members=grown)
    reworded = Claim(id="claim:reworded", text=text + " in Iraq", members=grown)
    new = Claim(id="claim:new", text=text, members=grown)
    old = {c.id: Claim(c.id, text, members=(member,)) for c in (same, reworded)}
    delta = Delta(rebuild=False, new_docs={b.id}, redo_docs={b.id}, touched={same.id, reworded.id, new.id})
    delta.old_claims = old
    delta.old_stances = {c: [] for c in old}
    delta.old_judged = {c: {a.id} for c in old}
    store = RetrievalStore([], judged={a.id})
    judge = Judge(store, {}, {a.id: a, b.id: b}, DEFAULT_SETTINGS, lambda: CountingModel(fake_stance_model))  # type: ignore[arg-type]
    update_stances([same, reworded, new], delta, judge)
    assert delta.pairs_by == {"members changed": 1, "text changed": 2, "new claim": 2}
    assert judge.pairs == 5 and delta.restanced == {same.id, reworded.id, new.id}
