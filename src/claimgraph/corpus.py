"""The corpus stage: a short named list of steps over the whole store, after the per-document stages.

Each step (GraphRAG-style) reads tables, calls one pure function, and writes tables, so it can be
run and tested alone:

    actors          document_actors                      -> actors, actor_merges   (nlp.actors)
    claims          documents, NLP rows                  -> claims, claim_members  (claims.build)
    stances         claims, documents, NLP rows          -> stances                (claims.assign)
    contradictions  claims, NLP rows                     -> contradictions         (claims.contradictions)
    verdicts        claims, stances, documents, groups,
                    statements, actors, source_priors    -> verdicts, sources      (verdicts.judge)

Claims need every document at once (a claim is what several documents share), so the whole stage
is recomputed after every run, in one transaction, from the stored per-document rows only. It is
deterministic: the same store gives the same rows (ids are content hashes, lists keep the order
the functions return, and every function sorts its input), so re-running changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.language import is_english
from claimgraph.model import Claim, Document, DocumentAnalysis
from claimgraph.settings import DEFAULT_SETTINGS, Settings
from claimgraph.store import Store

StepProgress = Callable[[str, int, int], None]  # (step name, steps done, steps in all)


@dataclass(slots=True)
class CorpusContext:
    """The models and options steps share, loaded on first use; inputs read once per stage.

    `priors`: outlet -> prior reliability given for this run (saved in the store for later
    runs); None uses the priors saved by an earlier run, if any.
    """

    stance_model: Any = None
    verdict_model: Any = None
    embedder: Any = None
    priors: Mapping[str, float] | None = None
    settings: Settings = DEFAULT_SETTINGS
    _documents: list[Document] | None = field(default=None, repr=False)
    _analyses: list[DocumentAnalysis] | None = field(default=None, repr=False)

    def documents(self, store: Store) -> list[Document]:
        """The store's documents the English-only claim, stance and verdict models can read."""
        if self._documents is None:
            self._documents = [d for d in store.iter_documents() if is_english(d.language)]
        return self._documents

    def analyses(self, store: Store) -> list[DocumentAnalysis]:
        """Per-document NLP rows with canonical actor ids (read after the actors step)."""
        if self._analyses is None:
            self._analyses = store.document_analyses()
        return self._analyses

    def stances(self) -> Any:
        if self.stance_model is None:
            from claimgraph.claims.stance import StanceModel

            try:
                self.stance_model = StanceModel.load()
            except (FileNotFoundError, ImportError) as exc:
                raise ClaimgraphError(Errors.E014, what="the stance model", problem=str(exc)) from None
        return self.stance_model

    def verdicts(self) -> Any:
        if self.verdict_model is None:
            from claimgraph.verdicts.model import VerdictModel

            path = self.settings.verdict.model_path
            self.verdict_model = VerdictModel.load(Path(path) if path else None)
        return self.verdict_model

    def sentence_embedder(self) -> Any:
        if self.embedder is None:
            from claimgraph.claims.embed import load_embedder

            self.embedder = load_embedder()
        return self.embedder


@dataclass(frozen=True, slots=True)
class CorpusStep:
    """One step: the tables it reads and writes (documentation and order checks) and its function,
    which returns how many rows it wrote to its main table."""

    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    run: Callable[[Store, CorpusContext], int]


def merge_actors_step(store: Store, context: CorpusContext | None = None) -> int:
    """Merge generated people across documents (`nlp.actors.merge_actor_ids`); return actors kept."""
    from claimgraph.nlp.actors import merge_actor_ids, merge_actors

    found = store.found_actors()
    mapping = merge_actor_ids([found])
    canonical = merge_actors([found])
    store.replace_actors(canonical, mapping)
    return len(canonical)


def claims_step(store: Store, context: CorpusContext) -> int:
    from claimgraph.claims.build import build_claims

    documents = context.documents(store)
    embedder = context.sentence_embedder() if documents else None
    claims = build_claims(
        documents, context.analyses(store), embedder=embedder, settings=context.settings.build
    )
    store.replace_claims(claims)
    return len(claims)


