"""What `check`'s document cap costs in recall: gold-related bodies among the documents judged.

`check` judges the best `StanceSettings.max_documents` documents (best passage's BM25 × the share of
the claim's words they cover, `claims/retrieval.py` `document_score`; the cap bounds its time).
On the 10,000-document store of `benchmarks/check_speed.py`, for FNC-1 train headlines and ARC
headlines (each dataset's own stance labels say which of its bodies are related to a headline),
this prints the share of gold-related bodies that retrieval ranks within the first K documents,
for several K. Retrieval only: no stance model runs, so it is quick once the store exists.

Run: `python benchmarks/check_recall.py --db FILE [--claims 60]` (the store is built there first
when FILE does not exist, as `check_speed.py --db FILE` does).
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

from check_speed import DATA, SEED, _csv, store_at

from claimgraph.claims.check import ranked_documents
from claimgraph.claims.retrieval import fts_query, query_terms
from claimgraph.settings import DEFAULT_SETTINGS
from claimgraph.store import Store

CUTS = (50, 100, 150, 200, 400, 1000)


def gold(bodies_csv: Path, stances_csv: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Body text by id, and the related body ids of each headline."""
    bodies = {r["Body ID"]: r["articleBody"] for r in _csv(bodies_csv)}
    related: dict[str, set[str]] = {}
    for r in _csv(stances_csv):
        if r["Stance"] != "unrelated":
            related.setdefault(r["Headline"], set()).add(r["Body ID"])
    return bodies, related


def key(text: str) -> str:
    """A body's identity in the store (documents keep the body's text, whitespace aside)."""
    return " ".join(text.split())[:120]


def recall(store: Store, heads: list[str], bodies: dict[str, str], related: dict[str, set[str]]) -> str:
    settings = DEFAULT_SETTINGS.stance
    found = dict.fromkeys(CUTS, 0)
    total = 0
    for head in heads:
        hits = store.search_passages(fts_query(query_terms(head)), settings.max_passages)
        ranked = ranked_documents(head, hits, settings)
        docs = store.documents_by_id([c.doc_id for c in ranked[: max(CUTS)]])
        keys = [key(docs[c.doc_id].text) for c in ranked[: max(CUTS)]]
        wanted = {key(bodies[b]) for b in related[head]}
        total += len(wanted)
        for cut in CUTS:
            found[cut] += len(wanted & set(keys[:cut]))
    shares = "  ".join(f"@{cut} {found[cut] / total:.3f}" for cut in CUTS)
    return f"{len(heads)} headlines, {total} gold-related bodies: {shares}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the check_speed store (built here if missing)")
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = store_at(args.db, args.documents, random.Random(SEED), tmp)
        rng = random.Random(SEED)
        with Store.open(db, create=False, read_only=True) as store:
            for name, folder, bodies_file, stances_file in (
                ("FNC-1 train", "fnc1", "train_bodies.csv", "train_stances.csv"),
                ("ARC", "arc_stance", "arc_bodies.csv", "arc_stances_train.csv"),
            ):
                bodies, related = gold(DATA / folder / bodies_file, DATA / folder / stances_file)
                heads = rng.sample(sorted(related), min(args.claims, len(related)))
                print(f"{name}: {recall(store, heads, bodies, related)}")


if __name__ == "__main__":
    main()
