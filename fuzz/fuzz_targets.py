"""Fuzz targets: one function per reader that takes arbitrary bytes and must never raise.

Each target writes the bytes to a file with the reader's usual suffix (readers take paths: gzip
detection, size limits and sidecars all start there), calls the reader directly (not through
`ingest.read_file`, whose catch-all would hide a crash), checks what comes out, and cleans
every document as the pipeline would. Any exception escaping is a crash: the contract is that
bad input becomes an `IngestError` value.

Used by `fuzz/run.py` (atheris, coverage-guided) and by tests/fuzz (hypothesis).
"""

from __future__ import annotations

import gzip
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from claimgraph.clean import clean
from claimgraph.config import IngestOptions
from claimgraph.ingest.csv import read_csv_file
from claimgraph.ingest.feed import read_feed_file
from claimgraph.ingest.html import read_html_file
from claimgraph.ingest.jsonl import read_jsonl_file
from claimgraph.ingest.text import read_text_file
from claimgraph.ingest.warc import read_warc_file
from claimgraph.model import Document, IngestError, RawDocument

# Small enough that the size-limit branches are reachable by the fuzzer, large enough for pages.
FUZZ_MAX_BYTES = 64 * 1024
OPTIONS = IngestOptions(max_bytes=FUZZ_MAX_BYTES)

Reader = Callable[[Path, IngestOptions], Iterable[RawDocument | IngestError]]

READERS: dict[str, tuple[str, Reader]] = {
    "text": (".txt", lambda path, options: read_text_file(path, "text", options)),
    "html": (".html", read_html_file),
    "feed": (".rss", read_feed_file),
    "warc": (".warc", read_warc_file),
    "jsonl": (".jsonl", read_jsonl_file),
    "csv": (".csv", lambda path, options: read_csv_file(path, options, ",")),
}


class ContractBroken(AssertionError):
    """A reader returned something that breaks the ingest contract (not an exception it raised)."""


def _scratch_dir() -> Path:
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix="claimgraph-fuzz-", dir=base))


_SCRATCH: Path | None = None


def scratch() -> Path:
    """One private folder per process for the input files (tmpfs when there is one)."""
    global _SCRATCH
    if _SCRATCH is None:
        _SCRATCH = _scratch_dir()
    return _SCRATCH


def _encodable(value: str | None, what: str) -> None:
    """Every string must be storable: SQLite and JSON need valid UTF-8 (no lone surrogates)."""
    if value is None:
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ContractBroken(f"{what} is not valid Unicode: {error}") from error


def check_item(item: object) -> None:
    """What a reader yields: a RawDocument or an IngestError whose strings can be stored."""
    if isinstance(item, IngestError):
        _encodable(item.uri, "IngestError.uri")
        _encodable(item.problem, "IngestError.problem")
        if not item.problem:
            raise ContractBroken("IngestError without a problem")
        return
    if not isinstance(item, RawDocument):
        raise ContractBroken(f"reader yielded {type(item).__name__}")
    for name in ("uri", "html", "text", "title", "outlet", "author", "published", "url"):
        _encodable(getattr(item, name), f"RawDocument.{name}")


def check_document(doc: Document) -> None:
    """A cleaned document: storable text, segments sorted, non-overlapping, inside the text."""
    for name in ("text", "title", "outlet", "author", "published", "url"):
        _encodable(getattr(doc, name), f"Document.{name}")
    end = 0
    for segment in doc.segments:
        if not end <= segment.start <= segment.end <= len(doc.text):
            raise ContractBroken(f"segment {segment.start}..{segment.end} out of order or outside the text")
        end = segment.end


def run_reader(name: str, data: bytes, *, gzipped: bool = False, cleaning: bool = True) -> list[object]:
    """Feed `data` to reader `name` as a file; every item checked, every document cleaned."""
    suffix, reader = READERS[name]
    path = scratch() / f"input{suffix}{'.gz' if gzipped else ''}"
    path.write_bytes(gzip.compress(data, mtime=0) if gzipped else data)
    items = list(reader(path, OPTIONS))
    for item in items:
        check_item(item)
        if cleaning and isinstance(item, RawDocument):
            result = clean(item)
            if isinstance(result, Document):
                check_document(result)
            else:
                check_item(result)
    return items


# Seed inputs, written for these tests: the smallest file of each kind that gets a document out.
SEEDS: dict[str, list[bytes]] = {
    "text": [b"Title line\n\nThe minister said on Monday that talks would resume.\n"],
    "html": [
        b"<!doctype html><html><head><meta charset='utf-8'><title>T</title>"
        b"<link rel='canonical' href='https://example.org/a'></head><body><article><h1>Head</h1>"
        b"<p>The minister said on Monday that talks would resume next week.</p>"
        b"<blockquote>From the Herald: officials denied it.</blockquote></article></body></html>",
    ],
    "feed": [
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Outlet</title><item><title>A</title>"
        b"<link>https://example.org/a</link><pubDate>Mon, 16 Jun 2014 10:00:00 GMT</pubDate>"
        b"<description>&lt;p&gt;Officials said talks would resume.&lt;/p&gt;</description></item>"
        b"</channel></rss>",
        b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Outlet</title><entry>"
        b"<title>A</title><updated>2014-06-16T10:00:00Z</updated><content type='html'>&lt;p&gt;Text."
        b"&lt;/p&gt;</content></entry></feed>",
    ],
    "warc": [],  # filled below: a WARC needs computed lengths
    "jsonl": [
        b'{"text": "Officials said talks would resume.", "title": "A", "outlet": "O", "date": "2014-06-16"}\n'
        b'{"content": "Second record.", "url": "https://example.org/b"}\n',
    ],
    "csv": [
        b"title,text,outlet,date\nA,Officials said talks would resume.,O,2014-06-16\n"
        b'B,"Quoted, with a comma\nand a line break",O,16 June 2014\n',
    ],
}


def warc_record(url: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> bytes:
    """One WARC/1.0 response record with an HTTP 200 block."""
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() + b"\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )
    headers = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + url.encode() + b"\r\n"
        b"WARC-Date: 2014-06-16T10:00:00Z\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n"
    )
    return headers + http + b"\r\n\r\n"


SEEDS["warc"] = [warc_record("https://example.org/a", SEEDS["html"][0])]
