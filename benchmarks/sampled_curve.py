"""Fit and plot the cost curve of `sampled_stances.py` results: each step's CPU against documents.

    python benchmarks/sampled_curve.py RESULT.json [RESULT.json ...] [--plot docs/cost-curve.png]

Prints a Markdown table (one row a size) and the fitted exponent b of CPU ~ a * N^b for each step
(least squares in log-log space, `cost_curve.exponent`). "Run" is the build phase's CPU (process
start, per-document stage, actors, claims, contradictions) plus the stances step's estimate: the
whole corpus stage but the verdicts step, which was 1.6% of a 10,000-document run's CPU. The plot
needs matplotlib (`pip install -e ".[bench]"`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from cost_curve import exponent

COLUMNS = ("documents", "claims", "stances", "run")  # CPU series, in the table's and plot's order


def series(result: dict[str, Any]) -> dict[str, float]:
    """CPU seconds of each part of one size's run, and its peak RSS (MB) by phase."""
    build, sample = result["build"], result["sample"]
    return {
        "documents": build["steps"]["documents"]["cpu_s"],
        "claims": build["steps"]["claims"]["cpu_s"],
        "contradictions": build["steps"]["contradictions"]["cpu_s"],
        "stances": sample["estimate_cpu_s"],
        "stances_interval": sample["interval_cpu_s"],
        "run": build["cpu_s"] + sample["estimate_cpu_s"],
        "build_rss_mb": build["peak_rss_mb"],
        "sample_rss_mb": sample["peak_rss_mb"],
    }


def table(results: list[dict[str, Any]]) -> str:
    head = (
        "| documents | claims | per-document stage CPU | claims step CPU | contradictions step CPU "
        "| stances step CPU (estimate ± 95%) | CPU per timed claim | run CPU (no verdicts) "
        "| build wall | peak RSS build / stances |\n|" + "---|" * 10
    )
    lines = [head]
    for r in results:
        s, sample = series(r), r["sample"]
        lines.append(
            f"| {r['size']:,} | {sample['claims']:,} | {s['documents']:,.0f} s | {s['claims']:,.0f} s "
            f"| {s['contradictions']:,.1f} s | {s['stances']:,.0f} ± {s['stances_interval']:,.0f} s "
            f"| {sample['cpu_per_claim_s']:.2f} s | {s['run']:,.0f} s | {r['build']['wall_s']:,.0f} s "
            f"| {s['build_rss_mb']:,.0f} / {s['sample_rss_mb']:,.0f} MB |"
        )
    return "\n".join(lines)


def fits(results: list[dict[str, Any]]) -> dict[str, float]:
    sizes = [int(r["size"]) for r in results]
    rows = [series(r) for r in results]
    return {key: round(exponent(sizes, [row[key] for row in rows]), 2) for key in COLUMNS}


def plot(results: list[dict[str, Any]], fitted: dict[str, float], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [int(r["size"]) for r in results]
    rows = [series(r) for r in results]
    fig, (time_ax, rss_ax) = plt.subplots(1, 2, figsize=(11, 4.2))
    labels = {
        "documents": "per-document stage",
        "claims": "claims step",
        "stances": "stances step (sampled estimate, 95%)",
        "run": "run without verdicts",
    }
    for key in COLUMNS:
        errors = [row["stances_interval"] for row in rows] if key in ("stances", "run") else None
        time_ax.errorbar(
            sizes,
            [row[key] for row in rows],
            yerr=errors,
            fmt="o-",
            capsize=3,
            label=f"{labels[key]} (N^{fitted[key]:.2f})",
        )
    time_ax.set_xscale("log")
    time_ax.set_yscale("log")
    time_ax.set_xlabel("documents")
    time_ax.set_ylabel("CPU seconds")
    time_ax.set_title("CPU time")
    time_ax.legend(fontsize=8)
    for key, label in (
        ("build_rss_mb", "build (per-document .. contradictions)"),
        ("sample_rss_mb", "stances"),
    ):
        rss_ax.plot(sizes, [row[key] for row in rows], "o-", label=label)
    rss_ax.set_xscale("log")
    rss_ax.set_xlabel("documents")
    rss_ax.set_ylabel("MB")
    rss_ax.set_title("peak RSS (largest process)")
    rss_ax.legend(fontsize=8)
    fig.suptitle("claimgraph analyze cost curve, generated corpus (seed 11), one 2-core machine")
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path, nargs="+", help="sampled_stances.py --json files")
    parser.add_argument("--plot", type=Path, help="PNG to write")
    args = parser.parse_args()
    results = sorted(
        (json.loads(p.read_text(encoding="utf-8")) for p in args.results), key=lambda r: r["size"]
    )
    fitted = fits(results) if len(results) > 1 else {}
    print(table(results))
    print("fitted exponents (CPU ~ N^b):", json.dumps(fitted))
    if args.plot and fitted:
        plot(results, fitted, args.plot)
        print(f"plot written to {args.plot}")


if __name__ == "__main__":
    main()
