"""Export the store in the contract of docs/schema.md: JSON, JSONL (one document a line) or CSV.

Writers stream document by document, so exporting a large store needs no more memory than
one document.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import Document
from claimgraph.store import Store

FORMATS = ("json", "jsonl", "csv")
# Top-level lists after `documents`: empty until the NLP and claims layers fill them.
LATER_LISTS = ("actors", "statements", "events", "claims", "contradictions")
CSV_COLUMNS = (
    "doc_id",
    "uri",
    "outlet",
    "title",
    "published",
    "voice",
    "start",
    "end",
    "source",
    "author",
    "text",
)


def document_record(doc: Document) -> dict[str, Any]:
    """One `documents[]` entry of the export contract."""
    return {
        "id": doc.id,
        "uri": doc.uri,
        "title": doc.title,
        "outlet": doc.outlet,
        "published": doc.published,
        "author": doc.author,
        "text": doc.text,
        "segments": [
            {
                "voice": s.voice.value,
                "start": s.start,
                "end": s.end,
                "text": doc.segment_text(s),
                "source": s.source,
                "author": s.author,
            }
            for s in doc.segments
        ],
    }


def csv_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """One row per segment, with the document's metadata repeated."""
    for s in doc.segments:
        yield {
            "doc_id": doc.id,
            "uri": doc.uri,
            "outlet": doc.outlet,
            "title": doc.title,
            "published": doc.published,
            "voice": s.voice.value,
            "start": s.start,
            "end": s.end,
            "source": s.source,
            "author": s.author,
            "text": doc.segment_text(s),
        }


def export(store: Store, fmt: str, out: TextIO) -> int:
    """Write the store to `out` in `fmt`; return the number of documents written."""
    if fmt not in FORMATS:
        raise ClaimgraphError(Errors.E007, fmt=fmt, choices=", ".join(FORMATS))
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for doc in store.iter_documents():
            writer.writerows(csv_rows(doc))
            count += 1
    elif fmt == "jsonl":
        for doc in store.iter_documents():
            out.write(json.dumps(document_record(doc), ensure_ascii=False) + "\n")
            count += 1
    else:
        out.write('{"documents": [')
        for doc in store.iter_documents():
            out.write(("," if count else "") + "\n" + json.dumps(document_record(doc), ensure_ascii=False))
            count += 1
        out.write("\n]")
        for name in LATER_LISTS:
            out.write(f', "{name}": []')
        out.write("}\n")
    return count
