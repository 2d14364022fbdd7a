"""Stance model throughput on CPU: headline–body pairs per second, printed as figures.

Pairs come from the FNC-1 hold-out bodies of `training/fnc1_split.json` (read from
../shared/data/fnc1 at run time), in two mixes: the FNC-1 mix (~74% unrelated, which the cheap
first stage answers) and related pairs only (every pair goes through the cross-encoder: the worst
case). Wall-clock and CPU-time rates are printed.
Run: `.venv/bin/python benchmarks/stance_throughput.py [--pairs N] [--threads T]`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from pathlib import Path

from claimgraph.claims.stance import StanceModel
from claimgraph.eval.fnc1 import read_bodies, read_stances

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "fnc1"
SPLIT = ROOT / "training" / "fnc1_split.json"
SEED = 7


def measure(model: StanceModel, pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Pairs per wall-clock second, and per second of `threads` fully busy cores.

    The second figure divides by the process's CPU time, so it does not drop when other jobs share
    the cores; it is what an otherwise idle machine would give (bounded by the wall figure below).
    """
    wall, cpu = time.perf_counter(), time.process_time()
    model.predict(pairs)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return len(pairs) / wall, len(pairs) / (cpu / model.threads)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=2000, help="pairs per mix")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if not DATA.is_dir():
        raise SystemExit(f"{DATA}: FNC-1 data not found (needs ../shared/data/fnc1)")
    holdout = set(json.loads(SPLIT.read_text())["holdout"])
    bodies = read_bodies(DATA / "train_bodies.csv")
    labelled = [p for p in read_stances(DATA / "train_stances.csv", bodies) if p.body_id in holdout]
    random.Random(SEED).shuffle(labelled)
    mixes = {
        "fnc1 mix": labelled[: args.pairs],
        "related only": [p for p in labelled if p.stance != "unrelated"][: args.pairs],
    }
    t0 = time.perf_counter()
    model = StanceModel.load(threads=args.threads)
    print(f"load: {time.perf_counter() - t0:.2f}s, threads {args.threads}, load avg {os.getloadavg()[0]:.2f}")
    model.predict([(p.headline, bodies[p.body_id]) for p in labelled[:64]])  # warm-up
    for name, chosen in mixes.items():
        wall, busy = measure(model, [(p.headline, bodies[p.body_id]) for p in chosen])
        print(
            f"{name}: {len(chosen)} pairs, {wall:.1f} pairs/s wall-clock, {busy:.1f} pairs/s per "
            f"{args.threads} busy cores (load avg {os.getloadavg()[0]:.2f})"
        )


if __name__ == "__main__":
    main()
