"""Ray on PostgreSQL: per-document throughput when the workers store their results vs the driver.

    python benchmarks/ray_postgres_writes.py postgresql://USER@HOST:PORT/DB [--docs 100] [--workers 2]
        [--repeats 1] [--seed 11]

Documents come from `generate_corpus.py` (read and cleaned before timing). Each mode gets an empty
store (a schema of its own in the given database, dropped afterwards) and Ray actors that have
loaded their models before the clock starts; then `pipeline.run` stores every document and its
NLP results, in batches as `analyze` sends them:

- `workers write`: the pipeline's path for Ray on PostgreSQL (`engine.writes`): the driver stores
  each batch's documents, the actors their chunks' results, several at once;
- `driver writes`: the same actors behind a wrapper the pipeline does not recognise as Ray, so
  the driver stores every row, one batch transaction at a time (the SQLite path).

The NLP stage runs under another name, so `run` skips the corpus stage (the same work whoever
wrote the rows). Printed per mode and repeat: wall time, documents/s, the CPU seconds of the
actors and of the driver, the load average (the machine may be shared), and the row counts, which
must be equal across modes (the benchmark stops if they are not).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import time
import uuid
from collections.abc import Iterable, Iterator

import ray
from engine_throughput import cpu_seconds, documents
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from claimgraph.config import Config
from claimgraph.engine import K, Results, StageFailure
from claimgraph.engine.ray import RayEngine
from claimgraph.engine.stages import VOICES_STAGE, nlp_stage
from claimgraph.model import Document
from claimgraph.pipeline import run
from claimgraph.store import Store
from claimgraph.store.engine import database_url

MODES = ("workers write", "driver writes")


class DriverWrites:
    """The Ray engine as a plain `Engine`: the pipeline then stores the results in the driver."""

    def __init__(self, engine: RayEngine) -> None:
        self.engine = engine

    def map_batches(
        self, batches: Iterable[tuple[K, list[Document]]]
    ) -> Iterator[tuple[K, list[Results | StageFailure]]]:
        return self.engine.map_batches(batches)

    def close(self) -> None:
        self.engine.close()


def fresh_schema(admin: str) -> tuple[str, str]:
    """A new schema in the database at `admin`, and a store URL that puts it first on the path."""
    name = f"claimgraph_bench_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    engine.dispose()
    url = make_url(admin).update_query_dict({"options": f"-csearch_path={name}"})
    return name, url.render_as_string(hide_password=False)


def drop_schema(admin: str, name: str) -> None:
    engine = create_engine(admin)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    engine.dispose()


def timed(mode: str, admin: str, docs: list[Document], workers: int) -> tuple[float, dict[str, int]]:
    """One mode on an empty store: documents/s and the store's row counts."""
    stages = (VOICES_STAGE, dataclasses.replace(nlp_stage("en_core_web_sm"), name="nlp-timed"))
    schema, url = fresh_schema(admin)
    try:
        engine = RayEngine(stages, workers)  # waits until every actor has loaded its models
        pids = engine.worker_pids()
        with Store.open(url) as store:
            config = Config(db=url)
            driver0, cpu0, wall0 = time.process_time(), cpu_seconds(pids), time.perf_counter()
            chosen = engine if mode == MODES[0] else DriverWrites(engine)
            run(docs, store, config, stages=stages, engine=chosen)
            wall = time.perf_counter() - wall0
            cpu, driver = cpu_seconds(pids) - cpu0, time.process_time() - driver0
            counts = store.table_counts()
        engine.close()
    finally:
        drop_schema(admin, schema)
    print(
        f"{mode:>13}: {len(docs)} docs in {wall:6.1f} s wall = {len(docs) / wall:5.2f} docs/s; "
        f"actor CPU {cpu:6.1f} s, driver CPU {driver:5.1f} s; load average {os.getloadavg()[0]:.1f}; "
        f"{counts['statements']} statements, {counts['events']} events"
    )
    return len(docs) / wall, {k: v for k, v in counts.items() if k != "runs"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("postgresql", help="a database whose role may create schemas")
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    admin = database_url(args.postgresql)
    docs = documents(args.docs, args.seed)
    print(f"{len(docs)} generated documents, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    ray.init(num_cpus=args.workers, include_dashboard=False, log_to_driver=False)  # one cluster for all
    rates: dict[str, list[float]] = {m: [] for m in MODES}
    reference: dict[str, int] | None = None
    try:
        for _ in range(args.repeats):
            for mode in MODES:
                rate, counts = timed(mode, admin, docs, args.workers)
                rates[mode].append(rate)
                if reference is not None and counts != reference:
                    raise SystemExit(f"row counts differ between modes: {counts} != {reference}")
                reference = counts
    finally:
        ray.shutdown()
    best = {m: max(r) for m, r in rates.items()}
    print(f"workers write / driver writes (best of {args.repeats}): {best[MODES[0]] / best[MODES[1]]:.2f}x")


if __name__ == "__main__":
    main()
