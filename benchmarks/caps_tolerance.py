"""Tolerant admission at retrieval's caps (issue 11, caps13): replay +K documents on a copy of a
stored N-document store with the exact stances step (`StanceSettings.exact_caps`: every untouched
claim at the caps retrieved again over the whole index) or with admission by score (`_admit`),
and compare the two resulting stores.

    replay --mode exact --out A.db    the exact code's +K (the store copied, never written)
    replay --mode admit --out B.db    the same +K admitting new documents by score; the copy's
                                      retrieval scores are filled first (`prime`, not timed)
    compare A.db B.db                 candidate sets, stances and verdicts of the two

`prime` gives a store from before migration 0010 what a store built by this code holds: each
claim's retrieval run again (no judging) and its candidates' BM25 scores, passage floor and the
index's size stored.
A store an earlier replay wrote can be replayed on (`--store` it, `--size` its documents): runs
chained, to see whether admission's differences from the exact code grow run after run.
It checks that the documents found are the ones stored (else the claim is left unprimed, and
the replay retrieves it in full) and prints how many matched.

Run (FNC-1 train bodies, `files1000.txt` as in `incremental_pairs.py`):
    nice python benchmarks/caps_tolerance.py replay --store s1000.db --files files1000.txt \
        --size 1000 --added 10 --mode exact --out /tmp/exact.db
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from incremental import StepClock, add_replay_arguments, copy_store, replay_files
from sqlalchemy import update

import claimgraph
from claimgraph.claims.retrieval import candidate_documents, fts_query, query_terms
from claimgraph.corpus import CorpusContext
from claimgraph.settings import DEFAULT_SETTINGS, Settings
from claimgraph.store import Store, schema


def prime(db: Path, settings: Settings) -> tuple[int, int]:
    """Store the candidate scores and passage floor of each claim that lacks them (all of them on
    a store from before migration 0010, none on one an `admit` replay wrote);
    (claims primed, claims left)."""
    primed = left = 0
    stance = settings.stance
    with Store.open(db) as store:
        claims = {c.id: c for c in store.list_claims()}
        states = store.claim_retrieval(sorted(claims))
        judged = store.judged_documents(sorted(states))
        scores = store.retrieval_scores(sorted(states))
        size = store.passage_index_size()
        with store.engine.begin() as conn:
            for claim_id, (text, passages, documents) in sorted(states.items()):
                floor, scored = scores[claim_id].passage_floor, scores[claim_id].scores
                if len(scored) == documents and (floor is not None or passages < stance.max_passages):
                    continue
                claim = claims.get(claim_id)
                terms = query_terms(text)
                hits = store.search_passages(fts_query(terms), stance.max_passages) if terms else []
                found = candidate_documents(text, hits, stance)
                members = {m.fact.doc_id for m in claim.members} if claim else set()
                stored = judged[claim_id]
                if (
                    claim is None
                    or claim.text != text
                    or (len(hits), len(found)) != (passages, documents)
                    or {c.doc_id for c in found} | members != stored
                ):
                    left += 1
                    continue
                c, r = schema.claim_candidates, schema.claim_retrieval
                for cand in found:
                    where = (c.c.claim_id == claim_id) & (c.c.doc_id == cand.doc_id)
                    conn.execute(update(c).where(where).values(score=cand.score))
                floor = min(h.score for h in hits) if len(hits) >= stance.max_passages else None
                values = {"passage_floor": floor, "index_size": size}
                conn.execute(update(r).where(r.c.claim_id == claim_id).values(**values))
                primed += 1
    return primed, left


def replay(args: argparse.Namespace, files: list[Path]) -> None:
    copy_store(args.store, args.out)
    settings = replace(
        DEFAULT_SETTINGS, stance=replace(DEFAULT_SETTINGS.stance, exact_caps=args.mode == "exact")
    )
    if args.mode == "admit":
        with Store.open(args.out):
            pass  # migrated before priming
        cpu = time.process_time()
        primed, left = prime(args.out, settings)
        print(
            f"primed {primed} claims, {left} left to a full retrieval ({time.process_time() - cpu:.1f} s CPU)"
        )
    context, clock = CorpusContext(settings=settings), StepClock()
    cpu = time.process_time()
    claimgraph.analyze(
        files[args.size : args.size + args.added], db=args.out, corpus=context, corpus_progress=clock
    )
    cpu = time.process_time() - cpu
    delta = context.delta
    assert delta is not None and not delta.rebuild, "the store had no corpus state: not a +K run"
    steps = ", ".join(f"{name} {c:.1f}" for name, (c, _) in clock.steps.items())
    print(f"{args.mode}: +{args.added} on {args.size}: {cpu:.1f} s CPU; corpus steps CPU s: {steps}")
    print(f"pairs judged {delta.pairs_judged}; restanced {len(delta.restanced)}")
    for why, pairs in sorted(delta.pairs_by.items(), key=lambda kv: -kv[1]):
        print(f"| {why} | {pairs:,} |")


def _read(db: Path) -> dict[str, object]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    candidates: dict[str, set[str]] = {}
    for claim_id, doc_id in conn.execute("SELECT claim_id, doc_id FROM claim_candidates"):
        candidates.setdefault(claim_id, set()).add(doc_id)
    stances: dict[str, list[tuple]] = {}
    rows = conn.execute(
        "SELECT claim_id, doc_id, holder, stance, round(score, 6), coalesce(statement_id, '') FROM stances"
        " ORDER BY claim_id, ordinal"
    )
    for claim_id, *rest in rows:
        stances.setdefault(claim_id, []).append(tuple(rest))
    verdicts = dict(conn.execute("SELECT claim_id, label FROM verdicts"))
    claims = {r[0] for r in conn.execute("SELECT id FROM claims")}
    conn.close()
    return {"candidates": candidates, "stances": stances, "verdicts": verdicts, "claims": claims}


def compare(args: argparse.Namespace) -> None:
    a, b = _read(args.a), _read(args.b)
    ca, cb = a["candidates"], b["candidates"]
    assert isinstance(ca, dict) and isinstance(cb, dict)
    claims = sorted(a["claims"] & b["claims"])  # type: ignore[operator]
    print(f"claims: {len(a['claims'])} and {len(b['claims'])}, {len(claims)} in both")  # type: ignore[arg-type]
    same = sum(ca.get(c, set()) == cb.get(c, set()) for c in claims)
    pa = {(c, d) for c in claims for d in ca.get(c, set())}
    pb = {(c, d) for c in claims for d in cb.get(c, set())}
    print(f"claims with the same candidate documents: {same} of {len(claims)} ({same / len(claims):.1%})")
    jaccard = len(pa & pb) / len(pa | pb)
    print(f"(claim, document) candidate pairs: {len(pa)} and {len(pb)}, Jaccard {jaccard:.4f}")
    sa, sb = a["stances"], b["stances"]
    assert isinstance(sa, dict) and isinstance(sb, dict)
    same = sum(sa.get(c, []) == sb.get(c, []) for c in claims)
    ra = Counter((c, *s) for c in claims for s in sa.get(c, []))
    rb = Counter((c, *s) for c in claims for s in sb.get(c, []))
    both = sum((ra & rb).values())
    print(f"claims with identical stored stances: {same} of {len(claims)} ({same / len(claims):.1%})")
    print(f"stance rows: {sum(ra.values())} and {sum(rb.values())}, {both} identical in both")
    va, vb = a["verdicts"], b["verdicts"]
    assert isinstance(va, dict) and isinstance(vb, dict)
    same = sum(va.get(c) == vb.get(c) for c in claims)
    print(f"verdict labels identical: {same} of {len(claims)} ({same / len(claims):.1%})")
    changed = Counter((va.get(c), vb.get(c)) for c in claims if va.get(c) != vb.get(c))
    if changed:
        print(
            "changed (exact -> admit): "
            + ", ".join(f"{x} -> {y}: {n}" for (x, y), n in changed.most_common())
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("replay", help="replay +K on a copy of the store")
    add_replay_arguments(run)
    run.add_argument("--mode", choices=("exact", "admit"), required=True)
    run.add_argument("--out", type=Path, required=True, help="where the replayed copy is written")
    both = sub.add_parser("compare", help="compare an exact and an admit replay")
    both.add_argument("a", type=Path)
    both.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "replay":
        files = replay_files(run, args)
        if args.out.exists():
            run.error(f"{args.out} exists: name a new file")
        replay(args, files)
    else:
        compare(args)


if __name__ == "__main__":
    main()
