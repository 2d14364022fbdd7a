"""Storing one document's per-document results, by the driver or by the worker that computed them.

`store_results` turns what the stages returned for a document into rows (the NLP tables, the
analyses payload, its notes or its failure as ingest errors) and says what it stored, so that the
run's summary is the same whoever wrote. The driver calls it inside its batch transaction (SQLite,
local engines); a Ray worker writing to PostgreSQL calls `write_chunk`: its chunk's documents in
one transaction of a `ConcurrentStore`, each document locked, so a killed worker leaves each
document's results whole or absent, and a re-run analyses exactly the absent ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from claimgraph.engine import Results, StageFailure
from claimgraph.model import Document, DocumentAnalysis, IngestError
from claimgraph.store import Store
from claimgraph.store.concurrent import ConcurrentStore


@dataclass(frozen=True, slots=True)
class ResultTarget:
    """Where and under which keys a run's results go: the store (URL with its password, for the
    workers to connect), the pipeline version, the config hash and the run id."""

    db: str
    version: str
    config_hash: str
    run_id: int


@dataclass(frozen=True, slots=True)
class Stored:
    """What was stored for one document: its notes (or its failure) as ingest errors, NLP counts."""

    errors: tuple[IngestError, ...] = ()
    statements: int = 0
    events: int = 0
    failed: bool = False


class WorkerStoreError(RuntimeError):
    """A worker could not write its results (plain message: it crosses process boundaries)."""


def store_results(
    store: Store, doc: Document, results: Results | StageFailure, target: ResultTarget
) -> Stored:
    """Write one document's results (a re-analysis replaces its NLP rows); say what was written."""
    if isinstance(results, StageFailure):
        error = IngestError(doc.uri, f"analysis failed in stage {results.stage}: {results.problem}")
        store.add_ingest_errors([error], target.run_id)
        return Stored((error,), failed=True)
    payload: dict[str, Any] = {}
    notes: list[IngestError] = []
    statements = events = 0
    for name, result in results.items():
        if isinstance(result, DocumentAnalysis):
            notes.extend(IngestError(doc.uri, note) for note in result.notes)
            store.put_document_analysis(result)
            statements += len(result.statements)
            events += len(result.events)
            result = analysis_counts(result)
        payload[name] = result
    store.add_ingest_errors(notes, target.run_id)
    store.put_analysis(doc.id, target.version, target.config_hash, payload)
    return Stored(tuple(notes), statements, events)


def write_chunk(
    store: ConcurrentStore,
    docs: Sequence[Document],
    results: Sequence[Results | StageFailure],
    target: ResultTarget,
) -> list[Stored]:
    """A worker's chunk in one transaction, its documents locked: all of it is stored, or none."""
    with store.transaction():
        store.lock_documents(d.id for d in docs)
        return [store_results(store, d, r, target) for d, r in zip(docs, results, strict=True)]


def analysis_counts(analysis: DocumentAnalysis) -> dict[str, int]:
    """What the analyses table keeps of an NLP result: the rows live in their own tables."""
    return {
        "actors": len(analysis.actors),
        "mentions": len(analysis.mentions),
        "statements": len(analysis.statements),
        "events": len(analysis.events),
    }
