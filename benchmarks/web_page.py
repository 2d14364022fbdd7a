"""Claim page weight and time to first render in Chromium (Debian's, driven by Playwright).

Serves `--db` (default: the bundled example corpus analysed into a temporary store) with
`claimgraph serve` on loopback, opens the page of the claim with the most stances `--runs` times
in a fresh page each, and prints the bytes transferred (HTML, CSS, JS, icon) and the
first-contentful-paint time the browser reports (median and max).

Run: `python benchmarks/web_page.py [--db FILE] [--runs 5]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

import claimgraph

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_latency import start_server

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]  # fmt: skip


# The paint entry may arrive after `load`: wait for it (buffered), at most 5 s.
FCP = """new Promise(resolve => {
  new PerformanceObserver(list => {
    const e = list.getEntries().find(x => x.name === 'first-contentful-paint');
    if (e) resolve(e.startTime);
  }).observe({type: 'paint', buffered: true});
  setTimeout(() => resolve(null), 5000);
})"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from claimgraph.cli_demo import example_inputs

            db = str(Path(tmp) / "example.db")
            claimgraph.analyze(example_inputs(Path(claimgraph.__file__).parent / "example_corpus"), db=db)
        proc, base = start_server(db)
        try:
            claims = httpx.get(f"{base}/api/v1/claims", params={"limit": 200}, timeout=60).json()["items"]
            top = max(claims, key=lambda c: sum(c["sources"].values()) + sum(c["speakers"].values()))
            url = f"{base}/claims/{top['id']}"
            sizes, paints = [], []
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
                for _ in range(args.runs):
                    page = browser.new_page(viewport={"width": 1280, "height": 860})
                    got: list[int] = []
                    page.on("response", lambda r, got=got: got.append(len(r.body())))
                    page.goto(url)
                    page.wait_for_load_state("load")
                    fcp = page.evaluate(FCP)
                    if fcp is None:
                        raise SystemExit("Chromium reported no first-contentful-paint")
                    sizes.append(sum(got))
                    paints.append(float(fcp))
                    page.close()
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    stances = sum(top["sources"].values()) + sum(top["speakers"].values())
    print(f"claim page ({stances} stances): {statistics.median(sizes) / 1024:.0f} KiB transferred "
          f"(uncompressed); first contentful paint median {statistics.median(paints):.0f} ms, "
          f"max {max(paints):.0f} ms over {len(paints)} loads")  # fmt: skip


if __name__ == "__main__":
    main()
