"""Ray workers writing to PostgreSQL: the serial engine's export and row counts, a killed worker
leaving only whole documents and a run that resumes, an unreachable store as one numbered error.

The workers store their own results (`engine.writes`); the driver's result writer is replaced by
one that fails, so these tests fail if the driver stored them. Full NLP on the example corpus:
the serial SQLite store is analysed once per module and is the reference.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_ray import EXAMPLES, example_documents, export_json, kill, runner

from claimgraph import pipeline
from claimgraph.cli import app
from claimgraph.config import PIPELINE_VERSION, Config
from claimgraph.engine.ray import RayEngine
from claimgraph.engine.stages import VOICES_STAGE
from claimgraph.engine.writes import ResultTarget
from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document
from claimgraph.pipeline import config_hash, document_stages, run
from claimgraph.store import Store
from claimgraph.store.doctor import examine


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The example corpus analysed by the serial engine into SQLite (full NLP)."""
    db = str(tmp_path_factory.mktemp("serial") / "serial.db")
    result = runner.invoke(app, ["analyze", *EXAMPLES, "--db", db, "--engine", "local", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def workers_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """The driver must not store results: its writer fails (the actors run their own copy)."""

    def driver_writes(*args: object) -> None:
        raise AssertionError("the driver stored a result the Ray workers should have stored")

    monkeypatch.setattr(pipeline, "store_results", driver_writes)


def counts(db: str) -> dict[str, int]:
    with Store.open(db) as store:
        return store.table_counts()


def test_ray_workers_writing_to_postgresql_match_the_serial_engine(
    cluster: None, serial: str, pg_url: str, workers_write: None
) -> None:
    args = ["analyze", *EXAMPLES, "--db", pg_url, "--engine", "ray", "--workers", "2"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert counts(pg_url) == counts(serial)  # every row of every table, none lost, none doubled
    assert counts(pg_url)["statements"] > 0
    assert export_json(pg_url) == export_json(serial)
    assert examine(pg_url).problems == []


def test_ray_worker_killed_while_writing_leaves_whole_documents_and_resumes(
    cluster: None, serial: str, pg_url: str, workers_write: None
) -> None:
    docs = example_documents()
    config = Config(db=pg_url, batch_size=2)
    stages = document_stages(config)
    engine = RayEngine(stages, workers=2, restarts=0)
    pids = engine.worker_pids()

    def items() -> Iterator[Document]:
        for i, doc in enumerate(docs):
            if i == 4:  # two batches out, the first stored: the actors die before the third
                kill(pids)
            yield doc

    with Store.open(pg_url) as store, Store.open(serial) as reference:
        with pytest.raises(ClaimgraphError) as failed:
            run(items(), store, config, engine=engine)
        engine.close()
        stored = [d.id for d in store.iter_documents()]
        missing = set(store.missing_analyses(stored, PIPELINE_VERSION, config_hash(config, stages)))
        for doc_id in stored:  # each document's results are all there, or none of them
            want = None if doc_id in missing else reference.get_document_analysis(doc_id)
            assert store.get_document_analysis(doc_id) == want, doc_id
    assert failed.value.code == "E106" and "run the same command again" in str(failed.value)
    assert 0 < len(stored) - len(missing) < len(stored) < len(docs)
    assert examine(pg_url).problems == []

    resume = ["analyze", *EXAMPLES, "--db", pg_url, "--engine", "ray", "--workers", "2"]
    result = runner.invoke(app, resume)
    assert result.exit_code == 0, result.output
    assert export_json(pg_url) == export_json(serial)
    assert {k: v for k, v in counts(pg_url).items() if k != "runs"} == {
        k: v for k, v in counts(serial).items() if k != "runs"
    }


def test_ray_worker_that_cannot_reach_the_store_is_one_numbered_error(cluster: None) -> None:
    docs = example_documents()[:2]
    engine = RayEngine((VOICES_STAGE,), workers=1)
    nowhere = ResultTarget("postgresql://claimgraph@127.0.0.1:9/none", PIPELINE_VERSION, "x", 1)
    try:
        with pytest.raises(ClaimgraphError) as failed:
            list(engine.store_batches([(0, docs)], nowhere))
    finally:
        engine.close()
    message = str(failed.value)
    assert failed.value.code == "E120" and "127.0.0.1" in message and "\n" not in message
    assert "run the same command again" in message
