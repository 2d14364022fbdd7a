"""The stances step of a rebuild with and without the cross-encoder memo (issue 11, memo14).

Rebuilds a copy of a stored store (`incremental.copy_store`: the store itself is only read) and
prints, as JSON: the stances step's CPU and wall seconds (`incremental.StepClock`), the
cross-encoder's pairs asked for and model calls made, the distinct inputs among them (the exact
repeat rate), the memo's hits, the hits an LRU memo of each size in `--sizes` would have had on
this run's sequence of inputs, the CPU seconds spent inside model calls (process CPU, so
meaningful with one judging thread), and a sha1 of the stored stances
(`SELECT * FROM stances ORDER BY claim_id, ordinal`: equal hashes, identical rows).

    nice python benchmarks/stance_memo.py --store ../stores/gen/store-1000.db --memo 0
    nice python benchmarks/stance_memo.py --store ../stores/gen/store-1000.db
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
import tempfile
import time
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import incremental

import claimgraph
from claimgraph.claims import stance_layers
from claimgraph.claims.stance import MEMO_SIZE, StanceModel
from claimgraph.corpus import CorpusContext

LRU_SIZES = (256, 1024, 4096, 16384)


def stances_sha1(db: Path) -> tuple[int, str]:
    """Rows and sha1 of the stances table in a fixed order."""
    con = sqlite3.connect(db)
    rows = con.execute("SELECT * FROM stances ORDER BY claim_id, ordinal").fetchall()
    con.close()
    return len(rows), hashlib.sha1(repr(rows).encode()).hexdigest()


def lru_hits(keys: Sequence[Hashable], size: int) -> int:
    """Hits an LRU memo of `size` entries would have had on this sequence of inputs (also the
    document cache's replay in `judging_order.py`)."""
    memo: OrderedDict[Hashable, None] = OrderedDict()
    hits = 0
    for key in keys:
        if key in memo:
            hits += 1
            memo.move_to_end(key)
            continue
        memo[key] = None
        if len(memo) > size:
            memo.popitem(last=False)
    return hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a stored store (only read)")
    parser.add_argument("--memo", type=int, default=MEMO_SIZE, help="memo entries (0: off)")
    parser.add_argument("--workers", type=int, default=1, help="judging threads")
    parser.add_argument("--sizes", type=int, nargs="*", default=LRU_SIZES, help="LRU sizes to replay")
    args = parser.parse_args()
    if not args.store.exists():
        parser.error(f"{args.store} does not exist")

    model = StanceModel.load(threads=1 if args.workers > 1 else None, memo_size=args.memo)
    asked: list[bytes] = []
    evidence_bytes: dict[bytes, int] = {}  # per distinct input: its evidence string's size
    calls = [0]
    model_cpu = [0.0]  # process CPU inside model calls (all threads: onnxruntime's too)
    memo, classify = model.cross_encoder, model._classify

    def traced(headline: str, evidence: str):  # every pair the cross-encoder is asked about
        key = hashlib.blake2b(f"{headline}\0{evidence}".encode(), digest_size=16).digest()
        asked.append(key)
        evidence_bytes[key] = sys.getsizeof(evidence)
        return memo(headline, evidence)

    def counted(texts):  # every model call (a miss of the memo)
        calls[0] += len(texts)
        start = time.process_time()
        try:
            return classify(texts)
        finally:
            model_cpu[0] += time.process_time() - start

    model.cross_encoder, model._classify = traced, counted
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "copy.db"
        incremental.copy_store(args.store, db)
        clock = incremental.StepClock()
        cpu, wall = time.process_time(), time.perf_counter()
        claimgraph.analyze(
            [],
            db=db,
            corpus=CorpusContext(stance_model=model, workers=args.workers),
            rebuild=True,
            corpus_progress=clock,
        )
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        rows, sha1 = stances_sha1(db)
    distinct = len(set(asked))
    step_cpu, step_wall = clock.steps.get("stances", (0.0, 0.0))
    print(
        json.dumps(
            {
                "store": str(args.store),
                "memo": args.memo,
                "workers": args.workers,
                "rebuild_cpu_s": round(cpu, 1),
                "rebuild_wall_s": round(wall, 1),
                "stances_cpu_s": round(step_cpu, 1),
                "stances_wall_s": round(step_wall, 1),
                "asked": len(asked),
                "model_calls": calls[0],
                "model_cpu_s": round(model_cpu[0], 1),
                "distinct": distinct,
                "evidence_bytes_mean": round(sum(evidence_bytes.values()) / max(distinct, 1)),
                "repeat_rate": round(1 - distinct / len(asked), 4) if asked else 0.0,
                "memo_info": str(memo.cache_info()),
                "headline_info": str(model.headline.cache_info()),
                "body_counts_info": str(stance_layers._body_counts.cache_info()),
                "lru_hits": {size: lru_hits(asked, size) for size in args.sizes},
                "stances": rows,
                "sha1": sha1,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
