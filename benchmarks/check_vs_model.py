"""The pipeline's own-voice stance (`claimgraph.check`) against the stance model alone, same pairs.

FNC-1 bodies held out from the stance model's training (`training/fnc1_split.json` "holdout",
read from ../shared/data/fnc1) are analysed into one store, each body its own outlet. For a
seeded sample of headlines, `check(headline)` runs on the whole store (retrieval + model); each
(headline, body) pair then gets the pipeline's label (the body's own-voice stance, `unrelated`
when check found no stance for it) and the model-alone label (`StanceModel.predict` on the
headline and the raw body). Both are scored against the FNC-1 gold: the FNC-1 relative score,
4-class macro-F1, 3-class macro-F1 on related pairs, and related recall (pairs the pipeline
dropped at retrieval).

Run: `python benchmarks/check_vs_model.py [--headlines 150] [--nlp]` (about 5 min on 2 cores).
`--base-store S.db` copies a store first (e.g. a generated corpus, benchmarks/generate_corpus.py,
analysed with --no-nlp) so that the bodies are found among many other documents, and
`--max-query-rows` compares bounded searches on it (search_scale.py `BoundedQuery`, an experiment
not adopted: docs/benchmarks.md, "Search cost against index size"); the stance model's answers
are memoised across variants (a pair's label does not depend on the variant).
`--coverage-exponent` compares candidate rankings (`StanceSettings.document_coverage_exponent`;
docs/benchmarks.md, "Candidate ranking at scale").
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sqlite3
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from search_scale import BoundedQuery
from sklearn.metrics import f1_score

import claimgraph
from claimgraph.claims.check import judge_claim
from claimgraph.claims.stance import StanceModel
from claimgraph.config import Config
from claimgraph.eval.fnc1 import read_bodies, read_stances, score
from claimgraph.settings import DEFAULT_SETTINGS, StanceSettings
from claimgraph.store import Store
from claimgraph.store.retrieval import PassageHit

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "fnc1"
SPLIT = ROOT / "training" / "fnc1_split.json"
SEED = 20261130
RELATED = ("agree", "disagree", "discuss")


class _Memo:
    """The stance model, each (claim, body) pair predicted once across variants (which differ in
    retrieval only: the input checks are the same)."""

    def __init__(self, model: StanceModel) -> None:
        self.model = model
        self.seen: dict[tuple[str, str], object] = {}

    def predict(self, pairs: list[tuple[str, str]], checks: StanceSettings) -> list[object]:
        todo = [p for p in dict.fromkeys(pairs) if p not in self.seen]
        if todo:
            self.seen.update(zip(todo, self.model.predict(todo, checks=checks), strict=True))
        return [self.seen[p] for p in pairs]


def _bounded(
    search: Callable[[str, int], list[PassageHit]], query: BoundedQuery
) -> Callable[[str, int], list[PassageHit]]:
    """`Store.search_passages` on the bounded query of the claim's quoted words."""

    def bounded(match: str, limit: int) -> list[PassageHit]:
        terms = re.findall(r'"([^"]+)"', match)
        return search(query(terms), limit) if terms else []

    return bounded


