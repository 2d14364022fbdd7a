"""The run: ingest -> clean -> dedupe -> per-document stages -> store -> corpus stage, streaming.

Each batch of `Config.batch_size` inputs is written in one transaction (documents, segments,
near-duplicate buckets, analyses, the NLP rows, ingest errors), so a run killed at any moment
leaves whole batches only, and running again skips what is stored: documents by content hash,
analyses by (document id, PIPELINE_VERSION, config hash). Per-document stages run on an
`Engine` (this process, a pool with `Config.workers > 1`, or Ray actors with `Config.engine`);
results come back in input order, so the store does not depend on the engine. After the last
batch the corpus stage (`claimgraph.corpus`) rebuilds actors, claims, stances, contradictions and verdicts.

With Ray on PostgreSQL the workers store their own results (`engine.writes`: one transaction per
chunk, several workers at once) and the driver stores each batch's documents before sending it
out: a killed run may leave documents without their analysis (never half an analysis), and
running again analyses exactly those.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from claimgraph.claims.retrieval import document_passages
from claimgraph.clean.dedupe import NearDuplicateIndex, dedupe_text, signature
from claimgraph.config import PIPELINE_VERSION, Config
from claimgraph.corpus import (
    CORPUS_STEPS,
    CorpusContext,
    CorpusStep,
    ItemProgress,
    StepProgress,
    rejudge_tracked,
    run_corpus_stage,
)
from claimgraph.engine import Engine, Results, Stage, StageFailure, make_engine
from claimgraph.engine.ray import RayEngine
from claimgraph.engine.stages import VOICES_STAGE, nlp_stage, voice_summary
from claimgraph.engine.writes import ResultTarget, Stored, store_results
from claimgraph.language import detect_language, is_english
from claimgraph.model import Document, IngestError, RawDocument, Voice
from claimgraph.store import Store

__all__ = [
    "DOCUMENT_STAGES",
    "RunSummary",
    "Stage",
    "cleaned",
    "config_hash",
    "document_stages",
    "run",
    "voice_summary",
]

Cleaner = Callable[[RawDocument], "Document | IngestError"]
Item = Document | IngestError

DOCUMENT_STAGES: tuple[Stage, ...] = (VOICES_STAGE,)  # the stages of an ingest-only run (--no-nlp)


def document_stages(config: Config) -> tuple[Stage, ...]:
    """The per-document stages `config` asks for, in order."""
    return (
        (*DOCUMENT_STAGES, nlp_stage(config.spacy_model, config.document_seconds))
        if config.analyse_nlp
        else DOCUMENT_STAGES
    )


def config_hash(config: Config, stages: Iterable[Stage] | None = None) -> str:
    """Fingerprint of everything that changes per-document results (not the db, batch size...)."""
    stages = document_stages(config) if stages is None else stages
    key = {"stages": [[s.name, s.version] for s in stages], "spacy_model": config.spacy_model}
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]


@dataclass(slots=True)
class RunSummary:
    """What a run did; `errors` lists every input that could not be read, cleaned or analysed."""

    db: str
    run_id: int = 0
    inputs_read: int = 0  # documents and unreadable inputs taken from the reader (progress)
    documents_read: int = 0  # cleaned documents, duplicates included
    new: int = 0  # documents stored by this run
    duplicates: int = 0  # already stored, or read twice (same normalised text)
    near_duplicates: int = 0  # new documents that joined a near-duplicate group
    near_duplicate_groups: int = 0  # groups in the store after the run
    analysed: int = 0  # documents whose per-document analysis ran in this run
    analyses_skipped: int = 0  # documents whose analysis was already stored
    actors: int = 0  # canonical actors in the store after the run (0 without NLP)
    statements: int = 0  # statements found by this run's analyses
    events: int = 0  # events found by this run's analyses
    claims: int = 0  # claims in the store after the run (0 without NLP)
    stances: int = 0  # stances of sources and speakers on them
    contradictions: int = 0
    tracked: int = 0  # tracked claims re-judged after the run
    errors: list[IngestError] = field(default_factory=list)
    # Documents read in a language other than English, by ISO code: stored, no NLP, no stances.
    languages: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {
            "documents_read": self.documents_read,
            "new": self.new,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "near_duplicate_groups": self.near_duplicate_groups,
            "analysed": self.analysed,
            "analyses_skipped": self.analyses_skipped,
            "actors": self.actors,
            "statements": self.statements,
            "events": self.events,
            "claims": self.claims,
            "stances": self.stances,
            "contradictions": self.contradictions,
            "tracked": self.tracked,
            "not_english": sum(self.languages.values()),
            "errors": len(self.errors),
        }


def clean_safely(raw: RawDocument, cleaner: Cleaner) -> Document | IngestError:
    """Clean one document; an unexpected failure on one page is that page's error, not the run's."""
    try:
        return cleaner(raw)
    except Exception as exc:  # an edge: one bad page must not stop a 50,000-page run
        return IngestError(raw.uri, f"cleaning failed: {type(exc).__name__}: {exc}")


def cleaned(items: Iterable[RawDocument | IngestError], cleaner: Cleaner) -> Iterator[Document | IngestError]:
    """Cleaned documents, each with its detected language, and the errors, in input order."""
    for item in items:
        result = item if isinstance(item, IngestError) else clean_safely(item, cleaner)
        yield with_language(result) if isinstance(result, Document) else result


def with_language(doc: Document) -> Document:
    """The document with `language` set from its own-voice text (all text when it has none)."""
    if doc.language is not None:
        return doc
    return replace(doc, language=detect_language(doc.voice_text(Voice.OWN) or doc.text)[0])


@dataclass(slots=True)
class _Batch:
    items: list[Item]
    todo: list[Document]  # documents whose analysis is not stored yet, first copy of each


def run(
    items: Iterable[Item],
    store: Store,
    config: Config,
    progress: Callable[[RunSummary], None] | None = None,
    stages: tuple[Stage, ...] | None = None,
    engine: Engine | None = None,
    corpus: CorpusContext | None = None,
    corpus_progress: StepProgress | None = None,
    corpus_items: ItemProgress | None = None,
    corpus_steps: Sequence[CorpusStep] = CORPUS_STEPS,
) -> RunSummary:
    """Store a stream of cleaned documents and errors, one transaction per batch, then run the
    corpus stage (with NLP only: it builds on the analyses).

    `stages` defaults to `document_stages(config)`; `engine` to one with `config.workers`;
    `corpus` carries the corpus stage's models and priors (loaded on first use when None).
    `corpus_progress` and `corpus_items` hear its steps and their items (`run_corpus_stage`).
    `corpus_steps`: the corpus steps to run; fewer than all leaves the stage unfinished (a later
    run needs `rebuild`): for benchmarks that measure steps apart (`benchmarks/sampled_stances.py`).
    """
    stages = document_stages(config) if stages is None else stages
    chash = config_hash(config, stages)
    summary = RunSummary(db=store.db, run_id=store.start_run(PIPELINE_VERSION, chash))
    target = ResultTarget(
        store.engine.url.render_as_string(hide_password=False), PIPELINE_VERSION, chash, summary.run_id
    )
    index = NearDuplicateIndex(store.bucket_store())
    own_engine = engine is None
    if engine is None:
        engine = make_engine(stages, config.workers, config.engine, config.ray_address)
    try:
        planned = _plan(_batches(items, config.batch_size, summary, progress), store, chash)
        if isinstance(engine, RayEngine) and store.engine.dialect.name == "postgresql":
            # Workers store their own results; the driver stores each batch's documents first.
            documents_first = _documents_first(planned, store, index, summary)
            for batch, stored in engine.store_batches(documents_first, target):
                _count(batch, stored, summary)
                if progress is not None:
                    progress(summary)
        else:
            for batch, results in engine.map_batches(planned):
                _write_batch(batch, results, store, index, target, summary)
                if progress is not None:
                    progress(summary)
    finally:
        if own_engine:
            engine.close()
    if any(s.name == "nlp" for s in stages):
        counts = run_corpus_stage(store, corpus, corpus_steps, progress=corpus_progress, items=corpus_items)
        summary.actors = counts.get("actors", 0)
        summary.claims = counts.get("claims", 0)
        summary.stances = counts.get("stances", 0)
        summary.contradictions = counts.get("contradictions", 0)
    summary.tracked = rejudge_tracked(store, corpus)
    summary.near_duplicate_groups = store.count_near_dup_groups()
    store.finish_run(summary.run_id, summary.counts())
    if progress is not None:
        progress(summary)
    return summary


def _batches(
    items: Iterable[Item], size: int, summary: RunSummary, progress: Callable[[RunSummary], None] | None
) -> Iterator[list[Item]]:
    """Lists of `size` inputs; when the input stream fails, what was read is yielded first."""
    batch: list[Item] = []
    try:
        for item in items:
            batch.append(item)
            summary.inputs_read += 1
            if isinstance(item, IngestError):
                summary.errors.append(item)
            else:
                summary.documents_read += 1
                if not is_english(item.language):
                    summary.languages[str(item.language)] = summary.languages.get(str(item.language), 0) + 1
            if progress is not None:
                progress(summary)
            if len(batch) >= size:
                yield batch
                batch = []
    except Exception:
        # What was read before a failure is valid: store it rather than lose it.
        if batch:
            yield batch
        raise
    if batch:
        yield batch


def _plan(batches: Iterable[list[Item]], store: Store, chash: str) -> Iterator[tuple[_Batch, list[Document]]]:
    """Each batch with the documents that still need analysing (stored work is skipped).

    An engine may read a batch or two ahead of the store: a document repeated across two
    in-flight batches is then analysed twice, and stored once (the writes replace by id).
    """
    for items in batches:
        docs = [d for d in items if isinstance(d, Document)]
        missing = set(store.missing_analyses([d.id for d in docs], PIPELINE_VERSION, chash))
        todo = list({d.id: d for d in docs if d.id in missing}.values())
        yield _Batch(items, todo), todo


def _documents_first(
    planned: Iterable[tuple[_Batch, list[Document]]],
    store: Store,
    index: NearDuplicateIndex,
    summary: RunSummary,
) -> Iterator[tuple[_Batch, list[Document]]]:
    """Each batch's documents stored (one transaction) before its analysis goes to the workers,
    whose result rows refer to them. A run stopped in between leaves documents without analyses,
    which the same command analyses when run again."""
    for batch, todo in planned:
        with store.transaction():
            _write_documents(batch, store, index, summary)
        yield batch, todo


def _write_batch(
    batch: _Batch,
    results: list[Results | StageFailure],
    store: Store,
    index: NearDuplicateIndex,
    target: ResultTarget,
    summary: RunSummary,
) -> None:
    """A batch's documents and results in one transaction (the driver writes: SQLite, local engines)."""
    with store.transaction():
        _write_documents(batch, store, index, summary)
        stored = [store_results(store, d, r, target) for d, r in zip(batch.todo, results, strict=True)]
    _count(batch, stored, summary)


