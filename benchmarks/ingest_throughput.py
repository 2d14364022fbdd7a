"""Ingest + clean + voices throughput and peak memory on generated HTML corpora.

Prints documents/second and peak RSS for each corpus size. Each size runs in its own child
process so peak RSS is that run's alone; streaming means peak RSS must not grow with the corpus
(target: peak at 50,000 pages within 1.3x of peak at 10,000).

    python benchmarks/ingest_throughput.py --sizes 10000 50000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    "government officials said forces militants city border talks military cooperation airstrikes "
    "ministry statement spokesman week region security troops support offensive province capital "
    "reported according analysts conflict negotiations embassy advisers weapons coalition"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
    return " ".join(words).capitalize() + "."


def _page(i: int, rng: random.Random) -> str:
    paragraphs = "\n".join(
        f"<p>{' '.join(_sentence(rng) for _ in range(rng.randint(2, 4)))}</p>"
        for _ in range(rng.randint(4, 8))
    )
    comments = "\n".join(
        f'<div class="comment"><span class="comment-author">reader{j}</span><p>{_sentence(rng)}</p></div>'
        for j in range(rng.randint(0, 3))
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Report {i}</title>
<meta property="og:site_name" content="Outlet {i % 37}"><meta name="author" content="Writer {i % 11}">
<meta property="article:published_time" content="2014-0{1 + i % 9}-1{i % 10}"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Log in</a></nav>
<article><h1>Report number {i}</h1>{paragraphs}
<blockquote><p>{_sentence(rng)}</p></blockquote><p>{_sentence(rng)}</p></article>
<section id="comments"><h3>Comments</h3>{comments}</section>
<footer>Share this: Facebook Twitter. All rights reserved.</footer></body></html>"""


def generate(folder: Path, count: int, seed: int = 20141202) -> None:
    rng = random.Random(seed)
    for i in range(count):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"page{i:06d}.html").write_text(_page(i, rng), encoding="utf-8")


def run_child(folder: str) -> None:
    """Child process: stream the folder through ingest and cleaning, print one JSON line."""
    from claimgraph.clean import clean
    from claimgraph.config import IngestOptions
    from claimgraph.ingest import iter_raw
    from claimgraph.model import IngestError

    started = time.perf_counter()
    docs = errors = segments = 0
    for raw in iter_raw([folder], IngestOptions()):
        if isinstance(raw, IngestError):
            errors += 1
            continue
        doc = clean(raw)
        if isinstance(doc, IngestError):
            errors += 1
            continue
        docs += 1
        segments += len(doc.segments)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "docs": docs,
                "errors": errors,
                "segments": segments,
                "seconds": seconds,
                "peak_rss_mib": peak_kib / 1024,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child)
        return
    peaks = {}
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        for size in args.sizes:
            folder = Path(tmp) / f"corpus{size}"
            generate(folder, size)
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(folder)], check=True, capture_output=True, text=True
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            peaks[size] = result["peak_rss_mib"]
            print(
                f"{size:>7} pages: {result['docs'] / result['seconds']:8.1f} docs/s "
                f"({result['seconds']:.1f} s, {result['errors']} errors, {result['segments']} segments), "
                f"peak RSS {result['peak_rss_mib']:.0f} MiB",
                flush=True,
            )
    sizes = sorted(peaks)
    if len(sizes) > 1:
        ratio = peaks[sizes[-1]] / peaks[sizes[0]]
        print(f"peak RSS ratio {sizes[-1]}/{sizes[0]} pages: {ratio:.2f} (target <= 1.30)")


if __name__ == "__main__":
    main()
