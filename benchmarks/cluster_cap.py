"""The rebuild's leader clustering with and without the word-bucket cap, on a stored corpus (issue 11).

    python benchmarks/cluster_cap.py --size 10000 --keep DIR [--caps 0,64] [--json F]
    python benchmarks/cluster_cap.py --real --keep DIR ...   # every real article (real_articles.py)

Why: at 50,000 generated documents the claims step grew N^1.40, and a profile put the growth in
`claims.cluster.cluster`: its word-bucket (MinHash LSH) candidates per sentence grew with the store
(about 107 at 3,000 documents, 231 at 10,000), because leaders of look-alike sentences pile up in
the same buckets. The persistent claim index (`claims.claim_index`) skips a bucket holding more
than `BUCKET_CAP` clusters; `BuildSettings.cluster_bucket_cap` lets `cluster` do the same (256 by
default). This measures what a cap changes in the clustering and saves in time.

Builds (once, kept in DIR) the generated corpus of `cost_curve.py` (or, with `--real`, the real
articles of `real_articles.py`: FNC-1 train, ARC, PolNeAR train and dev, extraction pages; no
dev/test split is involved, nothing is tuned here) and its per-document stage only
(`api.analyze(corpus_steps=())`), then reads the free-text candidates a rebuild clusters
(`claims.build`'s texts and vectors, in its order) and clusters them once per cap (0: no cap), each
in a subprocess timed by `os.wait4`. Prints per cap: CPU seconds, clusters, exact comparisons per
sentence, and, against the uncapped clustering, the share of sentences whose cluster mates are the
same and the pairwise precision/recall of "in one cluster" (pairs counted within clusters of the
uncapped run, and of the capped run). With `--real`, also pairs of sentences in one cluster from
two FNC-1 bodies that the Emergent data (`emergent_veracity/train.csv`) ties to a rumour: how many
are on the same rumour and how many on different ones.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from cost_curve import measured, write_corpus
from generate_corpus import DEFAULT_DATA
from real_articles import _csv as read_csv
from real_articles import write_corpus as write_real_corpus


def build_store(corpus: Path, db: Path, workers: int) -> None:
    """The per-document stage alone: the claims step's inputs, no corpus step."""
    from claimgraph import api
    from claimgraph.config import Config

    api.analyze([corpus], config=Config(db=str(db), workers=workers), corpus_steps=())


def dump_inputs(db: Path, out: Path) -> None:
    """The texts and vectors a rebuild clusters, in its order (`claims.build.build`)."""
    from claimgraph.claims.build import cluster_text, embed_texts
    from claimgraph.claims.embed import load_embedder
    from claimgraph.claims.free_text import assertions
    from claimgraph.claims.text import ActorTable
    from claimgraph.corpus import CachedEmbedder
    from claimgraph.language import is_english
    from claimgraph.settings import BuildSettings
    from claimgraph.store import Store

    with Store.open(str(db)) as store:
        documents = [d for d in store.iter_documents() if is_english(d.language)]
        analyses = store.document_analyses()
        candidates = assertions(documents, analyses, ActorTable(analyses), BuildSettings())
        texts = [cluster_text(a) for a, _ in candidates]
        embedder = load_embedder()
        vectors = embed_texts(texts, CachedEmbedder(store, embedder))
        docs = [a.span.doc_id for a, _ in candidates]
    # the embedder's kind picks the clustering threshold (`BuildSettings.cluster_threshold`)
    np.savez(
        out,
        vectors=vectors,
        texts=np.array(texts, dtype=object),
        docs=np.array(docs, dtype=object),
        kind=embedder.kind,
    )


def emergent_claims(db: Path, data: Path) -> dict[str, str]:
    """Stored document id -> the Emergent claim its FNC-1 body reported (bodies Emergent tracked)."""
    import sqlite3

    by_body = {
        f"fnc1-{row['bodyId']}": row["claimId"] for row in read_csv(data / "emergent_veracity" / "train.csv")
    }
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT id, source_id FROM documents WHERE source_id LIKE 'fnc1-%'").fetchall()
    finally:
        conn.close()
    return {doc: by_body[source] for doc, source in rows if source in by_body}


def story_pairs(clusters: list[list[int]], docs: list[str], claim_of: dict[str, str]) -> dict[str, float]:
    """Pairs of sentences in one cluster from two documents that Emergent maps to claims: how many
    name the same claim and how many different ones (a proxy for precision, not a gold clustering:
    two articles on one rumour can say unrelated things)."""
    same = other = 0
    for members in clusters:
        tagged = [(docs[i], claim_of[docs[i]]) for i in members if docs[i] in claim_of]
        for k, (doc_a, claim_a) in enumerate(tagged):
            for doc_b, claim_b in tagged[k + 1 :]:
                if doc_a != doc_b:
                    same += claim_a == claim_b
                    other += claim_a != claim_b
    return {
        "same_story_pairs": same,
        "other_story_pairs": other,
        "story_precision": same / max(1, same + other),
    }


