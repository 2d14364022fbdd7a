"""The incremental corpus stage (issue 11): +10 documents on an N-document store vs the full run,
and the corpus stage's cost curve.

Documents are FNC-1 train bodies (../shared/data/fnc1/train_bodies.csv, in Body ID order, those
of 20+ words), written as text files to a temporary folder (nothing is committed). For each size
N: `analyze` N documents into a fresh store (the full run: NLP + corpus stage, timed), then
`analyze` 10 more into it (the incremental run, timed), then the same again (nothing new: the
stage is skipped). Per-step CPU times of the corpus stage come from its progress callback. The
cost curve is the full run's corpus stage (the first run on a store is a rebuild) at each N; the
fitted exponent is the slope of log(CPU seconds) on log(N). One row is printed per size as it
finishes.

Run: `nice python benchmarks/incremental.py --sizes 100 200 400` (prints a Markdown table).
"""

from __future__ import annotations

import argparse
import csv
import math
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import claimgraph
from claimgraph.corpus import CorpusContext
from claimgraph.store import Store

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "fnc1" / "train_bodies.csv"
ADDED = 10


def bodies(limit: int) -> list[tuple[int, str]]:
    """(Body ID, text) of FNC-1 train bodies with 20+ words, in Body ID order; a clear error if missing."""
    if not DATA.exists():
        sys.exit(f"error: {DATA} is missing (the FNC-1 data set, see ../shared/data/fnc1/README.md)")
    csv.field_size_limit(sys.maxsize)
    with DATA.open(encoding="utf-8", newline="") as f:
        rows = [(int(r["Body ID"]), r["articleBody"]) for r in csv.DictReader(f)]
    return sorted((i, t) for i, t in rows if len(t.split()) >= 20)[:limit]


class StepClock:
    """Corpus-stage progress callback that records CPU and wall seconds per step."""

    def __init__(self) -> None:
        self.steps: dict[str, tuple[float, float]] = {}
        self._last: tuple[str, float, float] | None = None

    def __call__(self, name: str, done: int, total: int) -> None:
        now = (time.process_time(), time.perf_counter())
        if self._last is not None:
            step, cpu, wall = self._last
            self.steps[step] = (now[0] - cpu, now[1] - wall)
        self._last = (name, *now)


def copy_store(store: Path, db: Path) -> None:
    """`store` copied to `db` through SQLite's backup API, the original opened read-only (the
    replays of `incremental_pairs.py` and `claims_step_replay.py` never write a stored store)."""
    source = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    target = sqlite3.connect(db)
    source.backup(target)
    source.close()
    target.close()


def add_replay_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of a +K replay on a stored N-document store (`incremental_pairs.py`,
    `claims_step_replay.py`, `caps_tolerance.py`)."""
    parser.add_argument("--store", type=Path, required=True, help="an N-document store (only read)")
    parser.add_argument("--files", type=Path, required=True, help="text files, one a line")
    parser.add_argument("--size", type=int, required=True, help="N: the first N files are in the store")
    parser.add_argument("--added", type=int, default=10)


def replay_files(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[Path]:
    """The files `--files` lists, checked to hold N + K and the store to exist."""
    files = [Path(line) for line in args.files.read_text(encoding="utf-8").split("\n") if line.strip()]
    if len(files) < args.size + args.added:
        parser.error(f"{args.files} lists {len(files)} files, fewer than {args.size} + {args.added}")
    if not args.store.exists():
        parser.error(f"{args.store} does not exist")
    return files


def timed(run: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - cpu, time.perf_counter() - wall


def one_size(n: int, files: list[Path], work: Path, context: CorpusContext) -> dict[str, object]:
    db = work / f"store-{n}.db"
    full_clock, inc_clock = StepClock(), StepClock()
    full = timed(lambda: claimgraph.analyze(files[:n], db=db, corpus=context, corpus_progress=full_clock))
    inc = timed(
        lambda: claimgraph.analyze(files[n : n + ADDED], db=db, corpus=context, corpus_progress=inc_clock)
    )
    delta = context.delta
    touched, pairs = (len(delta.touched), delta.pairs_judged) if delta else (0, 0)
    again = timed(lambda: claimgraph.analyze(files[: n + ADDED], db=db, corpus=context))
    skipped = bool(context.delta and not context.delta.new_docs and not context.delta.rebuild)
    with Store.open(db) as store:
        claims = store.corpus_counts()["claims"]
    return {
        "n": n,
        "full": full,
        "inc": inc,
        "again": again,
        "skipped": skipped,
        "touched": touched,
        "pairs": pairs,
        "claims": claims,
        "full_steps": full_clock.steps,
        "inc_steps": inc_clock.steps,
    }


def row(r: dict) -> str:
    (fc, fw), (ic, iw), (ac, _) = r["full"], r["inc"], r["again"]
    stage = sum(cpu for cpu, _ in r["full_steps"].values())
    steps = " ".join(
        f"{s} {r['full_steps'][s][0]:.1f}/{r['inc_steps'].get(s, (0.0, 0.0))[0]:.1f}" for s in r["full_steps"]
    )
    return (
        f"| {r['n']} | {r['claims']} | {fc:.1f} / {fw:.1f} | {stage:.1f} | {ic:.1f} / {iw:.1f} "
        f"| {ic / fc:.1%} "
        f"| {r['touched']} | {r['pairs']} | {ac:.1f}{' (skipped)' if r['skipped'] else ''} | {steps} |"
    )


def slope(points: list[tuple[int, float]]) -> float:
    xs, ys = [math.log(n) for n, _ in points], [math.log(max(t, 1e-6)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 400])
    args = parser.parse_args()
    texts = bodies(max(args.sizes) + ADDED)
    context = CorpusContext()  # models loaded once for every run
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "docs"
        folder.mkdir()
        files = []
        for body_id, text in texts:
            path = folder / f"fnc1-body-{body_id:05d}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(path)
        print(
            "| N | claims | full run CPU / wall s | its corpus stage CPU s | +10 docs CPU / wall s "
            "| ratio (CPU) | claims touched | pairs judged | re-run, nothing new, CPU s "
            "| corpus-stage CPU s per step, full / +10 |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|", flush=True)
        for n in args.sizes:
            results.append(one_size(n, files, work, context))
            print(row(results[-1]), flush=True)
    if len(results) > 1:
        curve = [(r["n"], sum(cpu for cpu, _ in r["full_steps"].values())) for r in results]
        print(f"\nCorpus stage (full run) CPU exponent over N={[n for n, _ in curve]}: {slope(curve):.2f}")
        for s in results[0]["full_steps"]:
            print(f"  {s}: N^{slope([(r['n'], r['full_steps'][s][0]) for r in results]):.2f}")


if __name__ == "__main__":
    main()
