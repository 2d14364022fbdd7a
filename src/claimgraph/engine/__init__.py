"""Where per-document work runs: this process, a local process pool, or a Ray cluster.

The pipeline hands an engine batches of documents and gets each batch's results back, in
the order it gave them, so the store is written in input order whatever runs the work and
a run's output does not depend on the engine.

An engine (`engine.local`, `engine.ray`) builds workers that call `prepare_stages` once
(loading spaCy and the actor registry), sends each document to `analyse_document` on a worker,
and yields batches in order with a bounded number in flight. Workers return plain model types
(dataclasses), which pickle.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import Document

K = TypeVar("K")
P = TypeVar("P")  # what an engine holds for a submitted batch (futures, object refs)
R = TypeVar("R")  # what comes back per document (stage results, or what a worker stored)


@dataclass(frozen=True, slots=True)
class Stage:
    """A per-document analysis step: a pure function of one document, stored under its name.

    Bump `version` when its output changes: the config hash includes it, so stored results of
    the old version are recomputed. `prepare` runs once per process before the first document
    (load a model); `run` and `prepare` must be module-level functions (or partials of them)
    so that a process pool can send them to its workers.
    """

    name: str
    version: str
    run: Callable[[Document], Any]
    prepare: Callable[[], Any] | None = None


@dataclass(frozen=True, slots=True)
class StageFailure:
    """A stage raised on one document: recorded as that document's error, never the run's."""

    stage: str
    problem: str


Results = dict[str, Any]  # stage name -> result, or a StageFailure


def in_order(
    batches: Iterable[tuple[K, list[Document]]],
    submit: Callable[[list[Document]], P],
    collect: Callable[[P], list[R]],
    ahead: int,
) -> Iterator[tuple[K, list[R]]]:
    """Each batch's results in input order, with at most `ahead` batches submitted and not yet
    collected (a 100,000-document input never sits in memory). An input that fails mid-stream
    is raised after the batches before it have been yielded, so the pipeline can store them."""
    source = iter(batches)
    in_flight: deque[tuple[K, P]] = deque()
    failure: Exception | None = None
    exhausted = False
    while True:
        while not exhausted and failure is None and len(in_flight) < ahead:
            try:
                key, docs = next(source)
            except StopIteration:
                exhausted = True
            except Exception as exc:  # raised by the input stream: re-raised after draining
                failure = exc
            else:
                in_flight.append((key, submit(docs)))
        if not in_flight:
            break
        key, pending = in_flight.popleft()
        yield key, collect(pending)
    if failure is not None:
        raise failure


def prepare_stages(stages: Iterable[Stage]) -> None:
    for stage in stages:
        if stage.prepare is not None:
            stage.prepare()


def analyse_document(doc: Document, stages: Iterable[Stage]) -> Results | StageFailure:
    """Every stage on one document; the first failure stands for the document."""
    results: Results = {}
    for stage in stages:
        try:
            results[stage.name] = stage.run(doc)
        except Exception as exc:  # an edge: one odd document must not stop a 50,000-document run
            return StageFailure(stage.name, f"{type(exc).__name__}: {exc}")
    return results


class Engine(Protocol):
    """Runs the stages over batches of documents; results come back batch by batch, in order."""

    def map_batches(
        self, batches: Iterable[tuple[K, list[Document]]]
    ) -> Iterator[tuple[K, list[Results | StageFailure]]]: ...

    def close(self) -> None: ...


class SerialEngine:
    """Everything in this process: no start-up cost, the right choice for small corpora."""

    def __init__(self, stages: tuple[Stage, ...]) -> None:
        self.stages = stages
        self._prepared = False

    def map_batches(
        self, batches: Iterable[tuple[K, list[Document]]]
    ) -> Iterator[tuple[K, list[Results | StageFailure]]]:
        for key, docs in batches:
            if docs and not self._prepared:
                prepare_stages(self.stages)
                self._prepared = True
            yield key, [analyse_document(d, self.stages) for d in docs]

    def close(self) -> None:
        return None


ENGINES = ("local", "ray")


def make_engine(
    stages: tuple[Stage, ...], workers: int, kind: str = "local", address: str | None = None
) -> Engine:
    """Local: a serial engine for one worker, a process pool for more. Ray: `workers` actors."""
    if kind == "ray":
        from claimgraph.engine.ray import RayEngine

        return RayEngine(stages, workers, address)
    if kind != "local":
        raise ClaimgraphError(Errors.E013, what="engine", value=kind, choices=", ".join(ENGINES))
    if workers <= 1:
        return SerialEngine(stages)
    from claimgraph.engine.local import LocalEngine

    return LocalEngine(stages, workers)
