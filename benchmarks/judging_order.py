"""A rebuild's stances step judged in the store's claim order and in `claims.judging_order`'s.

    python benchmarks/judging_order.py --store DIR/store-3000.db [--orders store locality]

The store is one `cost_curve.py --keep DIR` left, copied first (never written). For each order the
copy's stances step runs as a rebuild (`stances_step` with a rebuild delta, the shipped stance
model, one process), and the script prints its CPU and wall seconds, how many documents it read
from the store (`StoredInputs.reads`, its 1,024-document cache's misses), the hits and misses of
the judge's document cache and the stance model's body cache, and a sha1 of the stances table
(`corpus_memory.table_hashes`): the same in both orders, or the order is not
free. Each order runs in its own process (`--orders` one at a time), so the caches start empty.

    python benchmarks/judging_order.py --store DIR/store-10000.db --replay

`--replay` judges nothing: it plays each claim's stored candidate documents (`claim_candidates`)
through an LRU of the judge's document cache's size in both orders (the judging order computed
as the step computes it, timed) and prints its hits: seconds
of work, where judging both orders at 10,000 documents would take about an hour each (at 3,000
the replay's hits equal the judge's measured ones in both orders).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from corpus_memory import table_hashes
from incremental import copy_store
from stance_memo import lru_hits

from claimgraph.claims import judge
from claimgraph.claims import judging_order as judging
from claimgraph.corpus import CorpusContext, stances_step
from claimgraph.corpus_inputs import StoredInputs
from claimgraph.settings import DEFAULT_SETTINGS
from claimgraph.store import Store

ORDERS = ("store", "locality")


def run_one(db: Path, order: str) -> None:
    """The stances step of a rebuild on `db` in one order; prints one line."""
    if order == "store":
        judging.judging_order = lambda store, settings: store.claim_order()
    reads: list[int] = []
    original = StoredInputs.read

    def counted(self: StoredInputs, doc_ids: Sequence[str]) -> None:
        before = self.reads
        original(self, doc_ids)
        reads.append(self.reads - before)

    StoredInputs.read = counted  # type: ignore[method-assign]
    context = CorpusContext()
    with Store.open(db) as store:
        cpu, wall = time.process_time(), time.perf_counter()
        stances_step(store, context)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    documents = judge._document_bodies.cache_info()
    bodies = context.stances().body_view.cache_info()
    print(
        f"{order}: stances step {cpu:.1f} s CPU, {wall:.1f} s wall; documents read {sum(reads):,}; "
        f"judge's documents {documents.hits:,} hits / {documents.misses:,} misses; "
        f"stance bodies {bodies.hits:,} / {bodies.misses:,}; "
        f"stances {table_hashes(db, ('stances',))['stances']}",
        flush=True,
    )


def replay(db: Path) -> None:
    """Each claim's stored candidates through an LRU of `judge.DOC_CACHE_SIZE`, in both orders."""
    candidates: dict[str, list[str]] = defaultdict(list)
    with Store.open(db) as store, store.engine.connect() as conn:
        for claim_id, doc_id in conn.exec_driver_sql(
            "SELECT claim_id, doc_id FROM claim_candidates ORDER BY rowid"
        ):
            candidates[claim_id].append(doc_id)
        cpu = time.process_time()
        orders = {"store": store.claim_order(), "locality": judging.judging_order(store, DEFAULT_SETTINGS)}
        print(f"judging order computed in {time.process_time() - cpu:.1f} s CPU")
    for name, claims in orders.items():
        requests = [doc_id for claim_id in claims for doc_id in candidates[claim_id]]
        hits = lru_hits(requests, judge.DOC_CACHE_SIZE)
        print(f"{name}: {hits:,} hits / {len(requests) - hits:,} misses ({hits / len(requests):.1%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a stored store (only read)")
    parser.add_argument("--orders", nargs="+", choices=ORDERS, default=list(ORDERS))
    parser.add_argument("--replay", action="store_true", help="replay candidates through the cache only")
    parser.add_argument("--one", choices=ORDERS, help=argparse.SUPPRESS)  # the child's own order
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(args.db, args.one)
        return
    if not args.store.exists():
        raise SystemExit(f"error: {args.store} does not exist (make one with cost_curve.py --keep)")
    if args.replay:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "store.db"
            copy_store(args.store, db)
            replay(db)
        return
    for order in args.orders:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "store.db"
            copy_store(args.store, db)
            command = [sys.executable, __file__, "--store", str(args.store), "--one", order, "--db", str(db)]
            subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
