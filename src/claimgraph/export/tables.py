"""The export's CSV tables: one flat row per record, lists joined into one cell.

Each table's columns are fixed here (docs/schema.md); rows come from the records of
`export/records.py`, so a CSV cell and its JSON field never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from claimgraph.export.records import (
    actor_records,
    claim_records,
    document_record,
    event_record,
    source_record,
    stance_record,
    statement_record,
)
from claimgraph.graph import build_graph, edge_records
from claimgraph.model import Contradiction, Document, Event, Stance, Statement
from claimgraph.naming import LIST_SEPARATOR  # aliases and chain links in one CSV cell
from claimgraph.store import Store

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
DOCUMENT_CSV_COLUMNS = (
    "id",
    "source_id",
    "uri",
    "title",
    "outlet",
    "published",
    "author",
    "language",
    "text",
)
ACTOR_CSV_COLUMNS = ("id", "name", "kind", "aliases", "affiliation", "code", "surface_forms")
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
CLAIM_CSV_COLUMNS = (
    "id",
    "text",
    "subject_name",
    "subject_actor_id",
    "relation",
    "object_name",
    "object_actor_id",
    "place",
    "verdict",
    "confidence",
    "explanation",
)
STANCE_CSV_COLUMNS = (
    "claim_id",
    "doc_id",
    "holder",
    "holder_kind",
    "stance",
    "score",
    "actor_id",
    "statement_id",
    "evidence_spans",
    "evidence_voices",
    "evidence_text",
)
CONTRADICTION_CSV_COLUMNS = (
    "id",
    "claim_id",
    "a_kind",
    "a_id",
    "a_doc_id",
    "b_kind",
    "b_id",
    "b_doc_id",
    "reason",
)
SOURCE_CSV_COLUMNS = ("name", "reliability", "documents")
EDGE_CSV_COLUMNS = (
    "source",
    "target",
    "source_name",
    "target_name",
    "relation",
    "symmetric",
    "count",
    "asserted",
    "denied",
    "planned",
    "first",
    "last",
    "actions",
    "months",
    "event_ids",
    "claim_ids",
)


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


def actor_csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """An `actors[]` record with its lists in one cell each ("Suleimani (2) | Soleimeni (1)")."""
    forms = (f"{f['text']} ({f['count']})" for f in record["surface_forms"])
    return {**record, "aliases": _joined(record["aliases"]), "surface_forms": _joined(forms)}


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


def claim_csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """A `claims[]` record flattened: actors as name and id columns, the verdict as three."""
    subject, obj, verdict = record["subject"] or {}, record["object"] or {}, record["verdict"]
    return {
        **record,
        "subject_name": subject.get("name"),
        "subject_actor_id": subject.get("actor_id"),
        "object_name": obj.get("name"),
        "object_actor_id": obj.get("actor_id"),
        "verdict": verdict["label"],
        "confidence": verdict["confidence"],
        "explanation": verdict["explanation"],
    }


def stance_csv_row(s: Stance) -> dict[str, Any]:
    """A stance with its evidence as joined cells: spans `doc:start-end`, voices, sentences."""
    return {
        **stance_record(s),
        "claim_id": s.claim_id,
        "evidence_spans": _joined(f"{e.span.doc_id}:{e.span.start}-{e.span.end}" for e in s.evidence),
        "evidence_voices": _joined(e.voice.value for e in s.evidence),
        "evidence_text": _joined(" ".join(e.text.split()) for e in s.evidence),
    }


def contradiction_csv_row(c: Contradiction) -> dict[str, Any]:
    return {
        "id": c.id,
        "claim_id": c.claim_id,
        **{
            f"{side}_{k}": getattr(getattr(c, side), k)
            for side in ("a", "b")
            for k in ("kind", "id", "doc_id")
        },
        "reason": c.reason,
    }


def edge_rows(store: Store) -> Iterator[dict[str, Any]]:
    """The relation graph's edges (`claimgraph.graph`), lists joined and mappings as JSON."""
    graph = build_graph(store.list_actors(), store.iter_events(), store.list_claims())
    for record in edge_records(graph):
        yield {
            **record,
            "actions": json.dumps(record["actions"], sort_keys=True),
            "months": json.dumps(record["months"], sort_keys=True),
            "event_ids": _joined(record["event_ids"]),
            "claim_ids": _joined(record["claim_ids"]),
        }


def table_rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    if table == "segments":
        for doc in store.iter_documents():
            yield from csv_rows(doc)
    elif table == "documents":
        for doc in store.iter_documents():
            record = document_record(doc)
            yield {k: record[k] for k in DOCUMENT_CSV_COLUMNS}
    elif table == "actors":
        yield from map(actor_csv_row, actor_records(store))
    elif table == "statements":
        yield from map(statement_csv_row, store.iter_statements())
    elif table == "events":
        yield from map(event_csv_row, store.iter_events())
    elif table == "claims":
        yield from map(claim_csv_row, claim_records(store))
    elif table == "stances":
        yield from map(stance_csv_row, store.iter_stances())
    elif table == "contradictions":
        yield from map(contradiction_csv_row, store.list_contradictions())
    elif table == "sources":
        yield from map(source_record, store.list_sources())
    else:
        yield from edge_rows(store)


CSV_TABLES: dict[str, tuple[str, ...]] = {
    "segments": CSV_COLUMNS,
    "documents": DOCUMENT_CSV_COLUMNS,
    "actors": ACTOR_CSV_COLUMNS,
    "statements": STATEMENT_CSV_COLUMNS,
    "events": EVENT_CSV_COLUMNS,
    "claims": CLAIM_CSV_COLUMNS,
    "stances": STANCE_CSV_COLUMNS,
    "contradictions": CONTRADICTION_CSV_COLUMNS,
    "sources": SOURCE_CSV_COLUMNS,
    "edges": EDGE_CSV_COLUMNS,
}
