"""Web API latency: claim list and claim detail under concurrent clients, and adding documents.

Reads. A store of `--documents` documents (default 10,000) built as `check_speed.py` builds
one (every real article body of ../shared/data, topped up with recombined paragraphs; ingest
without NLP), then given a claim layer of `--claims` claims with `--stances` stances each,
written through the store's own API: real document ids and evidence sentences, seeded random
holders (each document's outlet, or a speaker), labels and verdicts. NLP on 10,000 documents takes
hours, and the read paths only see rows, so the rows are generated; their number and size are
what a real corpus of that size produces (the example corpus: 15 claims and 304 stances for 12
documents). Or give `--db` to use an existing store as it is.
`claimgraph serve` runs in its own process on loopback; `--clients` threads (default 20) send
`--requests` requests each, alternating a claim-list page (half of them filtered by verdict or
words; 30% also fetch the next page by its cursor, timed as a request of its own) and one
claim's detail; the run stops by itself. Prints p50/p95 per kind.

Writes. `--write-db` (default: the bundled example corpus analysed into a temporary store) gets
`--posts` sequential `POST /api/v1/documents` of one new article each (an example article under a
new outlet, one sentence added): seconds per POST, and the time until the new outlet's stances are
listed by `GET /api/v1/claims?source=` (the POST answers after the corpus stage, so this is the
POST's time plus one read).

Run: `python benchmarks/web_latency.py [--documents 10000] [--db FILE] [--build-into URL] [--posts 3]`
(`--build-into postgresql://...` measures the same reads on PostgreSQL).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

import claimgraph
from claimgraph.config import Config
from claimgraph.model import (
    Claim,
    Evidence,
    HolderKind,
    SourceReliability,
    Span,
    Stance,
    StanceLabel,
    Verdict,
    VerdictLabel,
    Voice,
)
from claimgraph.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_speed import corpus

SEED = 13
LABELS = (StanceLabel.AGREE, StanceLabel.DISAGREE, StanceLabel.DISCUSS)


def build_store(
    folder: Path, documents: int, n_claims: int, per_claim: int, rng: random.Random, db: str | None = None
) -> str:
    texts = corpus(documents, rng)
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for k, text in enumerate(texts):
            day = f"201{4 + k % 3}-{1 + k % 12:02d}-{1 + k % 28:02d}"
            f.write(json.dumps({"text": text, "outlet": f"outlet-{k % 300}", "published": day}) + "\n")
    db = db or str(folder / "web.db")
    t0 = time.perf_counter()
    summary = claimgraph.analyze([path], db=db, config=Config(analyse_nlp=False))
    print(f"store: {summary.new} documents, ingest {time.perf_counter() - t0:.0f} s", flush=True)
    t0 = time.perf_counter()
    with Store.open(db) as store:
        docs = [(d.id, d.outlet or "unknown", d.text) for d in store.iter_documents()]
        claims, stances, verdicts = [], [], []
        for i in range(n_claims):
            first = rng.choice(docs)[2].split(".")[0][:160] or f"claim {i}"
            claim_id = "claim:" + hashlib.sha256(f"{i}:{first}".encode()).hexdigest()[:16]
            claims.append(Claim(claim_id, first))
            for doc_id, outlet, text in rng.sample(docs, per_claim):
                end = min(len(text), text.find(".") + 1 or 200, 300)
                speaker = rng.random() < 0.4
                evidence = (Evidence(Span(doc_id, 0, end), text[:end], Voice.OWN, (outlet,)),)
                stances.append(
                    Stance(
                        claim_id, doc_id, f"speaker-{rng.randrange(500)}" if speaker else outlet,
                        HolderKind.SPEAKER if speaker else HolderKind.SOURCE, rng.choice(LABELS),
                        round(rng.random(), 3), evidence,
                    )
                )  # fmt: skip
            verdicts.append(
                Verdict(claim_id, rng.choice(list(VerdictLabel)), round(rng.random(), 3), "generated")
            )
        sources = [SourceReliability(f"outlet-{k}", round(rng.random(), 3), 1 + k % 40) for k in range(300)]
        with store.transaction():
            store.replace_claims(claims)
            store.replace_stances(stances)
            store.replace_verdicts(verdicts, sources)
    print(
        f"claim layer: {n_claims} claims, {len(stances)} stances, {time.perf_counter() - t0:.0f} s",
        flush=True,
    )
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    cmd = [sys.executable, "-m", "claimgraph.cli", "serve", "--db", db, "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/v1/claims?limit=1", timeout=60).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def read_load(base: str, clients: int, requests: int, rng: random.Random) -> dict[str, list[float]]:
    ids = [c["id"] for c in httpx.get(f"{base}/api/v1/claims?limit=200", timeout=60).json()["items"]]
    words = ["the", "said", "police", "government", "video"]
    timings: dict[str, list[float]] = {"list": [], "detail": []}

    def client(seed: int) -> None:
        own = random.Random(seed)
        with httpx.Client(base_url=base, timeout=60) as http:
            for k in range(requests):
                if k % 2 == 0:
                    params: dict[str, Any] = {"limit": 50}
                    if own.random() < 0.25:
                        params["verdict"] = own.choice(["disputed", "corroborated", "denied"])
                    elif own.random() < 0.25:
                        params["q"] = own.choice(words)
                    t0 = time.perf_counter()
                    page = http.get("/api/v1/claims", params=params)
                    if own.random() < 0.3 and page.json()["next_cursor"]:  # the next page, timed alone
                        timings["list"].append(time.perf_counter() - t0)
                        t0 = time.perf_counter()
                        page = http.get(
                            "/api/v1/claims", params={**params, "cursor": page.json()["next_cursor"]}
                        )
                    kind = "list"
                else:
                    t0 = time.perf_counter()
                    page = http.get(f"/api/v1/claims/{own.choice(ids)}")
                    kind = "detail"
                assert page.status_code == 200, page.text[:200]
                timings[kind].append(time.perf_counter() - t0)

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, [rng.randrange(1 << 30) for _ in range(clients)]))
    return timings


def write_load(db: str, posts: int) -> list[tuple[float, float]]:
    proc, base = start_server(db)
    out = []
    try:
        example = next(
            p
            for p in sorted((Path(claimgraph.__file__).parent / "example_corpus").glob("*harbor-times*.txt"))
        )
        text = example.read_text(encoding="utf-8").split("---", 2)[-1]
        for k in range(posts):
            outlet = f"Bench Wire {k}"
            article = {"text": text + f"\n\nOfficials repeated the account on day {k}.", "outlet": outlet,
                       "published": "2014-06-18", "title": f"Kerry open to Iran ({k})"}  # fmt: skip
            t0 = time.perf_counter()
            response = httpx.post(f"{base}/api/v1/documents", json={"documents": [article]}, timeout=600)
            posted = time.perf_counter() - t0
            assert response.status_code == 201, response.text[:300]
            listed = httpx.get(f"{base}/api/v1/claims", params={"source": outlet}, timeout=60).json()["items"]
            visible = time.perf_counter() - t0
            assert listed, "the new outlet's stances are not listed"
            out.append((posted, visible))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing store (default: build one)")
    parser.add_argument(
        "--build-into", help="build the store in this database (e.g. a postgresql:// URL) instead of SQLite"
    )
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=2_000)
    parser.add_argument("--stances", type=int, default=25, help="stances per generated claim")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=20, help="requests per client")
    parser.add_argument("--posts", type=int, default=3)
    parser.add_argument("--write-db", help="store for the POST timing (default: the example corpus)")
    args = parser.parse_args()
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_store(
            Path(tmp), args.documents, args.claims, args.stances, rng, args.build_into
        )
        proc, base = start_server(db)
        try:
            t0 = time.perf_counter()
            timings = read_load(base, args.clients, args.requests, rng)
            wall = time.perf_counter() - t0
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        n = sum(len(v) for v in timings.values())
        print(f"reads: {args.clients} clients, {n} requests in {wall:.1f} s ({n / wall:.0f}/s)")
        for kind, values in timings.items():
            print(f"  claim {kind}: p50 {1000 * statistics.median(values):.0f} ms, "
                  f"p95 {1000 * pct(values, 0.95):.0f} ms, max {1000 * max(values):.0f} ms")  # fmt: skip
        if args.posts:
            write_db = args.write_db
            if write_db is None:
                from claimgraph.cli_demo import example_inputs

                write_db = str(Path(tmp) / "example.db")
                folder = Path(claimgraph.__file__).parent / "example_corpus"
                claimgraph.analyze(example_inputs(folder), db=write_db)
            posts = write_load(write_db, args.posts)
            print(f"writes: {len(posts)} POST /api/v1/documents of one article each")
            print(f"  seconds per POST: median {statistics.median(p for p, _ in posts):.1f}, "
                  f"max {max(p for p, _ in posts):.1f}; stances listed after: median "
                  f"{statistics.median(v for _, v in posts):.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
