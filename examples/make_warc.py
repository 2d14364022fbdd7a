"""Build the example corpus's small WARC from the HTML pages in `examples/warc_pages/`.

The pages live outside the corpus folder so they are not ingested twice (once as HTML,
once inside the WARC). Dates and record ids are fixed, so rerunning the script gives the
same records; run it after editing a page:

    .venv/bin/python examples/make_warc.py
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
PAGES = HERE / "warc_pages"
OUTPUT = HERE.parent / "src" / "claimgraph" / "example_corpus" / "crawl-2014-06.warc.gz"

# (page file, URL it was "crawled" from, crawl time): order is the record order the gold uses.
RECORDS = (
    (
        "levant-courier-khamenei.html",
        "https://levantcourier.example/region/2014/06/22/khamenei-rejects-us-role",
        "2014-06-23T07:15:00Z",
    ),
    (
        "prairie-sentinel-advisers.html",
        "https://prairiesentinel.example/nation/2014/06/20/obama-advisers-iraq",
        "2014-06-23T07:16:30Z",
    ),
)
WARCINFO_DATE = "2014-06-23T07:15:00Z"


def record_id(key: str) -> str:
    """A stable WARC-Record-ID derived from `key` instead of a random UUID."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"<urn:uuid:{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}>"


def write_warc(output: Path) -> None:
    with output.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        info = writer.create_warcinfo_record(
            output.name,
            {"software": "claimgraph examples/make_warc.py", "description": "claimgraph example corpus"},
        )
        info.rec_headers.replace_header("WARC-Date", WARCINFO_DATE)
        info.rec_headers.replace_header("WARC-Record-ID", record_id(output.name))
        writer.write_record(info)
        for name, url, crawled in RECORDS:
            body = (PAGES / name).read_bytes()
            http_headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=http_headers,
                warc_headers_dict={"WARC-Date": crawled, "WARC-Record-ID": record_id(url)},
            )
            writer.write_record(record)


if __name__ == "__main__":
    write_warc(OUTPUT)
    print(f"wrote {OUTPUT}")
