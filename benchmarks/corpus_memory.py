"""Peak memory of the corpus stage on a rebuild (issue 11: peak RSS must not grow with the store).

Copies a stored store (`incremental.copy_store`: the original is only read), runs
`claimgraph.analyze([], db=copy, corpus=CorpusContext(), rebuild=True)` and prints: peak RSS of the
whole process (VmHWM), the RSS before the stage, the highest RSS sampled (every 0.2 s, on a
thread, from /proc/self/status VmRSS) while each corpus step ran and the RSS at its end, CPU and
wall seconds per step, and a sha1 of the corpus tables (claims, claim_members, the claim index,
stances, contradictions, verdicts, sources; every row, ordered by every column), so that a change
can be shown to give the same rows.

Run: `nice python benchmarks/corpus_memory.py --store /work/wt/stores/gen/store-1000.db`
(`--json FILE` also writes the figures; `--batch B` builds the claims in batches of B documents
at any size, `--one-pass` in one pass at any size (`BuildSettings.batched_rebuild_above`);
`--no-arena` runs the ONNX sessions without their CPU memory arena, and MALLOC_ARENA_MAX in the
environment limits glibc's arenas: both measured in docs/benchmarks.md, "Corpus stage memory
(issue 11, mem14)", and not kept).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

from incremental import StepClock, copy_store

import claimgraph
from claimgraph.corpus import CORPUS_STEPS, CorpusContext, run_corpus_stage
from claimgraph.settings import DEFAULT_SETTINGS, BuildSettings
from claimgraph.store import Store

TABLES = (
    "claims",
    "claim_members",
    "claim_clusters",
    "cluster_facts",
    "cluster_buckets",
    "triple_facts",
    "stances",
    "contradictions",
    "verdicts",
    "sources",
)
SAMPLE_S = 0.2


def status_kb(field: str) -> int:
    """A field of /proc/self/status (VmRSS, VmHWM) in KB."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"/proc/self/status has no {field} (Linux only)")


class RssSampler:
    """VmRSS every `SAMPLE_S` seconds on a thread, the highest kept per corpus step (the progress
    callback names the running step); RSS at each step's end."""

    def __init__(self) -> None:
        self.step = "before"
        self.peak: dict[str, int] = {}
        self.at_end: dict[str, int] = {}
        self.clock = StepClock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        rss = status_kb("VmRSS")
        self.peak[self.step] = max(self.peak.get(self.step, 0), rss)

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_S):
            self._sample()

    def progress(self, name: str, done: int, total: int) -> None:
        self._sample()
        self.at_end[self.step] = status_kb("VmRSS")
        self.clock(name, done, total)
        self.step = name

    def steps(self) -> dict[str, dict[str, float]]:
        """Each corpus step's peak and final RSS (MB), CPU and wall seconds."""
        return {
            s: {
                "peak_rss_mb": self.peak.get(s, 0) / 1024,
                "end_rss_mb": self.at_end.get(s, 0) / 1024,
                "cpu_s": self.clock.steps.get(s, (0.0, 0.0))[0],
                "wall_s": self.clock.steps.get(s, (0.0, 0.0))[1],
            }
            for s in self.peak
            if s != "done"
        }

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def print_steps(steps: dict[str, dict[str, float]], hashes: dict[str, str]) -> None:
    """The steps' figures as a Markdown table, then the tables' hashes."""
    print("| step | peak RSS MB | RSS at end MB | CPU s | wall s |\n|---|---|---|---|---|")
    for name, s in steps.items():
        rss = f"{s['peak_rss_mb']:.0f} | {s['end_rss_mb']:.0f}"
        print(f"| {name} | {rss} | {s['cpu_s']:.1f} | {s['wall_s']:.1f} |")
    print("table hashes:", " ".join(f"{t}={h}" for t, h in hashes.items()))


def without_arena() -> None:
    """Every onnxruntime session made from now on without its CPU memory arena (measurement)."""
    import onnxruntime as ort

    session = ort.InferenceSession

    def made(path: str, options: ort.SessionOptions, **kwargs: object) -> ort.InferenceSession:
        options.enable_cpu_mem_arena = False
        return session(path, options, **kwargs)

    ort.InferenceSession = made


def table_hashes(db: Path, tables: tuple[str, ...] = TABLES) -> dict[str, str]:
    """sha1 of each corpus table's rows, ordered by every column (first 12 hex digits)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out = {}
    for table in tables:
        columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
        order = ", ".join(f'"{c}"' for c in columns)
        digest = hashlib.sha1()
        for row in con.execute(f"SELECT * FROM {table} ORDER BY {order}"):
            digest.update(repr(row).encode())
        out[table] = digest.hexdigest()[:12]
    con.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a stored store (only read)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--claims-only", action="store_true", help="run the actors and claims steps only")
    parser.add_argument("--no-arena", action="store_true", help="ONNX sessions without their CPU arena")
    parser.add_argument(
        "--batch", type=int, help="a batched claims rebuild, this many documents a batch (batched_build)"
    )
    parser.add_argument("--one-pass", action="store_true", help="the one-pass claims rebuild at any size")
    args = parser.parse_args()
    if not args.store.exists():
        parser.error(f"{args.store} does not exist")
    if args.no_arena:
        without_arena()
    build = BuildSettings()
    if args.batch is not None:
        build = replace(build, batched_rebuild_above=0, rebuild_batch_documents=args.batch)
    elif args.one_pass:
        build = replace(build, batched_rebuild_above=None)
    settings = replace(DEFAULT_SETTINGS, build=build)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.db"
        copy_store(args.store, db)
        start_rss = status_kb("VmRSS")
        cpu, wall = time.process_time(), time.perf_counter()
        with RssSampler() as sampler:
            if args.claims_only:  # the actors and claims steps alone: the rebuild's O(documents) step
                with Store.open(db) as store:
                    context = CorpusContext(settings=settings, rebuild=True)
                    run_corpus_stage(store, context, CORPUS_STEPS[:2], progress=sampler.progress)
            else:
                claimgraph.analyze(
                    [],
                    db=db,
                    corpus=CorpusContext(settings=settings),
                    rebuild=True,
                    corpus_progress=sampler.progress,
                )
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        hashes = table_hashes(db)
    figures = {
        "store": str(args.store),
        "options": {
            "claims_only": args.claims_only,
            "no_arena": args.no_arena,
            "batch": args.batch,
            "one_pass": args.one_pass,
            "malloc_arena_max": os.environ.get("MALLOC_ARENA_MAX"),
        },
        "peak_rss_mb": status_kb("VmHWM") / 1024,
        "start_rss_mb": start_rss / 1024,
        "cpu_s": cpu,
        "wall_s": wall,
        "steps": sampler.steps(),
        "hashes": hashes,
    }
    print(
        f"{args.store}: peak RSS {figures['peak_rss_mb']:.0f} MB (start {start_rss / 1024:.0f} MB), "
        f"CPU {cpu:.1f} s, wall {wall:.1f} s"
    )
    print_steps(figures["steps"], hashes)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
