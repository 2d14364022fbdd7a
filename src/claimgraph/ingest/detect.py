"""Which reader a file needs: by its name first, by its first bytes when the name says nothing."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from claimgraph.ingest.decode import bom_encoding


class Kind(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    FEED = "feed"
    WARC = "warc"
    JSONL = "jsonl"
    JSON = "json"
    XML = "xml"  # a feed unless the content is an HTML page
    CSV = "csv"
    TSV = "tsv"


_BY_SUFFIX = {
    ".txt": Kind.TEXT,
    ".text": Kind.TEXT,
    ".md": Kind.MARKDOWN,
    ".markdown": Kind.MARKDOWN,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
    ".xhtml": Kind.HTML,
    ".rss": Kind.FEED,
    ".atom": Kind.FEED,
    ".rdf": Kind.FEED,
    ".warc": Kind.WARC,
    ".arc": Kind.WARC,
    ".jsonl": Kind.JSONL,
    ".ndjson": Kind.JSONL,
    ".json": Kind.JSON,
    ".xml": Kind.XML,
    ".csv": Kind.CSV,
    ".tsv": Kind.TSV,
}


def kind_by_name(path: Path) -> Kind | None:
    """The reader a file's name asks for; None when only its content can tell."""
    name = path.name.lower().removesuffix(".gz")
    return _BY_SUFFIX.get(Path(name).suffix)


def kind_by_content(head: bytes) -> Kind:
    """Guess from the first (decompressed) bytes; text is the fallback (the text reader refuses binary)."""
    if head.startswith((b"WARC/", b"filedesc://")):
        return Kind.WARC
    start = _lowered_start(head)
    if start.startswith(("<!doctype html", "<html")):
        return Kind.HTML
    if start.startswith("<"):
        if "<rss" in start or "<feed" in start or "<rdf:rdf" in start:
            return Kind.FEED
        if "<html" in start:
            return Kind.HTML
        return Kind.FEED  # other XML: the feed reader reports what it is not
    if start.startswith("{"):
        return Kind.JSONL
    return Kind.TEXT


def _lowered_start(head: bytes) -> str:
    encoding = bom_encoding(head) or "utf-8"
    return head.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n").lower()
