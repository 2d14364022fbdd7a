"""Candidate ranking at scale: gold-related FNC-1 bodies kept in the first `max_documents`.

A retrieval-only proxy for tuning `StanceSettings.document_coverage_exponent` (docs/benchmarks.md,
"Candidate ranking at scale"): the bodies of one `training/fnc1_split.json` part are analysed
(no NLP) into a copy of a base store (e.g. 50,000 generated documents), and for a seeded sample
of that part's headlines the BM25 search runs once; each ranking then orders the same hits'
documents, and the share of the headline's gold-related bodies within the first K is printed.
No stance model runs, so many rankings cost one search per headline.

Run: `python benchmarks/rank_recall.py --split train --base-store s50k.db [--headlines 300]`.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import claimgraph
from claimgraph.claims.retrieval import fts_query, query_terms, ranked_documents
from claimgraph.config import Config
from claimgraph.eval.fnc1 import read_bodies, read_stances
from claimgraph.settings import DEFAULT_SETTINGS
from claimgraph.store import Store

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "fnc1"
SPLIT = ROOT / "training" / "fnc1_split.json"
SEED = 20261201
CUTS = (100, 200, 400, 3000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="train", help="fnc1_split.json part (tune on train)")
    parser.add_argument("--headlines", type=int, default=300)
    parser.add_argument("--base-store", type=Path, help="SQLite store the bodies are added to (a copy)")
    parser.add_argument(
        "--exponents",
        type=float,
        nargs="*",
        default=[0.0, 0.5, 1.0, 2.0],
        help="StanceSettings.document_coverage_exponent values",
    )
    args = parser.parse_args()
    part = set(json.loads(SPLIT.read_text())[args.split])
    bodies = {k: v for k, v in read_bodies(DATA / "train_bodies.csv").items() if k in part}
    related: dict[str, set[str]] = defaultdict(set)
    for p in read_stances(DATA / "train_stances.csv"):
        if p.body_id in part and p.stance != "unrelated":
            related[p.headline].add(p.body_id)
    heads = sorted(related)
    random.Random(SEED).shuffle(heads)
    heads = sorted(heads[: args.headlines])
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bodies.jsonl"
        corpus.write_text(
            "".join(json.dumps({"text": t, "outlet": f"body-{k}"}) + "\n" for k, t in sorted(bodies.items())),
            encoding="utf-8",
        )
        db = Path(tmp) / "rank.db"
        if args.base_store:
            shutil.copyfile(args.base_store, db)
        claimgraph.analyze([corpus], db=db, config=Config(analyse_nlp=False))
        stance = DEFAULT_SETTINGS.stance
        with sqlite3.connect(db) as raw:
            rows = raw.execute("SELECT id, outlet FROM documents WHERE outlet LIKE 'body-%'").fetchall()
        body_of = {d: outlet.removeprefix("body-") for d, outlet in rows}
        with Store.open(db, create=False) as store:
            t0 = time.process_time()
            hits = {h: store.search_passages(fts_query(query_terms(h)), stance.max_passages) for h in heads}
            search_s = time.process_time() - t0
    total = sum(len(related[h]) for h in heads)
    base = f" added to a copy of {args.base_store}" if args.base_store else ""
    print(f"{len(bodies)} {args.split} bodies{base}; {len(heads)} headlines, {total} gold-related pairs")
    print(f"searches: {search_s:.1f} s CPU")
    print(
        f"{'coverage exponent':28} "
        + " ".join(f"{'@' + str(c):>6}" for c in CUTS)
        + f" {'docs':>6} {'rank s':>6}"
    )
    for exponent in args.exponents:
        settings = replace(stance, document_coverage_exponent=exponent)
        found = dict.fromkeys(CUTS, 0)
        t0 = time.process_time()
        ranked = {h: ranked_documents(h, hits[h], settings) for h in heads}
        rank_s = time.process_time() - t0
        for h in heads:
            order = [body_of.get(c.doc_id) for c in ranked[h]]
            for cut in CUTS:
                found[cut] += len(related[h] & set(order[:cut]))
        docs = sum(len(r) for r in ranked.values()) / len(heads)
        shares = " ".join(f"{found[c] / total:6.3f}" for c in CUTS)
        print(f"{exponent:<28} {shares} {docs:6.0f} {rank_s:6.2f}")


if __name__ == "__main__":
    main()
