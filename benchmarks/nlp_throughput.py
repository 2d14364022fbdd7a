"""Per-document NLP stage throughput against bare spaCy, with 1 and N worker processes.

Reads the bundled example corpus (ingest + clean, not timed), copies it `--copies` times
under fresh ids (so no parse cache is hit), then times on the same documents:
- bare spaCy: `nlp.pipe` over every non-boilerplate segment (what one parse costs);
- the nlp stage (`analyze_document`: actors, statements, events) in this process;
- the same through `LocalEngine` with `--workers` processes, models loaded before timing.
In one process the ratio stage/bare is taken on CPU time (`time.process_time`), which other
jobs on a shared machine do not inflate (issue 9 asks for >= 0.7); wall-clock is printed too.
The N-process line is wall-clock only (the workers' CPU time is not visible to this process).
Run: `.venv/bin/python benchmarks/nlp_throughput.py [--copies 3] [--workers 2]`.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from claimgraph.clean import clean
from claimgraph.cli_demo import example_inputs
from claimgraph.config import Config, IngestOptions
from claimgraph.engine import SerialEngine
from claimgraph.engine.local import LocalEngine
from claimgraph.engine.stages import nlp_models, nlp_stage
from claimgraph.ingest import iter_raw
from claimgraph.model import Document, IngestError, Voice

CORPUS = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "example_corpus"


def corpus(copies: int) -> list[Document]:
    raws = iter_raw(example_inputs(CORPUS), IngestOptions())
    docs = [d for d in (clean(r) for r in raws if not isinstance(r, IngestError)) if isinstance(d, Document)]
    return [replace(d, id=f"{k:04x}{d.id[4:]}") for k in range(copies) for d in docs]


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:7.2f} docs/s ({seconds:6.2f} s)"


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds of this process, wall-clock seconds) that `run` took."""
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    docs = corpus(args.copies)
    stage = nlp_stage(Config().spacy_model)
    nlp, _ = nlp_models(Config().spacy_model)
    words = sum(len(d.text.split()) for d in docs)
    print(f"{len(docs)} documents, {words} words")

    texts = [d.text[s.start : s.end] for d in docs for s in d.segments if s.voice != Voice.BOILERPLATE]
    bare, bare_wall = timed(lambda: list(nlp.pipe(texts)))
    print(f"bare spaCy         CPU {rate(len(docs), bare)}  wall {rate(len(docs), bare_wall)}")

    serial = SerialEngine((stage,))
    list(serial.map_batches([(0, docs[:1])]))  # models loaded
    one, one_wall = timed(lambda: list(serial.map_batches([(0, docs)])))
    print(f"nlp stage, 1 proc  CPU {rate(len(docs), one)}  wall {rate(len(docs), one_wall)}")
    print(f"ratio to bare, 1 proc: CPU {bare / one:.2f}, wall {bare_wall / one_wall:.2f}")

    pool = LocalEngine((stage,), args.workers)
    try:
        list(pool.map_batches([(k, [d]) for k, d in enumerate(docs[: args.workers * 2])]))  # workers warm
        start = time.perf_counter()
        list(pool.map_batches([(k, docs[k : k + 4]) for k in range(0, len(docs), 4)]))
        many = time.perf_counter() - start
    finally:
        pool.close()
    ratio = bare_wall / many
    print(f"nlp stage, {args.workers} procs wall {rate(len(docs), many)}  ratio to bare wall {ratio:.2f}")


if __name__ == "__main__":
    main()
