"""The corpus stage at sizes a full run cannot reach here: the stances step timed on blocks of claims.

    python benchmarks/sampled_stances.py --size 50000 --keep DIR [--workers 2] [--blocks 10] \
        [--block 20] [--warmup 5] [--full] [--json F]

Why: at 10,000 generated documents the stances step is most of the corpus stage (1,314 of 1,493 s
wall, docs/benchmarks.md) and a full run took half an hour on 2 cores; at 50,000 it would take most
of a working day. Every other step runs in full here; the stances step, the one whose cost per claim
grows with the store, is timed on a sample of its claims and scaled to all of them.

Phases, each a subprocess measured by `os.wait4` (`cost_curve.measured`), in DIR:
  build   `api.analyze` of the generated corpus (`generate_corpus.py`, the seed cost_curve.py uses)
          with the corpus steps actors, claims and contradictions only: the per-document stage and
          each step timed (wall; CPU of the process and the workers it reaped), peak RSS.
  sample  the rebuild's judging order (`claims.judging_order`, computed in full and timed), then
          `--blocks` runs of `--block` consecutive claims of that order at seeded random places,
          each after `--warmup` untimed claims before it, so the step's caches hold what the
          preceding claims read, as in the full step; one judging thread, CPU per claim from
          `time.process_time`. Estimate: the order's CPU + claims x mean CPU of a timed claim, with
          a 95% interval from the spread of the block means (cluster sampling: a block's claims
          share documents, so they are not independent draws).
  full    (--full) the whole stances step as a rebuild runs it, one judging thread: what the
          estimate is checked against at the sizes where it can run.
The verdicts step is not run (it needs every stance).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from cost_curve import measured, write_corpus
from generate_corpus import DEFAULT_DATA

BUILD_STEPS = ("actors", "claims", "contradictions")


def cpu_seconds() -> float:
    """CPU of this process and of the children it reaped (the per-document stage's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build(corpus: Path, db: Path, workers: int) -> dict[str, Any]:
    """The per-document stage and the corpus steps but stances and verdicts; each one's wall and CPU."""
    from claimgraph import api
    from claimgraph.config import Config
    from claimgraph.corpus import CORPUS_STEPS
    from claimgraph.store import Store

    marks: list[tuple[str, float, float]] = [("documents", time.perf_counter(), cpu_seconds())]

    def step_started(name: str, done: int, total: int) -> None:
        marks.append((name, time.perf_counter(), cpu_seconds()))

    steps = [s for s in CORPUS_STEPS if s.name in BUILD_STEPS]
    api.analyze(
        [corpus], config=Config(db=str(db), workers=workers), corpus_steps=steps, corpus_progress=step_started
    )
    timed = {
        name: {"wall_s": round(t1 - t0, 2), "cpu_s": round(c1 - c0, 2)}
        for (name, t0, c0), (_, t1, c1) in itertools.pairwise(marks)
    }
    with Store.open(str(db)) as store:
        return {"steps": timed, "counts": store.corpus_counts()}


def sample(db: Path, blocks: int, block: int, warmup: int, seed: int) -> dict[str, Any]:
    """Blocks of consecutive claims of the judging order, each warmed up, timed claim by claim."""
    from claimgraph.claims.incremental import Delta
    from claimgraph.claims.judging_order import judging_order
    from claimgraph.claims.update import update_stances
    from claimgraph.corpus import CorpusContext, stances_judge
    from claimgraph.corpus_inputs import claims_in_order
    from claimgraph.store import Store

    context = CorpusContext(workers=1)
    context.stances()  # loaded before anything is timed
    with Store.open(str(db)) as store:
        started = time.process_time()
        order = judging_order(store, context.settings)
        order_cpu = time.process_time() - started
        span = warmup + block
        slots = random.Random(seed).sample(range(len(order) // span), min(blocks, len(order) // span))
        judge = stances_judge(store, context)
        delta = Delta(rebuild=True)
        timed: list[list[dict[str, float]]] = []
        with store.transaction():
            for slot in sorted(slots):
                _, claims = claims_in_order(store, order[slot * span : (slot + 1) * span])
                timed.append([])
                for position, claim in enumerate(claims):
                    pairs, started = judge.pairs, time.process_time()
                    update_stances([claim], delta, judge, total=1)
                    if position >= warmup:
                        timed[-1].append(
                            {"cpu_s": time.process_time() - started, "pairs": judge.pairs - pairs}
                        )
    means = [statistics.fmean(c["cpu_s"] for c in b) for b in timed]
    per_claim = statistics.fmean(c["cpu_s"] for b in timed for c in b)
    spread = 1.96 * statistics.stdev(means) / len(means) ** 0.5 if len(means) > 1 else float("nan")
    return {
        "claims": len(order),
        "order_cpu_s": round(order_cpu, 2),
        "timed_claims": sum(len(b) for b in timed),
        "cpu_per_claim_s": round(per_claim, 4),
        "pairs_per_claim": round(statistics.fmean(c["pairs"] for b in timed for c in b), 1),
        "estimate_cpu_s": round(order_cpu + len(order) * per_claim, 1),
        "interval_cpu_s": round(len(order) * spread, 1),
    }


def full(db: Path) -> dict[str, Any]:
    """The whole stances step of a rebuild, one judging thread."""
    from claimgraph.claims.incremental import Delta
    from claimgraph.corpus import CorpusContext, stances_step
    from claimgraph.store import Store

    context = CorpusContext(workers=1, delta=Delta(rebuild=True))
    context.stances()
    with Store.open(str(db)) as store, store.transaction():
        started = time.process_time()
        stances = stances_step(store, context)
        return {
            "step_cpu_s": round(time.process_time() - started, 2),
            "stances": stances,
            "pairs": context.delta.pairs_judged if context.delta else 0,
        }


def child(args: argparse.Namespace) -> None:
    """One phase in this process; its result goes to `--out` as JSON."""
    if args.phase == "build":
        result = build(args.corpus, args.db, args.workers)
    elif args.phase == "sample":
        result = sample(args.db, args.blocks, args.block, args.warmup, args.seed)
    else:
        result = full(args.db)
    args.out.write_text(json.dumps(result))


def phase(name: str, args: argparse.Namespace, corpus: Path, db: Path) -> dict[str, Any]:
    out = args.keep / f"{name}-{args.size}.json"
    command = [
        sys.executable,
        __file__,
        "--phase",
        name,
        "--corpus",
        str(corpus),
        "--db",
        str(db),
        "--out",
        str(out),
        "--workers",
        str(args.workers),
        "--blocks",
        str(args.blocks),
        "--block",
        str(args.block),
        "--warmup",
        str(args.warmup),
        "--seed",
        str(args.seed),
        "--size",
        str(args.size),
        "--keep",
        str(args.keep),
    ]
    measures, _ = measured(command)
    result = {**measures, **json.loads(out.read_text(encoding="utf-8"))}
    print(json.dumps({"phase": name, **result}), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True, help="documents to generate")
    parser.add_argument("--keep", type=Path, required=True, help="folder for the corpus, store and phases")
    parser.add_argument("--seed", type=int, default=11, help="the generator's and the sample's seed")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--workers", type=int, default=2, help="per-document stage processes")
    parser.add_argument("--blocks", type=int, default=10)
    parser.add_argument("--block", type=int, default=20, help="timed claims a block")
    parser.add_argument("--warmup", type=int, default=5, help="untimed claims before each block")
    parser.add_argument("--full", action="store_true", help="also run the whole stances step")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--phase", choices=("build", "sample", "full"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        child(args)
        return
    args.keep.mkdir(parents=True, exist_ok=True)
    corpus, db = args.keep / f"corpus-{args.size}.jsonl", args.keep / f"sampled-{args.size}.db"
    if db.exists():
        raise SystemExit(f"error: {db} exists: the build would add to it, not build it")
    write_corpus(corpus, args.size, args.seed, args.data)
    results = {
        "size": args.size,
        "build": phase("build", args, corpus, db),
        "sample": phase("sample", args, corpus, db),
    }
    if args.full:
        results["full"] = phase("full", args, corpus, db)
        estimate, measured_cpu = results["sample"]["estimate_cpu_s"], results["full"]["step_cpu_s"]
        print(
            f"stances step CPU: estimated {estimate:.0f} s, measured {measured_cpu:.0f} s "
            f"({estimate / measured_cpu - 1:+.1%})"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
