"""+K generated documents on a stored N-document store (issue 11: "+1,000 on 50,000 <= 10% of
the full run"): the incremental corpus stage at the sizes `incremental.py` cannot reach.

The store is one `cost_curve.py --keep DIR` left: the first N documents of `generate_corpus.py`'s
corpus (seed 11). The K added documents are the next K of the same corpus: the generator streams,
so the first N records of a larger corpus are the N-document corpus, and the added documents
carry on the same stories. The store is copied first (SQLite backup), never written. Printed: CPU
and wall seconds of the run and of each corpus step, the pairs judged by why (`Delta.pairs_by`),
and, given the full run's CPU seconds (`--full-cpu`, from the cost curve's JSON), the ratio.
`--prime`: a store from before migration 0010 gets its claims' retrieval scores first (untimed;
`caps_tolerance.prime`), as a store built by this code holds them, so that claims at the caps
are admitted by score rather than retrieved in full.

Run: `nice python benchmarks/incremental_added.py --store DIR/store-10000.db --size 10000
--added 1000 --full-cpu 4000`.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from caps_tolerance import prime
from generate_corpus import DEFAULT_DATA, following
from incremental import StepClock, copy_store, timed

import claimgraph
from claimgraph.corpus import CorpusContext
from claimgraph.settings import DEFAULT_SETTINGS


def copy_primed(store: Path, db: Path, primed: bool) -> None:
    """Copy the store (never written), and with `primed` give its claims retrieval scores first."""
    copy_store(store, db)
    if primed:
        done, left = prime(db, DEFAULT_SETTINGS)
        print(f"primed {done} claims' retrieval scores ({left} left to a full retrieval)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="store of the first --size documents")
    parser.add_argument("--size", type=int, required=True, help="documents in the store (N)")
    parser.add_argument("--added", type=int, default=1000, help="documents to add (K)")
    parser.add_argument("--seed", type=int, default=11, help="the corpus's seed (as the store's)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--full-cpu", type=float, help="the full run's CPU seconds at N, for the ratio")
    parser.add_argument("--prime", action="store_true", help="store retrieval scores first (untimed)")
    args = parser.parse_args()
    if not args.store.exists():
        raise SystemExit(f"error: {args.store} does not exist (make one with cost_curve.py --keep)")
    with tempfile.TemporaryDirectory() as tmp:
        db, corpus = Path(tmp) / "store.db", Path(tmp) / "added.jsonl"
        copy_primed(args.store, db, args.prime)
        corpus.write_text("".join(following(args.size, args.added, args.seed, args.data)), encoding="utf-8")
        context, clock = CorpusContext(), StepClock()
        cpu, wall = timed(lambda: claimgraph.analyze([corpus], db=db, corpus=context, corpus_progress=clock))
    delta = context.delta
    print(f"+{args.added} on {args.size}: {cpu:.1f} s CPU, {wall:.1f} s wall")
    for step, (step_cpu, step_wall) in clock.steps.items():
        print(f"  {step}: {step_cpu:.1f} s CPU / {step_wall:.1f} s wall")
    if delta is not None:
        print(f"  claims touched {len(delta.touched)}, pairs judged {delta.pairs_judged}: {delta.pairs_by}")
    if args.full_cpu:
        print(f"  ratio to the full run: {cpu / args.full_cpu:.1%} ({cpu:.1f} / {args.full_cpu:.1f} s CPU)")


if __name__ == "__main__":
    main()