def _write_documents(batch: _Batch, store: Store, index: NearDuplicateIndex, summary: RunSummary) -> None:
    """The batch's new documents, their passages and near-duplicate signatures, its input errors."""
    docs = [d for d in batch.items if isinstance(d, Document)]
    by_id = {d.id: d for d in docs}
    store.add_ingest_errors([e for e in batch.items if isinstance(e, IngestError)], summary.run_id)
    new_ids = store.insert_documents(docs, summary.run_id)
    # other languages get no passages: the stance model reads English only
    store.index_passages(
        (by_id[d], document_passages(by_id[d]) if is_english(by_id[d].language) else []) for d in new_ids
    )
    summary.new += len(new_ids)
    summary.duplicates += len(docs) - len(new_ids)
    for doc_id in new_ids:
        sig = signature(dedupe_text(by_id[doc_id]))
        if sig is not None and index.add_signature(doc_id, sig) is not None:
            summary.near_duplicates += 1


def _count(batch: _Batch, stored: list[Stored], summary: RunSummary) -> None:
    """Add what was stored for the batch's analyses to the summary: notes first, then failures."""
    summary.errors.extend(e for s in stored if not s.failed for e in s.errors)
    summary.errors.extend(e for s in stored if s.failed for e in s.errors)
    summary.statements += sum(s.statements for s in stored)
    summary.events += sum(s.events for s in stored)
    summary.analysed += sum(not s.failed for s in stored)
    summary.analyses_skipped += len({d.id for d in batch.items if isinstance(d, Document)}) - len(batch.todo)
