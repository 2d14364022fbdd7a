"""CI's short fuzzing budget: every coverage-guided target runs a few seconds without a crash.

The long campaign (100,000 inputs per reader) is `fuzz/run.py --runs 100000`; its figures are in
docs/reliability.md. A crash here fails the test with the input left in the artifacts folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parents[2] / "fuzz" / "run.py"
SECONDS = int(os.environ.get("CLAIMGRAPH_FUZZ_SECONDS", "3"))
TARGETS = ("html", "feed", "warc", "jsonl", "csv")


@pytest.mark.slow
@pytest.mark.parametrize("target", TARGETS)
def test_fuzz_budget_target_runs_without_crash(target: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(RUN),
            "--target",
            target,
            "--seconds",
            str(SECONDS),
            "--artifacts",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3000:]
    assert "Done" in output or "crashes=0" in output, output[-3000:]
    assert not list(tmp_path.iterdir()), "a crash input was written"


def test_fuzz_budget_hypothesis_driver_runs(tmp_path: Path) -> None:
    """The fallback driver (no atheris) runs the same target from random buffers."""
    done = subprocess.run(
        [sys.executable, str(RUN), "--target", "jsonl", "--runs", "30", "--engine", "hypothesis"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "runs=30 crashes=0 target=jsonl engine=hypothesis" in done.stdout
