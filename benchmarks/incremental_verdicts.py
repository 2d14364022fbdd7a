"""Incremental verdicts (issue 11): the verdicts step's CPU in a +10-document run on a stored corpus,
and how far its verdicts and reliabilities are from a full verdicts step on the same stances.

Input: a store made by `analyze` on the first N files of a file list (one path a line), e.g. the
FNC-1 bodies benchmarks/incremental.py writes. The store is copied (never written); a store made
before migration 0009 first gets its truth-discovery state from one full verdicts step (timed:
the full step's CPU). Then `analyze` takes files N..N+9 into the copy with per-step CPU times
(`StepClock`), and the copy's verdicts are compared with a second copy whose verdicts step ran in
full. Run under the code before incremental verdicts (PYTHONPATH=<old checkout>/src), it prints the
step times only.

Run: `nice python benchmarks/incremental_verdicts.py STORE FILES N [--work DIR]`
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import claimgraph
from claimgraph.corpus import CorpusContext, verdicts_step
from claimgraph.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from incremental import StepClock  # benchmarks/incremental.py, next to this file

ADDED = 10


def full_verdicts(db: Path) -> float:
    """The verdicts step in full, alone (fills the truth-discovery state); its CPU seconds."""
    with Store.open(db) as store, store.transaction():
        cpu = time.process_time()
        verdicts_step(store, CorpusContext())
        return time.process_time() - cpu


def spy_counts() -> dict[str, Any]:
    """What the incremental step did (empty under code without it)."""
    seen: dict[str, Any] = {}
    try:
        from claimgraph.verdicts import incremental
    except ImportError:
        return seen
    real = incremental.update_verdicts

    def spy(store: Any, inputs: Any, changes: Any) -> int:
        written = real(store, inputs, changes)
        seen.update(changes.counts, written=written, claims=store.corpus_counts()["claims"])
        return written

    incremental.update_verdicts = spy  # type: ignore[assignment]
    return seen


def read(db: Path) -> tuple[dict[str, Any], dict[str, float], dict[str, float]]:
    with Store.open(db, read_only=True) as store:
        sources = {s.name: s.reliability for s in store.list_sources()}
        return store.list_verdicts(), sources, store.holder_reliabilities()


def compare(db: Path, work: Path) -> str:
    full = work / "full.db"
    shutil.copy(db, full)
    cpu = full_verdicts(full)
    (ours, our_sources, our_rel), (theirs, their_sources, their_rel) = read(db), read(full)
    both = ours.keys() & theirs.keys()
    labels = sum(ours[c].label == theirs[c].label for c in both)
    confidence = max((abs(ours[c].confidence - theirs[c].confidence) for c in both), default=0.0)
    explained = sum(ours[c].explanation == theirs[c].explanation for c in both)
    rel = max((abs(our_rel.get(h, -1.0) - r) for h, r in their_rel.items()), default=0.0)
    src = max((abs(our_sources.get(n, -1.0) - r) for n, r in their_sources.items()), default=0.0)
    return (
        f"vs a full verdicts step on the same stances ({cpu:.2f} s CPU): verdicts {len(ours)}/{len(theirs)}, "
        f"labels identical {labels}/{len(both)} ({labels / max(len(both), 1):.1%}), confidence max diff "
        f"{confidence:.4f}, explanations identical {explained}, holder reliability max diff {rel:.4f} "
        f"({len(their_rel)} holders), source reliability max diff {src:.4f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("files", type=Path)
    parser.add_argument("n", type=int, help="files already in the store (the first N of the list)")
    parser.add_argument("--work", type=Path, help="folder for the copies (default: a temporary one)")
    args = parser.parse_args()
    files = [Path(p) for p in args.files.read_text(encoding="utf-8").split("\n") if p]
    work = args.work or Path(tempfile.mkdtemp(prefix="incremental-verdicts-"))
    db = work / "store.db"
    shutil.copy(args.store, db)
    with Store.open(db) as store:
        ready = not hasattr(store, "has_truth_state") or store.has_truth_state()
    if not ready:
        print(f"full verdicts step to fill the truth-discovery state: {full_verdicts(db):.2f} s CPU")
    clock, seen, context = StepClock(), spy_counts(), CorpusContext()
    cpu = time.process_time()
    claimgraph.analyze(files[args.n : args.n + ADDED], db=db, corpus=context, corpus_progress=clock)
    total = time.process_time() - cpu
    steps = ", ".join(f"{name} {c:.2f}" for name, (c, _) in clock.steps.items())
    delta = context.delta
    assert delta is not None
    print(f"+{ADDED} documents on {args.n}: {total:.2f} s CPU; corpus steps CPU s: {steps}")
    print(f"claims touched {len(delta.touched)}, restanced {len(delta.restanced)}; verdicts step: {seen}")
    if seen:
        print(compare(db, work))


if __name__ == "__main__":
    main()
