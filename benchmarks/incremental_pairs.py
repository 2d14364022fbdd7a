"""Where the stance pairs of a +10 run come from (issue 11): replay +K documents on a copy of a
stored N-document store and count the (claim, document) pairs judged by why each claim was
judged (`Delta.pairs_by`), with the stance model's second-stage calls and the step CPU times.

The store is never written: it is copied (SQLite backup) to a temporary folder first. `--files`
lists the text files, one a line: the first N are in the store, the next K are added. Build such
a store with `benchmarks/incremental.py`'s documents, e.g. `analyze` the first N of them.

`--timers`: CPU seconds of the stance step's non-model parts (the store's passage search, the
candidate ranking, reading and rewriting a claim's stances), by wrapping them. `--dump` writes
the stored stances, so that two versions of the code can be checked to store the same (`cmp`).
(A `--cache` prototype of two caches was measured here, then built into the engine:
`claims/retrieval.py` `text_terms`, `claims/stance.py`'s `BodyView` cache.)

Run: `nice python benchmarks/incremental_pairs.py --store s1000.db --files files1000.txt --size 1000`.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from incremental import StepClock, add_replay_arguments, copy_store, replay_files

import claimgraph
from claimgraph.claims import update
from claimgraph.claims.stance import StanceModel
from claimgraph.corpus import CorpusContext
from claimgraph.store import Store

TIMED = {
    Store: ("search_passages", "put_claim_stances", "judged_documents"),
    update: ("candidate_documents",),
}


def timed(owner: Any, name: str, seconds: Counter[str]) -> None:
    """Wrap `owner.name` to add its CPU seconds (an iterator is read whole) to `seconds[name]`."""
    inner = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        cpu = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            seconds[name] += time.process_time() - cpu

    setattr(owner, name, wrapper)


def install_timers() -> Counter[str]:
    seconds: Counter[str] = Counter()
    for owner, names in TIMED.items():
        for name in names:
            timed(owner, name, seconds)
    stances = Store.iter_stances

    def iter_stances(self: Store, *args: Any) -> Any:
        cpu = time.process_time()
        rows = list(stances(self, *args))
        seconds["iter_stances"] += time.process_time() - cpu
        return iter(rows)

    Store.iter_stances = iter_stances  # type: ignore[method-assign]
    return seconds


def counting_model() -> tuple[StanceModel, dict[str, int]]:
    """The stance model, with a count of its second-stage (cross-encoder) calls."""
    model = StanceModel.load()
    counts = {"stage2": 0}
    classify = model._classify

    def counted(texts: list[tuple[str, str]]) -> Any:
        counts["stage2"] += len(texts)
        return classify(texts)

    model._classify = counted  # type: ignore[method-assign]
    return model, counts


def replay(store: Path, files: list[Path], size: int, added: int, dump: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "replay.db"
        copy_store(store, db)
        model, counts = counting_model()
        context, clock = CorpusContext(stance_model=model), StepClock()
        cpu = time.process_time()
        claimgraph.analyze(files[size : size + added], db=db, corpus=context, corpus_progress=clock)
        cpu = time.process_time() - cpu
        if dump is not None:
            with Store.open(db, read_only=True) as stored:
                rows = sorted(
                    (s.claim_id, s.doc_id, s.holder, str(s.stance), round(s.score, 6), s.statement_id or "")
                    for s in stored.iter_stances()
                )
            dump.write_text(json.dumps(rows), encoding="utf-8")
    delta = context.delta
    assert delta is not None and not delta.rebuild, "the store had no corpus state: not a +K run"
    steps = ", ".join(f"{name} {c:.1f}" for name, (c, _) in clock.steps.items())
    print(f"+{added} on {size} documents: {cpu:.1f} s CPU; corpus steps CPU s: {steps}")
    print(
        f"claims touched {len(delta.touched)}, restanced {len(delta.restanced)}; pairs judged "
        f"{delta.pairs_judged}, second-stage model calls {counts['stage2']}"
    )
    print("| why the claim was judged | pairs |\n|---|---|")
    for why, pairs in sorted(delta.pairs_by.items(), key=lambda kv: -kv[1]):
        print(f"| {why} | {pairs:,} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_replay_arguments(parser)
    parser.add_argument("--timers", action="store_true", help="time the stance step's non-model parts")
    parser.add_argument("--dump", type=Path, help="write the stored stances here (JSON) to compare runs")
    args = parser.parse_args()
    files = replay_files(parser, args)
    seconds = install_timers() if args.timers else Counter()
    replay(args.store, files, args.size, args.added, args.dump)
    if args.timers:
        print("stance step, CPU s: " + ", ".join(f"{k} {v:.1f}" for k, v in seconds.most_common()))


if __name__ == "__main__":
    main()
