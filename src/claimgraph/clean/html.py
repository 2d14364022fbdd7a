"""HTML page -> main text, voiced segments and metadata.

One trafilatura pass does the heavy lifting (main text, its `<quote>` blocks, comments it
recognises, metadata). Around it, linear passes of our own: reader-comment threads are cut
from the tree first so their authors are kept; embedded posts and pull quotes are told
apart from real quotations; then the plain-text rules run over the paragraphs, so inline
chrome and "From the Guardian:" quotes are caught as in plain text. Paragraphs are joined
with "\\n" into the stored text, and every offset indexes that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from lxml.html import HtmlElement
from trafilatura.xml import xmltotxt  # trafilatura's own serialiser: our text matches `extract`

from claimgraph.clean.blocks import Block, split_blocks
from claimgraph.clean.html_comments import take_comments
from claimgraph.clean.labels import Label
from claimgraph.clean.voices import label_blocks, merge_segments
from claimgraph.ingest.html import load_page
from claimgraph.model import IngestError, Segment, Voice

# Embedded posts are reproduced from a platform: the blockquote's class names it.
EMBED_SOURCES = (
    (re.compile(r"twitter-tweet|twitter-video"), "Twitter"),
    (re.compile(r"instagram-media"), "Instagram"),
    (re.compile(r"tiktok-embed"), "TikTok"),
    (re.compile(r"reddit-(?:card|embed)"), "Reddit"),
    (re.compile(r"fb-(?:xfbml|post)|facebook"), "Facebook"),
)
# Pull quotes repeat the article's own words in large type: they stay `own`.
PULL_QUOTE = re.compile(r"pull-?quote|pullquote", re.IGNORECASE)
# trafilatura's own MAX_FILE_SIZE: larger pages are refused (it skips the check for parsed
# trees, which we pass it), so a 50 MB page is an error value, not minutes of parsing.
MAX_HTML_CHARS = 20_000_000
# A quote is matched to its source blockquote on this many leading characters of its text.
QUOTE_KEY_CHARS = 40
# Pages declaring no <html>/<body> in their first characters are fragments (feed items):
# trafilatura rejects a lone fragment, so it is wrapped.
FRAGMENT_SNIFF_CHARS = 1024
_FRAGMENT_MARK = re.compile(r"<(?:html|body|!doctype)", re.IGNORECASE)
_DROP_TAGS = ("script", "style", "noscript", "template", "head")
# Dates only from what the page declares (meta tags, JSON-LD, <time>, the URL): htmldate's
# extensive search reads years out of the body ("recall the 2003 invasion" -> 2003-01-01).
DATE_PARAMS = {"extensive_search": False, "original_date": True}
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class HtmlMetadata:
    """What the page says about itself (trafilatura's metadata pass)."""

    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class HtmlText:
    """The cleaned page: stored text, its voiced segments and its metadata."""

    text: str
    segments: tuple[Segment, ...]
    metadata: HtmlMetadata


_PULL = "pull quote"  # marker for quotes that stay own


def _key(text: str) -> str:
    return _SPACES.sub(" ", text).strip()[:QUOTE_KEY_CHARS]


def _quote_kinds(tree: HtmlElement) -> dict[str, str]:
    """Blockquote text key -> platform name (embeds) or the pull-quote marker."""
    kinds: dict[str, str] = {}
    for quote in tree.iter("blockquote", "aside"):
        parent = quote.getparent()
        around = None if parent is None else parent.get("class")
        classes = " ".join(filter(None, (quote.get("class"), around)))
        kind = _PULL if PULL_QUOTE.search(classes) else None
        for pattern, platform in EMBED_SOURCES:
            if pattern.search(classes):
                kind = platform
        if kind is not None:
            kinds[_key(" ".join(quote.itertext()))] = kind
    return kinds


def _quote_label(text: str, kinds: dict[str, str], group: int) -> Label | None:
    kind = kinds.get(_key(text))
    if kind == _PULL:
        return None
    if kind is not None:
        return Label(Voice.QUOTED, source=kind, group=group)
    return Label(Voice.QUOTED, group=group, tentative=True)


def _pieces(html: str) -> tuple[list[tuple[str, Label | None]], HtmlMetadata] | None:
    """Paragraphs with preset labels (quotes, comments) and the page metadata."""
    if not _FRAGMENT_MARK.search(html[:FRAGMENT_SNIFF_CHARS]):
        html = f"<html><body><div>{html}</div></body></html>"
    tree = load_page(html)
    if tree is None:
        return None
    kinds = _quote_kinds(tree)
    thread = take_comments(tree)
    try:
        document = trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=True, date_extraction_params=dict(DATE_PARAMS)
        )
    except ValueError:
        document = None
    pieces: list[tuple[str, Label | None]] = []
    metadata = HtmlMetadata()
    if document is not None:
        metadata = HtmlMetadata(
            document.title, document.sitename, document.author, document.date, document.url
        )
        for group, child in enumerate(document.body if document.body is not None else ()):
            text = xmltotxt(child, False).strip()
            if text:
                pieces.append((text, _quote_label(text, kinds, group) if child.tag == "quote" else None))
        comments_body = document.commentsbody if document.commentsbody is not None else ()
        for group, child in enumerate(comments_body, start=len(pieces)):
            text = xmltotxt(child, False).strip()
            if text:
                pieces.append((text, Label(Voice.COMMENT, group=group)))
    if not pieces:
        pieces = [(line, None) for line in _plain_text(tree).splitlines() if line.strip()]
    base = len(pieces)
    for number, comment in enumerate(thread):
        label = Label(Voice.COMMENT, author=comment.author, group=base + number)
        pieces.extend((paragraph, label) for paragraph in comment.paragraphs)
    return pieces, metadata


def _plain_text(tree: HtmlElement) -> str:
    """Every text node outside scripts and styles: the fallback when extraction finds nothing."""
    for element in list(tree.iter(*_DROP_TAGS)):
        element.drop_tree()
    return "\n".join(_SPACES.sub(" ", t).strip() for t in tree.itertext())


def parse_html(html: str, uri: str) -> HtmlText | IngestError:
    """Main text, voices and metadata of one page; an error value when it holds no text."""
    if len(html) > MAX_HTML_CHARS:
        size = len(html) // 1_000_000
        return IngestError(uri, f"HTML page too large to clean ({size} MB of text, limit 20 MB)")
    found = _pieces(html)
    if found is None or not found[0]:
        return IngestError(uri, "no text found")
    pieces, metadata = found
    blocks: list[Block] = []
    presets: list[Label | None] = []
    offset = 0
    text = "\n".join(piece for piece, _ in pieces)
    for piece, label in pieces:
        piece_blocks = split_blocks(text, offset, offset + len(piece))
        blocks.extend(piece_blocks)
        presets.extend([label] * len(piece_blocks))
        offset += len(piece) + 1
    segments = merge_segments(blocks, label_blocks(text, blocks, presets))
    return HtmlText(text, tuple(segments), metadata)
