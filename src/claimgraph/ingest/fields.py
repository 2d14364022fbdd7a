"""Which column or key holds the text and each piece of metadata in a record.

One mapping serves JSONL, CSV, JSON arrays, sidecar JSON and front-matter: an explicit
`IngestOptions` field wins, else the first default alias present (case-insensitive).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from claimgraph.config import IngestOptions
from claimgraph.ingest.dates import normalise_date
from claimgraph.model import IngestError, RawDocument

TEXT_FIELDS = ("text", "body", "content", "article")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "uri")
DATE_FIELDS = ("published", "date", "publish_date")
OUTLET_FIELDS = ("outlet", "source", "site", "publisher")
AUTHOR_FIELDS = ("author", "byline")
ID_FIELDS = ("id", "doc_id", "document_id")  # a corpus's own record id, kept as metadata

_OPENING_TAG = re.compile(r"\s*<(?:!doctype\s+html|[a-z][a-z0-9]*)\b[^<>]*>", re.IGNORECASE)
_CLOSING_TAG = re.compile(r"</[a-z][a-z0-9]*\s*>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FieldMap:
    """The resolved key for each role; None where the record has no such key."""

    text: str | None
    title: str | None
    url: str | None
    date: str | None
    outlet: str | None
    author: str | None
    source_id: str | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    source_id: str | None = None

    def over(self, base: Metadata) -> Metadata:
        """These values where set, `base`'s elsewhere."""
        return Metadata(
            title=self.title or base.title,
            outlet=self.outlet or base.outlet,
            author=self.author or base.author,
            published=self.published or base.published,
            url=self.url or base.url,
            source_id=self.source_id or base.source_id,
        )

    def document(
        self, uri: str, fmt: str, *, html: str | None = None, text: str | None = None
    ) -> RawDocument:
        """A RawDocument carrying this metadata and one body (`html` or `text`)."""
        return RawDocument(
            uri=uri,
            format=fmt,
            html=html,
            text=text,
            title=self.title,
            outlet=self.outlet,
            author=self.author,
            published=self.published,
            url=self.url,
            source_id=self.source_id,
        )


def text_candidates(options: IngestOptions) -> tuple[str, ...]:
    return (options.text_field,) if options.text_field else TEXT_FIELDS


def resolve(keys: Iterable[str], options: IngestOptions) -> FieldMap:
    """Match the available keys (a CSV header, a JSON object's keys) to roles."""
    by_folded: dict[str, str] = {}
    exact = set()
    for key in keys:
        exact.add(key)
        by_folded.setdefault(key.casefold(), key)

    def pick(chosen: str | None, defaults: tuple[str, ...]) -> str | None:
        for name in (chosen,) if chosen else defaults:
            if name in exact:
                return name
            if name.casefold() in by_folded:
                return by_folded[name.casefold()]
        return None

    return FieldMap(
        text=pick(options.text_field, TEXT_FIELDS),
        title=pick(options.title_field, TITLE_FIELDS),
        url=pick(options.url_field, URL_FIELDS),
        date=pick(options.date_field, DATE_FIELDS),
        outlet=pick(options.outlet_field, OUTLET_FIELDS),
        author=pick(options.author_field, AUTHOR_FIELDS),
        source_id=pick(options.id_field, ID_FIELDS),
    )


def as_text(value: object) -> str | None:
    """A record value as a stripped string: lists join (several authors), empties are None."""
    if value is None or isinstance(value, dict):
        return None
    if isinstance(value, list):
        parts = [part for part in (as_text(item) for item in value) if part]
        return ", ".join(parts) or None
    text = str(value).strip()
    return text or None


def metadata(record: Mapping[str, object], fields: FieldMap) -> Metadata:
    def get(key: str | None) -> object:
        return record.get(key) if key else None

    return Metadata(
        title=as_text(get(fields.title)),
        outlet=as_text(get(fields.outlet)),
        author=as_text(get(fields.author)),
        published=normalise_date(get(fields.date)),
        url=as_text(get(fields.url)),
        source_id=as_text(get(fields.source_id)),
    )


def body_text(value: object) -> str | None:
    """The document body: a string, or a list of paragraphs joined by blank lines."""
    if isinstance(value, list):
        paragraphs = [item for item in value if isinstance(item, str) and item.strip()]
        return "\n\n".join(paragraphs) or None
    if isinstance(value, str) and value.strip():
        return value
    return None


def looks_like_html(text: str) -> bool:
    """A body starting with a tag and containing a closing tag is markup, not prose."""
    return bool(_OPENING_TAG.match(text)) and bool(_CLOSING_TAG.search(text))


def record_to_raw(
    record: Mapping[str, object],
    fields: FieldMap,
    where: tuple[str, str],
    fmt: str,
    options: IngestOptions,
) -> RawDocument | IngestError:
    """One JSON object or CSV row as a RawDocument, or the reason it has no text.

    `where` is (document uri, error uri): `file#line` names a document, `file:line` a problem.
    """
    uri, error_uri = where
    if fields.text is None or fields.text not in record:
        looked = ", ".join(text_candidates(options))
        found = ", ".join(map(str, record))
        return IngestError(error_uri, f"no text field (looked for {looked}; found {found})")
    body = body_text(record[fields.text])
    if body is None:
        return IngestError(error_uri, f"empty text in field {fields.text!r}")
    meta = metadata(record, fields)
    markup = {"html": body} if looks_like_html(body) else {"text": body}
    return meta.document(uri, fmt, **markup)
