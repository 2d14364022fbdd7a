"""The Ray engine: per-document stages on Ray actors, on this machine or a cluster.

Each actor loads the stages' models (spaCy, the actor registry) once, in its constructor, and
then analyses chunks of documents. Batches are pulled from the reader as the pipeline asks for
them, with at most `IN_FLIGHT_BATCHES` submitted ahead, so a 100,000-document input never sits
in memory, and results come back in input order: the store is the serial engine's store.

Actors return plain model dataclasses and the driver (the `claimgraph analyze` process) writes
the store, except on PostgreSQL (`store_batches`): there each actor stores its own chunks'
results, one transaction per chunk, several actors at once (`engine.writes`, `store.concurrent`),
and returns only what it stored; the driver stores each batch's documents before sending it out
and keeps the order and the counts. A killed actor is restarted by Ray and its unfinished calls
are retried (stages are pure functions of one document and their writes replace by document, so
a retry is safe) up to `restarts` times; past that the run stops with a numbered error, every
document's results stored whole or not at all, and the same command resumes (stored analyses
are skipped).

Ray is an optional dependency (`pip install 'claimgraph[ray]'`), imported only here, on use.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from claimgraph.engine import (
    K,
    R,
    Results,
    Stage,
    StageFailure,
    analyse_document,
    in_order,
    prepare_stages,
)
from claimgraph.engine.writes import ResultTarget, Stored, WorkerStoreError, write_chunk
from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import Document
from claimgraph.store.concurrent import ConcurrentStore

IN_FLIGHT_BATCHES = 2  # as the local pool: enough to keep actors busy while the driver writes
CHUNK_DOCS = 4  # documents per actor call: small enough to spread a 64-document batch over actors
RESTARTS = 3  # times Ray restarts a dead actor and retries its unfinished calls
READY_S = 300.0  # actors must have loaded their models within this (a cluster without free CPUs)


def import_ray() -> Any:
    """The `ray` module, or a numbered error saying how to install it."""
    try:
        return importlib.import_module("ray")
    except ImportError as exc:
        raise ClaimgraphError(Errors.E105, problem=str(exc)) from None


class StageWorker:
    """One Ray actor: the stages with their models loaded once (constructor), then chunks of documents."""

    def __init__(self, stages: tuple[Stage, ...]) -> None:
        self.stages = stages
        self._store: ConcurrentStore | None = None  # connected on the first chunk to store
        prepare_stages(stages)

    def pid(self) -> int:
        import os

        return os.getpid()

    def analyse(self, docs: list[Document]) -> list[Results | StageFailure]:
        return [analyse_document(doc, self.stages) for doc in docs]

    def analyse_and_store(self, docs: list[Document], target: ResultTarget) -> list[Stored]:
        """Analyse the chunk and store its results in one transaction (`engine.writes.write_chunk`)."""
        results = self.analyse(docs)
        try:
            if self._store is None:
                self._store = ConcurrentStore.connect(target.db)
            return write_chunk(self._store, docs, results, target)
        except ClaimgraphError as exc:  # its fields do not pickle: the driver gets the message
            raise WorkerStoreError(str(exc)) from None


class RayEngine:
    """`workers` actors (one CPU each) on the Ray cluster at `address`, or on a local one.

    A local cluster is started with `workers` CPUs when Ray is not running in this process and no
    address is given, and shut down by `close`; a cluster this process did not start is left up.
    """

    def __init__(
        self, stages: tuple[Stage, ...], workers: int, address: str | None = None, restarts: int = RESTARTS
    ) -> None:
        ray = import_ray()
        self._ray = ray
        self._owns_cluster = not ray.is_initialized()
        if self._owns_cluster:
            try:
                ray.init(
                    address=address,
                    num_cpus=None if address else workers,
                    include_dashboard=False,
                    log_to_driver=False,  # workers' own logs stay in Ray's session folder
                    logging_level=logging.WARNING,  # no INFO lines among analyze's output
                )
            except Exception as exc:  # an edge: ray raises ConnectionError, RuntimeError, ValueError...
                raise ClaimgraphError(
                    Errors.E107, address=address or "local", problem=f"{type(exc).__name__}: {exc}"
                ) from None
        actor = ray.remote(num_cpus=1, max_restarts=restarts, max_task_retries=restarts)(StageWorker)
        self._actors = [actor.remote(stages) for _ in range(workers)]
        self._next = 0
        try:  # wait until every actor has loaded its models: start-up failures surface here
            ray.get([a.pid.remote() for a in self._actors], timeout=READY_S)
        except Exception as exc:  # GetTimeoutError (no free CPUs) or an actor whose models failed to load
            self.close()
            raise ClaimgraphError(Errors.E107, address=address or "local", problem=_describe(exc)) from None

    def worker_pids(self) -> list[int]:
        """Process ids of the actors (current ones: a restarted actor has a new process)."""
        return list(self._ray.get([a.pid.remote() for a in self._actors]))

    def _submit(self, docs: list[Document], target: ResultTarget | None = None) -> list[Any]:
        refs = []
        for start in range(0, len(docs), CHUNK_DOCS):
            actor = self._actors[self._next % len(self._actors)]
            self._next += 1
            chunk = docs[start : start + CHUNK_DOCS]
            refs.append(
                actor.analyse.remote(chunk)
                if target is None
                else actor.analyse_and_store.remote(chunk, target)
            )
        return refs

    def _collect(self, refs: list[Any]) -> list[Any]:
        try:
            chunks = self._ray.get(refs)
        except self._ray.exceptions.RayError as exc:
            cause = getattr(exc, "cause", None)
            if isinstance(cause, WorkerStoreError):
                raise ClaimgraphError(Errors.E120, problem=str(cause)) from None
            raise ClaimgraphError(Errors.E106, problem=_describe(exc)) from None
        return [result for chunk in chunks for result in chunk]

    def map_batches(
        self, batches: Iterable[tuple[K, list[Document]]]
    ) -> Iterator[tuple[K, list[Results | StageFailure]]]:
        """Results per batch, in input order (`engine.in_order`)."""
        return self._in_order(batches, None)

    def store_batches(
        self, batches: Iterable[tuple[K, list[Document]]], target: ResultTarget
    ) -> Iterator[tuple[K, list[Stored]]]:
        """As `map_batches`, but each actor stores its chunks' results in `target` (PostgreSQL),
        one transaction per chunk, and returns what it stored."""
        return self._in_order(batches, target)

    def _in_order(
        self, batches: Iterable[tuple[K, list[Document]]], target: ResultTarget | None
    ) -> Iterator[tuple[K, list[R]]]:
        return in_order(batches, partial(self._submit, target=target), self._collect, IN_FLIGHT_BATCHES)

    def close(self) -> None:
        for actor in self._actors:
            self._ray.kill(actor)
        self._actors = []
        if self._owns_cluster:
            self._ray.shutdown()


def _describe(exc: BaseException) -> str:
    """The first line of a Ray error (they carry whole remote tracebacks)."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"
