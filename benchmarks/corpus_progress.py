"""What corpus-step progress costs (issue 11): the corpus stage rebuilt four ways on copies of one
store: no callbacks; each step's items counted (`run_corpus_stage(items=)`); and the terminal
display `analyze` shows (`cli_progress.run_progress` on a forced-terminal console writing to
/dev/null, its refresh thread included, since CPU time counts every thread), hearing step starts
only (as before steps reported items) or step starts and items.

The store is `--db` if it exists, never written (each run works on a copy); otherwise it is made
first from the first `--size` FNC-1 train bodies (`incremental.bodies`, as benchmarks/incremental.py).
Models are loaded before the first timed run; the modes run in turn, `--rounds` times.

Run: `nice python benchmarks/corpus_progress.py --db /tmp/s150.db --size 150` (prints a Markdown table).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from incremental import bodies
from rich.console import Console

import claimgraph
from claimgraph.cli_progress import run_progress
from claimgraph.corpus import CorpusContext, run_corpus_stage
from claimgraph.store import Store


def make_store(db: Path, size: int, work: Path) -> None:
    folder = work / "docs"
    folder.mkdir()
    files = []
    for body_id, text in bodies(size):
        files.append(folder / f"fnc1-body-{body_id:05d}.txt")
        files[-1].write_text(text, encoding="utf-8")
    claimgraph.analyze(files, db=db)


@contextmanager
def counted(ticks: Counter[str]) -> Iterator[dict[str, Any]]:
    def items(name: str, done: int, total: int) -> None:
        ticks[name] += 1

    yield {"items": items}


@contextmanager
def display(items: bool) -> Iterator[dict[str, Any]]:
    """`analyze`'s terminal display; without `items`, as it was before steps reported theirs."""
    with open(os.devnull, "w") as sink:
        console = Console(file=sink, force_terminal=True, width=120)
        with run_progress("analyze", console, total=None) as callbacks:
            yield {"progress": callbacks.corpus, **({"items": callbacks.items} if items else {})}


def timed_rebuild(db: Path, work: Path, context: CorpusContext, callbacks: Callable) -> tuple[float, float]:
    copy = work / "run.db"
    shutil.copy(db, copy)
    context.rebuild = True
    with Store.open(copy) as store, callbacks() as kwargs:
        cpu, wall = time.process_time(), time.perf_counter()
        run_corpus_stage(store, context, **kwargs)
        spent = time.process_time() - cpu, time.perf_counter() - wall
    copy.unlink()
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--size", type=int, default=150, help="documents, when --db is to be made")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if not args.db.exists():
            make_store(args.db, args.size, work)
        context = CorpusContext()
        context.stances(), context.verdicts(), context.sentence_embedder()  # loaded before timing
        ticks: Counter[str] = Counter()
        modes: dict[str, Callable] = {
            "no callbacks": lambda: nullcontext({}),
            "items counted": lambda: counted(ticks),
            "terminal display, step starts only": lambda: display(items=False),
            "terminal display with items": lambda: display(items=True),
        }
        spent: dict[str, list[tuple[float, float]]] = {mode: [] for mode in modes}
        for _ in range(args.rounds):
            for mode, callbacks in modes.items():
                spent[mode].append(timed_rebuild(args.db, work, context, callbacks))
    with Store.open(args.db, read_only=True) as store:
        counts = store.corpus_counts()
    per_rebuild = {step: n // args.rounds for step, n in ticks.items()}
    print(f"store: {args.db} ({counts}); items reported per rebuild: {per_rebuild}\n")
    print("| mode | corpus stage CPU s (median) | wall s (median) | runs |")
    print("|---|---|---|---|")
    for mode, runs in spent.items():
        cpu = statistics.median(c for c, _ in runs)
        wall = statistics.median(w for _, w in runs)
        print(f"| {mode} | {cpu:.1f} | {wall:.1f} | {', '.join(f'{c:.1f}' for c, _ in runs)} |")


if __name__ == "__main__":
    main()
