"""A claim's passage search against the size of the passage index (issue 11): CPU per search.

    python benchmarks/generate_corpus.py 10000 /tmp/c10k.jsonl
    claimgraph analyze /tmp/c10k.jsonl --db /tmp/s10k.db --no-nlp
    python benchmarks/search_scale.py /tmp/s1k.db /tmp/s10k.db [--budget none 20000] [--queries fnc1]

Each store is searched with the same queries, built as the corpus stage and `check` build them
(`query_terms`): a seeded sample of FNC-1 headlines whose bodies are in the stance model's train
split (`--queries fnc1`, from ../shared/data/fnc1/train_stances.csv), or a seeded sample of the
store's own sentences from its first passages (`--queries sentences`, which every store built from
the same corpus prefix shares: claim-like sentences, longer than headlines). For each query
budget (`BoundedQuery`, an experiment not adopted; `none` = the OR of every word, what claimgraph
searches), it prints the CPU time of one search (choosing the words, the FTS5 query alone, the
whole search: FTS5, the hits' text, ranking documents), median and p90; the passages the query
matches; and, against `none`, the share of queries whose candidate documents (the first
`max_documents`) are identical, the mean share of them kept, and the share whose passage hits are
identical. Then the exponent of median CPU against the number of passages, fitted over the stores
(least squares in log-log). `--fnc1-store OUT.db --split dev` writes the FNC-1 dev bodies' store
(as check_vs_model.py builds it) instead. Nothing else is written.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import claimgraph
from claimgraph.claims.retrieval import candidate_documents, fts_query, query_terms, text_terms
from claimgraph.config import Config
from claimgraph.eval.fnc1 import read_bodies, read_stances
from claimgraph.settings import DEFAULT_SETTINGS
from claimgraph.store import Store

ROOT = Path(__file__).resolve().parents[1]
FNC1 = ROOT / ".." / "shared" / "data" / "fnc1" / "train_stances.csv"
SPLIT = ROOT / "training" / "fnc1_split.json"
_COUNT = "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?"
# Store.search_passages's FTS5 statement, timed alone (without fetching the hits' text)
_BOUNDED_COUNT = "SELECT count(*) FROM (SELECT 1 FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?)"
_SEARCH = "SELECT rowid, bm25(passages_fts) FROM passages_fts WHERE passages_fts MATCH ? ORDER BY 2 LIMIT ?"


class BoundedQuery:
    """The experiment (not adopted, docs/benchmarks.md): a claim's query scoring at most about
    `budget` passages. Each word's passages are counted up to `budget` (FTS5 stops there) and the
    words are taken rarest first while their counts sum within it; when even the rarest word is in
    more passages, the AND of the words. Counts are cached (a store that does not change)."""

    def __init__(self, raw: sqlite3.Connection, budget: int | None) -> None:
        self.raw, self.budget = raw, budget
        self.counts: dict[str, int] = {}

    def count(self, term: str) -> int:
        assert self.budget is not None
        if term not in self.counts:
            q = fts_query([term])
            self.counts[term] = (
                self.raw.execute(_BOUNDED_COUNT, (q, self.budget + 1)).fetchone()[0] if q else 0
            )
        return self.counts[term]

    def __call__(self, terms: list[str]) -> str:
        if self.budget is None:
            return fts_query(terms)
        ranked = sorted((n, i, t) for i, t in enumerate(terms) if (n := self.count(t)))
        chosen: set[str] = set()
        total = 0
        for n, _, t in ranked:
            if total + n > self.budget:
                break
            chosen.add(t)
            total += n
        if chosen:
            return fts_query([t for t in terms if t in chosen])
        found = {t for _, _, t in ranked}
        return " AND ".join(fts_query([t]) for t in terms if t in found)


def fnc1_headlines(sample: int, seed: int, split: str) -> list[str]:
    """A seeded sample of the headlines of FNC-1 pairs whose body is in `split`
    (training/fnc1_split.json)."""
    if not FNC1.exists():
        raise SystemExit(f"error: FNC-1 not found at {FNC1}")
    part = set(json.loads(SPLIT.read_text())[split])
    headlines = sorted({p.headline for p in read_stances(FNC1) if p.body_id in part})
    random.Random(seed).shuffle(headlines)
    return [h for h in headlines if query_terms(h)][:sample]


def fnc1_store(split: str, db: Path) -> None:
    """The bodies of an FNC-1 split analysed into a store without NLP, as check_vs_model.py's."""
    part = set(json.loads(SPLIT.read_text())[split])
    bodies = {k: v for k, v in read_bodies(FNC1.with_name("train_bodies.csv")).items() if k in part}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bodies.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            for body_id, text in sorted(bodies.items()):
                out.write(json.dumps({"text": text, "outlet": f"body-{body_id}"}) + "\n")
        claimgraph.analyze([corpus], db=db, config=Config(analyse_nlp=False))


def store_sentences(db: Path, sample: int, seed: int, pool: int) -> list[str]:
    """A seeded sample of the sentences among a store's first `pool` passages."""
    with sqlite3.connect(db) as raw:
        rows = raw.execute(
            'SELECT substr(d.text, p.start + 1, p."end" - p.start) FROM passages AS p '
            "JOIN documents AS d ON d.id = p.doc_id WHERE p.id <= ? ORDER BY p.id",
            (pool,),
        ).fetchall()
    texts = sorted({r[0] for r in rows if query_terms(r[0])})
    random.Random(seed).shuffle(texts)
    return texts[:sample]


