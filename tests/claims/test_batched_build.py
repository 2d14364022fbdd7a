"""A batched claims rebuild (claims/batched_build.py, issue 11 memory) on the example corpus, three
documents a batch: its claims are within the incremental tolerance of the one-pass build
(docs/architecture.md), it never reads more than a batch of documents at once (a spy on the
store's reads, not the module's own counter alone), and the corpus stage uses it only when asked
(`BuildSettings.batched_rebuild_above`, `analyze --low-memory`). The default one-pass rebuild
reads the store in batches too (`build.build_stored`) and must give exactly what `build` gives.

Real models: spaCy for the analyses (once per module) and the sentence embedder.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import claimgraph
from claimgraph import cli
from claimgraph.claims import batched_build
from claimgraph.claims.agreement import agreement
from claimgraph.claims.batched_build import build_in_batches, is_batched
from claimgraph.claims.build import actor_table, build, build_stored
from claimgraph.claims.embed import load_embedder
from claimgraph.claims.incremental_claims import fit_pairs
from claimgraph.claims.text import ActorTable
from claimgraph.config import Config
from claimgraph.corpus import CORPUS_STEPS, CorpusContext, run_corpus_stage
from claimgraph.corpus_inputs import english_outlets
from claimgraph.language import is_english
from claimgraph.settings import DEFAULT_SETTINGS, BuildSettings
from claimgraph.store import Store
from tests.claims.test_incremental import CLAIM_ID_AGREEMENT, FACT_AGREEMENT, PAIRWISE_F1

EXAMPLE_CORPUS = Path(claimgraph.__file__).parent / "example_corpus"
BATCH = 3  # documents a batch: the example corpus's English documents make several batches
SETTINGS = replace(BuildSettings(), batched_rebuild_above=0, rebuild_batch_documents=BATCH)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example corpus analysed (per-document stages and the actors step only)."""
    db = tmp_path_factory.mktemp("batched") / "example.db"

    summary = claimgraph.analyze(
        [EXAMPLE_CORPUS], db=db, corpus=CorpusContext(), corpus_steps=CORPUS_STEPS[:1]
    )
    assert not summary.errors
    return db


@pytest.fixture(scope="module")
def embedder() -> Any:
    return load_embedder()


class ReadSpy:
    """The document ids of every read of documents or analyses the store answers."""

    def __init__(self, store: Store, patch: pytest.MonkeyPatch) -> None:
        self.calls: list[int | None] = []  # ids asked per call; None: every document
        for name in ("documents_by_id", "document_analyses", "iter_documents"):
            patch.setattr(store, name, self._spy(getattr(store, name)))

    def _spy(self, read: Any) -> Any:
        def spied(doc_ids: Any = None, *args: Any, **kwargs: Any) -> Any:
            self.calls.append(None if doc_ids is None else len(list(doc_ids)))
            return read(doc_ids, *args, **kwargs) if doc_ids is not None else read(*args, **kwargs)

        return spied


