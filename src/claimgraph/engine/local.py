"""A local process pool: each worker loads the stages' models once, documents stream through.

`ProcessPoolExecutor.map` would submit the whole input at once (a 50,000-document corpus in
memory); this engine keeps at most `IN_FLIGHT_BATCHES` batches submitted and yields them in
input order, so memory stays bounded and the output is the serial engine's output.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from claimgraph.engine import K, Results, Stage, StageFailure, analyse_document, prepare_stages
from claimgraph.model import Document

# Batches submitted ahead of the one being written: two keep the workers busy while the main
# process cleans the next inputs and commits the current batch; more only costs memory.
IN_FLIGHT_BATCHES = 2
# spawn, not fork: the parent has threads (rich's progress refresher, SQLite) that fork would
# copy mid-lock; spawn also behaves the same on Linux, macOS and Windows.
START_METHOD = "spawn"

_stages: tuple[Stage, ...] = ()


def _init_worker(stages: tuple[Stage, ...]) -> None:
    """Runs once in each worker: keep the stages and load their models (spaCy) now."""
    global _stages
    _stages = stages
    prepare_stages(stages)


def _work(doc: Document) -> Results | StageFailure:
    return analyse_document(doc, _stages)


class LocalEngine:
    """`workers` processes, each with its own copy of the models."""

    def __init__(self, stages: tuple[Stage, ...], workers: int) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context(START_METHOD),
            initializer=_init_worker,
            initargs=(stages,),
        )

    def map_batches(
        self, batches: Iterable[tuple[K, list[Document]]]
    ) -> Iterator[tuple[K, list[Results | StageFailure]]]:
        """Results per batch, in input order; an input that fails mid-stream fails after the
        batches before it have been yielded (so the pipeline can store them)."""
        source = iter(batches)
        in_flight: deque[tuple[K, list[Future[Results | StageFailure]]]] = deque()
        failure: Exception | None = None
        exhausted = False
        while True:
            while not exhausted and failure is None and len(in_flight) < IN_FLIGHT_BATCHES:
                try:
                    key, docs = next(source)
                except StopIteration:
                    exhausted = True
                except Exception as exc:  # raised by the input stream: re-raised after draining
                    failure = exc
                else:
                    in_flight.append((key, [self._pool.submit(_work, d) for d in docs]))
            if not in_flight:
                break
            key, futures = in_flight.popleft()
            yield key, [f.result() for f in futures]
        if failure is not None:
            raise failure

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
