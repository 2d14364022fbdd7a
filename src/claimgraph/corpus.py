"""The corpus stage: a short named list of steps over the whole store, after the per-document stages.

Each step (GraphRAG-style) reads tables, calls one pure function, and writes tables, so it can be
run and tested alone:

    actors          document_actors                      -> actors, actor_merges   (nlp.actors)
    claims          documents, NLP rows, claim index      -> claims, claim_members, claim index
                                                            (claims.build, claims.incremental_claims)
    stances         claims, documents, NLP rows          -> stances                (claims.update)
    contradictions  claims, NLP rows                     -> contradictions         (claims.contradictions)
    verdicts        claims, stances, documents, groups,  -> verdicts, sources,    (verdicts.assess,
                    statements, actors, source_priors       truth state             verdicts.incremental)

The stage is incremental (issue 11, `claimgraph.claims.incremental`): the store keeps what it took in,
and a run updates only what its new documents touch (the claims their facts join, found through
the persistent claim index, are rebuilt from stored rows and cached sentence vectors; stances are
judged only for the (claim, document) pairs that changed; verdicts are redone for the claims
whose stances changed, truth discovery run locally from the stored estimate); a run with no new
document skips it.
`rebuild` (`analyze --rebuild`) recomputes everything from the per-document rows, as the first
run does. Every step runs in one transaction. It is deterministic: the same store gives the same
rows (ids are content hashes, lists keep the order the functions return, and every function
sorts its input), so re-running changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimgraph.claims.incremental import (
    CachedEmbedder,
    Delta,
    changed_actor_docs,
    diff_claims,
    plan,
    stances_by_claim,
)
from claimgraph.corpus_inputs import (
    StoredInputs,
    claims_in_order,
    contradictions_of,
    english_outlets,
    touched_claims,
)
from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.settings import DEFAULT_SETTINGS, Settings
from claimgraph.store import Store

if TYPE_CHECKING:
    from claimgraph.claims.update import Judge

StepProgress = Callable[[str, int, int], None]  # (step name, steps done, steps in all)
ItemProgress = Callable[[str, int, int], None]  # (step name, its items done, its items in all)
StepTick = Callable[[int, int], None]  # a running step's (items done, items in all)


def quiet(done: int, total: int) -> None:
    """The tick of a step nobody watches (a step run alone, or a stage run without `items`)."""


@dataclass(slots=True)
class CorpusContext:
    """The models and options steps share, loaded on first use. Steps read their inputs from
    the store themselves, what they need when they need it (`corpus_inputs`): no step holds every
    document or analysis beyond its own run (issue 11, memory).

    `priors`: outlet -> prior reliability given for this run (saved in the store for later
    runs); None uses the priors saved by an earlier run, if any. `rebuild`: recompute the whole
    stage rather than what new documents touch. `delta`: what this run redoes (set by
    `run_corpus_stage`; None, when a step runs alone, means everything). `tick`: where the running
    step reports its own progress, (items done, items in all), the total known before the first
    item (set by `run_corpus_stage` for each step; `quiet` otherwise).
    """

    stance_model: Any = None
    verdict_model: Any = None
    embedder: Any = None
    priors: Mapping[str, float] | None = None
    settings: Settings = DEFAULT_SETTINGS
    rebuild: bool = False
    workers: int = 1  # threads judging stances at once (`analyze --workers`), one ONNX thread each
    delta: Delta | None = None
    tick: StepTick = field(default=quiet, repr=False)

    def stances(self) -> Any:
        if self.stance_model is None:
            from claimgraph.claims.stance import StanceModel

            try:
                # several judging threads: one onnxruntime thread each, not two that contend
                self.stance_model = StanceModel.load(threads=1 if self.workers > 1 else None)
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
    """Merge generated people across documents (`nlp.actors.merge_actor_ids`); return actors kept.
    Documents whose actors now merge differently are judged again (incremental runs)."""
    from claimgraph.nlp.actors import merge_actor_ids, merge_actors

    found = store.found_actors()
    mapping = merge_actor_ids([found])
    canonical = merge_actors([found])
    delta = context.delta if context is not None else None
    if delta is not None and not delta.rebuild:
        delta.redo_docs |= delta.new_docs | changed_actor_docs(store, store.actor_merges(), mapping)
    store.replace_actors(canonical, mapping)
    return len(canonical)


def claims_step(store: Store, context: CorpusContext) -> int:
    """Build every claim from the stored rows on a rebuild, and file them in the claim index (in
    batches of documents above `BuildSettings.batched_rebuild_above`, `claims.batched_build`); an
    incremental run rebuilds only the claims its new facts join, found through that index
    (`claims.incremental_claims`), and keeps what was built on the others."""
    from claimgraph.claims.batched_build import is_batched, rebuild_in_batches
    from claimgraph.claims.build import build_stored
    from claimgraph.claims.incremental_claims import index_rebuild, update_claims

    delta = context.delta
    settings = context.settings.build
    tick = context.tick  # phases, not claims: a build has no per-claim loop (build, store, index)
    if delta is None or delta.rebuild:
        # ids only (a batched rebuild reads the rest in batches), and only if batching may apply
        english = list(english_outlets(store)) if settings.batched_rebuild_above is not None else []
        if is_batched(settings, len(english)):
            cached = CachedEmbedder(store, context.sentence_embedder())
            claims = rebuild_in_batches(store, english, cached, settings, tick)
            if delta is not None:
                delta.touched = {c.id for c in claims}
            return len(claims)
        tick(0, 3)  # a rebuild clusters every sentence at once: the stage's O(documents) step
        built = build_stored(store, lambda: CachedEmbedder(store, context.sentence_embedder()), settings)
        tick(1, 3)
        store.clear_corpus_state()  # what was kept for the old claims no longer holds
        store.replace_claims(built.claims)
        tick(2, 3)
        index_rebuild(store, built, settings)
        if delta is not None:
            delta.touched = {c.id for c in built.claims}
        tick(3, 3)
        return len(built.claims)
    tick(0, 2)  # the neighbourhood's claims, then the diff and its writes
    embedder = CachedEmbedder(store, context.sentence_embedder())
    claims, hood = update_claims(store, delta.new_docs, delta.redo_docs, embedder, settings)
    tick(1, 2)
    old = {**store.claims_by_id({c.id for c in claims} - hood.old.keys()), **hood.old}
    touched, gone, renames = diff_claims(list(old.values()), claims)
    delta.old_claims = old
    changed = sorted(touched & old.keys())
    delta.old_stances = stances_by_claim(store, changed)
    delta.old_judged = store.judged_documents(changed)
    delta.touched = touched
    delta.index_reads = {
        "clusters_compared": hood.compared,
        "clusters_read": hood.clusters_read,
        "claims_read": len(old),
    }
    store.update_claims([c for c in claims if c.id in touched], touched | gone, renames)
    tick(2, 2)
    return store.corpus_counts()["claims"]


def stances_judge(store: Store, context: CorpusContext) -> Judge:
    """The stances step's judge: the English documents and their statements read from the store
    per claim, not all at once (also what `benchmarks/sampled_stances.py` times claims with)."""
    from claimgraph.claims.update import Judge

    inputs = StoredInputs(store, list(english_outlets(store)))
    return Judge(
        store, inputs.statements, inputs.documents, context.settings, context.stances, read=inputs.read
    )


def stances_step(store: Store, context: CorpusContext) -> int:
    """Model-first stances on the built claims (those a run changed, `claims.update`); candidate
    documents come from the sentence index. Returns the stances stored."""
    from claimgraph.claims.check import index_missing
    from claimgraph.claims.judging_order import judging_order
    from claimgraph.claims.update import update_stances

    index_missing(store)  # documents stored before the passage index existed
    judge = stances_judge(store, context)
    delta = context.delta or Delta(rebuild=True)
    if delta.rebuild:  # claims sharing candidates one after another, for the caches' sake
        total, claims = claims_in_order(store, judging_order(store, context.settings))
    else:
        touched = touched_claims(store, delta.touched)
        total, claims = len(touched), iter(touched)
    with ExitStack() as stack:
        if context.workers > 1:
            judge.pool = stack.enter_context(ThreadPoolExecutor(context.workers, "claimgraph-judge"))
        update_stances(claims, delta, judge, total=total, tick=context.tick)
    delta.pairs_judged = judge.pairs
    return store.corpus_counts()["stances"]


def contradictions_step(store: Store, context: CorpusContext) -> int:
    """Contradictions of every claim, or of the claims a run touched (they depend on members only)."""
    delta = context.delta
    if delta is None or delta.rebuild:
        _, claims = claims_in_order(store)
        store.replace_contradictions(contradictions_of(store, claims, context.settings.contradiction))
    else:
        touched = touched_claims(store, delta.touched)
        found = contradictions_of(store, touched, context.settings.contradiction)
        store.replace_contradictions(found, claim_ids=delta.touched)
    return store.corpus_counts()["contradictions"]


def verdicts_step(store: Store, context: CorpusContext) -> int:
    """Voices, truth discovery (each holder starting at its prior) and verdicts of every claim on
    a rebuild, a batch of claims' stances at a time (`verdicts.rebuild`); an incremental run redoes
    only what its changed stances can affect, truth discovery warm-started from the stored
    estimate (`verdicts.incremental`). Returns the verdicts written."""
    from claimgraph.verdicts.explain import Parties
    from claimgraph.verdicts.incremental import Changes, VerdictInputs, update_verdicts
    from claimgraph.verdicts.rebuild import rebuild_verdicts

    def parties() -> Parties:
        return Parties(store.list_actors(), affiliations=store.statement_affiliations())

    settings = context.settings.verdict
    inputs = VerdictInputs(
        english_outlets(store), store.source_priors(), context.verdicts(), parties, settings
    )
    delta = context.delta
    if delta is not None and not delta.rebuild and store.has_truth_state():
        changes = Changes(delta.touched, delta.restanced, set(delta.old_claims), delta.new_docs)
        return update_verdicts(store, inputs, changes, context.tick)
    return rebuild_verdicts(store, inputs, context.tick)


NLP_ROWS = ("document_actors", "actor_mentions", "statements", "events")
CLAIM_INDEX = ("claim_clusters", "cluster_facts", "cluster_buckets", "triple_facts")  # store.claim_index
CORPUS_STEPS: tuple[CorpusStep, ...] = (
    CorpusStep("actors", ("document_actors",), ("actors", "actor_merges"), merge_actors_step),
    CorpusStep(
        "claims",
        ("documents", *NLP_ROWS, "actors"),
        ("claims", "claim_members", *CLAIM_INDEX),
        claims_step,
    ),
    CorpusStep("stances", ("claims", "documents", *NLP_ROWS), ("stances",), stances_step),
    CorpusStep("contradictions", ("claims", *NLP_ROWS), ("contradictions",), contradictions_step),
    CorpusStep(
        "verdicts",
        ("claims", "stances", "documents", "statements", "actors", "source_priors"),
        ("verdicts", "sources", "truth_votes", "truth_claims", "truth_holders"),
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


class _StepTicks:
    """One step's ticks passed on to `ItemProgress` under its name, and closed at the step's end: a
    step that said nothing counts as one item, one that ended short of its total is done all the
    same (every step's last report is (total, total))."""

    def __init__(self, name: str, items: ItemProgress) -> None:
        self.name, self.items = name, items
        self.last: tuple[int, int] | None = None

    def __call__(self, done: int, total: int) -> None:
        self.last = (done, total)
        self.items(self.name, done, total)

    def close(self) -> None:
        done, total = self.last or (0, 1)
        if done != total:
            self.items(self.name, total, total)


def run_corpus_stage(
    store: Store,
    context: CorpusContext | None = None,
    steps: Sequence[CorpusStep] = CORPUS_STEPS,
    progress: StepProgress | None = None,
    items: ItemProgress | None = None,
) -> dict[str, int]:
    """Every step in order, in one transaction, on what new documents touch (everything with
    `context.rebuild`, or when the stage never ran on this store); skipped when there is nothing
    new. Returns the rows each step's table holds, `claims_touched` (claims new or changed),
    `claims_restanced` (claims whose stances were rewritten), `pairs_judged` ((claim, document)
    pairs the stance model judged) and `skipped` (1 or 0).

    `progress` hears each step start (and "done" at the end); `items` hears each step's own
    progress, (step, items done, items in all), where the items are the step's: claims judged
    (stances) or labelled (verdicts), phases (claims), or the step as one item (actors,
    contradictions)."""
    check_order(steps)
    context = context or CorpusContext()
    counts: dict[str, int] = {}
    with store.transaction():
        priors_changed = False
        if context.priors is not None:
            priors_changed = store.source_priors() != dict(context.priors)
            store.replace_priors(dict(context.priors))
        delta = plan(store, context.rebuild)
        context.delta = delta
        if not (delta.rebuild or delta.new_docs or priors_changed):
            if progress is not None:
                progress("done", len(steps), len(steps))
            nothing = {"claims_touched": 0, "claims_restanced": 0, "pairs_judged": 0, "skipped": 1}
            return {**store.corpus_counts(), **nothing}
        for done, step in enumerate(steps):
            if progress is not None:
                progress(step.name, done, len(steps))
            ticks = _StepTicks(step.name, items) if items is not None else None
            context.tick = ticks or quiet
            try:
                counts[step.name] = step.run(store, context)
            finally:
                context.tick = quiet  # a context outlives its stage (web writes reuse one)
            if ticks is not None:
                ticks.close()
        store.add_corpus_documents(delta.new_docs)
        if progress is not None:
            progress("done", len(steps), len(steps))
    return {
        **counts,
        "claims_touched": len(delta.touched),
        "claims_restanced": len(delta.restanced),
        "pairs_judged": delta.pairs_judged,
        "skipped": 0,
    }
