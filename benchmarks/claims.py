"""Claim building and stance assignment time on the example corpus replicated N times (synthetic).

    python benchmarks/claims.py [--copies 100]

The corpus is analysed once (spaCy, not timed); each copy gets new document, statement and event
ids, so the corpus stage sees N x 12 documents that repeat each other word for word (the worst
case for clustering: every assertion has N - 1 exact twins). Prints documents, claims, stances,
contradictions and seconds per step.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from typing import Any

from claimgraph.claims.assign import assign_stances
from claimgraph.claims.build import build_claims
from claimgraph.claims.contradictions import find_contradictions
from claimgraph.claims.embed import load_embedder
from claimgraph.claims.stance import StanceModel
from claimgraph.eval.gold import corpus_dir_default, corpus_documents
from claimgraph.model import Event, Statement
from claimgraph.nlp.actors import ActorResolver
from claimgraph.nlp.analysis import analyze_document
from claimgraph.nlp.spacy_model import load_nlp


def retarget(obj: Any, suffix: str) -> Any:
    """A copy of a model object with every doc_id (and statement/event id) suffixed."""
    if isinstance(obj, tuple):
        return tuple(retarget(x, suffix) for x in obj)
    if not dataclasses.is_dataclass(obj):
        return obj
    changes = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name == "doc_id" or (f.name == "id" and isinstance(obj, Event | Statement)):
            changes[f.name] = value + suffix
        elif dataclasses.is_dataclass(value) or isinstance(value, tuple):
            changes[f.name] = retarget(value, suffix)
    return dataclasses.replace(obj, **changes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    args = parser.parse_args()
    docs = list({d.id: d for d, _, _ in corpus_documents(corpus_dir_default())}.values())
    nlp, resolver = load_nlp(), ActorResolver()
    analyses = [analyze_document(d, nlp, resolver) for d in docs]
    all_docs, all_analyses = [], []
    for k in range(args.copies):
        suffix = f"-{k:04d}"
        all_docs += [dataclasses.replace(d, id=d.id + suffix) for d in docs]
        all_analyses += [retarget(a, suffix) for a in analyses]
    embedder, model = load_embedder(), StanceModel.load()
    t0 = time.perf_counter()
    claims = build_claims(all_docs, all_analyses, embedder=embedder)
    t1 = time.perf_counter()
    stances = assign_stances(claims, all_docs, all_analyses, stance_model=model)
    t2 = time.perf_counter()
    contradictions = find_contradictions(claims, all_analyses)
    t3 = time.perf_counter()
    counts = f"claims {len(claims)}  stances {len(stances)}  contradictions {len(contradictions)}"
    print(f"documents {len(all_docs)}  {counts}")
    print(
        f"build_claims {t1 - t0:.1f} s  assign_stances {t2 - t1:.1f} s  find_contradictions {t3 - t2:.2f} s"
    )
    print(f"total {t3 - t0:.1f} s = {len(all_docs) / (t3 - t0):.1f} documents/s (embedder: {embedder.kind})")


if __name__ == "__main__":
    main()
