"""Print main-text extraction figures: claimgraph's own voice vs trafilatura alone.

Usage: python benchmarks/extraction.py [HTML_DIR TRUTH_FILE]
Defaults to the development sample in ../shared/data/article_extraction_benchmark.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from claimgraph.eval.extraction import evaluate_extraction

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "article_extraction_benchmark"


def main(argv: list[str]) -> int:
    html_dir, truth = DEFAULT / "html", DEFAULT / "ground-truth.json"
    if len(argv) == 2:
        html_dir, truth = Path(argv[0]), Path(argv[1])
    if not truth.exists():
        print(f"{truth}: ground truth not found", file=sys.stderr)
        return 1
    started = time.perf_counter()
    result = evaluate_extraction(html_dir, truth)
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, indent=2))
    print(
        f"own voice F1 {result['f1']:.4f} (P {result['precision']:.4f}, R {result['recall']:.4f}) vs "
        f"trafilatura F1 {result['trafilatura_f1']:.4f} on {result['pages']} pages",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
