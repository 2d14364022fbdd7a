"""The example corpus's inputs in three batches, for tests of the incremental corpus stage."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def example_batches() -> list[list[Path]]:
    """June's stories, September's (a sidecar .json stays with its .txt), then the containers
    (WARC crawl, feed, JSON lines archive)."""
    root = Path(str(files("claimgraph").joinpath("example_corpus")))
    inputs = sorted(p for p in root.iterdir() if p.name != "gold.json")
    june = [p for p in inputs if p.name.startswith("2014-06")]
    september = [p for p in inputs if p.name.startswith("2014-09")]
    rest = [p for p in inputs if p not in june and p not in september]
    assert june and september and rest
    return [june, september, rest]
