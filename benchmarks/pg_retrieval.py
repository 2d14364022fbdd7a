"""Passage retrieval on SQLite (FTS5) vs PostgreSQL (tsvector + BM25 in SQL) over the same store.

Give two stores filled with the same documents (e.g. `claimgraph analyze
../shared/data/fnc1/train_bodies.csv --text-field articleBody --id-field "Body ID" --no-nlp`, once
into an SQLite file, once into a PostgreSQL database). Queries are distinct FNC-1 headlines, turned
into terms exactly as `claimgraph check` does. Prints the milliseconds per search on each (median,
p95) and how far the rankings agree: the share of queries whose best document is the same, the
mean overlap of the top `--k` documents (|A ∩ B| / k), and the share of headlines for which
`check`'s retrieval (`claims.check.retrieve`: passages covering enough of the claim, at most
`max_documents` documents; the corpus stage's stance candidates too) picks the same documents.

Run: `python benchmarks/pg_retrieval.py STORE.db postgresql://… [--queries 100] [--k 10]`.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from pathlib import Path

from claimgraph.claims.check import retrieve
from claimgraph.claims.retrieval import fts_query, query_terms
from claimgraph.settings import DEFAULT_SETTINGS
from claimgraph.store import Store

STANCES = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "fnc1" / "train_stances.csv"
PASSAGES = DEFAULT_SETTINGS.stance.max_passages  # passages per search, as `check` asks for


def headlines(limit: int) -> list[str]:
    with STANCES.open(encoding="utf-8", newline="") as handle:
        seen = dict.fromkeys(row["Headline"] for row in csv.DictReader(handle))
    return list(seen)[:limit]


def ranked_documents(store: Store, match: str) -> tuple[list[str], float]:
    """Documents in order of their best passage, and the search's milliseconds."""
    start = time.perf_counter()
    hits = store.search_passages(match, PASSAGES)
    elapsed = (time.perf_counter() - start) * 1000
    order: dict[str, None] = {}
    for hit in sorted(hits, key=lambda h: -h.score):
        order.setdefault(hit.passage.doc_id, None)
    return list(order), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sqlite")
    parser.add_argument("postgresql")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args()
    claims = [h for h in headlines(args.queries) if query_terms(h)]
    queries = [fts_query(query_terms(h)) for h in claims]
    results: dict[str, list[tuple[list[str], float]]] = {}
    candidates: dict[str, list[set[str]]] = {}
    for name, db in (("sqlite", args.sqlite), ("postgresql", args.postgresql)):
        with Store.open(db, read_only=True) as store:
            ranked_documents(store, queries[0])  # warm the connection and caches
            results[name] = [ranked_documents(store, q) for q in queries]
            candidates[name] = [{c.doc_id for c in retrieve(store, claim)} for claim in claims]
    for name, rows in results.items():
        times = sorted(ms for _, ms in rows)
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"{name}: {len(times)} searches, median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")
    pairs = list(zip(results["sqlite"], results["postgresql"], strict=True))
    same_top = sum(1 for (a, _), (b, _) in pairs if a[:1] == b[:1]) / len(pairs)
    overlap = statistics.mean(len(set(a[: args.k]) & set(b[: args.k])) / args.k for (a, _), (b, _) in pairs)
    print(f"same best document: {same_top:.0%}; mean top-{args.k} document overlap: {overlap:.0%}")
    same = sum(a == b for a, b in zip(candidates["sqlite"], candidates["postgresql"], strict=True))
    sizes = statistics.mean(len(a) for a in candidates["sqlite"])
    print(f"same candidates (retrieve): {same}/{len(claims)} headlines (mean {sizes:.1f} documents each)")


if __name__ == "__main__":
    main()
