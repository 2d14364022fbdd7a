"""`claimgraph analyze` end to end on every real article in ../shared/data: wall, CPU, peak RSS, stages.

    python benchmarks/real_articles.py [--workers 2] [--added K] [--limit N] [--keep DIR] [--json OUT]

Issue 11 asks for 10,000 real articles end to end; ../shared/data holds fewer, so this takes all
of them, in one JSONL corpus analysed by one `claimgraph analyze` subprocess into a fresh SQLite
store (measured as `cost_curve.py` measures a size: `os.wait4` CPU and peak RSS, the stage times
from analyze's summary lines):

- FNC-1 train bodies (news articles, no outlet or date in the data);
- ARC bodies (user comments on NYT "Room for Debate", the ARC stance corpus's bodies);
- PolNeAR train and dev texts (news articles, with publisher, date, title and author from
  metadata.tsv);
- the article-extraction benchmark's HTML pages (whole pages: boilerplate removal runs too).

`--added K` holds K records out (spread evenly over the sources) and adds them to the store in a
second `analyze` run once the first has finished: the incremental cost on real news, as a share of
the full run's CPU.

Nothing from the data is written to the repository; `--keep` keeps the corpus and store elsewhere.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cost_curve import analyze
from generate_corpus import DEFAULT_DATA

Record = dict[str, str]


def _csv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def fnc1(data: Path) -> Iterator[Record]:
    for row in _csv(data / "fnc1" / "train_bodies.csv"):
        yield {"id": f"fnc1-{row['Body ID']}", "text": row["articleBody"]}


def arc(data: Path) -> Iterator[Record]:
    for row in _csv(data / "arc_stance" / "arc_bodies.csv"):
        yield {"id": f"arc-{row['Body ID']}", "text": row["articleBody"]}


def polnear(data: Path) -> Iterator[Record]:
    with (data / "polnear" / "metadata.tsv").open(encoding="utf-8", newline="") as f:
        meta = {row["filename"]: row for row in csv.DictReader(f, delimiter="\t")}
    for split in ("train", "dev"):
        for path in sorted((data / "polnear" / split / "text").glob("*.txt")):
            row = meta.get(path.stem, {})
            yield {
                "id": f"polnear-{path.stem}",
                "text": path.read_text(encoding="utf-8"),
                "outlet": row.get("publisher", ""),
                "published": row.get("publication_date", ""),
                "title": row.get("title", ""),
                "author": row.get("author", ""),
            }


def extraction_pages(data: Path) -> Iterator[Record]:
    folder = data / "article_extraction_benchmark"
    urls = {k: v.get("url", "") for k, v in json.loads((folder / "ground-truth.json").read_text()).items()}
    for path in sorted((folder / "html").glob("*.html.gz")):
        key = path.name.removesuffix(".html.gz")
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        yield {"id": f"page-{key[:16]}", "text": html, "url": urls.get(key, "")}  # read as HTML


SOURCES = {"fnc1": fnc1, "arc": arc, "polnear": polnear, "extraction": extraction_pages}


def write_corpus(path: Path, added: Path, data: Path, limit: int | None, k: int) -> Counter[str]:
    """Every source's records into one JSONL file (the first `limit` of each, when given), but
    `k` records spread evenly over them (every (total // k)-th), which go to `added`: the
    documents a later run adds to the store."""
    records: list[tuple[str, Record]] = []
    for name, source in SOURCES.items():
        for n, record in enumerate(source(data)):
            if limit is not None and n >= limit:
                break
            records.append((name, record))
    step = len(records) // k if k else 0
    held = set(range(step - 1, len(records), step)[:k]) if k else set()
    counts: Counter[str] = Counter()
    with path.open("w", encoding="utf-8") as f, added.open("w", encoding="utf-8") as g:
        for n, (name, record) in enumerate(records):
            line = json.dumps({key: v for key, v in record.items() if v}, ensure_ascii=False) + "\n"
            (g if n in held else f).write(line)
            counts[f"{name}, added" if n in held else name] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, help="the first N records of each source (a quick check)")
    parser.add_argument("--added", type=int, default=0, help="add K held-out records in a 2nd run")
    parser.add_argument("--keep", type=Path, help="keep the corpus and the store in this folder")
    parser.add_argument("--json", type=Path, help="write the measurements here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        corpus, db = folder / "real-articles.jsonl", folder / "real-articles.db"
        added = folder / "real-articles-added.jsonl"
        if db.exists():
            raise SystemExit(f"error: {db} exists: analyze would add to it, not build it")
        counts = write_corpus(corpus, added, args.data, args.limit, args.added)
        print(f"records: {sum(counts.values())} ({json.dumps(counts)})", flush=True)
        extra = ["--workers", str(args.workers)]
        row: dict[str, Any] = {"records": dict(counts), **analyze(corpus, db, extra)}
        row["stored"] = stored_counts(db)
        print(json.dumps(row), flush=True)
        if args.added:
            row["added"] = analyze(added, db, extra)
            row["added"]["share_of_full_cpu"] = round(row["added"]["cpu_s"] / row["cpu_s"], 4)
            row["added"]["stored"] = stored_counts(db)
    if "corpus_stage_s" in row and "stages_s" in row:
        row["corpus_share"] = round(row["corpus_stage_s"] / row["stages_s"], 3)
    print(json.dumps(row, indent=1))
    if args.json:
        args.json.write_text(json.dumps(row, indent=1))


def stored_counts(db: Path) -> dict[str, int]:
    """Rows of the tables a reader of the run cares about (the store is closed by then)."""
    import sqlite3

    tables = ("documents", "ingest_errors", "claims", "stances", "verdicts", "statements", "actors")
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables
        } | json.loads(conn.execute("SELECT counts FROM runs ORDER BY id DESC").fetchone()[0])


if __name__ == "__main__":
    main()
