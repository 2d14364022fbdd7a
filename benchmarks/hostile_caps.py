"""Time and peak memory of hostile inputs (issue 12, item 5), each in a fresh process.

    python benchmarks/hostile_caps.py make FOLDER      # write the inputs (FNC-1 text, generated markup)
    python benchmarks/hostile_caps.py ingest FILE      # ingest + clean + language, no NLP
    python benchmarks/hostile_caps.py nlp FILE [SECONDS]  # the NLP stage on one text file (time limit)

Run each under `/usr/bin/time -f "%e s %M KB"` for wall time and peak RSS. The inputs:
article.txt (1.1 MB of FNC-1 bodies, one document), line.txt (one 50 MB line), million.html
(1M elements), deep.html (1,000 nested divs), bomb.warc.gz (a 2.3 KB WARC whose gzip
Content-Encoding body expands to 1 GB).
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
import time
from pathlib import Path

FNC1 = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fnc1" / "train_bodies.csv"


def make(folder: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir(parents=True, exist_ok=True)
    csv.field_size_limit(sys.maxsize)
    with open(FNC1, encoding="utf-8") as f:
        bodies = [row["articleBody"] for row in csv.DictReader(f)]
    text, i = "", 0
    while len(text) < 1_100_000:
        text, i = text + bodies[i] + "\n\n", i + 1
    (folder / "article.txt").write_text(text[:1_100_000], encoding="utf-8")
    line = " ".join(b.replace("\n", " ") for b in bodies)
    while len(line) < 50_000_000:
        line += " " + line
    (folder / "line.txt").write_text(line[:50_000_000], encoding="utf-8")
    page = "<html><body><article><p>Start of the page.</p>" + "<i>x" * 1_000_000 + "</article></body></html>"
    (folder / "million.html").write_text(page, encoding="utf-8")
    nested = "<div>" * 1000 + "<p>Deeply nested text that the reader must still find.</p>" + "</div>" * 1000
    (folder / "deep.html").write_text(f"<html><body>{nested}</body></html>", encoding="utf-8")
    packed = io.BytesIO()
    with gzip.GzipFile(fileobj=packed, mode="wb", compresslevel=9) as bomb:
        bomb.write(b"<html><body><p>")
        for _ in range(1024):
            bomb.write(b"a" * 2**20)  # 1 GiB, a MiB at a time
        bomb.write(b"</p></body></html>")
    body = packed.getvalue()
    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], protocol="HTTP/1.0"
    )
    with open(folder / "bomb.warc.gz", "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(
            writer.create_warc_record(
                "http://example.com/", "response", payload=io.BytesIO(body), http_headers=headers
            )
        )


def ingest(path: Path) -> None:
    from claimgraph.clean import clean
    from claimgraph.config import IngestOptions
    from claimgraph.ingest import iter_raw
    from claimgraph.pipeline import cleaned

    start = time.perf_counter()
    for item in cleaned(iter_raw([path], IngestOptions()), clean):
        print(
            str(item)[:160]
            if not hasattr(item, "text")
            else f"document: {len(item.text):,} chars, {item.language}"
        )
    print(f"{time.perf_counter() - start:.1f} s")


def nlp(path: Path) -> None:
    from claimgraph.engine.stages import nlp_analysis, nlp_models
    from claimgraph.model import Document, Segment, Voice

    text = path.read_text(encoding="utf-8")
    doc = Document("0" * 16, str(path), "text", text, (Segment(Voice.OWN, 0, len(text)),), language="en")
    nlp_models("en_core_web_sm")
    start = time.perf_counter()
    limit = float(sys.argv[3]) if len(sys.argv) > 3 else None
    found = nlp_analysis("en_core_web_sm", doc, max_seconds=limit)
    print(f"{len(found.statements)} statements, {len(found.events)} events, {len(found.mentions)} mentions")
    print(f"{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    command, target = sys.argv[1], Path(sys.argv[2])
    {"make": make, "ingest": ingest, "nlp": nlp}[command](target)
