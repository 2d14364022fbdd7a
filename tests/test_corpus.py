"""The corpus stage: each step alone on hand-built rows (fake stance model, lexical embedder), the
step order check, determinism, and priors kept in the store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import pytest

from claimgraph.claims.build import build_claims
from claimgraph.claims.check import index_missing
from claimgraph.claims.contradictions import find_contradictions
from claimgraph.claims.embed import LexicalEmbedder
from claimgraph.corpus import (
    CORPUS_STEPS,
    CorpusContext,
    CorpusStep,
    check_order,
    claims_step,
    contradictions_step,
    run_corpus_stage,
    stances_step,
    verdicts_step,
)
from claimgraph.model import (
    Claim,
    ClaimMember,
    Document,
    DocumentAnalysis,
    FactRef,
    HolderKind,
    Segment,
    Span,
    Stance,
    StanceLabel,
    Voice,
)
from claimgraph.store import Store
from tests.corpus_rows import A_ID, B_ID, oslo_document, two_outlets


@pytest.fixture
def corpus_store(
    store: Store, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> Store:
    return two_outlets(store, nlp_doc, nlp_result)


@pytest.fixture
def context(fake_stance_model: type) -> Callable[..., CorpusContext]:
    """`context(label, priors)`: a corpus context with the fake stance model and the lexical embedder."""

    def make(label: str = "agree", priors: dict[str, float] | None = None) -> CorpusContext:
        return CorpusContext(stance_model=fake_stance_model(label), embedder=LexicalEmbedder(), priors=priors)

    return make


def strike_claim(store: Store) -> Claim:
    """'Iran attacks Islamic State in Diyala': asserted by A's commenter, denied in B's own voice."""
    docs = {d.id: d for d in store.iter_documents()}
    start = docs[A_ID].text.index("Iran struck")
    span = Span(A_ID, start, start + len("Iran struck Islamic State positions in Diyala on Monday"))
    deny = Span(B_ID, 0, len("Kerry open to Iran"))
    return Claim(
        id="claim:0123456789abcdef",
        text="Iran attacks Islamic State in Diyala",
        relation="attack",
        members=(
            ClaimMember(FactRef("event", A_ID[:8] + "e1" * 4, A_ID), 1, Voice.COMMENT, span, "liz"),
            ClaimMember(FactRef("sentence", f"{B_ID}:0-18", B_ID), -1, Voice.OWN, deny, "Gulf Ledger"),
        ),
    )


def test_corpus_actors_step_merges_people(corpus_store: Store) -> None:
    assert corpus_store.actor_merges() == {"person:speaks": "person:bill-speaks"}
    analyses = corpus_store.document_analyses()
    assert [a.doc_id for a in analyses] == [A_ID, B_ID]
    assert analyses[1].statements[1].speaker.actor_id == "person:bill-speaks"


def test_corpus_claims_step_stores_what_build_claims_returns(
    corpus_store: Store, context: Callable[..., CorpusContext]
) -> None:
    ctx = context()
    expected = build_claims(
        list(corpus_store.iter_documents()), corpus_store.document_analyses(), embedder=ctx.embedder
    )
    assert expected, "the hand-built documents share an event: there is a claim to build"
    assert claims_step(corpus_store, ctx) == len(expected)
    assert corpus_store.list_claims() == expected


def test_corpus_stances_step_one_source_stance_per_claim_and_document(
    corpus_store: Store, context: Callable[..., CorpusContext]
) -> None:
    corpus_store.replace_claims([strike_claim(corpus_store)])
    ctx = context("agree")
    written = stances_step(corpus_store, ctx)
    stances = list(corpus_store.iter_stances())
    assert written == len(stances) > 0 and ctx.stance_model.pairs
    sources = [(s.claim_id, s.doc_id) for s in stances if s.holder_kind == HolderKind.SOURCE]
    assert sorted(sources) == [("claim:0123456789abcdef", A_ID), ("claim:0123456789abcdef", B_ID)]
    by_doc = {s.doc_id: s for s in stances if s.holder_kind == HolderKind.SOURCE}
    assert "Kerry open to Iran" in [e.text for e in by_doc[B_ID].evidence]  # its own member sentence
    for s in stances:
        doc = corpus_store.get_document(s.doc_id)
        assert all(doc.text[e.span.start : e.span.end] == e.text for e in s.evidence)


def test_corpus_stances_step_without_claims_needs_no_model(corpus_store: Store) -> None:
    ctx = CorpusContext(stance_model=None, embedder=LexicalEmbedder())
    corpus_store.replace_claims([])
    assert stances_step(corpus_store, ctx) == 0 and ctx.stance_model is None


def test_corpus_contradictions_step_links_assertion_and_denial(
    corpus_store: Store, context: Callable[..., CorpusContext]
) -> None:
    claim = strike_claim(corpus_store)
    corpus_store.replace_claims([claim])
    assert contradictions_step(corpus_store, context()) == 1
    (found,) = corpus_store.list_contradictions(claim.id)
    assert (found.a.doc_id, found.b.doc_id) == (A_ID, B_ID)
    assert "liz" in found.reason and "Gulf Ledger" in found.reason


def test_corpus_verdicts_step_judges_every_claim_and_rates_sources(
    corpus_store: Store, context: Callable[..., CorpusContext]
) -> None:
    claim = strike_claim(corpus_store)
    corpus_store.replace_claims([claim])
    corpus_store.replace_stances(
        [
            Stance(claim.id, A_ID, "Harbor Times", HolderKind.SOURCE, StanceLabel.AGREE, 0.9),
            Stance(claim.id, B_ID, "Gulf Ledger", HolderKind.SOURCE, StanceLabel.DISAGREE, 0.9, ()),
            Stance(claim.id, A_ID, "liz", HolderKind.SPEAKER, StanceLabel.AGREE, 0.9, ()),
        ]
    )
    assert verdicts_step(corpus_store, context()) == 1
    verdict = corpus_store.list_verdicts()[claim.id]
    assert verdict.label.value in {"disputed", "corroborated", "denied", "single-source", "unverified"}
    assert verdict.explanation and 0.0 <= verdict.confidence <= 1.0
    assert {s.name for s in corpus_store.list_sources()} == {"Harbor Times", "Gulf Ledger"}


def test_corpus_stage_is_deterministic(corpus_store: Store, context: Callable[..., CorpusContext]) -> None:
    first = run_corpus_stage(corpus_store, context())
    checksum = corpus_store.content_checksum()
    rebuilt = context()
    rebuilt.rebuild = True
    again = run_corpus_stage(corpus_store, rebuilt)
    assert first == again and corpus_store.content_checksum() == checksum
    assert list(first)[: len(CORPUS_STEPS)] == [s.name for s in CORPUS_STEPS]
    assert first["skipped"] == 0 and first["claims_touched"] == first["claims"] > 0


def test_corpus_stage_with_nothing_new_is_skipped(
    corpus_store: Store, context: Callable[..., CorpusContext]
) -> None:
    run_corpus_stage(corpus_store, context())
    checksum = corpus_store.content_checksum()
    seen: list[tuple[str, int, int]] = []
    counts = run_corpus_stage(corpus_store, context(), progress=lambda *a: seen.append(a))
    assert counts["skipped"] == 1 and counts["claims_touched"] == 0 and counts["pairs_judged"] == 0
    assert counts["claims"] > 0 and seen == [("done", len(CORPUS_STEPS), len(CORPUS_STEPS))]
    assert corpus_store.content_checksum() == checksum


def test_corpus_stage_reports_each_step(corpus_store: Store, context: Callable[..., CorpusContext]) -> None:
    seen: list[tuple[str, int, int]] = []
    run_corpus_stage(corpus_store, context(), progress=lambda *a: seen.append(a))
    assert [s[0] for s in seen] == [*(s.name for s in CORPUS_STEPS), "done"]
    assert seen[-1][1:] == (len(CORPUS_STEPS), len(CORPUS_STEPS))


def test_corpus_priors_are_kept_for_later_runs(
    corpus_store: Store, context: Callable[..., CorpusContext]
) -> None:
    run_corpus_stage(corpus_store, context(priors={"Harbor Times": 0.95}))
    assert corpus_store.source_priors() == {"Harbor Times": 0.95}
    run_corpus_stage(corpus_store, context(priors=None))
    assert corpus_store.source_priors() == {"Harbor Times": 0.95}


def test_corpus_empty_store_builds_nothing(store: Store) -> None:
    counts = run_corpus_stage(store, CorpusContext(embedder=LexicalEmbedder()))
    assert counts == {
        **{s.name: 0 for s in CORPUS_STEPS},
        "claims_touched": 0,
        "claims_restanced": 0,
        "pairs_judged": 0,
        "skipped": 0,
    }


@pytest.mark.parametrize(
    ("order", "ok"),
    [
        (("actors", "claims", "stances", "contradictions", "verdicts"), True),
        (("actors", "stances", "claims", "contradictions", "verdicts"), False),
        (("actors", "claims", "verdicts", "stances"), False),
    ],
)
def test_corpus_check_order(order: tuple[str, ...], ok: bool) -> None:
    steps: dict[str, CorpusStep] = {s.name: s for s in CORPUS_STEPS}
    chosen = [steps[name] for name in order]
    if ok:
        check_order(chosen)
    else:
        with pytest.raises(ValueError, match="before a step writes it"):
            check_order(chosen)


# -- issue 11, memory: steps read what they need from the store, not every document --------------


class _Reads:
    """Spies on a store's reads: the documents read by id, and any read of everything."""

    def __init__(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        self.ids: set[str] = set()
        self.whole: list[str] = []
        by_id, statements, analyses = (
            store.documents_by_id,
            store.statements_by_document,
            store.document_analyses,
        )

        def documents_by_id(doc_ids: Sequence[str]) -> dict[str, Document]:
            self.ids |= set(doc_ids)
            return by_id(doc_ids)

        def statements_by_document(doc_ids: Sequence[str], merges: Any = None) -> Any:
            self.ids |= set(doc_ids)
            return statements(doc_ids, merges)

        def document_analyses(doc_ids: Sequence[str] | None = None) -> list[DocumentAnalysis]:
            if doc_ids is None:
                self.whole.append("document_analyses")
            else:
                self.ids |= set(doc_ids)
            return analyses(doc_ids)

        def iter_documents() -> Any:
            self.whole.append("iter_documents")
            return iter(())

        monkeypatch.setattr(store, "documents_by_id", documents_by_id)
        monkeypatch.setattr(store, "statements_by_document", statements_by_document)
        monkeypatch.setattr(store, "document_analyses", document_analyses)
        monkeypatch.setattr(store, "iter_documents", iter_documents)


def test_corpus_stances_step_reads_only_the_documents_it_judges(
    corpus_store: Store, context: Callable[..., CorpusContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus_store.add_documents([oslo_document()])
    claim = strike_claim(corpus_store)
    corpus_store.replace_claims([claim])
    index_missing(corpus_store)  # the passage index reads each document once, when it is stored
    reads = _Reads(corpus_store, monkeypatch)
    assert stances_step(corpus_store, context("agree")) > 0
    assert reads.whole == [] and reads.ids == {A_ID, B_ID}  # never the Oslo weather
    assert {s.doc_id for s in corpus_store.iter_stances()} == {A_ID, B_ID}


def test_corpus_contradictions_and_verdicts_read_no_whole_table(
    corpus_store: Store, context: Callable[..., CorpusContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus_store.add_documents([oslo_document()])
    claim = strike_claim(corpus_store)
    corpus_store.replace_claims([claim])
    ctx = context("agree")
    stances_step(corpus_store, ctx)
    expected = find_contradictions([claim], corpus_store.document_analyses(), ctx.settings.contradiction)
    reads = _Reads(corpus_store, monkeypatch)
    assert contradictions_step(corpus_store, ctx) == len(expected) > 0
    assert corpus_store.list_contradictions() == expected
    assert reads.ids == {A_ID, B_ID}  # the claim's members' documents
    assert verdicts_step(corpus_store, ctx) == 1
    assert reads.whole == [] and reads.ids == {A_ID, B_ID}
    assert {s.name for s in corpus_store.list_sources()} == {"Harbor Times", "Gulf Ledger", "Fjord Post"}


def test_corpus_stances_step_on_judging_threads_gives_the_same_stances(
    corpus_store: Store, fake_stance_model: type
) -> None:
    """Statements are read before the pool's threads judge (the store is not read from them)."""
    kerry = replace(
        strike_claim(corpus_store), id="claim:1123456789abcdef", text="Iran could play a constructive role"
    )
    corpus_store.replace_claims([strike_claim(corpus_store), kerry])
    found = []
    for workers in (1, 2):
        ctx = CorpusContext(
            stance_model=fake_stance_model("agree"), embedder=LexicalEmbedder(), workers=workers
        )
        stances_step(corpus_store, ctx)
        found.append(list(corpus_store.iter_stances()))
    assert found[0] and found[1] == found[0]
    assert any(s.holder_kind == HolderKind.SPEAKER for s in found[0])  # a statement was read and judged


def test_corpus_stage_never_reads_every_claim_with_its_members(
    corpus_store: Store, context: Callable[..., CorpusContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11, memory: a rebuild's stances, contradictions and verdicts steps read the claims a
    batch at a time (`Store.claim_order`), an incremental run the claims it judges; neither holds
    `list_claims()`. The incremental run reads only the claims it rewrites."""

    def whole() -> list[Claim]:
        raise AssertionError("list_claims read by the corpus stage")

    read: list[str] = []
    by_id = corpus_store.claims_by_id

    def claims_by_id(ids: Any) -> dict[str, Claim]:
        ids = list(ids)
        read.extend(ids)
        return by_id(ids)

    monkeypatch.setattr(corpus_store, "list_claims", whole)
    monkeypatch.setattr(corpus_store, "claims_by_id", claims_by_id)
    first = run_corpus_stage(corpus_store, context())
    assert first["claims"] > 0 and set(read) == set(corpus_store.claim_order())
    read.clear()
    text = "Iran attacks Islamic State positions in Diyala, the Desert Wire reported."
    wire = Document("33dd44ee55ff6677", "wire.txt", "text", text, (Segment(Voice.OWN, 0, len(text)),))
    corpus_store.add_documents([oslo_document(), replace(wire, outlet="Desert Wire")])
    ctx = context()
    counts = run_corpus_stage(corpus_store, ctx)  # the wire reaches the claim; Oslo reaches none
    assert ctx.delta is not None and counts["claims_restanced"] == 1 and counts["verdicts"] == 1
    assert read == 2 * sorted(ctx.delta.restanced)  # by the stances step, then the verdicts step
