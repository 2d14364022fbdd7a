"""A local process pool: each worker loads the stages' models once, documents stream through.

`ProcessPoolExecutor.map` would submit the whole input at once (a 50,000-document corpus in
memory); this engine keeps at most `IN_FLIGHT_BATCHES` batches submitted and yields them in
input order, so memory stays bounded and the output is the serial engine's output.

Workers die with their parent: `kill -9` of `analyze --workers 2` used to leave the workers
(about 230 MB each, with spaCy) running under PID 1. On Linux each worker asks the kernel for
SIGKILL when its parent goes (prctl PR_SET_PDEATHSIG); everywhere, a daemon thread in each worker
polls its parent id and exits when it changes (the parent died and the worker was re-parented).
PDEATHSIG fires when the thread that started the worker ends, which is the thread that calls
`map_batches` and stays in it until the pool closes.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from claimgraph.engine import (
    K,
    Results,
    Stage,
    StageFailure,
    analyse_document,
    in_order,
    prepare_stages,
)
from claimgraph.model import Document

# Batches submitted ahead of the one being written: two keep the workers busy while the main
# process cleans the next inputs and commits the current batch; more only costs memory.
IN_FLIGHT_BATCHES = 2
# spawn, not fork: the parent has threads (rich's progress refresher, SQLite) that fork would
# copy mid-lock; spawn also behaves the same on Linux, macOS and Windows.
START_METHOD = "spawn"
PARENT_POLL_S = 0.5  # how often a worker checks that its parent is alive (the portable fallback)
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>

_stages: tuple[Stage, ...] = ()


def die_with_parent(parent: int) -> None:
    """End this process when `parent` ends (see the module docstring for why and how)."""
    if sys.platform.startswith("linux"):
        # Without prctl (an unusual libc) the watcher thread below still works.
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the kernel was asked to tell us
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="claimgraph-parent", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(PARENT_POLL_S)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(stages: tuple[Stage, ...], parent: int) -> None:
    """Runs once in each worker: die with the parent, keep the stages, load their models (spaCy)."""
    die_with_parent(parent)
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
            initargs=(stages, os.getpid()),
        )

    def map_batches(
        self, batches: Iterable[tuple[K, list[Document]]]
    ) -> Iterator[tuple[K, list[Results | StageFailure]]]:
        """Results per batch, in input order (`engine.in_order`)."""
        return in_order(batches, self._submit, _results, IN_FLIGHT_BATCHES)

    def _submit(self, docs: list[Document]) -> list[Future[Results | StageFailure]]:
        return [self._pool.submit(_work, d) for d in docs]

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _results(futures: list[Future[Results | StageFailure]]) -> list[Results | StageFailure]:
    return [f.result() for f in futures]
