"""The Ray engine: per-document stages on Ray actors, on this machine or a cluster.

Each actor loads the stages' models (spaCy, the actor registry) once, in its constructor, and
then analyses chunks of documents. Batches are pulled from the reader as the pipeline asks for
them, with at most `IN_FLIGHT_BATCHES` submitted ahead, so a 100,000-document input never sits
in memory, and results come back in input order: the store is the serial engine's store.

Only the driver (the `claimgraph analyze` process) writes the store; actors return plain model
dataclasses. A killed actor is restarted by Ray and its unfinished calls are retried (stages are
pure functions of one document, so a retry is safe) up to `restarts` times; past that the run
stops with a numbered error after the batches before it were committed whole, and the same
command resumes (stored analyses are skipped).

Ray is an optional dependency (`pip install 'claimgraph[ray]'`), imported only here, on use.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from claimgraph.engine import (
    K,
    Results,
    Stage,
    StageFailure,
    analyse_document,
    in_order,
    prepare_stages,
)
from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import Document

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
        prepare_stages(stages)

    def pid(self) -> int:
        import os

        return os.getpid()

    def analyse(self, docs: list[Document]) -> list[Results | StageFailure]:
        return [analyse_document(doc, self.stages) for doc in docs]


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

    def _submit(self, docs: list[Document]) -> list[Any]:
        refs = []
        for start in range(0, len(docs), CHUNK_DOCS):
            actor = self._actors[self._next % len(self._actors)]
            self._next += 1
            refs.append(actor.analyse.remote(docs[start : start + CHUNK_DOCS]))
        return refs

    def _collect(self, refs: list[Any]) -> list[Results | StageFailure]:
        try:
            chunks = self._ray.get(refs)
        except self._ray.exceptions.RayError as exc:
            raise ClaimgraphError(Errors.E106, problem=_describe(exc)) from None
        return [result for chunk in chunks for result in chunk]

    def map_batches(
        self, batches: Iterable[tuple[K, list[Document]]]
    ) -> Iterator[tuple[K, list[Results | StageFailure]]]:
        """Results per batch, in input order (`engine.in_order`)."""
        return in_order(batches, self._submit, self._collect, IN_FLIGHT_BATCHES)

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
