"""The corpus stage's stances step: CPU and wall time of `analyze --rebuild` per step, and the cost
of onnxruntime's spinning threads on one-pair stance calls (issue 11).

`rebuild N`: FNC-1 train bodies as in `benchmarks/incremental.py` (the first N of 20+ words, in
Body ID order, written to a temporary folder; nothing is committed) are analysed into a store,
then `analyze --rebuild` runs on it with a per-step clock; the stances step's CPU and wall seconds
are printed with the number of (claim, document) pairs it judged.
`spinning P`: P related FNC-1 pairs (seeded shuffle) through the shipped stance model, one pair per
call with ~1 ms of Python work between calls (as in the corpus stage), with the cross-encoder's
session built with and without `session.intra_op.allow_spinning`, at 1 and 2 threads; checks that
every configuration gives the same probabilities.

Run: `nice python benchmarks/stance_step.py rebuild 150` or `... spinning 300`.
CPU time (`time.process_time`) is the figure to compare on a shared machine; wall time follows the load.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

import incremental

import claimgraph
from claimgraph import onnx_runtime
from claimgraph.claims.stance import MODEL_DIR, StanceModel
from claimgraph.corpus import CorpusContext
from claimgraph.eval.fnc1 import read_bodies, read_stances


def rebuild(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for body_id, text in incremental.bodies(n):
            path = Path(tmp) / f"fnc1-body-{body_id:05d}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(path)
        db, context = Path(tmp) / "store.db", CorpusContext()
        claimgraph.analyze(files, db=db, corpus=context)
        clock = incremental.StepClock()
        cpu, wall = incremental.timed(
            lambda: claimgraph.analyze(files, db=db, corpus=context, rebuild=True, corpus_progress=clock)
        )
        pairs = context.delta.pairs_judged if context.delta else 0
    print(f"{n} documents, load {os.getloadavg()[0]:.1f}: rebuild {cpu:.1f} s CPU / {wall:.1f} s wall")
    for step, (step_cpu, step_wall) in clock.steps.items():
        print(f"  {step}: {step_cpu:.1f} s CPU / {step_wall:.1f} s wall")
    per_pair = 1000 * clock.steps.get("stances", (0.0, 0.0))[0] / max(pairs, 1)
    print(f"  (claim, document) pairs judged: {pairs}; stances step CPU per pair {per_pair:.2f} ms")


def spinning(n: int) -> None:
    import onnxruntime as ort

    data = incremental.DATA.parent
    bodies = read_bodies(data / "train_bodies.csv")
    related = [p for p in read_stances(data / "train_stances.csv", bodies) if p.stance != "unrelated"]
    random.Random(11).shuffle(related)
    pairs = [(p.headline, bodies[p.body_id]) for p in related[:n]]
    model = StanceModel.load(threads=2)
    reference = None
    for threads in (2, 1):
        for spin in ("1", "0"):
            options = ort.SessionOptions()
            options.intra_op_num_threads, options.inter_op_num_threads = threads, 1
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            options.add_session_config_entry(onnx_runtime.SPINNING_KEY, spin)
            model.model.session = ort.InferenceSession(
                str(MODEL_DIR / onnx_runtime.MODEL_FILE), options, providers=["CPUExecutionProvider"]
            )
            model.predict(pairs[:5])  # warm-up
            cpu, wall = time.process_time(), time.perf_counter()
            probs = []
            for pair in pairs:
                probs.append(model.predict([pair])[0].probs)
                sum(i * i for i in range(20000))  # the caller's own work between calls
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            reference = reference or probs
            print(
                f"threads {threads}, spinning {'on ' if spin == '1' else 'off'}: {cpu:.2f} s CPU / "
                f"{wall:.2f} s wall, load {os.getloadavg()[0]:.1f}, same probabilities: {probs == reference}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=("rebuild", "spinning"))
    parser.add_argument("size", type=int, help="documents (rebuild) or related pairs (spinning)")
    args = parser.parse_args()
    (rebuild if args.mode == "rebuild" else spinning)(args.size)


if __name__ == "__main__":
    main()
