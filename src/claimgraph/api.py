"""The Python API: the same functions the command line calls.

import claimgraph
summary = claimgraph.analyze(["news/"], db="story.db")
with claimgraph.open_store("story.db") as corpus:
    for doc in corpus.iter_documents(): ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimgraph.config import Config
from claimgraph.corpus import CORPUS_STEPS, CorpusContext, CorpusStep, ItemProgress, StepProgress
from claimgraph.pipeline import RunSummary, cleaned, run
from claimgraph.store import Store

if TYPE_CHECKING:
    from claimgraph.claims.check import CheckResult

Corpus = Store  # the query side of the API: documents, segments, groups, analyses


def analyze(
    paths: Iterable[str | Path],
    db: str | Path | None = None,
    config: Config | None = None,
    progress: Callable[[RunSummary], None] | None = None,
    *,
    priors: Mapping[str, float] | None = None,
    corpus: CorpusContext | None = None,
    corpus_progress: StepProgress | None = None,
    corpus_items: ItemProgress | None = None,
    rebuild: bool = False,
    corpus_steps: Sequence[CorpusStep] = CORPUS_STEPS,
) -> RunSummary:
    """Read `paths` (files, folders, "-") into the store at `db` (default: `config.db`, claimgraph.db).

    Bad inputs do not raise: they are listed in `RunSummary.errors` and recorded in the store.
    `priors` (outlet -> prior reliability, see `claimgraph.verdicts.load_priors`) are kept in
    the store and used by this and later runs' verdicts. The corpus stage updates what the new
    documents touch (skipped when there are none); `rebuild` recomputes all of it.
    `corpus_progress` hears each corpus step start, `corpus_items` each step's own progress
    (`claimgraph.corpus.run_corpus_stage`); `corpus_steps` runs fewer of its steps (`pipeline.run`).
    """
    # Imported on use: trafilatura and the readers take a second to load, and `--help` should not.
    from claimgraph.clean import clean
    from claimgraph.ingest import iter_raw

    config = config or Config()
    if db is not None:
        config = replace(config, db=str(db))
    corpus = corpus or CorpusContext(workers=config.workers)
    corpus.rebuild = rebuild or corpus.rebuild
    if priors is not None:
        corpus.priors = priors
    ingest = replace(config.ingest, exclude=config.ingest.exclude | store_files(config.db))
    with Store.open(config.db) as store:
        return run(
            cleaned(iter_raw(paths, ingest), clean),
            store,
            config,
            progress,
            corpus=corpus,
            corpus_progress=corpus_progress,
            corpus_items=corpus_items,
            corpus_steps=corpus_steps,
        )


STORE_FILE_SUFFIXES = ("", "-wal", "-shm", "-journal")  # SQLite's database and its side files


def store_files(db: str | Path) -> frozenset[str]:
    """The files of a file-backed store: never read back as documents when it sits in the input."""
    text = str(db)
    if "://" in text or text == ":memory:":
        return frozenset()
    base = Path(text).expanduser().resolve()
    return frozenset(str(base) + suffix for suffix in STORE_FILE_SUFFIXES)


def check(claim: str, db: str | Path | Store = "claimgraph.db", **options: Any) -> CheckResult:
    """Judge any claim on a store: stances of every outlet and quoted speaker, verdict, history.

    Options: `as_of` (YYYY-MM-DD), `track`, `settings`; see `claimgraph.claims.check.check`.
    """
    from claimgraph.claims.check import check as check_claim  # loads the models only when used

    return check_claim(claim, db, **options)


def open_store(db: str | Path = "claimgraph.db") -> Store:
    """Open an existing store read-only (it is never changed); a missing file is a clear error."""
    return Store.open(db, read_only=True)
