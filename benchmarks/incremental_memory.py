"""Peak memory of an incremental run (issue 11: "peak RSS at 100k documents <= 1.3x peak at 10k";
a store that grows by a few articles is the issue's main use).

Copies a stored store (`incremental.copy_store`: the original is only read), adds K documents
with `claimgraph.analyze([added], db=copy, corpus=CorpusContext())` and prints: peak RSS of the
run (VmHWM, reset after the copy and `--prime` through /proc/self/clear_refs, so it is the run's
own), the RSS before the run, the highest RSS sampled while each corpus step ran and at its end
(`corpus_memory.RssSampler`; "before" is the per-document stage), CPU and wall seconds per step,
and a sha1 of the corpus tables and the incremental state afterwards (`corpus_memory.table_hashes`):
the same store and added documents give the same hashes whatever the code's memory.

The added documents are the next K of `generate_corpus.py`'s corpus after the store's `--size`
(seed 11, as `incremental_added.py`), or the records of `--records FILE` (JSONL). `--prime`: a
store from before migration 0010 gets its claims' retrieval scores first (`caps_tolerance.prime`).
`--exact`: without settled claims (`claims/settled.py`), every claim the new facts join rebuilt.

Run: `nice python benchmarks/incremental_memory.py --store /work/wt/stores/cost12/store-1000.db
--size 1000 --added 10` (`--json FILE` also writes the figures).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from corpus_memory import TABLES, RssSampler, print_steps, status_kb, table_hashes
from generate_corpus import DEFAULT_DATA, following
from incremental_added import copy_primed
from settled_claims import settings_with

import claimgraph
from claimgraph.corpus import CorpusContext

# the corpus tables, and what an incremental run keeps for the next (stances' retrieval, truth state)
HASHED = (*TABLES, "claim_candidates", "claim_retrieval", "truth_votes", "truth_claims", "truth_holders")


def reset_peak() -> None:
    """Start VmHWM again from the current RSS (Linux >= 4.0: "5" to /proc/self/clear_refs)."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
        f.write("5")


def added_records(args: argparse.Namespace) -> list[str]:
    """The added documents as JSONL lines."""
    if args.records is not None:
        lines = args.records.read_text(encoding="utf-8").splitlines(keepends=True)
        return lines[: args.added]
    return following(args.size, args.added, args.seed, args.data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a stored store (only read)")
    parser.add_argument("--size", type=int, default=0, help="generated documents in the store (N)")
    parser.add_argument("--added", type=int, default=10, help="documents to add (K)")
    parser.add_argument("--records", type=Path, help="add these JSONL records instead (the first K)")
    parser.add_argument("--seed", type=int, default=11, help="the corpus's seed (as the store's)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--prime", action="store_true", help="store retrieval scores first (untimed)")
    parser.add_argument("--exact", action="store_true", help="no settled claims (settled_documents=None)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not args.store.exists():
        parser.error(f"{args.store} does not exist")
    if args.records is None and not args.size:
        parser.error("give --size (the generated store's N) or --records")
    with tempfile.TemporaryDirectory() as tmp:
        db, corpus = Path(tmp) / "store.db", Path(tmp) / "added.jsonl"
        copy_primed(args.store, db, args.prime)
        corpus.write_text("".join(added_records(args)), encoding="utf-8")
        reset_peak()
        start_rss = status_kb("VmRSS")
        cpu, wall = time.process_time(), time.perf_counter()
        context = CorpusContext(settings=settings_with(None)) if args.exact else CorpusContext()
        with RssSampler() as sampler:
            claimgraph.analyze([corpus], db=db, corpus=context, corpus_progress=sampler.progress)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        peak = status_kb("VmHWM")
        hashes = table_hashes(db, HASHED)
    delta = context.delta
    figures = {
        "store": str(args.store),
        "added": args.added,
        "peak_rss_mb": peak / 1024,
        "start_rss_mb": start_rss / 1024,
        "cpu_s": cpu,
        "wall_s": wall,
        "claims_touched": len(delta.touched) if delta else None,
        "pairs_judged": delta.pairs_judged if delta else None,
        "claims_restanced": len(delta.restanced) if delta else None,
        "index_reads": delta.index_reads if delta else None,  # the claims step's neighbourhood
        "steps": sampler.steps(),
        "hashes": hashes,
    }
    print(
        f"+{args.added} on {args.store}: peak RSS {peak / 1024:.0f} MB (start {start_rss / 1024:.0f} MB),"
        f" CPU {cpu:.1f} s, wall {wall:.1f} s; claims touched {figures['claims_touched']},"
        f" restanced {figures['claims_restanced']}, pairs judged {figures['pairs_judged']};"
        f" claims step read {figures['index_reads']}"
    )
    print_steps(figures["steps"], hashes)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
