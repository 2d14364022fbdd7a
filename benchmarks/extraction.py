"""Print main-text extraction figures: claimgraph's own voice vs trafilatura alone.

Usage: python benchmarks/extraction.py [HTML_DIR TRUTH_FILE]
Defaults to the development sample in ../shared/data/article_extraction_benchmark. Prints all
pages, then the tuning and held-out parts of benchmarks/extraction_split.json.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from claimgraph.eval.extraction import SPLIT_PARTS, evaluate_extraction, read_split

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "article_extraction_benchmark"
SPLIT = Path(__file__).resolve().parent / "extraction_split.json"


def main(argv: list[str]) -> int:
    html_dir, truth = DEFAULT / "html", DEFAULT / "ground-truth.json"
    if len(argv) == 2:
        html_dir, truth = Path(argv[0]), Path(argv[1])
    if not truth.exists():
        print(f"{truth}: ground truth not found", file=sys.stderr)
        return 1
    parts = (None,) if len(argv) == 2 else (None, *SPLIT_PARTS)  # the split names the default pages
    for part in parts:
        pages = read_split(SPLIT, part) if part else None
        started = time.perf_counter()
        result = evaluate_extraction(html_dir, truth, pages=pages)
        result["seconds"] = round(time.perf_counter() - started, 1)
        print(json.dumps({"split": part or "all", **result}, indent=2))
        print(
            f"{part or 'all'}: own voice F1 {result['f1']:.4f} (P {result['precision']:.4f}, "
            f"R {result['recall']:.4f}), main text {result['main_f1']:.4f} vs trafilatura "
            f"{result['trafilatura_f1']:.4f} (no comments {result['trafilatura_no_comments_f1']:.4f}) "
            f"on {result['pages']} pages",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
