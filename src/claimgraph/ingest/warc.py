"""WARC and ARC archives (warcio), record by record: HTML `response` records become pages.

warcio reads a cut-off archive without complaint, so completeness is checked here: every
record must hold its full Content-Length and nothing but blank lines may follow the last
one. The archive is gunzipped by Python's gzip module, which does notice a cut-off member.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from claimgraph.config import IngestOptions
from claimgraph.ingest.fields import Metadata
from claimgraph.ingest.html import html_document
from claimgraph.ingest.source import ReadFailure, describe, human_size, open_binary, too_large
from claimgraph.model import IngestError, RawDocument

FORMAT = "warc"
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Bytes kept from the end of the stream to check that only blank lines follow the last record
# (a WARC ends each record with CRLF CRLF; 64 leaves room for stray line ends).
TAIL_BYTES = 64

_TRUNCATED = "truncated WARC"


class _Watched:
    """A read-only stream that counts bytes, keeps the last few, and ends quietly on a cut gzip."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.offset = 0
        self.tail = b""
        self.failure: str | None = None

    def read(self, size: int = -1) -> bytes:
        if self.failure:
            return b""
        try:
            # read1: a cut gzip raises on the call after the last good bytes, not with them
            data = self.stream.read1(size)
        except (EOFError, zlib.error, gzip.BadGzipFile, OSError) as error:
            self.failure = describe(error)
            return b""
        self.offset += len(data)
        self.tail = (self.tail + data)[-TAIL_BYTES:]
        return data

    def tell(self) -> int:
        return self.offset


def read_warc_file(path: Path, options: IngestOptions) -> Iterator[RawDocument | IngestError]:
    uri = str(path)
    try:
        with open_binary(path) as stream:
            yield from _records(_Watched(stream), uri, options)
    except ReadFailure as error:
        yield IngestError(uri, str(error))


def _records(watched: _Watched, uri: str, options: IngestOptions) -> Iterator[RawDocument | IngestError]:
    iterator = ArchiveIterator(watched, arc2warc=True)
    count = found = 0
    end = 0
    try:
        for record in iterator:
            count += 1
            document = _page(record, uri, options)
            offset, length = iterator.get_record_offset(), iterator.get_record_length()
            end = offset + length
            if not _complete(record):
                yield IngestError(uri, f"{_TRUNCATED}: record {count} is cut short")
                return
            if document is not None:
                found += 1
                yield document
    except (ArchiveLoadFailed, ValueError, AttributeError) as error:
        # warcio raises these (AttributeError included) on a record cut inside its headers
        problem = watched.failure or " ".join(str(error).split())
        yield IngestError(uri, f"{_TRUNCATED} or not a WARC file after record {count} ({problem})")
        return
    if watched.failure:
        yield IngestError(uri, f"{_TRUNCATED} after record {count} ({watched.failure})")
    elif count == 0:
        yield IngestError(uri, "empty file" if watched.offset == 0 else "not a WARC file (no records)")
    elif not _only_blank_after(watched, end):
        yield IngestError(uri, f"{_TRUNCATED} after record {count} (an incomplete record follows)")
    elif found == 0:  # found by fuzzing: text warcio reads as ARC headers gave no item at all
        yield IngestError(uri, f"no HTML pages among {count} record(s)")


def _page(record: ArcWarcRecord, uri: str, options: IngestOptions) -> RawDocument | IngestError | None:
    """The record as a page if it is a successful HTML response; None for any other record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if status != "200" or not content_type.startswith(HTML_TYPES):
        return None
    target = record.rec_headers.get_header("WARC-Target-URI")
    record_uri = f"{uri}#{target}" if target else uri
    length = record.length or 0
    if length > options.max_bytes:
        return IngestError(record_uri, f"record too large ({human_size(length)})")
    try:
        # read at most one byte past the limit: a gzip or brotli body (Content-Encoding) is
        # decompressed as it is read, and 2.3 KB of it can expand to 1 GB
        payload = record.content_stream().read(options.max_bytes + 1)
    except (OSError, EOFError, ValueError, zlib.error) as error:
        return IngestError(record_uri, f"cannot decode the response body ({error})")
    if len(payload) > options.max_bytes:
        return IngestError(
            record_uri, f"decoded response body {too_large(len(payload), options.max_bytes, at_least=True)}"
        )
    charset = content_type.partition("charset=")[2].split(";")[0].strip() or None
    return html_document(payload, record_uri, FORMAT, Metadata(url=target), charset)


def _complete(record: ArcWarcRecord) -> bool:
    """Whether the record's block was read in full (checked after warcio drained it)."""
    remaining = getattr(record.raw_stream, "limit", None)
    return remaining == 0


def _only_blank_after(watched: _Watched, end: int) -> bool:
    trailing = watched.offset - end
    return trailing <= len(watched.tail) and not watched.tail[len(watched.tail) - trailing :].strip()