def run_cluster(inputs: Path, cap: int, out: Path) -> None:
    """Cluster the dumped inputs under one cap; clusters and comparisons to `out`."""
    from claimgraph.claims import cluster as clustering
    from claimgraph.settings import BuildSettings

    data = np.load(inputs, allow_pickle=True)
    texts, vectors = [str(t) for t in data["texts"]], data["vectors"]
    settings = dataclasses.replace(BuildSettings(), cluster_bucket_cap=cap or None)
    threshold = settings.cluster_threshold(str(data["kind"]))
    compared = 0
    exact = clustering.jaccard

    def counted(a: set[str], b: set[str]) -> float:
        nonlocal compared
        compared += 1
        return exact(a, b)

    clustering.jaccard = counted
    start = time.process_time()
    clusters = clustering.cluster(texts, vectors, threshold, settings)
    cpu = time.process_time() - start
    out.write_text(json.dumps({"cpu_s": cpu, "compared": compared, "clusters": clusters}))


def labels(clusters: list[list[int]], n: int) -> np.ndarray:
    out = np.empty(n, dtype=np.int64)
    for k, members in enumerate(clusters):
        out[members] = k
    return out


def agreement(base: list[list[int]], other: list[list[int]], n: int) -> dict[str, float]:
    """Same-mates share and pairwise precision/recall of `other` against `base`."""
    a, b = labels(base, n), labels(other, n)
    same = sum(1 for i in range(n) if set(base[a[i]]) == set(other[b[i]]))
    joint: dict[tuple[int, int], int] = {}
    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        joint[x, y] = joint.get((x, y), 0) + 1
    pairs = lambda sizes: sum(s * (s - 1) // 2 for s in sizes)  # noqa: E731
    both, in_base, in_other = pairs(joint.values()), pairs(map(len, base)), pairs(map(len, other))
    return {
        "same_mates": same / n,
        "pair_precision": both / in_other if in_other else 1.0,
        "pair_recall": both / in_base if in_base else 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=0, help="documents to generate")
    parser.add_argument("--real", action="store_true", help="every real article, not generated")
    parser.add_argument("--keep", type=Path, required=True, help="folder for the corpus, store and inputs")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--workers", type=int, default=2, help="per-document stage processes")
    parser.add_argument("--caps", default="0,64", help="bucket caps, 0 = none; the first is the base")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--phase", choices=("build", "dump", "cluster"), help=argparse.SUPPRESS)
    parser.add_argument("--cap", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.real and args.size <= 0:
        parser.error("give --size N or --real")
    args.keep.mkdir(parents=True, exist_ok=True)
    name = "real" if args.real else str(args.size)
    corpus, db = args.keep / f"corpus-{name}.jsonl", args.keep / f"documents-{name}.db"
    inputs = args.keep / f"inputs-{name}.npz"
    if args.phase == "build":
        build_store(corpus, db, args.workers)
        return
    if args.phase == "dump":
        dump_inputs(db, inputs)
        return
    if args.phase == "cluster":
        run_cluster(inputs, args.cap, args.out)
        return
    me = [sys.executable, __file__, "--size", str(args.size), "--keep", str(args.keep)]
    me += ["--real"] if args.real else []
    if not inputs.exists():
        if not db.exists():
            if args.real:
                write_real_corpus(corpus, args.keep / "unused-added.jsonl", args.data, None, 0)
            else:
                write_corpus(corpus, args.size, args.seed, args.data)
            m, _ = measured([*me, "--phase", "build", "--workers", str(args.workers)])
            print(f"per-document stage: {m['wall_s']:.0f} s wall, {m['cpu_s']:.0f} s CPU", flush=True)
        subprocess.run([*me, "--phase", "dump"], check=True)
    stored = np.load(inputs, allow_pickle=True)
    n = len(stored["texts"])
    claim_of = emergent_claims(db, args.data) if args.real else {}
    docs = [str(d) for d in stored["docs"]] if claim_of else []
    results: dict[str, Any] = {"corpus": name, "sentences": n, "caps": {}}
    base: list[list[int]] | None = None
    for cap in (int(c) for c in args.caps.split(",")):
        out = args.keep / f"clusters-{name}-{cap}.json"
        m, _ = measured([*me, "--phase", "cluster", "--cap", str(cap), "--out", str(out)])
        got = json.loads(out.read_text())
        row = {
            "cpu_s": round(got["cpu_s"], 1),
            "peak_rss_mb": m["peak_rss_mb"],
            "clusters": len(got["clusters"]),
            "compared_per_sentence": round(got["compared"] / n, 1),
        }
        if claim_of:
            row |= story_pairs(got["clusters"], docs, claim_of)
            row["story_precision"] = round(row["story_precision"], 4)
        if base is None:
            base = got["clusters"]
        else:
            row |= {k: round(v, 4) for k, v in agreement(base, got["clusters"], n).items()}
        results["caps"][cap] = row
        print(json.dumps({"corpus": name, "sentences": n, "cap": cap, **row}), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
