"""Ingest: every input (files, directories, stdin) as a stream of RawDocuments and IngestErrors.

`iter_raw` is the one entry point. It walks the paths, picks a reader per file (by name, else
by content) and yields what the readers yield. Bad input is never raised: it comes out as an
`IngestError` naming the file, and the next file is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from claimgraph.config import IngestOptions
from claimgraph.ingest.csv import read_csv_file
from claimgraph.ingest.decode import BinaryDataError, decode, safe_name, scrub
from claimgraph.ingest.detect import Kind, kind_by_content, kind_by_name
from claimgraph.ingest.feed import read_feed_file
from claimgraph.ingest.fields import Metadata
from claimgraph.ingest.html import html_document, read_html_file
from claimgraph.ingest.jsonl import read_json_file, read_jsonl_file
from claimgraph.ingest.source import STDIN_URI, ReadFailure, head, is_stream, read_stdin, spooled
from claimgraph.ingest.text import read_text_file, text_document
from claimgraph.ingest.walk import STDIN, iter_files
from claimgraph.ingest.warc import read_warc_file
from claimgraph.model import IngestError, RawDocument

__all__ = ["iter_raw"]


def iter_raw(paths: Iterable[str | Path], options: IngestOptions) -> Iterator[RawDocument | IngestError]:
    """Stream the documents in `paths` (files, directories, "-" for stdin), in a stable order."""
    for item in iter_files(paths, exclude=options.exclude):
        if isinstance(item, IngestError):
            yield _storable(item)
        elif item == STDIN:
            yield _within_caps(read_stdin_document(options), options)
        else:
            read = read_stream if is_stream(Path(item)) else read_file
            for found in read(Path(item), options):
                yield _within_caps(_storable(found), options)


def _within_caps(item: RawDocument | IngestError, options: IngestOptions) -> RawDocument | IngestError:
    """The document, or an error when it is over a per-document cap (cleaning and NLP cost
    grow with its length and, for HTML, its element count)."""
    if isinstance(item, IngestError):
        return item
    body = item.html if item.html is not None else item.text or ""
    if len(body) > options.max_document_chars:
        limit = f"{options.max_document_chars:,}"
        return IngestError(
            item.uri,
            f"document too long ({len(body):,} characters; limit {limit}, IngestOptions.max_document_chars)",
        )
    if item.html is not None and (tags := item.html.count("<")) > options.max_html_elements:
        limit = f"{options.max_html_elements:,}"
        return IngestError(
            item.uri,
            f"page has too many elements (about {tags:,}; limit {limit}, IngestOptions.max_html_elements)",
        )
    return item


def read_stream(path: Path, options: IngestOptions) -> Iterator[RawDocument | IngestError]:
    """A pipe or device named on the command line: read once, then as the file it holds."""
    try:
        with spooled(path, options.max_bytes) as copy:
            for item in read_file(copy, options):
                uri = item.uri.replace(str(copy), str(path), 1)
                yield replace(item, uri=uri) if uri != item.uri else item
    except ReadFailure as error:
        yield IngestError(str(path), str(error))


def _storable(item: RawDocument | IngestError) -> RawDocument | IngestError:
    """The item with a file name that is not UTF-8 (or an error quoting bad text) made storable."""
    uri = safe_name(item.uri)
    if isinstance(item, IngestError):
        problem = scrub(safe_name(item.problem))
        return item if (uri, problem) == (item.uri, item.problem) else IngestError(uri, problem)
    return item if uri == item.uri else replace(item, uri=uri)


def read_file(path: Path, options: IngestOptions) -> Iterator[RawDocument | IngestError]:
    kind = kind_by_name(path)
    if kind is None or kind is Kind.XML:
        try:
            sniffed = kind_by_content(head(path))
        except ReadFailure as error:
            yield IngestError(str(path), str(error))
            return
        kind = sniffed if kind is None or sniffed is Kind.HTML else Kind.FEED
    try:
        yield from _READERS[kind](path, options)
    except Exception as error:  # third-party parsers fail in ways they do not document
        yield IngestError(str(path), f"cannot read as {kind}: {type(error).__name__}: {error}")


def read_stdin_document(options: IngestOptions) -> RawDocument | IngestError:
    """Standard input as one document: HTML when it looks like a page, else plain text."""
    try:
        data = read_stdin(options.max_bytes)
    except ReadFailure as error:
        return IngestError(STDIN_URI, str(error))
    kind = kind_by_content(data[:4096])
    if kind is Kind.HTML:
        return html_document(data, STDIN_URI, "html", Metadata())
    try:
        text = decode(data)
    except BinaryDataError as error:
        return IngestError(STDIN_URI, str(error))
    return text_document(text, STDIN_URI, "text", options, Metadata())


_READERS = {
    Kind.TEXT: lambda path, options: read_text_file(path, "text", options),
    Kind.MARKDOWN: lambda path, options: read_text_file(path, "markdown", options),
    Kind.HTML: read_html_file,
    Kind.FEED: read_feed_file,
    Kind.WARC: read_warc_file,
    Kind.JSONL: read_jsonl_file,
    Kind.JSON: read_json_file,
    Kind.CSV: lambda path, options: read_csv_file(path, options, ","),
    Kind.TSV: lambda path, options: read_csv_file(path, options, "\t"),
}