def quantile(xs: list[float], q: float) -> float:
    return sorted(xs)[round(q * (len(xs) - 1))]


def measure(db: Path, queries: list[str], budget: int | None) -> dict[str, Any]:
    """Per query: CPU seconds (choosing the words, FTS5 alone, the whole search), passages the
    query matches, candidate documents; a fresh store and empty caches."""
    stance = DEFAULT_SETTINGS.stance
    text_terms.cache_clear()
    out: dict[str, Any] = {
        "choose": [],
        "fts": [],
        "total": [],
        "rows": [],
        "found": [],
        "hits": [],
        "and": 0,
    }
    with Store.open(db, create=False) as store, sqlite3.connect(db) as raw:
        bounded = BoundedQuery(raw, budget)
        for q in queries:
            terms = query_terms(q)
            t0 = time.process_time()
            match = bounded(terms)
            t1 = time.process_time()
            hits = store.search_passages(match, stance.max_passages) if match else []
            docs = candidate_documents(q, hits, stance)
            t2 = time.process_time()
            if match:
                raw.execute(_SEARCH, (match, stance.max_passages)).fetchall()
            out["fts"].append(time.process_time() - t2)
            out["choose"].append(t1 - t0)
            out["total"].append(t2 - t0)
            out["rows"].append(raw.execute(_COUNT, (match,)).fetchone()[0] if match else 0)
            out["found"].append({c.doc_id for c in docs})
            out["hits"].append([(h.passage.id, round(h.score, 9)) for h in hits])
            out["and"] += " AND " in match
        out["passages"] = raw.execute("SELECT count(*) FROM passages").fetchone()[0]
    return out


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares exponent of y against x in log-log."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(max(y, 1e-9)) for _, y in points]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dbs", nargs="*", type=Path, help="SQLite stores, smallest first")
    parser.add_argument("--queries", choices=("fnc1", "sentences"), default="fnc1")
    parser.add_argument("--split", default="train", help="--queries fnc1: fnc1_split.json part")
    parser.add_argument("--fnc1-store", type=Path, help="write a store of the --split bodies here and stop")
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--pool", type=int, default=5000, help="--queries sentences: first passages to draw from"
    )
    parser.add_argument(
        "--budget",
        nargs="+",
        default=["none", "20000"],
        help="query budgets (BoundedQuery); none: every word, as claimgraph searches (the reference)",
    )
    args = parser.parse_args()
    if args.fnc1_store:
        fnc1_store(args.split, args.fnc1_store)
        return
    if not args.dbs:
        raise SystemExit("error: no store given")
    for db in args.dbs:
        if not db.exists():
            raise SystemExit(f"error: store not found: {db}")
    queries = (
        fnc1_headlines(args.sample, args.seed, args.split)
        if args.queries == "fnc1"
        else store_sentences(args.dbs[0], args.sample, args.seed, args.pool)
    )
    budgets = [None if b == "none" else int(b) for b in args.budget]
    print(f"queries: {len(queries)} ({args.queries}, seed {args.seed}); CPU ms per search (process time)")
    print("same: share of queries whose candidate documents are the reference's; kept: mean share of")
    print("the reference's candidates found; hits: share whose passage hits (ids, BM25) are the reference's")
    print(
        f"{'store':>12} {'passages':>9} {'budget':>7} {'choose':>7} {'fts med':>8} {'fts p90':>8} "
        f"{'all med':>8} {'all p90':>8} {'rows med':>9} {'rows p90':>9} {'AND':>4} "
        f"{'same':>6} {'kept':>6} {'hits':>6}"
    )
    curves: dict[tuple[int | None, str], list[tuple[int, float]]] = {}
    for db in args.dbs:
        reference: dict[str, Any] | None = None
        for budget in budgets:
            r = measure(db, queries, budget)
            reference = reference or r
            hits = sum(a == b for a, b in zip(r["hits"], reference["hits"], strict=True)) / len(queries)
            pairs = list(zip(r["found"], reference["found"], strict=True))
            same = sum(a == b for a, b in pairs) / len(pairs)
            kept = statistics.mean([len(a & b) / len(b) for a, b in pairs if b] or [1.0])
            for part in ("fts", "total"):
                curves.setdefault((budget, part), []).append((r["passages"], statistics.median(r[part])))
            ms = {k: [1000 * x for x in r[k]] for k in ("choose", "fts", "total")}
            print(
                f"{db.name:>12} {r['passages']:>9} {budget or 'none':>7} "
                f"{statistics.median(ms['choose']):>7.2f} "
                f"{statistics.median(ms['fts']):>8.2f} {quantile(ms['fts'], 0.9):>8.2f} "
                f"{statistics.median(ms['total']):>8.2f} {quantile(ms['total'], 0.9):>8.2f} "
                f"{statistics.median(r['rows']):>9.0f} {quantile(r['rows'], 0.9):>9.0f} {r['and']:>4} "
                f"{same:>6.3f} {kept:>6.3f} {hits:>6.3f}"
            )
    if len(args.dbs) > 1:
        for (budget, part), points in curves.items():
            print(f"budget {budget or 'none'}: median {part} CPU per search ~ passages^{slope(points):.2f}")


if __name__ == "__main__":
    main()
