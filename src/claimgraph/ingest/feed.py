"""RSS and Atom feeds (feedparser): one document per item, full content when the feed has it.

A feed item's body is HTML (or plain text when the feed says so); cleaning extracts it like
any page. The feed's own title is the outlet.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.sax import SAXException

import feedparser

from claimgraph.config import IngestOptions
from claimgraph.ingest.dates import normalise_date
from claimgraph.ingest.fields import Metadata, as_text
from claimgraph.ingest.source import read_document
from claimgraph.model import IngestError, RawDocument

FORMAT = "rss"  # RSS and Atom alike
_PLAIN = "text/plain"


def read_feed_file(path: Path, options: IngestOptions) -> Iterator[RawDocument | IngestError]:
    data = read_document(path, options.max_bytes)
    if isinstance(data, IngestError):
        yield data
        return
    yield from feed_documents(data, str(path))


def feed_documents(data: bytes, uri: str) -> Iterator[RawDocument | IngestError]:
    try:
        parsed = feedparser.parse(data)
    except Exception as error:  # found by fuzzing: feedparser's loose parser raises on `&#xd800;`
        yield IngestError(uri, f"not a readable RSS or Atom feed ({type(error).__name__}: {error})")
        return
    if not parsed.entries:
        if parsed.bozo or not parsed.version:
            reason = str(parsed.get("bozo_exception", "")).strip() or "no feed elements"
            yield IngestError(uri, f"not an RSS or Atom feed ({reason})")
        else:
            yield IngestError(uri, "feed has no items")
        return
    outlet = as_text(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield _item(entry, f"{uri}#{number}", outlet)
    problem = parsed.get("bozo_exception")
    if isinstance(problem, SAXException):  # a cut or broken file; encoding notices are harmless
        yield IngestError(uri, f"malformed feed XML after {len(parsed.entries)} item(s) ({problem})")


def _item(entry: feedparser.FeedParserDict, uri: str, outlet: str | None) -> RawDocument | IngestError:
    body, kind = _body(entry)
    if body is None:
        return IngestError(uri, "feed item has neither content nor summary")
    markup = {"text": body} if kind == _PLAIN else {"html": body}
    meta = Metadata(
        title=as_text(entry.get("title")),
        outlet=outlet,
        author=as_text(entry.get("author")),
        published=_published(entry),
        url=as_text(entry.get("link")),
    )
    return meta.document(uri, FORMAT, **markup)


def _published(entry: feedparser.FeedParserDict) -> str | None:
    """The item's own date text keeps its time zone; feedparser's parsed tuple is in UTC."""
    for key in ("published", "updated"):
        if date := normalise_date(entry.get(key)) or normalise_date(entry.get(f"{key}_parsed")):
            return date
    return None


def _body(entry: feedparser.FeedParserDict) -> tuple[str | None, str | None]:
    """The longest full-content block, else the summary, with its MIME type."""
    contents = [c for c in entry.get("content", []) if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        return best["value"], best.get("type")
    summary = entry.get("summary") or ""
    if summary.strip():
        return summary, entry.get("summary_detail", {}).get("type")
    return None, None
