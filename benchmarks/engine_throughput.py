"""Per-document stage throughput: 1 worker against 2, local process pool and Ray, wall and CPU time.

    python benchmarks/engine_throughput.py [--docs 60] [--workers 2] [--seed 11]

Documents come from `generate_corpus.py` (read and cleaned before timing). Each engine is started
and its models loaded (spaCy in every worker) before the clock starts, then every document goes
through the NLP stage in batches of 64, as `analyze` sends them. Printed per engine: wall time and
documents/s; the CPU seconds its workers used (from /proc, so Linux only; the serial engine's is
this process's); and the load average, because on a shared machine the wall-clock speedup says more
about the neighbours than about the engine. `cpu-bound speedup` = workers × (serial CPU per
document / CPU per document with the pool): what the pool would reach with a free core per worker.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generate_corpus import DEFAULT_DATA, generate

from claimgraph.clean import clean
from claimgraph.config import IngestOptions
from claimgraph.engine import Engine, SerialEngine
from claimgraph.engine.local import LocalEngine
from claimgraph.engine.ray import RayEngine
from claimgraph.engine.stages import nlp_stage
from claimgraph.ingest import iter_raw
from claimgraph.model import Document, IngestError

BATCH = 64
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of live processes, from /proc/<pid>/stat (fields 14 and 15)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


def documents(count: int, seed: int) -> list[Document]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        path.write_text(
            "".join(json.dumps(r) + "\n" for r in generate(count, seed, DEFAULT_DATA)),
            encoding="utf-8",
        )
        raws = [r for r in iter_raw([path], IngestOptions()) if not isinstance(r, IngestError)]
        return [d for d in map(clean, raws) if isinstance(d, Document)]


def timed(name: str, engine: Engine, docs: list[Document], pids: Callable[[], list[int]]) -> float:
    batches = [(i, docs[i : i + BATCH]) for i in range(0, len(docs), BATCH)]
    cpu0, wall0 = cpu_seconds(pids()), time.perf_counter()
    done = sum(len(results) for _, results in engine.map_batches(batches))
    wall, cpu = time.perf_counter() - wall0, cpu_seconds(pids()) - cpu0
    load = os.getloadavg()[0]
    print(
        f"{name:>10}: {done} docs in {wall:6.1f} s wall = {done / wall:5.2f} docs/s; "
        f"worker CPU {cpu:6.1f} s = {cpu / done:.2f} s/doc; load average {load:.1f}"
    )
    return cpu / done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    docs = documents(args.docs, args.seed)
    stages = (nlp_stage("en_core_web_sm"),)
    print(f"{len(docs)} generated documents, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")

    serial = SerialEngine(stages)
    list(serial.map_batches([(0, docs[:1])]))  # load the models before timing
    per_doc = {"serial": timed("serial", serial, docs, lambda: [os.getpid()])}

    local = LocalEngine(stages, args.workers)
    list(local.map_batches([(0, docs[: args.workers])]))  # start the workers, load their models
    pool_pids = [int(p.pid or 0) for p in local._pool._processes.values()]  # private: a benchmark's peek
    per_doc["local"] = timed(f"local x{args.workers}", local, docs, lambda: pool_pids)
    local.close()

    ray_engine = RayEngine(stages, args.workers)  # waits until every actor has loaded its models
    per_doc["ray"] = timed(f"ray x{args.workers}", ray_engine, docs, ray_engine.worker_pids)
    ray_engine.close()
    for name in ("local", "ray"):
        bound = args.workers * per_doc["serial"] / per_doc[name]
        print(f"{name}: cpu-bound speedup with {args.workers} free cores = {bound:.2f}x")


if __name__ == "__main__":
    main()
