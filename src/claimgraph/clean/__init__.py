"""Cleaning: a RawDocument becomes a Document with main text, metadata and voiced segments.

HTML goes through trafilatura and our voice rules (`html`); plain text keeps its exact
characters (offsets must index what is stored) and goes through the voice rules
(`voices`). Metadata the container gave (feed item, CSV columns, sidecar) wins over what
the page says about itself; where neither names the outlet or date, `provenance` infers
them from the URL and the file name, so no document is shown by its path.
"""

from __future__ import annotations

from claimgraph.clean.html import parse_html
from claimgraph.clean.ids import document_id
from claimgraph.clean.provenance import file_hints, infer_outlet
from claimgraph.clean.voices import split_voices
from claimgraph.model import Document, IngestError, RawDocument

__all__ = ["clean", "document_id", "split_voices"]


def _first_line(text: str) -> str | None:
    return next((line.strip() for line in text.splitlines() if line.strip()), None)


def clean(raw: RawDocument) -> Document | IngestError:
    """Main text, metadata and voices of one raw document; an error value when it has no text."""
    if raw.html is not None:
        page = parse_html(raw.html, raw.uri)
        if isinstance(page, IngestError):
            return page
        meta = page.metadata
        text, segments = page.text, page.segments
        title, author = raw.title or meta.title, raw.author or meta.author
        published, url = raw.published or meta.published, raw.url or meta.url
        outlet = infer_outlet(raw.outlet, meta.outlet, url, raw.uri)
    else:
        text = raw.text or ""
        if not text.strip():
            return IngestError(raw.uri, "no text found")
        segments = tuple(split_voices(text))
        title = raw.title or _first_line(text)
        author, published, url = raw.author, raw.published, raw.url
        outlet = infer_outlet(raw.outlet, None, url, raw.uri)
    published = published or file_hints(raw.uri).published
    return Document(
        id=document_id(text),
        uri=raw.uri,
        format=raw.format,
        text=text,
        segments=tuple(segments),
        title=title,
        outlet=outlet,
        author=author,
        published=published,
        url=url,
        source_id=raw.source_id,
    )
