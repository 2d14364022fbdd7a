"""Export the store in the contract of docs/schema.md: JSON, JSONL (one document a line) or CSV.

Writers stream row by row, so exporting a large store needs no more memory than one document
(plus the corpus's actor list). CSV is one table per file: `segments` by default (the 0.1
behaviour), or any of CSV_TABLES; `export_csv_dir` writes them all into a folder.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import Actor, Document, Event, Statement
from claimgraph.serialize import to_dict
from claimgraph.store import Store

FORMATS = ("json", "jsonl", "csv")
# Top-level lists after `documents`, `actors`, `statements` and `events`: empty until built.
LATER_LISTS = ("claims", "contradictions")
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
DOCUMENT_CSV_COLUMNS = ("id", "uri", "title", "outlet", "published", "author", "text")
ACTOR_CSV_COLUMNS = ("id", "name", "kind", "aliases", "affiliation", "code")
STATEMENT_CSV_COLUMNS = (
    "id",
    "doc_id",
    "voice",
    "speaker_name",
    "speaker_actor_id",
    "speaker_description",
    "affiliation",
    "chain",
    "cue",
    "content",
    "direct",
    "start",
    "end",
    "content_start",
    "content_end",
)
EVENT_CSV_COLUMNS = (
    "id",
    "doc_id",
    "voice",
    "actor_name",
    "actor_id",
    "action",
    "cameo",
    "target_name",
    "target_actor_id",
    "place",
    "date",
    "modality",
    "text",
    "start",
    "end",
)
LIST_SEPARATOR = " | "  # joins aliases and chain links in CSV cells (names contain commas)


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


def actor_record(actor: Actor) -> dict[str, Any]:
    """One `actors[]` entry: {id, name, kind, aliases[], affiliation, code}."""
    return to_dict(actor)


def statement_record(s: Statement) -> dict[str, Any]:
    """One `statements[]` entry; `start`/`end` cover speaker, cue and content, and the content's
    own offsets follow as `content_start`/`content_end`."""
    return {
        "id": s.id,
        "doc_id": s.doc_id,
        "voice": s.voice.value,
        "speaker": to_dict(s.speaker),
        "affiliation": s.affiliation,
        "chain": list(s.chain),
        "cue": s.cue,
        "content": s.content,
        "direct": s.direct,
        "start": s.span.start,
        "end": s.span.end,
        "content_start": s.content_span.start,
        "content_end": s.content_span.end,
    }


def event_record(e: Event) -> dict[str, Any]:
    """One `events[]` entry; `target` is null when the event has none."""
    return {
        "id": e.id,
        "doc_id": e.doc_id,
        "voice": e.voice.value,
        "actor": to_dict(e.actor),
        "action": e.action,
        "cameo": e.cameo,
        "target": to_dict(e.target),
        "place": e.place,
        "date": e.date,
        "modality": e.modality,
        "text": e.text,
        "start": e.span.start,
        "end": e.span.end,
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


def _joined(items: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(items)


def actor_csv_row(a: Actor) -> dict[str, Any]:
    return {**actor_record(a), "aliases": _joined(a.aliases)}


def statement_csv_row(s: Statement) -> dict[str, Any]:
    """A statement with its speaker as three columns and its chain as one cell."""
    record = statement_record(s)
    speaker = record.pop("speaker")
    return {
        **record,
        "speaker_name": speaker["name"],
        "speaker_actor_id": speaker["actor_id"],
        "speaker_description": speaker["description"],
        "chain": _joined(s.chain),
    }


def event_csv_row(e: Event) -> dict[str, Any]:
    """An event with actor and target as name and id columns."""
    record = event_record(e)
    return {
        **record,
        "actor_name": e.actor.name,
        "actor_id": e.actor.actor_id,
        "target_name": e.target.name if e.target else None,
        "target_actor_id": e.target.actor_id if e.target else None,
    }


def _table_rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    if table == "segments":
        for doc in store.iter_documents():
            yield from csv_rows(doc)
    elif table == "documents":
        for doc in store.iter_documents():
            record = document_record(doc)
            yield {k: record[k] for k in DOCUMENT_CSV_COLUMNS}
    elif table == "actors":
        yield from map(actor_csv_row, store.list_actors())
    elif table == "statements":
        yield from map(statement_csv_row, store.iter_statements())
    else:
        yield from map(event_csv_row, store.iter_events())


CSV_TABLES: dict[str, tuple[str, ...]] = {
    "segments": CSV_COLUMNS,
    "documents": DOCUMENT_CSV_COLUMNS,
    "actors": ACTOR_CSV_COLUMNS,
    "statements": STATEMENT_CSV_COLUMNS,
    "events": EVENT_CSV_COLUMNS,
}


def export_csv(store: Store, out: TextIO, table: str = "segments") -> int:
    """One table as CSV; returns the number of rows."""
    if table not in CSV_TABLES:
        raise ClaimgraphError(Errors.E013, what="CSV table", value=table, choices=", ".join(CSV_TABLES))
    writer = csv.DictWriter(out, fieldnames=CSV_TABLES[table], lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in _table_rows(store, table):
        writer.writerow(row)
        count += 1
    return count


def export_csv_dir(store: Store, folder: Path) -> dict[str, int]:
    """Every CSV table into `folder` as NAME.csv; returns rows per table."""
    counts = {}
    for table in CSV_TABLES:
        path = folder / f"{table}.csv"
        try:
            with path.open("w", encoding="utf-8", newline="") as out:
                counts[table] = export_csv(store, out, table)
        except OSError as exc:
            raise ClaimgraphError(Errors.E008, path=path, problem=exc.strerror or exc) from None
    return counts


def _json_list(out: TextIO, name: str, records: Iterable[dict[str, Any]], first: bool = False) -> int:
    out.write(("" if first else ", ") + f'"{name}": [')
    count = 0
    for record in records:
        out.write(("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False))
        count += 1
    out.write("\n]" if count else "]")
    return count


def export(store: Store, fmt: str, out: TextIO, table: str = "segments") -> int:
    """Write the store to `out` in `fmt`; return the number of documents (CSV: rows) written."""
    if fmt not in FORMATS:
        raise ClaimgraphError(Errors.E007, fmt=fmt, choices=", ".join(FORMATS))
    if fmt == "csv":
        return export_csv(store, out, table)
    if fmt == "jsonl":
        count = 0
        for doc in store.iter_documents():
            out.write(json.dumps(document_record(doc), ensure_ascii=False) + "\n")
            count += 1
        return count
    lists: list[tuple[str, Callable[[], Iterable[dict[str, Any]]]]] = [
        ("actors", lambda: map(actor_record, store.list_actors())),
        ("statements", lambda: map(statement_record, store.iter_statements())),
        ("events", lambda: map(event_record, store.iter_events())),
    ]
    out.write("{")
    count = _json_list(out, "documents", map(document_record, store.iter_documents()), first=True)
    for name, records in lists:
        _json_list(out, name, records())
    for name in LATER_LISTS:
        out.write(f', "{name}": []')
    out.write("}\n")
    return count