def stances_step(store: Store, context: CorpusContext) -> int:
    """Model-first stances on every built claim; candidate documents come from the sentence index."""
    from claimgraph.claims.assign import assign_stances
    from claimgraph.claims.check import index_missing, retrieve

    claims = store.list_claims()
    settings = context.settings
    index_missing(store)  # once per step: `retrieve` runs per claim

    def candidates(claim: Claim) -> list[str]:
        return [c.doc_id for c in retrieve(store, claim.text, settings)]

    stances = (
        assign_stances(
            claims,
            context.documents(store),
            context.analyses(store),
            stance_model=context.stances(),
            settings=settings,
            candidates=candidates,
        )
        if claims
        else []
    )
    store.replace_stances(stances)
    return len(stances)


def contradictions_step(store: Store, context: CorpusContext) -> int:
    from claimgraph.claims.contradictions import find_contradictions

    found = find_contradictions(store.list_claims(), context.analyses(store))
    store.replace_contradictions(found)
    return len(found)


def verdicts_step(store: Store, context: CorpusContext) -> int:
    from claimgraph.verdicts import judge

    claims = store.list_claims()
    analyses = context.analyses(store)
    groups = {doc_id: g.id for g in store.near_dup_groups() for doc_id in g.doc_ids}
    verdicts, sources = judge(
        claims,
        list(store.iter_stances()),
        context.documents(store),
        groups=groups,
        priors=store.source_priors(),
        statements=[s for a in analyses for s in a.statements],
        actors=store.list_actors(),
        model=context.verdicts() if claims else None,
    )
    store.replace_verdicts(verdicts, sources)
    return len(verdicts)


NLP_ROWS = ("document_actors", "actor_mentions", "statements", "events")
CORPUS_STEPS: tuple[CorpusStep, ...] = (
    CorpusStep("actors", ("document_actors",), ("actors", "actor_merges"), merge_actors_step),
    CorpusStep("claims", ("documents", *NLP_ROWS, "actors"), ("claims", "claim_members"), claims_step),
    CorpusStep("stances", ("claims", "documents", *NLP_ROWS), ("stances",), stances_step),
    CorpusStep("contradictions", ("claims", *NLP_ROWS), ("contradictions",), contradictions_step),
    CorpusStep(
        "verdicts",
        ("claims", "stances", "documents", "statements", "actors", "source_priors"),
        ("verdicts", "sources"),
        verdicts_step,
    ),
)


def rejudge_tracked(store: Store, context: CorpusContext | None = None) -> int:
    """Judge every tracked claim again on the grown store (`claimgraph check --track`)."""
    tracked = store.tracked_claims()
    if not tracked:
        return 0
    from claimgraph.claims.check import judge_claim

    context = context or CorpusContext()
    with store.transaction():
        for claim_id, text, _ in tracked:
            result = judge_claim(
                store,
                text,
                settings=context.settings,
                stance_model=context.stances(),
                verdict_model=context.verdicts(),
            )
            store.set_tracked_result(claim_id, result.to_json())
    return len(tracked)


def check_order(steps: Sequence[CorpusStep]) -> None:
    """Every table a step reads that some step writes is written by an earlier step."""
    written: set[str] = set()
    produced = {t for s in steps for t in s.writes}
    for step in steps:
        late = sorted((set(step.reads) & produced) - written)
        if late:
            raise ValueError(f"corpus step {step.name!r} reads {', '.join(late)} before a step writes it")
        written |= set(step.writes)


def run_corpus_stage(
    store: Store,
    context: CorpusContext | None = None,
    steps: Sequence[CorpusStep] = CORPUS_STEPS,
    progress: StepProgress | None = None,
) -> dict[str, int]:
    """Every step in order, in one transaction; returns rows written per step."""
    check_order(steps)
    context = context or CorpusContext()
    counts: dict[str, int] = {}
    with store.transaction():
        if context.priors is not None:
            store.replace_priors(dict(context.priors))
        for done, step in enumerate(steps):
            if progress is not None:
                progress(step.name, done, len(steps))
            counts[step.name] = step.run(store, context)
        if progress is not None:
            progress("done", len(steps), len(steps))
    return counts
