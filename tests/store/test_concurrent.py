"""Writers of per-document results on PostgreSQL (`store.concurrent`, `engine.writes`): several at
once lose nothing, do not wait for each other but do wait for (and hold off) the one-at-a-time
writers, and a chunk is stored whole or not at all.

Hand-built NLP results (`tests/conftest.py`), no spaCy: each test takes well under a second of
database work. Each gets empty PostgreSQL stores of its own (`pg_url`, `tests/pg_server.py`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from pg_server import fresh_database

from claimgraph.config import PIPELINE_VERSION
from claimgraph.engine import Results
from claimgraph.engine.writes import ResultTarget, store_results, write_chunk
from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document, DocumentAnalysis, IngestError
from claimgraph.store import Store
from claimgraph.store.concurrent import ConcurrentStore
from claimgraph.store.doctor import examine

DOC_IDS = [f"{i:02x}aa11bb22cc33dd" for i in range(8)]  # distinct first 8 characters: distinct statement ids
WRITERS = 4
ROUNDS = 3
WAIT_S = 30.0
CHASH = "c0ffee"  # what a writer that should not be blocked may take on a busy machine


@pytest.fixture
def nlp_docs(nlp_doc: Callable[..., Document]) -> list[Document]:
    return [nlp_doc(d) for d in DOC_IDS]


@pytest.fixture
def results(nlp_result: Callable[..., DocumentAnalysis]) -> Callable[[Document], Results]:
    """What the stages would return for one of `nlp_docs`."""
    return lambda doc: {"voices": {"segments": {}, "chars": {}}, "nlp": nlp_result(doc.id)}


def _store_documents(db: str, docs: list[Document]) -> None:
    with Store.open(db) as store:
        store.insert_documents(docs)


def _target(db: str) -> ResultTarget:
    return ResultTarget(db, PIPELINE_VERSION, CHASH, run_id=None)  # type: ignore[arg-type]


def _snapshot(db: str) -> tuple[dict[str, int], list[object]]:
    with Store.open(db) as store:
        analyses = [
            (store.get_document_analysis(d), store.get_analysis(d, PIPELINE_VERSION, CHASH)) for d in DOC_IDS
        ]
        return store.table_counts(), analyses


def _in_thread(work: Callable[[], object], failures: list[BaseException]) -> threading.Thread:
    def guarded() -> None:
        try:
            work()
        except BaseException as exc:  # reported by the test, not lost in the thread
            failures.append(exc)

    thread = threading.Thread(target=guarded, daemon=True)
    thread.start()
    return thread


def test_concurrent_writers_lose_nothing_and_double_nothing(
    pg_url: str, nlp_docs: list[Document], results: Callable[[Document], Results]
) -> None:
    reference, docs = fresh_database(), nlp_docs
    _store_documents(reference, docs)
    with Store.open(reference) as store, store.transaction():  # the driver's way: one writer
        for doc in docs:
            store_results(store, doc, results(doc), _target(reference))

    _store_documents(pg_url, docs)
    start = threading.Barrier(WRITERS)
    failures: list[BaseException] = []

    def writer(k: int) -> None:
        store = ConcurrentStore.connect(pg_url)
        mine = [docs[(2 * k + j) % len(docs)] for j in range(4)]  # every document written by two writers
        try:
            for _ in range(ROUNDS):
                start.wait(timeout=WAIT_S)
                write_chunk(store, mine, [results(d) for d in mine], _target(pg_url))
        finally:
            store.close()

    threads = [_in_thread(lambda k=k: writer(k), failures) for k in range(WRITERS)]
    for thread in threads:
        thread.join(timeout=4 * WAIT_S)
    assert not failures, failures
    assert not any(t.is_alive() for t in threads)
    counts, analyses = _snapshot(pg_url)
    assert counts["statements"] > 0 and counts["analyses"] == len(docs)
    assert (counts, analyses) == _snapshot(reference)
    assert examine(pg_url).problems == []


def test_shared_writers_run_together_and_hold_off_exclusive_ones(
    pg_url: str, nlp_docs: list[Document], results: Callable[[Document], Results]
) -> None:
    first, second = nlp_docs[0], nlp_docs[1]
    _store_documents(pg_url, nlp_docs)
    holding, release = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def hold_open() -> None:
        with ConcurrentStore.connect(pg_url) as store, store.transaction():
            write_chunk(store, [first], [results(first)], _target(pg_url))  # joins this transaction
            holding.set()
            release.wait(timeout=4 * WAIT_S)

    def shared_write() -> None:
        with ConcurrentStore.connect(pg_url) as store:
            write_chunk(store, [second], [results(second)], _target(pg_url))

    def exclusive_write() -> None:
        with Store.open(pg_url) as store:
            store.add_ingest_errors([IngestError("x.html", "exclusive")])

    holder = _in_thread(hold_open, failures)
    assert holding.wait(timeout=WAIT_S), failures
    shared = _in_thread(shared_write, failures)
    shared.join(timeout=WAIT_S)
    # The exclusive writer starts after the shared one is done: PostgreSQL queues a shared lock
    # request behind a waiting exclusive one, so starting both at once made the shared writer's
    # outcome depend on which thread asked first (it failed under load in CI).
    exclusive = _in_thread(exclusive_write, failures)
    try:
        assert not shared.is_alive()  # committed while the first writer's transaction is open
        exclusive.join(timeout=1.0)
        assert exclusive.is_alive()  # the one-at-a-time writer waits for the shared ones
    finally:
        release.set()
        holder.join(timeout=WAIT_S)
        exclusive.join(timeout=WAIT_S)
    assert not failures, failures
    assert not exclusive.is_alive()
    with Store.open(pg_url) as store:
        assert store.missing_analyses([first.id, second.id], PIPELINE_VERSION, CHASH) == []
        assert [e.problem for e in store.iter_ingest_errors()] == ["exclusive"]


def test_a_chunk_is_stored_whole_or_not_at_all(
    pg_url: str,
    nlp_docs: list[Document],
    nlp_doc: Callable[..., Document],
    nlp_result: Callable[..., DocumentAnalysis],
    results: Callable[[Document], Results],
) -> None:
    first = nlp_docs[0]
    _store_documents(pg_url, nlp_docs)
    unstored = nlp_doc("ffffffffffffffff")  # its rows name a document the store lacks
    with ConcurrentStore.connect(pg_url) as store:
        with pytest.raises(ClaimgraphError) as failed:
            write_chunk(store, [first, unstored], [results(first), results(unstored)], _target(pg_url))
        assert failed.value.code == "E043"
        assert store.get_document_analysis(first.id) is None
        assert store.missing_analyses([first.id], PIPELINE_VERSION, CHASH) == [first.id]
        write_chunk(store, [first], [results(first)], _target(pg_url))  # and again, whole
        assert store.get_document_analysis(first.id) == nlp_result(first.id)
