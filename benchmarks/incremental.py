"""The incremental corpus stage (issue 11): +10 documents on an N-document store vs the full run,
and the corpus stage's cost curve.

Documents are FNC-1 train bodies (../shared/data/fnc1/train_bodies.csv, in Body ID order, those
of 20+ words), written as text files to a temporary folder (nothing is committed). For each size
N: `analyze` N documents into a fresh store (the full run: NLP + corpus stage, timed), then
`analyze` 10 more into it (the incremental run, timed), then the same again (nothing new: the
stage is skipped). Per-step CPU and wall times of the corpus stage come from its progress
callback. The cost curve is the corpus stage rebuilt (`rebuild=True`) on each full store; the
fitted exponent is the slope of log(CPU seconds) on log(N).

Run: `nice python benchmarks/incremental.py --sizes 100 200 400` (prints a Markdown table).
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import claimgraph
from claimgraph.corpus import CorpusContext, run_corpus_stage
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
    rebuild_clock = StepClock()
    context.rebuild = True
    with Store.open(db) as store:
        rebuilt = timed(lambda: run_corpus_stage(store, context, progress=rebuild_clock))
        claims = store.corpus_counts()["claims"]
    context.rebuild = False
    return {
        "n": n,
        "full": full,
        "inc": inc,
        "again": again,
        "skipped": skipped,
        "touched": touched,
        "pairs": pairs,
        "claims": claims,
        "rebuild": rebuilt,
        "full_steps": full_clock.steps,
        "inc_steps": inc_clock.steps,
        "rebuild_steps": rebuild_clock.steps,
    }


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
        for n in args.sizes:
            results.append(one_size(n, files, work, context))
            print(f"done N={n}", file=sys.stderr, flush=True)
    print(
        "| N | claims | full run CPU / wall s | +10 docs CPU / wall s | ratio (CPU) | claims touched "
        "| pairs judged | re-run, nothing new CPU s | corpus stage rebuild CPU s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        (fc, fw), (ic, iw), (ac, _), (rc, _) = r["full"], r["inc"], r["again"], r["rebuild"]
        print(
            f"| {r['n']} | {r['claims']} | {fc:.1f} / {fw:.1f} | {ic:.1f} / {iw:.1f} | {ic / fc:.1%} "
            f"| {r['touched']} | {r['pairs']} | {ac:.1f}{' (skipped)' if r['skipped'] else ''} | {rc:.1f} |"
        )
    print("\nCorpus-stage CPU seconds per step (rebuild / +10 documents):\n")
    steps = list(results[0]["rebuild_steps"])
    print("| N | " + " | ".join(steps) + " |")
    print("|---|" + "---|" * len(steps))
    for r in results:
        cells = [
            f"{r['rebuild_steps'][s][0]:.1f} / {r['inc_steps'].get(s, (0.0, 0.0))[0]:.1f}" for s in steps
        ]
        print(f"| {r['n']} | " + " | ".join(cells) + " |")
    if len(results) > 1:
        curve = [(r["n"], r["rebuild"][0]) for r in results]
        print(f"\nCorpus stage (rebuild) CPU exponent over N={[n for n, _ in curve]}: {slope(curve):.2f}")
        for s in steps:
            exp = slope([(r["n"], r["rebuild_steps"][s][0]) for r in results])
            print(f"  {s}: N^{exp:.2f}")


if __name__ == "__main__":
    main()
