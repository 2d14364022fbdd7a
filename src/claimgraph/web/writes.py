"""The write side of the web app: adding documents through the pipeline, and checking claims.

`POST /api/v1/documents` runs what `claimgraph analyze` runs, on the posted articles: cleaning
(`claimgraph.clean`), the per-document stages and the store write (`pipeline.run`), then the
corpus stage (actors, claims, stances, contradictions, verdicts) and the tracked claims. It runs
synchronously, one request at a time (the corpus stage rebuilds the whole model in one
transaction), so when the response arrives the new stances are already visible to every read.
Models (stance, verdict, embedder) are loaded once and shared by every request.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import replace
from typing import Any

from claimgraph.config import Config
from claimgraph.corpus import CorpusContext
from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import Document, IngestError, RawDocument
from claimgraph.pipeline import cleaned, run
from claimgraph.store import Store
from claimgraph.web.schemas import NewDocument


class Models:
    """The stance and verdict models and the sentence embedder, loaded on first use, shared."""

    def __init__(self) -> None:
        self._context = CorpusContext()
        self._lock = threading.Lock()

    def context(self) -> CorpusContext:
        """A fresh corpus context (its document cache must not outlive a run) with the loaded models."""
        with self._lock:
            base = self._context
            return CorpusContext(
                stance_model=base.stance_model, verdict_model=base.verdict_model, embedder=base.embedder
            )

    def keep(self, used: CorpusContext) -> None:
        """Remember the models a run loaded."""
        with self._lock:
            self._context.stance_model = used.stance_model or self._context.stance_model
            self._context.verdict_model = used.verdict_model or self._context.verdict_model
            self._context.embedder = used.embedder or self._context.embedder

    def verdicts(self) -> Any:
        with self._lock:
            return self._context.verdicts()

    def stances(self) -> Any:
        with self._lock:
            return self._context.stances()


def raw_document(item: NewDocument) -> RawDocument:
    """A posted article as a reader would yield it; its uri names the request, not a file."""
    content = item.html if item.html is not None else item.text or ""
    uri = "api:" + hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return RawDocument(
        uri=uri,
        format="html" if item.html is not None else "text",
        html=item.html,
        text=item.text,
        title=item.title,
        outlet=item.outlet,
        author=item.author,
        published=item.published.isoformat() if item.published else None,
        url=item.url,
    )


class Writer:
    """Adds documents and checks claims on the store at `db`, one write at a time."""

    def __init__(self, db: str, models: Models, config: Config | None = None) -> None:
        self.db = db
        self.models = models
        self.config = replace(config or Config(), db=db)
        self._lock = threading.Lock()

    def add_documents(self, items: list[NewDocument]) -> dict[str, Any]:
        """Clean, analyse and store the articles, then rebuild the corpus model; what happened."""
        from claimgraph.clean import clean

        started = time.perf_counter()
        raws = [raw_document(i) for i in items]
        results = list(cleaned(raws, clean))
        with self._lock:
            context = self.models.context()
            try:
                with Store.open(self.db, create=False) as store:
                    ids = [r.id for r in results if isinstance(r, Document)]
                    stored = set(store.documents_by_id(ids))
                    summary = run(results, store, self.config, corpus=context)
            except ClaimgraphError:
                raise
            except (OSError, ValueError) as exc:
                raise ClaimgraphError(Errors.E087, problem=f"{type(exc).__name__}: {exc}") from None
            self.models.keep(context)
        documents = []
        for raw, result in zip(raws, results, strict=True):
            if isinstance(result, IngestError):
                documents.append({"id": None, "uri": raw.uri, "new": False, "error": result.problem})
                continue
            documents.append({"id": result.id, "uri": raw.uri, "new": result.id not in stored})
            stored.add(result.id)  # the same article twice in one request is new once
        return {
            "run_id": summary.run_id,
            "documents": documents,
            "counts": summary.counts(),
            "errors": [str(e) for e in summary.errors],
            "visible": "now",
            "seconds": round(time.perf_counter() - started, 3),
        }

    def check(self, claim: str, as_of: str | None, track: bool) -> dict[str, Any]:
        """`claimgraph check --json` on this store, with the app's loaded models."""
        from claimgraph.api import check

        result = check(
            claim,
            self.db,
            as_of=as_of,
            track=track,
            stance_model=self.models.stances(),
            verdict_model=self.models.verdicts(),
        )
        return result.to_json()
