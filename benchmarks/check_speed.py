"""`check` on a 10,000-document store: seconds per claim (median, p95, max) with the shipped models.

The store holds every real article body of ../shared/data (FNC-1 train bodies, ARC bodies,
PolNeAR train+dev texts: about 7,000), topped up to `--documents` with recombinations of their
paragraphs (seeded; nothing is written to the repository). It is built with `analyze --no-nlp`
(the passage index is built at ingest; speakers need the NLP stage and are not timed here).
Claims are FNC-1 and ARC headlines, so each has real articles about it in the store.

Run: `python benchmarks/check_speed.py [--documents 10000] [--claims 30] [--db FILE]` (`--db` keeps
the store for the next run, and for `benchmarks/check_recall.py`).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import claimgraph
from claimgraph.claims.check import judge_claim
from claimgraph.claims.stance import StanceModel
from claimgraph.config import Config
from claimgraph.store import Store
from claimgraph.verdicts.model import VerdictModel

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SEED = 11


def _csv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def real_bodies() -> list[str]:
    bodies = [r["articleBody"] for r in _csv(DATA / "fnc1" / "train_bodies.csv")]
    bodies += [r["articleBody"] for r in _csv(DATA / "arc_stance" / "arc_bodies.csv")]
    for split in ("train", "dev"):
        bodies += [
            p.read_text(encoding="utf-8") for p in sorted((DATA / "polnear" / split / "text").glob("*.txt"))
        ]
    return [b for b in bodies if len(b.split()) >= 20]


def corpus(n: int, rng: random.Random) -> list[str]:
    """The real bodies, then recombined paragraphs of them until there are `n`."""
    bodies = real_bodies()
    paragraphs = [p for b in bodies for p in b.split("\n") if len(p.split()) >= 8]
    out = list(bodies)
    while len(out) < n:
        out.append("\n\n".join(rng.sample(paragraphs, rng.randint(4, 12))))
    return out[:n]


def claims(k: int, rng: random.Random) -> list[str]:
    heads = sorted({r["Headline"] for r in _csv(DATA / "fnc1" / "train_stances.csv")})
    heads += sorted({r["Headline"] for r in _csv(DATA / "arc_stance" / "arc_stances_train.csv")})
    return rng.sample(heads, k)


def build_store(db: Path, n: int, rng: random.Random) -> None:
    """`n` documents (real bodies, then recombinations) analysed with --no-nlp into `db`."""
    texts = corpus(n, rng)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for k, text in enumerate(texts):
                day = f"201{4 + k % 3}-{1 + k % 12:02d}-{1 + k % 28:02d}"
                f.write(json.dumps({"text": text, "outlet": f"outlet-{k % 300}", "published": day}) + "\n")
        t0 = time.perf_counter()
        summary = claimgraph.analyze([path], db=db, config=Config(analyse_nlp=False))
        print(f"store: {summary.new} documents, ingest + index {time.perf_counter() - t0:.0f} s")


def store_at(db: str | None, n: int, rng: random.Random, tmp: str) -> Path:
    """The store to time: `--db` if it exists already (built by an earlier run), else built there."""
    path = Path(db) if db else Path(tmp) / "big.db"
    if not path.exists():
        build_store(path, n, rng)
    else:
        corpus(n, rng)  # keep the random stream (and so the claims drawn) the same as a fresh build
        print(f"store: {path} (reused)")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=30)
    parser.add_argument("--db", help="keep the store here (reused when it exists)")
    args = parser.parse_args()
    rng = random.Random(SEED)
    verdict_model = VerdictModel.load()
    with tempfile.TemporaryDirectory() as tmp:
        db = store_at(args.db, args.documents, rng, tmp)
        model = StanceModel.load()
        times, found = [], []
        with Store.open(db, create=False) as store:
            for claim in claims(args.claims, rng):
                t0 = time.perf_counter()
                result = judge_claim(store, claim, stance_model=model, verdict_model=verdict_model)
                times.append(time.perf_counter() - t0)
                found.append(len(result.stances))
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(
        f"check, {len(times)} claims (with the verdict model): median {statistics.median(times):.2f} s, "
        f"p95 {p95:.2f} s, max {times[-1]:.2f} s; stances per claim median {statistics.median(found)}"
    )


if __name__ == "__main__":
    main()
