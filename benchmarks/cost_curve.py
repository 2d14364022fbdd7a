"""Cost curve of `claimgraph analyze`: wall time, CPU time and peak memory against corpus size.

    python benchmarks/cost_curve.py [--sizes 50 100 200] [--workers 1] [--engine local] \
        [--plot docs/cost-curve.png] [--json results.json] [--no-nlp] [--keep DIR]

For each size a corpus is generated (`generate_corpus.py`, same seed: the generator streams, so a
smaller corpus is the start of a larger one) and analysed into a fresh store by a `claimgraph analyze`
subprocess. Measured per size: wall time; CPU time (user + system) of the subprocess and every
process it waited for (its worker pool), from `os.wait4` (Ray actors are Ray's processes, not
counted); peak RSS, the largest resident set of any one of those processes (`ru_maxrss`; with
--workers N the workers are separate processes, so this is not their sum); and, from analyze's
own summary lines, the time of the per-document stage and of each corpus step. The exponent b of
time ~ a * N^b is a least-squares fit in log-log space; a linear pipeline has b close to 1.

The issue asks for 1k, 10k, 50k and 100k documents. The NLP stage costs about a CPU-second per
document, so those take hours to days of one core; the defaults are what fits a few minutes on a
shared 2-core machine. Ray runs need no extra setup: --engine ray starts a local cluster.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from generate_corpus import DEFAULT_DATA, generate

DOCS_LINE = re.compile(r"documents analysed: (\d+) in ([\d.]+) s")
STEPS_LINE = re.compile(r"corpus stage ([\d.]+) s \((.*)\)")


def write_corpus(path: Path, size: int, seed: int, data: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for record in generate(size, seed, data):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def measured(command: list[str]) -> tuple[dict[str, Any], str]:
    """Run `command`, measured with `os.wait4` (its own rusage: CPU and peak RSS of it and the
    workers it waited for); return the measures and its stderr, or exit with its tail on failure."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        wall = time.perf_counter() - started
        log.seek(0)
        stderr = log.read()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[1:4])} failed ({process.returncode}):\n{stderr[-2000:]}")
    result: dict[str, Any] = {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # kilobytes on Linux
        "load_average": round(os.getloadavg()[0], 1),
    }
    return result, stderr


def analyze(corpus: Path, db: Path, extra: list[str]) -> dict[str, Any]:
    """One `claimgraph analyze` subprocess (`measured`). Its stderr is a file, so analyze prints its
    plain summary lines (per-document stage time, each corpus step's time), which are parsed."""
    command = [sys.executable, "-m", "claimgraph.cli", "analyze", str(corpus), "--db", str(db), *extra]
    result, stderr = measured(command)
    if m := DOCS_LINE.search(stderr):
        result["documents_stage_s"] = float(m.group(2))
    if m := STEPS_LINE.search(stderr):
        result["corpus_stage_s"] = float(m.group(1))
        result["stages_s"] = round(float(m.group(1)) + float(result.get("documents_stage_s", 0.0)), 2)
        result["corpus_steps_s"] = {
            name: float(seconds) for name, seconds in re.findall(r"(\w+) ([\d.]+) s", m.group(2))
        }
    return result


def exponent(sizes: list[int], values: list[float]) -> float:
    """Least-squares slope of log(value) on log(size)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(v) for v in values]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def plot(rows: list[dict[str, Any]], fits: dict[str, float], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [int(r["size"]) for r in rows]
    fig, (time_ax, rss_ax) = plt.subplots(1, 2, figsize=(10, 4))
    for key, label in (
        ("wall_s", "wall"),
        ("cpu_s", "CPU"),
        ("documents_stage_s", "per-document stage (wall)"),
        ("corpus_stage_s", "corpus stage (wall)"),
    ):
        values = [float(r[key]) for r in rows if key in r]
        if len(values) == len(sizes):
            fit = f" (N^{fits[key]:.2f})" if key in fits else ""
            time_ax.loglog(sizes, values, "o-", label=label + fit)
    time_ax.set_xlabel("documents")
    time_ax.set_ylabel("seconds")
    time_ax.set_title("time")
    time_ax.legend()
    rss_ax.plot(sizes, [float(r["peak_rss_mb"]) for r in rows], "o-")
    rss_ax.set_xlabel("documents")
    rss_ax.set_ylabel("MB")
    rss_ax.set_title("peak RSS (largest process)")
    loads = [float(r["load_average"]) for r in rows]
    fig.suptitle(
        f"claimgraph analyze cost curve (generated corpus; load average {min(loads):.0f}-{max(loads):.0f})"
    )
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--engine", default="local", choices=("local", "ray"))
    parser.add_argument("--no-nlp", action="store_true", help="ingest only (cheap: for the large sizes)")
    parser.add_argument("--plot", type=Path, help="PNG to write (e.g. docs/cost-curve.png)")
    parser.add_argument("--json", type=Path, help="write the measurements here")
    parser.add_argument("--from-json", type=Path, help="re-fit and re-plot measurements saved by --json")
    parser.add_argument("--keep", type=Path, help="keep each size's corpus and store in this folder")
    args = parser.parse_args()
    saved = args.from_json and json.loads(args.from_json.read_text(encoding="utf-8"))["rows"]
    report(saved or measure(args), args)


def measure(args: argparse.Namespace) -> list[dict[str, Any]]:
    extra = ["--workers", str(args.workers), "--engine", args.engine, *(["--no-nlp"] if args.no_nlp else [])]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for size in sorted(args.sizes):
            corpus, db = folder / f"corpus-{size}.jsonl", folder / f"store-{size}.db"
            if db.exists():
                raise SystemExit(f"error: {db} exists: analyze would add to it, not build it")
            write_corpus(corpus, size, args.seed, args.data)
            row = {"size": size, **analyze(corpus, db, extra)}
            rows.append(row)
            print(json.dumps(row), flush=True)
    return rows


def report(rows: list[dict[str, Any]], args: argparse.Namespace) -> None:
    sizes = [int(r["size"]) for r in rows]
    fits = {
        key: round(exponent(sizes, [float(r[key]) for r in rows]), 2)
        for key in ("wall_s", "cpu_s", "documents_stage_s", "corpus_stage_s", "stages_s")
        if len(rows) > 1 and all(key in r for r in rows)
    }
    print("fitted exponents (time ~ N^b):", json.dumps(fits))
    if args.json:
        saved = {"args": {k: str(v) for k, v in vars(args).items()}, "rows": rows, "fits": fits}
        args.json.write_text(json.dumps(saved, indent=1))
    if args.plot:
        plot(rows, fits, args.plot)
        print(f"plot written to {args.plot}")


if __name__ == "__main__":
    main()
