"""Truth discovery on synthetic stance matrices with known source reliabilities and claim truth.

Prints, per seed: Spearman rank correlation of recovered vs true reliabilities (and of the outlets'
empirical accuracy given the true answers, the ceiling any estimator can reach), claim accuracy of
truth discovery with syndication folded, without it, and of a majority vote over documents.

    .venv/bin/python benchmarks/truth_discovery.py [--seeds 10] [--claims 500] [--coverage 0.25]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from claimgraph.verdicts import assess

# The synthetic corpus generator is shared with tests/test_verdicts.py and lives beside it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from synthetic_verdicts import empirical_accuracy, majority_vote, make_corpus, spearman


def _accuracy(predicted: dict[str, bool], truth: dict[str, bool]) -> float:
    return sum(predicted[c] == t for c, t in truth.items()) / len(truth)


def run(seed: int, claims: int, coverage: float) -> dict[str, float]:
    corpus = make_corpus(seed, claims=claims, coverage=coverage)
    started = time.perf_counter()
    folded = assess(corpus.claims, corpus.stances, corpus.documents, groups=corpus.groups)
    seconds = time.perf_counter() - started
    naive = assess(corpus.claims, corpus.stances, corpus.documents)
    names = sorted(corpus.reliability)
    estimated = {s.name: s.reliability for s in folded.sources}
    empirical = empirical_accuracy(corpus)
    true_r = [corpus.reliability[n] for n in names]
    return {
        "spearman": spearman(true_r, [estimated[n] for n in names]),
        "ceiling": spearman(true_r, [empirical[n] for n in names]),
        "td": _accuracy({c: p >= 0.5 for c, p in folded.estimate.posterior.items()}, corpus.truth),
        "td_unfolded": _accuracy({c: p >= 0.5 for c, p in naive.estimate.posterior.items()}, corpus.truth),
        "majority": _accuracy(majority_vote(corpus), corpus.truth),
        "iterations": folded.estimate.iterations,
        "seconds": seconds,
        "stances": len(corpus.stances),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--coverage", type=float, default=0.25)
    args = parser.parse_args()
    rows = []
    print("seed  spearman  ceiling  acc(TD)  acc(TD, no folding)  acc(majority)  iters  stances  seconds")
    for seed in range(args.seeds):
        r = run(seed, args.claims, args.coverage)
        rows.append(r)
        print(
            f"{seed:4d}  {r['spearman']:8.3f}  {r['ceiling']:7.3f}  {r['td']:7.3f}  {r['td_unfolded']:19.3f}"
            f"  {r['majority']:13.3f}  {r['iterations']:5d}  {r['stances']:7d}  {r['seconds']:7.2f}"
        )
    print(
        "mean  "
        + "  ".join(
            f"{k}={statistics.mean(r[k] for r in rows):.3f}"
            for k in ("spearman", "ceiling", "td", "td_unfolded", "majority")
        )
        + f"  min spearman={min(r['spearman'] for r in rows):.3f}"
    )


if __name__ == "__main__":
    main()
