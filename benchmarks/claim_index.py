"""The persistent claim index (issue 11): the claims step of a +K run, and how far its claims are
from a rebuild's.

FNC-1 train bodies as in `benchmarks/incremental.py` (../shared/data/fnc1/train_bodies.csv, Body
ID order, 20+ words; nothing is committed). `analyze` N documents into a fresh store, then K more
in B batches (each an incremental run: new sentences join clusters found through the index). The
claims step's CPU seconds and its lookups (`Delta.index_reads`: clusters compared, clusters and
claims read) are printed per batch; then a copy of the store is rebuilt (actors and claims
steps, `rebuild=True`) and the incremental claims are compared with the rebuild's
(`claims.agreement`: claim ids' Jaccard, facts held by the same claims, pairwise F1).

Run: `nice python benchmarks/claim_index.py --size 100 --added 10 --batches 2`.

`--synthetic S [S ...]`: the index alone at S stored clusters (random unit vectors of 384
dimensions, leaders of 12 words drawn from a Zipf vocabulary of 20,000), then 100 new sentences,
each near a random stored one: CPU seconds, clusters compared per sentence, clusters read.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
from incremental import StepClock, bodies

import claimgraph
from claimgraph.claims.agreement import agreement
from claimgraph.claims.claim_index import ClusterIndex, index_clusters
from claimgraph.corpus import CORPUS_STEPS, CorpusContext, run_corpus_stage
from claimgraph.settings import BuildSettings
from claimgraph.store import Store


def synthetic(sizes: list[int]) -> None:
    """The claim index at S stored clusters: the cost of 100 new sentences."""
    rng = np.random.default_rng(1)
    letters = "abcdefghijklmnopqrstuvwxyz"  # content words are letters only: "word12" would be "word"
    vocabulary = ["w" + "".join(letters[k // 26**i % 26] for i in range(4)) for k in range(20000)]
    zipf = 1 / np.arange(1, len(vocabulary) + 1)
    zipf /= zipf.sum()
    settings = BuildSettings()
    for size in sizes:
        base = rng.standard_normal((size, 384))
        base /= np.linalg.norm(base, axis=1, keepdims=True)
        texts = [
            " ".join(vocabulary[i] for i in rng.choice(len(vocabulary), 12, p=zipf)) for _ in range(size)
        ]
        with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "index.db") as store:
            cpu = time.process_time()
            with store.transaction():
                index_clusters(store, texts, base, [[k] for k in range(size)], settings)
            filing = time.process_time() - cpu
            cpu = time.process_time()
            index = ClusterIndex.open(store, settings, settings.cluster_threshold("minilm"))
            for _ in range(100):
                k = int(rng.integers(size))
                near = base[k] + 0.3 * rng.standard_normal(384) / np.sqrt(384)
                index.assign(texts[k], near / np.linalg.norm(near))
            cpu = time.process_time() - cpu
        print(
            f"S={size}: filing {filing:.1f} s CPU; 100 new sentences {cpu:.2f} s CPU, "
            f"{index.compared / 100:.0f} clusters compared per sentence, {index.looked_up} clusters read "
            f"(the {settings.blocking_window}-cluster window included)",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--added", type=int, default=10)
    parser.add_argument("--batches", type=int, default=1)
    parser.add_argument("--synthetic", type=int, nargs="+", default=None)
    args = parser.parse_args()
    if args.synthetic:
        synthetic(args.synthetic)
        return
    texts = bodies(args.size + args.added)
    context = CorpusContext()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = []
        for body_id, text in texts:
            path = work / f"fnc1-body-{body_id:05d}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(path)
        db = work / "store.db"
        clock = StepClock()
        claimgraph.analyze(files[: args.size], db=db, corpus=context, corpus_progress=clock)
        print(f"N={args.size}: full run claims step {clock.steps['claims'][0]:.2f} s CPU")
        step = -(-args.added // args.batches)
        for start in range(args.size, args.size + args.added, step):
            clock = StepClock()
            batch = files[start : min(start + step, args.size + args.added)]
            claimgraph.analyze(batch, db=db, corpus=context, corpus_progress=clock)
            delta = context.delta
            reads = delta.index_reads if delta else {}
            with Store.open(db, read_only=True) as store:
                held = (store.corpus_counts()["claims"], store.next_cluster_id())
            print(
                f"+{len(batch)}: claims step {clock.steps['claims'][0]:.2f} s CPU; "
                f"claims touched {len(delta.touched) if delta else 0}; {reads}; "
                f"store holds {held[0]} claims, {held[1]} clusters"
            )
        rebuilt = work / "rebuilt.db"
        shutil.copy(db, rebuilt)
        context.rebuild = True
        cpu = time.process_time()
        with Store.open(rebuilt) as store:
            run_corpus_stage(store, context, steps=CORPUS_STEPS[:2])
        cpu = time.process_time() - cpu
        with Store.open(db, read_only=True) as a, Store.open(rebuilt, read_only=True) as b:
            found = agreement(a.list_claims(), b.list_claims())
        print(f"rebuild of the {args.size + args.added} documents: actors + claims steps {cpu:.2f} s CPU")
        print(
            f"incremental vs rebuild: claim ids Jaccard {found.ids:.3f}; facts held alike {found.facts:.3f}; "
            f"pairwise F1 {found.pairwise_f1:.3f}; identical claims {found.identical} of {found.claims}"
        )


if __name__ == "__main__":
    main()
