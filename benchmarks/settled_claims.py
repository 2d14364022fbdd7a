"""Settled claims (`claims/settled.py`): an incremental run's claims step with and without them,
and how far each is from a rebuild of the same documents.

Copies a stored store once per run (`incremental.copy_store`: the original is only read) and adds
the same K documents (`--batches B`: B runs of K in turn) to each copy: one exact
(`settled_documents=None`: every claim the new facts join is rebuilt from all its members'
documents) and one per `--limits` value (claims settled at that many documents), then rebuilds the
claims of the exact copy from scratch (the actors and claims steps of `analyze --rebuild`). Prints
per run: CPU seconds of the claims step and of the whole run, the documents the claims step read
(the neighbourhood), the settled claims it grew, and `claims.agreement` of its claims against the
rebuild (claim ids, facts, pairwise F1, identical claims).

The added documents are the next K of `generate_corpus.py`'s corpus after the store's `--size`
(seed 11, as `incremental_added.py`).

Run: `nice python benchmarks/settled_claims.py --store /work/stores/gen/store-1000.db --size 1000
--added 10 [--batches 5] [--limits 20 50 100]`. CPU and documents read are summed over the B runs.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from generate_corpus import DEFAULT_DATA, following
from incremental import StepClock, copy_store

import claimgraph
from claimgraph.claims import incremental_claims
from claimgraph.claims.agreement import agreement
from claimgraph.corpus import CORPUS_STEPS, CorpusContext, run_corpus_stage
from claimgraph.model import Claim
from claimgraph.settings import DEFAULT_SETTINGS, Settings
from claimgraph.store import Store


def settings_with(limit: int | None) -> Settings:
    return replace(DEFAULT_SETTINGS, build=replace(DEFAULT_SETTINGS.build, settled_documents=limit))


class HoodSpy:
    """Sums the neighbourhoods `update_claims` calls read (documents, settled claims grown)."""

    def __init__(self) -> None:
        self.documents = 0
        self.settled = 0
        self._inner = incremental_claims.update_claims

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        claims, hood = self._inner(*args, **kwargs)
        self.documents += len(hood.documents)
        self.settled += len(hood.settled)
        return claims, hood


def add(store: Path, db: Path, batches: list[Path], limit: int | None) -> dict[str, float]:
    """`batches` added one run after another to a copy of `store`; CPU and reads summed."""
    copy_store(store, db)
    context, spy = CorpusContext(settings=settings_with(limit)), HoodSpy()
    cpu = claims_cpu = 0.0
    incremental_claims.update_claims = spy
    try:
        for batch in batches:
            clock = StepClock()
            started = time.process_time()
            claimgraph.analyze([batch], db=db, corpus=context, corpus_progress=clock)
            cpu += time.process_time() - started
            claims_cpu += clock.steps["claims"][0]
    finally:
        incremental_claims.update_claims = spy._inner
    return {
        "cpu_s": round(cpu, 1),
        "claims_cpu_s": round(claims_cpu, 1),
        "documents_read": spy.documents,
        "settled_grown": spy.settled,
    }


def claims_of(db: Path) -> list[Claim]:
    with Store.open(db, read_only=True) as store:
        return store.list_claims()


def rebuilt(source: Path, db: Path) -> list[Claim]:
    """The claims of a rebuild of the same documents (the actors and claims steps only)."""
    copy_store(source, db)
    steps = [s for s in CORPUS_STEPS if s.name in ("actors", "claims")]
    with Store.open(db) as store:
        run_corpus_stage(store, CorpusContext(rebuild=True), steps=steps)
    return claims_of(db)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="store of the first --size documents")
    parser.add_argument("--size", type=int, required=True, help="documents in the store (N)")
    parser.add_argument("--added", type=int, default=10, help="documents to add per run (K)")
    parser.add_argument("--batches", type=int, default=1, help="runs adding K documents each, in turn")
    parser.add_argument("--limits", type=int, nargs="+", default=[DEFAULT_SETTINGS.build.settled_documents])
    parser.add_argument("--seed", type=int, default=11, help="the corpus's seed (as the store's)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not args.store.exists():
        raise SystemExit(f"error: {args.store} does not exist (make one with cost_curve.py --keep)")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lines = following(args.size, args.added * args.batches, args.seed, args.data)
        batches = []
        for b in range(args.batches):
            batch = folder / f"added-{b}.jsonl"
            batch.write_text("".join(lines[b * args.added : (b + 1) * args.added]), "utf-8")
            batches.append(batch)
        runs = {"exact": None, **{f"settled at {n}": n for n in args.limits}}
        figures = {
            name: add(args.store, folder / f"{k}.db", batches, n) for k, (name, n) in enumerate(runs.items())
        }
        reference = rebuilt(folder / "0.db", folder / "rebuilt.db")
        for k, (name, row) in enumerate(figures.items()):
            found = agreement(claims_of(folder / f"{k}.db"), reference)
            row.update(
                ids=round(found.ids, 3),
                facts=round(found.facts, 3),
                pairwise_f1=round(found.pairwise_f1, 3),
                identical=f"{found.identical}/{found.claims}",
            )
            rows.append({"run": name, **row})
            print(
                f"{args.batches} x +{args.added} on {args.size}, {name}: "
                + ", ".join(f"{k} {v}" for k, v in row.items())
            )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
