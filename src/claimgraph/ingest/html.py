"""HTML pages: decoded to text and passed on whole; main-text extraction happens in cleaning.

Only what is cheap and reliable is read here: the declared charset (to decode) and the
canonical URL. Malformed markup is not an ingest error: trafilatura copes with tag soup.
"""

from __future__ import annotations

import html as html_entities
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from lxml.html import HtmlElement, HTMLParser, fromstring
from trafilatura.utils import HTML_PARSER, load_html, repair_faulty_html

from claimgraph.config import IngestOptions
from claimgraph.ingest.decode import BinaryDataError, decode
from claimgraph.ingest.fields import Metadata
from claimgraph.ingest.sidecar import sidecar_metadata
from claimgraph.ingest.source import read_document
from claimgraph.model import IngestError, RawDocument

# Where a page declares its charset and canonical URL: the HTML spec puts `<meta charset>`
# in the first 1024 bytes; canonical links sit in <head>, which 64 KiB covers on real pages.
CHARSET_SCAN_BYTES = 4096
HEAD_SCAN_CHARS = 64 * 1024

# trafilatura's parser settings, without libxml2's 256-level depth limit: a page nested deeper
# (generated markup, or hostile) lost everything below that depth and gave "no text found".
# Deeper elements are unwrapped into their ancestor at this depth (text kept, in order): the
# extractors' cost grows with depth (justext: 20 s for a 5,000-deep page).
MAX_DEPTH = 256
_DEEP_PARSER = HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
    huge_tree=True,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_TAG = re.compile(r"<(link|meta)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def read_html_file(path: Path, options: IngestOptions) -> Iterator[RawDocument | IngestError]:
    data = read_document(path, options.max_bytes, empty_ok=True)
    if isinstance(data, IngestError):
        yield data
        return
    given = yield from sidecar_metadata(path, options)
    yield html_document(data, str(path), "html", given)


def html_document(
    data: bytes, uri: str, fmt: str, given: Metadata, charset: str | None = None
) -> RawDocument | IngestError:
    """Decode a page (HTTP charset, then <meta charset>, then detection) into a RawDocument."""
    try:
        page = decode(data, charset or declared_charset(data))
    except BinaryDataError:
        return IngestError(uri, "binary file, not HTML")
    if not page.strip():
        return IngestError(uri, "empty file")
    meta = given if given.url else replace(given, url=canonical_url(page))
    return meta.document(uri, fmt, html=page)


def load_page(html: str) -> HtmlElement | None:
    """trafilatura's `load_html` (its repairs and checks); a page it cut at libxml2's depth limit
    is parsed again without the limit (the element count is capped at ingest, so this is bounded)."""
    tree = load_html(html)
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in HTML_PARSER.error_log):
        repaired = repair_faulty_html(html, html[:50].lower())
        tree = fromstring(repaired.encode("utf-8", "surrogatepass"), parser=_DEEP_PARSER)
        _flatten(tree, MAX_DEPTH)
    return tree


def _flatten(tree: HtmlElement, limit: int) -> None:
    """Unwrap every element deeper than `limit` (its text and children move up, in order)."""
    deep: list[HtmlElement] = []
    stack = [(tree, 0)]
    while stack:
        element, depth = stack.pop()
        for child in element:
            if isinstance(child.tag, str):
                if depth + 1 > limit:
                    deep.append(child)
                stack.append((child, depth + 1))
    for element in reversed(deep):
        element.drop_tag()


def declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:CHARSET_SCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def canonical_url(page: str) -> str | None:
    """`<link rel=canonical>` or else `<meta property=og:url>`, when absolute http(s)."""
    head = page[:HEAD_SCAN_CHARS]
    found: dict[str, str] = {}
    for tag, body in _TAG.findall(head):
        attributes = _attributes(body)
        if tag.lower() == "link" and "canonical" in attributes.get("rel", "").lower().split():
            found.setdefault("canonical", attributes.get("href", ""))
        elif attributes.get("property", "").lower() == "og:url":
            found.setdefault("og", attributes.get("content", ""))
    for key in ("canonical", "og"):
        url = html_entities.unescape(found.get(key, "")).strip()
        if url.startswith(("http://", "https://")):
            return url
    return None


def _attributes(tag_body: str) -> dict[str, str]:
    return {name.lower(): "".join(values) for name, *values in _ATTRIBUTE.findall(tag_body)}
