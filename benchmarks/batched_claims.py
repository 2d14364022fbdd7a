"""A batched claims rebuild against the one-pass build on the same store (issue 11, batch15).

Copies a stored store (`incremental.copy_store`: the original is only read), runs the actors step
(rebuild), then builds the claims of every English document twice on that copy: in one pass
(`claims.build.build_stored`, as `corpus.claims_step` builds them, and the claim index filed:
`incremental_claims.index_rebuild`) and in
batches of B documents for each `--batch` B (`claims.batched_build.build_in_batches`, which
files the claim index anew each time). Prints, per build: CPU seconds, claims, the documents read
and the most held at once, and the batched claims' agreement with the one-pass claims
(`claims.agreement`: claim ids' Jaccard, facts held by the same claims, pairwise F1 of
co-membership, claims identical), the measures of the incremental tolerance (docs/architecture.md).
Peak memory is `corpus_memory.py --claims-only --batch B`'s (one process per figure).
`--bucket-cap N` (an experiment, docs/benchmarks.md "Batched claims rebuild"): the clusters a
claim index bucket may hold before it is skipped, 64 in the code.

Run: `cd benchmarks && nice python batched_claims.py --store /work/wt/stores/cost12/store-1000.db
--batch 100 250 1000`.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from incremental import copy_store

from claimgraph.claims import claim_index
from claimgraph.claims.agreement import agreement
from claimgraph.claims.batched_build import build_in_batches
from claimgraph.claims.build import build_stored
from claimgraph.claims.incremental import CachedEmbedder
from claimgraph.claims.incremental_claims import index_rebuild
from claimgraph.corpus import CORPUS_STEPS, CorpusContext, run_corpus_stage
from claimgraph.corpus_inputs import english_outlets
from claimgraph.settings import BuildSettings
from claimgraph.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a stored store (only read)")
    parser.add_argument("--batch", type=int, nargs="+", required=True, help="documents per batch")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--bucket-cap", type=int, help="experiment: the claim index's BUCKET_CAP for the batched builds"
    )
    args = parser.parse_args()
    if not args.store.exists():
        parser.error(f"{args.store} does not exist")
    if args.bucket_cap is not None:
        claim_index.BUCKET_CAP = args.bucket_cap
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.db"
        copy_store(args.store, db)
        with Store.open(db) as store, store.transaction():
            context = CorpusContext(rebuild=True)
            run_corpus_stage(store, context, CORPUS_STEPS[:1])
            embedder = CachedEmbedder(store, context.sentence_embedder())
            settings = BuildSettings()
            cpu = time.process_time()
            built = build_stored(store, lambda: embedder, settings)  # what a rebuild's claims step does
            index_rebuild(store, built, settings)  # the one-pass step files the index too
            reference = built.claims
            del built
            one_pass = time.process_time() - cpu
            english = sorted(english_outlets(store))
            rows.append(
                {"build": "one pass", "cpu_s": one_pass, "claims": len(reference), "documents": len(english)}
            )
            for size in args.batch:
                cpu = time.process_time()
                batched = replace(settings, rebuild_batch_documents=size)
                claims, counts = build_in_batches(store, english, embedder, batched)
                found = agreement(claims, reference)
                rows.append(
                    {
                        "build": f"batches of {size}",
                        "cpu_s": time.process_time() - cpu,
                        "claims": len(claims),
                        "batches": counts.batches,
                        "passes": counts.passes,
                        "reads": counts.reads,
                        "most_documents": counts.most_documents,
                        "ids": found.ids,
                        "facts": found.facts,
                        "pairwise_f1": found.pairwise_f1,
                        "identical": found.identical,
                    }
                )
    print(f"{args.store}: {len(english)} English documents")
    print("| build | CPU s | claims | documents read / most held | ids | facts | pairwise F1 | identical |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        if r["build"] == "one pass":
            print(f"| one pass | {r['cpu_s']:.1f} | {r['claims']} | {r['documents']} / all | — | — | — | — |")
            continue
        print(
            f"| {r['build']} | {r['cpu_s']:.1f} | {r['claims']} | {r['reads']} / {r['most_documents']} "
            f"| {r['ids']:.3f} | {r['facts']:.3f} | {r['pairwise_f1']:.3f} "
            f"| {r['identical']} of {rows[0]['claims']} |"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
