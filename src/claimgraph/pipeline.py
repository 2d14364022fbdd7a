"""The run: ingest -> clean -> dedupe -> per-document analysis -> store, streaming, in batches.

Each batch of `Config.batch_size` inputs is written in one transaction (documents, segments,
near-duplicate buckets, analyses, ingest errors), so a run killed at any moment leaves whole
batches only, and running again skips what is stored: documents by content hash, analyses by
(document id, PIPELINE_VERSION, config hash).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from claimgraph.clean.dedupe import NearDuplicateIndex, dedupe_text, signature
from claimgraph.config import PIPELINE_VERSION, Config
from claimgraph.model import Document, IngestError, RawDocument, Voice
from claimgraph.store import Store

Cleaner = Callable[[RawDocument], "Document | IngestError"]


@dataclass(frozen=True, slots=True)
class Stage:
    """A per-document analysis step: a pure function of one document, stored under its name.

    Bump `version` when its output changes: the config hash includes it, so stored results of
    the old version are recomputed.
    """

    name: str
    version: str
    run: Callable[[Document], Any]


def voice_summary(doc: Document) -> dict[str, dict[str, int]]:
    """Segments and characters per voice: what `claimgraph docs` shows and later stages weigh."""
    segments = {v.value: 0 for v in Voice}
    chars = {v.value: 0 for v in Voice}
    for seg in doc.segments:
        segments[seg.voice.value] += 1
        chars[seg.voice.value] += seg.end - seg.start
    return {"segments": segments, "chars": chars}


DOCUMENT_STAGES: tuple[Stage, ...] = (Stage("voices", "1", voice_summary),)


def config_hash(config: Config, stages: Iterable[Stage] = DOCUMENT_STAGES) -> str:
    """Fingerprint of everything that changes per-document results (not the db, batch size...)."""
    key = {"stages": [[s.name, s.version] for s in stages], "spacy_model": config.spacy_model}
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]


@dataclass(slots=True)
class RunSummary:
    """What a run did; `errors` lists every input that could not be read or cleaned."""

    db: str
    run_id: int = 0
    documents_read: int = 0  # cleaned documents, duplicates included
    new: int = 0  # documents stored by this run
    duplicates: int = 0  # already stored, or read twice (same normalised text)
    near_duplicates: int = 0  # new documents that joined a near-duplicate group
    near_duplicate_groups: int = 0  # groups in the store after the run
    analysed: int = 0  # documents whose per-document analysis ran in this run
    analyses_skipped: int = 0  # documents whose analysis was already stored
    errors: list[IngestError] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "documents_read": self.documents_read,
            "new": self.new,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "near_duplicate_groups": self.near_duplicate_groups,
            "analysed": self.analysed,
            "analyses_skipped": self.analyses_skipped,
            "errors": len(self.errors),
        }


def clean_safely(raw: RawDocument, cleaner: Cleaner) -> Document | IngestError:
    """Clean one document; an unexpected failure on one page is that page's error, not the run's."""
    try:
        return cleaner(raw)
    except Exception as exc:  # an edge: one bad page must not stop a 50,000-page run
        return IngestError(raw.uri, f"cleaning failed: {type(exc).__name__}: {exc}")


def cleaned(items: Iterable[RawDocument | IngestError], cleaner: Cleaner) -> Iterator[Document | IngestError]:
    for item in items:
        yield item if isinstance(item, IngestError) else clean_safely(item, cleaner)


def run(
    items: Iterable[Document | IngestError],
    store: Store,
    config: Config,
    progress: Callable[[RunSummary], None] | None = None,
    stages: tuple[Stage, ...] = DOCUMENT_STAGES,
) -> RunSummary:
    """Store a stream of cleaned documents and errors, one transaction per batch."""
    chash = config_hash(config, stages)
    summary = RunSummary(db=store.db, run_id=store.start_run(PIPELINE_VERSION, chash))
    index = NearDuplicateIndex(store.bucket_store())
    batch: list[Document | IngestError] = []
    try:
        for item in items:
            batch.append(item)
            if isinstance(item, IngestError):
                summary.errors.append(item)
            else:
                summary.documents_read += 1
            if len(batch) >= config.batch_size:
                _write_batch(batch, store, index, stages, chash, summary)
                batch = []
            if progress is not None:
                progress(summary)
    finally:
        # What was read before a failure is valid: store it rather than lose it.
        _write_batch(batch, store, index, stages, chash, summary)
    summary.near_duplicate_groups = store.count_near_dup_groups()
    store.finish_run(summary.run_id, summary.counts())
    if progress is not None:
        progress(summary)
    return summary


def _write_batch(
    batch: list[Document | IngestError],
    store: Store,
    index: NearDuplicateIndex,
    stages: tuple[Stage, ...],
    chash: str,
    summary: RunSummary,
) -> None:
    if not batch:
        return
    docs = [d for d in batch if isinstance(d, Document)]
    # Analyses run before the write lock is taken: later stages (NLP) are the slow part.
    missing = set(store.missing_analyses([d.id for d in docs], PIPELINE_VERSION, chash))
    results = {d.id: {s.name: s.run(d) for s in stages} for d in docs if d.id in missing}
    by_id = {d.id: d for d in docs}
    with store.transaction():
        store.add_ingest_errors([e for e in batch if isinstance(e, IngestError)], summary.run_id)
        new_ids = store.insert_documents(docs, summary.run_id)
        summary.new += len(new_ids)
        summary.duplicates += len(docs) - len(new_ids)
        for doc_id in new_ids:
            sig = signature(dedupe_text(by_id[doc_id]))
            if sig is not None and index.add_signature(doc_id, sig) is not None:
                summary.near_duplicates += 1
        for doc_id, payload in results.items():
            store.put_analysis(doc_id, PIPELINE_VERSION, chash, payload)
    summary.analysed += len(results)
    summary.analyses_skipped += len({d.id for d in docs}) - len(results)
