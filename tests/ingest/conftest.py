"""Fixtures for the ingest tests: the fixture folder, a collector, and a WARC writer."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.config import IngestOptions
from claimgraph.ingest import iter_raw
from claimgraph.model import IngestError, RawDocument

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"

Collected = tuple[list[RawDocument], list[IngestError]]


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def ingest() -> Callable[..., Collected]:
    """Run iter_raw over paths with IngestOptions(**options); split documents from errors."""

    def run(paths: Iterable[str | Path], **options: object) -> Collected:
        docs: list[RawDocument] = []
        errors: list[IngestError] = []
        for item in iter_raw(paths, IngestOptions(**options)):
            (errors if isinstance(item, IngestError) else docs).append(item)
        return docs, errors

    return run


def html_page(number: int) -> bytes:
    return (
        f"<html><head><title>Page {number}</title></head><body>"
        f"<p>Report number {number}: the harbour authority said ships were waiting.</p>"
        "</body></html>"
    ).encode()


@pytest.fixture
def write_warc() -> Callable[..., Path]:
    """Write a WARC of HTML responses (plus one image and one 404) with warcio; returns its path."""

    def write(path: Path, pages: int = 3, *, compress: bool = True) -> Path:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=compress)
        built = [writer.create_warcinfo_record(path.name, {"software": "claimgraph tests"})]
        records = [
            (f"https://harbour.example/{n}", "200 OK", "text/html; charset=utf-8", html_page(n))
            for n in range(pages)
        ]
        records.insert(1, ("https://harbour.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"))
        records.insert(2, ("https://harbour.example/gone", "404 Not Found", "text/html", html_page(404)))
        for url, status, content_type, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            built.append(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )
        for record in built:
            writer.write_record(record)
            record.raw_stream.close()  # warcio spools each block to a temporary file
        path.write_bytes(buffer.getvalue())
        return path

    return write