class _NoVerdict:
    """This benchmark scores stances only: the verdict is not computed."""

    def predict(self, stances: object, settings: object = None, cache: object = None) -> object:
        from claimgraph.claims.check import CheckVerdict

        return CheckVerdict("unverified", 0.0, "not computed here")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--headlines", type=int, default=150)
    parser.add_argument(
        "--split", default="holdout", help="fnc1_split.json part: dev to calibrate, holdout to report"
    )
    parser.add_argument("--nlp", action="store_true", help="run the NLP stage too (speakers; slower)")
    parser.add_argument(
        "--min-coverage", type=float, nargs="*", help="StanceSettings.min_passage_coverage values"
    )
    parser.add_argument(
        "--coverage-exponent", type=float, nargs="*", help="StanceSettings.document_coverage_exponent values"
    )
    parser.add_argument("--dump", type=Path, help="write the pairs where pipeline and model differ (JSONL)")
    parser.add_argument("--base-store", type=Path, help="SQLite store the bodies are added to (a copy)")
    parser.add_argument(
        "--max-query-rows", nargs="*", help="search_scale.py BoundedQuery budgets (none: every word)"
    )
    args = parser.parse_args()
    holdout = set(json.loads(SPLIT.read_text())[args.split])
    bodies = {k: v for k, v in read_bodies(DATA / "train_bodies.csv").items() if str(k) in holdout}
    pairs = [p for p in read_stances(DATA / "train_stances.csv") if p.body_id in holdout]
    by_headline: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for p in pairs:
        by_headline[p.headline].append((p.body_id, p.stance))
    headlines = sorted(h for h, ps in by_headline.items() if any(lab != "unrelated" for _, lab in ps))
    random.Random(SEED).shuffle(headlines)
    headlines = sorted(headlines[: args.headlines])
    model = _Memo(StanceModel.load())
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bodies.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            for body_id, text in sorted(bodies.items()):
                out.write(json.dumps({"text": text, "outlet": f"body-{body_id}"}) + "\n")
        db = Path(tmp) / "fnc.db"
        if args.base_store:
            shutil.copyfile(args.base_store, db)
        t0 = time.perf_counter()
        claimgraph.analyze([corpus], db=db, config=Config(analyse_nlp=args.nlp))
        ingest_s = time.perf_counter() - t0
        check_times: list[float] = []
        alone_pairs = [(h, bodies[b]) for h in headlines for b, _ in by_headline[h]]
        t0 = time.perf_counter()
        alone_preds = model.model.predict(alone_pairs)
        alone_s = time.perf_counter() - t0
        gold = [label for h in headlines for _, label in by_headline[h]]
        alone = [p.label for p in alone_preds]
        variants = {}
        budgets = [None if b == "none" else int(b) for b in args.max_query_rows or []]
        covs = args.min_coverage or [DEFAULT_SETTINGS.stance.min_passage_coverage]
        exps = args.coverage_exponent or [DEFAULT_SETTINGS.stance.document_coverage_exponent]
        for cov, budget, exp in [(c, b, e) for c in covs for b in budgets or [None] for e in exps]:
            stance = replace(
                DEFAULT_SETTINGS.stance, min_passage_coverage=cov, document_coverage_exponent=exp
            )
            settings = replace(DEFAULT_SETTINGS, stance=stance)
            pipe = []
            with Store.open(db, create=False) as store, sqlite3.connect(db) as raw:
                if budget is not None:
                    bounded = _bounded(store.search_passages, BoundedQuery(raw, budget))
                    store.search_passages = bounded  # type: ignore[method-assign, assignment]
                for h in headlines:
                    t0 = time.perf_counter()
                    result = judge_claim(
                        store, h, settings=settings, stance_model=model, verdict_model=_NoVerdict()
                    )
                    check_times.append(time.perf_counter() - t0)
                    found = {s["outlet"]: s["stance"] for s in result.stances if s["holder_kind"] == "source"}
                    pipe += [found.get(f"body-{body_id}", "unrelated") for body_id, _ in by_headline[h]]
            variants[f"pipeline {cov} {budget or 'all'} x{exp}"] = pipe
    related = [i for i, g in enumerate(gold) if g != "unrelated"]
    if args.dump:
        keys = [(h, b) for h in headlines for b, _ in by_headline[h]]
        last = list(variants.values())[-1]
        with args.dump.open("w", encoding="utf-8") as out:
            for i, (h, b) in enumerate(keys):
                if last[i] != alone[i]:
                    row = {"headline": h, "body": b, "gold": gold[i], "pipeline": last[i], "alone": alone[i]}
                    out.write(json.dumps(row) + "\n")
    base = f" added to a copy of {args.base_store}" if args.base_store else ""
    print(f"store: {len(bodies)} {args.split} bodies{base}, analysed in {ingest_s:.1f} s (nlp={args.nlp})")
    print(f"headlines checked: {len(headlines)}, pairs scored: {len(gold)} ({len(related)} related)")
    print(
        f"check: median {sorted(check_times)[len(check_times) // 2]:.3f} s, max {max(check_times):.3f} s; "
        f"model alone on the same pairs: {alone_s:.1f} s"
    )
    print(f"{'':24} {'FNC score':>9} {'macroF1-4':>9} {'macroF1-3 (related)':>19} {'related kept':>12}")
    for name, pred in (*variants.items(), ("model alone", alone)):
        fnc = score(gold, pred)["relative_score"]
        f4 = f1_score(gold, pred, average="macro", labels=[*RELATED, "unrelated"])
        f3 = f1_score(
            [gold[i] for i in related], [pred[i] for i in related], average="macro", labels=list(RELATED)
        )
        kept = sum(pred[i] != "unrelated" for i in related) / len(related)
        print(f"{name:24} {fnc:9.3f} {f4:9.3f} {f3:19.3f} {kept:12.3f}")


if __name__ == "__main__":
    main()
