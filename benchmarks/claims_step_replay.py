"""The incremental claims step alone (issue 11): replay +K documents on a copy of a stored
N-document store, run the corpus stage's actors and claims steps only, and print the claims
step's CPU seconds; `--dump` writes what the step stored (claims, members, the claim index
tables), so that two versions of the code can be checked to store the same (`cmp`).

The store is never written: it is copied (SQLite backup) to a temporary folder first. `--files`
lists the text files, one a line: the first N are in the store, the next K are added (as
`benchmarks/incremental_pairs.py`, which replays the whole stage). The later steps (stances,
contradictions, verdicts) are left out: they read what the claims step wrote, and cost 40 s a run.

Run: `nice python benchmarks/claims_step_replay.py --store s1000.db --files files1000.txt --size 1000`.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import sqlite3
import tempfile
import time
from pathlib import Path

from incremental import StepClock, add_replay_arguments, copy_store, replay_files

import claimgraph
from claimgraph import corpus, pipeline
from claimgraph.corpus import CorpusContext

STEPS = ("actors", "claims")
TABLES = ("claims", "claim_members", "claim_clusters", "cluster_facts", "cluster_buckets", "triple_facts")


def dump_tables(db: Path) -> str:
    """Every row of the tables the claims step writes, sorted, as JSON."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = {t: sorted(repr(tuple(r)) for r in conn.execute(f"SELECT * FROM {t}")) for t in TABLES}
    finally:
        conn.close()
    return json.dumps(tables)


def replay(store: Path, files: list[Path], size: int, added: int, dump: Path | None) -> None:
    steps = tuple(s for s in corpus.CORPUS_STEPS if s.name in STEPS)
    pipeline.run_corpus_stage = functools.partial(corpus.run_corpus_stage, steps=steps)  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "replay.db"
        copy_store(store, db)
        context, clock = CorpusContext(), StepClock()
        cpu = time.process_time()
        claimgraph.analyze(files[size : size + added], db=db, corpus=context, corpus_progress=clock)
        cpu = time.process_time() - cpu
        rows = dump_tables(db)
    delta = context.delta
    assert delta is not None and not delta.rebuild, "the store had no corpus state: not a +K run"
    print(
        f"+{added} on {size} documents: {cpu:.1f} s CPU (actors and claims steps only); "
        f"claims step {clock.steps['claims'][0]:.2f} s CPU; claims touched {len(delta.touched)}; "
        f"stored rows sha1 {hashlib.sha1(rows.encode()).hexdigest()}"
    )
    if dump is not None:
        dump.write_text(rows, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_replay_arguments(parser)
    parser.add_argument("--dump", type=Path, help="write the claims step's stored rows here (JSON)")
    args = parser.parse_args()
    files = replay_files(parser, args)
    replay(args.store, files, args.size, args.added, args.dump)


if __name__ == "__main__":
    main()
