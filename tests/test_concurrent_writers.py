"""Two `claimgraph analyze` runs writing one store at once: both succeed, nothing is lost or doubled.

The example corpus is split in two (single-document files / archives and record files) and both
halves are analysed into one SQLite store at the same moment, `CLAIMGRAPH_WRITER_ROUNDS` times
(3 by default, for CI; docs/reliability.md quotes 20). Each round must end with both commands
exiting 0, every document of both halves stored exactly once, and `claimgraph doctor` clean.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from claimgraph.store import Store
from claimgraph.store.doctor import examine

ROUNDS = int(os.environ.get("CLAIMGRAPH_WRITER_ROUNDS", "3"))
CLI = "from claimgraph.cli import main; main()"
HALF_B = (".warc.gz", ".xml", ".jsonl")  # archives and record files; the rest is half A


@pytest.fixture(scope="module")
def halves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    a, b = tmp_path_factory.mktemp("half_a"), tmp_path_factory.mktemp("half_b")
    for item in files("claimgraph").joinpath("example_corpus").iterdir():
        if item.name in ("gold.json", "README.md"):
            continue
        (b if item.name.endswith(HALF_B) else a).joinpath(item.name).write_bytes(item.read_bytes())
    return a, b


def _doc_ids(db: Path) -> list[str]:
    with Store.open(str(db)) as store:
        return [d.id for d in store.iter_documents()]


def _analyze(folder: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CLI, "analyze", str(folder), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_concurrent_writers_lose_and_double_nothing(halves: tuple[Path, Path], tmp_path: Path) -> None:
    a, b = halves
    expected = []
    for half in (a, b):
        alone = tmp_path / f"{half.name}.db"
        assert _analyze(half, alone).wait() == 0
        expected += _doc_ids(alone)
    assert len(expected) == len(set(expected)), "the halves should not share documents"
    for round_number in range(ROUNDS):
        db = tmp_path / f"both-{round_number}.db"
        runs = [_analyze(a, db), _analyze(b, db)]
        outputs = [run.communicate() for run in runs]
        for run, (_out, err) in zip(runs, outputs, strict=True):
            assert run.returncode == 0, f"round {round_number}: {err[-2000:]}"
        stored = _doc_ids(db)
        assert sorted(stored) == sorted(expected), f"round {round_number}: lost or doubled documents"
        checkup = examine(str(db))
        assert checkup.ok, checkup.problems
