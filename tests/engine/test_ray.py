"""The Ray engine: the same export as the local engines, a killed worker retried or a clean, resumable stop.

The tests start a local 2-CPU Ray cluster once (`cluster`, conftest.py; the engine joins a
running one) and need Ray installed (`.[dev]` brings it): they fail, not skip, without it.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.clean import clean
from claimgraph.cli import app
from claimgraph.cli_demo import example_inputs
from claimgraph.config import PIPELINE_VERSION, Config
from claimgraph.engine import SerialEngine
from claimgraph.engine.ray import RayEngine
from claimgraph.engine.stages import VOICES_STAGE
from claimgraph.errors import ClaimgraphError
from claimgraph.ingest import iter_raw
from claimgraph.model import Document
from claimgraph.pipeline import DOCUMENT_STAGES, cleaned, config_hash, run
from claimgraph.store import Store
from claimgraph.store.doctor import examine

EXAMPLES = example_inputs(Path(__file__).resolve().parents[2] / "src" / "claimgraph" / "example_corpus")
runner = CliRunner()


def example_documents() -> list[Document]:
    from claimgraph.config import IngestOptions

    return [d for d in cleaned(iter_raw(EXAMPLES, IngestOptions()), clean) if isinstance(d, Document)]


def export_json(db: str | Path) -> str:
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ray_export_matches_local_engines(cluster: None, tmp_path: Path) -> None:
    exports = {}
    for engine, workers in (("local", 1), ("local", 2), ("ray", 2)):
        db = tmp_path / f"{engine}{workers}.db"
        args = ["analyze", *EXAMPLES, "--db", str(db), "--engine", engine, "--workers", str(workers)]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        exports[engine, workers] = export_json(db)
    assert json.loads(exports["ray", 2])["claims"]  # the corpus stage ran on what the actors found
    assert exports["local", 1] == exports["local", 2] == exports["ray", 2]


def test_ray_unknown_engine_is_a_numbered_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", *EXAMPLES, "--db", str(tmp_path / "x.db"), "--engine", "spark"])
    assert result.exit_code == 2 and "[E013]" in result.output and "local, ray" in result.output


def test_ray_missing_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # what `import ray` sees without the package
    with pytest.raises(ClaimgraphError) as missing:
        RayEngine((VOICES_STAGE,), workers=1)
    assert missing.value.code == "E105" and "pip install 'claimgraph[ray]'" in str(missing.value)
    db = tmp_path / "x.db"
    result = runner.invoke(app, ["analyze", *EXAMPLES, "--db", str(db), "--engine", "ray"])
    assert result.exit_code == 2 and "[E105]" in result.stderr and not db.exists()


def kill(pids: list[int]) -> None:
    for pid in pids:
        os.kill(pid, signal.SIGKILL)


def test_ray_restarts_a_killed_worker_and_retries(cluster: None) -> None:
    docs = example_documents()
    batches = [(k, docs[k : k + 3]) for k in range(0, len(docs), 3)]
    engine = RayEngine((VOICES_STAGE,), workers=2, restarts=1)
    first = engine.worker_pids()

    def stream() -> Iterator[tuple[int, list[Document]]]:
        for k, batch in enumerate(batches):
            if k == 1:  # batch 0 submitted: both actors die before the next ones go out
                kill(first)
            yield batch

    try:
        got = list(engine.map_batches(stream()))
        restarted = engine.worker_pids()
    finally:
        engine.close()
    assert got == list(SerialEngine((VOICES_STAGE,)).map_batches(batches))
    assert not set(restarted) & set(first)  # new processes did the rest


def test_ray_dead_worker_stops_cleanly_and_the_run_resumes(cluster: None, tmp_path: Path) -> None:
    docs = example_documents()
    config = Config(db=str(tmp_path / "s.db"), analyse_nlp=False, batch_size=2)
    engine = RayEngine(DOCUMENT_STAGES, workers=2, restarts=0)
    pids = engine.worker_pids()

    def items() -> Iterator[Document]:
        for i, doc in enumerate(docs):
            if i == 4:  # two batches out: the actors die before the third
                kill(pids)
            yield doc

    with Store.open(config.db) as store:
        with pytest.raises(ClaimgraphError) as failed:
            run(items(), store, config, engine=engine)
        engine.close()
        stored = [d.id for d in store.iter_documents()]
        chash = config_hash(config, DOCUMENT_STAGES)
        assert store.missing_analyses(stored, PIPELINE_VERSION, chash) == []  # no half-written batch
    assert failed.value.code == "E106" and "run the same command again" in str(failed.value)
    assert 0 < len(stored) < len(docs) and len(stored) % config.batch_size == 0
    assert examine(config.db).problems == []

    resume = ["analyze", *EXAMPLES, "--db", config.db, "--no-nlp", "--engine", "ray", "--workers", "2"]
    result = runner.invoke(app, resume)
    assert result.exit_code == 0, result.output
    whole = tmp_path / "whole.db"
    assert runner.invoke(app, ["analyze", *EXAMPLES, "--db", str(whole), "--no-nlp"]).exit_code == 0
    assert export_json(Path(config.db)) == export_json(whole)