def test_batched_claims_are_within_tolerance_of_the_one_pass_build(analysed: Path, embedder: Any) -> None:
    with Store.open(analysed) as store, store.transaction():
        documents = [d for d in store.iter_documents() if is_english(d.language)]
        reference = build(documents, store.document_analyses(), embedder=embedder, settings=SETTINGS).claims
        english = sorted(english_outlets(store))
        claims, counts = build_in_batches(store, english, embedder, SETTINGS)
        # the actor table from the canonical actors is the one every analysis gives
        whole = ActorTable(store.document_analyses()).actors
        assert whole and {k: actor_table(store).actors.get(k) for k in whole} == whole
    assert len(reference) >= 10
    found = agreement(claims, reference)
    assert found.ids >= CLAIM_ID_AGREEMENT
    assert found.facts >= FACT_AGREEMENT
    assert found.pairwise_f1 >= PAIRWISE_F1
    assert found.identical >= 0.8 * found.claims
    # ranked as the one-pass build ranks: most widely carried first
    same = {c.id for c in claims} & {c.id for c in reference}
    assert [c.id for c in claims if c.id in same] == [c.id for c in reference if c.id in same]
    assert counts.batches == -(-len(english) // BATCH) >= 3


def test_a_stored_build_reading_batches_is_the_build_of_every_document(
    analysed: Path, embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(analysed) as store, store.transaction():
        documents = [d for d in store.iter_documents() if is_english(d.language)]
        whole = build(documents, store.document_analyses(), embedder=embedder, settings=BuildSettings())
        spy = ReadSpy(store, monkeypatch)
        stored = build_stored(store, lambda: embedder, BuildSettings(), batch=BATCH)
    assert len(documents) > 2 * BATCH and len(whole.claims) >= 10
    analysis_reads = spy.calls[1:]  # after the one paged pass of iter_documents
    assert spy.calls[0] is None and analysis_reads and max(c or 0 for c in analysis_reads) <= BATCH
    assert None not in analysis_reads and sum(c or 0 for c in analysis_reads) == len(documents)
    assert stored.claims == whole.claims
    assert stored.clusters == whole.clusters and stored.texts == whole.texts
    assert (stored.vectors == whole.vectors).all() and stored.found == whole.found
    assert [a for a, _ in stored.candidates] == [a for a, _ in whole.candidates]
    # what the index files for each sentence: the triples it could fit, read from its part of
    # the analysis as from the whole one
    assert stored.table is not None and whole.table is not None
    fits = [fit_pairs(a, analysis, whole.table) for a, analysis in whole.candidates]
    assert any(fits)
    assert [fit_pairs(a, analysis, stored.table) for a, analysis in stored.candidates] == fits


def test_a_batched_build_never_reads_more_than_a_batch(
    analysed: Path, embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(analysed) as store, store.transaction():
        english = sorted(english_outlets(store))
        spy = ReadSpy(store, monkeypatch)
        _, counts = build_in_batches(store, english, embedder, SETTINGS)
    assert len(english) > 2 * BATCH
    assert None not in spy.calls  # no read of the whole store
    assert spy.calls and max(c for c in spy.calls if c is not None) <= BATCH
    # every document read in phase 1, and again (some) in phase 2 to place its clusters
    assert sum(c for c in spy.calls if c is not None) >= 2 * len(english)
    assert counts.most_documents <= BATCH and counts.reads > len(english)


def test_the_corpus_stage_batches_only_when_asked(
    analysed: Path, embedder: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(analysed, read_only=True) as store:
        english = len(english_outlets(store))
    assert not is_batched(BuildSettings(), english)  # the example corpus keeps the one-pass build
    assert is_batched(SETTINGS, english) and not is_batched(
        replace(SETTINGS, batched_rebuild_above=None), 10**9
    )
    batched_runs: list[int] = []
    inner = batched_build.build_in_batches

    def counted(*args: Any, **kwargs: Any) -> Any:
        batched_runs.append(1)
        return inner(*args, **kwargs)

    monkeypatch.setattr(batched_build, "build_in_batches", counted)
    built = {}
    for name, settings in (("one pass", BuildSettings()), ("batched", SETTINGS)):
        db = tmp_path / f"{name}.db"
        source, target = sqlite3.connect(analysed), sqlite3.connect(db)
        source.backup(target)
        source.close()
        target.close()
        context = CorpusContext(settings=replace(DEFAULT_SETTINGS, build=settings), embedder=embedder)
        context.rebuild = True
        with Store.open(db) as store:
            count = run_corpus_stage(store, context, CORPUS_STEPS[:2])["claims"]
            built[name] = (store.list_claims(), store.next_cluster_id(), count)
        assert len(batched_runs) == (name == "batched")
    one_pass, batched = built["one pass"], built["batched"]
    with Store.open(analysed) as store, store.transaction():
        documents = [d for d in store.iter_documents() if is_english(d.language)]
        exact = build(
            documents, store.document_analyses(), embedder=embedder, settings=BuildSettings()
        ).claims
    assert one_pass[0] == exact  # below the threshold: today's one-pass rows
    assert batched[1] > 0 and batched[2] == len(batched[0])  # the claim index filed, the claims stored
    assert agreement(batched[0], one_pass[0]).identical >= 0.8 * len(one_pass[0])


def test_low_memory_asks_for_a_batched_rebuild(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`analyze --low-memory` hands the corpus stage settings that batch every rebuild's claims."""
    seen: list[Any] = []
    monkeypatch.setattr(cli.api, "analyze", lambda *args, **kwargs: seen.append(kwargs["corpus"]))
    for flag in (True, False):
        cli.analyze_paths(
            [str(EXAMPLE_CORPUS)], Config(db=str(tmp_path / "x.db")), "analyze", low_memory=flag
        )
    batched, default = seen
    assert is_batched(batched.settings.build, 1) and batched.settings.build.rebuild_batch_documents == 250
    assert default is None and not is_batched(DEFAULT_SETTINGS.build, 10**9)
