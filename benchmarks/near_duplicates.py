"""Ingest time of near-identical copies (syndicated wire copies) against distinct documents.

    python benchmarks/near_duplicates.py --sizes 1000 2000 10000

For each size N, two generated corpora (text written here, random words) go through
`claimgraph analyze --no-nlp` into a fresh store: N distinct articles, and N copies of one
article that differ in their headline and one word each (every pair is a near-duplicate, the
worst case for the near-duplicate index). Issue 12 asks that copies take at most twice the time
of distinct documents; the last columns are that ratio, in wall-clock and in CPU seconds of this
process (the CPU figure is the steadier one on a shared machine).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from claimgraph import analyze
from claimgraph.config import Config
from claimgraph.store import Store

WORDS = (
    "government officials said forces militants city border talks military cooperation airstrikes "
    "ministry statement spokesman week region security troops support offensive province capital "
    "reported according analysts conflict negotiations embassy advisers weapons coalition"
).split()
ARTICLE_WORDS = 400


def _article(rng: random.Random) -> list[str]:
    return [rng.choice(WORDS) for _ in range(ARTICLE_WORDS)]


def write_corpus(folder: Path, count: int, copies: bool, seed: int = 12) -> None:
    """`count` .txt files: distinct articles, or copies of one article with one word changed each."""
    rng = random.Random(seed)
    base = _article(rng)
    for i in range(count):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        if copies:
            words = list(base)
            words[rng.randrange(len(words))] = f"edit{i}"
        else:
            words = _article(rng)
        (sub / f"doc{i:06d}.txt").write_text(f"Wire report {i}\n\n{' '.join(words)}.\n", encoding="utf-8")


def timed_run(count: int, copies: bool) -> tuple[float, float, int, int]:
    """Wall and CPU seconds to analyse the corpus (files written beforehand), documents, groups."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        write_corpus(folder, count, copies)
        db = Path(tmp) / "store.db"
        start, cpu = time.perf_counter(), time.process_time()
        analyze([folder], db=db, config=Config(analyse_nlp=False, workers=1))
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        with Store.open(db, read_only=True) as store:
            return seconds, cpu, store.count_documents(), store.count_near_dup_groups()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000])
    args = parser.parse_args()
    print("documents  distinct_s (cpu)  copies_s (cpu)  groups  copies/distinct wall  cpu")
    for size in args.sizes:
        distinct, distinct_cpu, n_distinct, _ = timed_run(size, copies=False)
        near, near_cpu, n_near, groups = timed_run(size, copies=True)
        assert n_distinct == n_near == size, (n_distinct, n_near)
        print(
            f"{size:9d}  {distinct:8.1f} ({distinct_cpu:5.1f})  {near:6.1f} ({near_cpu:5.1f})  {groups:6d}"
            f"  {near / distinct:20.2f}  {near_cpu / distinct_cpu:4.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
