"""Export the store in the contract of docs/schema.md: JSON, JSONL (one document a line) or CSV.

Writers stream row by row, so exporting a large store needs no more memory than one document
(plus the corpus's actor list). CSV is one table per file: `segments` by default (the 0.1
behaviour), or any of CSV_TABLES; `export_csv_dir` writes them all into a folder.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import (
    Actor,
    Claim,
    ClaimMember,
    Contradiction,
    Document,
    Event,
    HolderKind,
    SourceReliability,
    Stance,
    Statement,
    Verdict,
)
from claimgraph.naming import LIST_SEPARATOR  # aliases and chain links in one CSV cell
from claimgraph.nlp.names import clean_mention
from claimgraph.outputs import atomic_output
from claimgraph.serialize import to_dict
from claimgraph.store import Store
from claimgraph.store.claims import evidence_record

FORMATS = ("json", "jsonl", "csv")
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection"):
# `=HYPERLINK(...)` in a headline must reach the analyst as text. Such text cells get a leading '.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Top-level lists of the JSON export, in order (docs/schema.md).
JSON_LISTS = ("documents", "actors", "statements", "events", "claims", "contradictions", "sources", "tracked")
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


def document_record(doc: Document) -> dict[str, Any]:
    """One `documents[]` entry of the export contract."""
    return {
        "id": doc.id,
        "source_id": doc.source_id,
        "uri": doc.uri,
        "title": doc.title,
        "outlet": doc.outlet,
        "published": doc.published,
        "author": doc.author,
        "language": doc.language,
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


def surface_forms(forms: Mapping[str, int]) -> list[dict[str, Any]]:
    """Mention texts as names ("the U.S.'s" -> "U.S."), most frequent first, then by text."""
    counts: Counter[str] = Counter()
    for text, n in forms.items():
        name = clean_mention(text)
        if name:
            counts[name] += n
    return [{"text": t, "count": n} for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def actor_record(actor: Actor, forms: Mapping[str, int] | None = None) -> dict[str, Any]:
    """One `actors[]` entry: {id, name, kind, aliases[], affiliation, code, surface_forms[]}.

    `aliases` holds the registry's other names and every other spelling the documents used
    for this actor ("Qassem Suleimani", "Tehran"); `surface_forms` counts each spelling seen.
    """
    record = to_dict(actor)
    observed = surface_forms(forms or {})
    seen = {actor.name, *actor.aliases}
    record["aliases"] = [*actor.aliases, *(f["text"] for f in observed if f["text"] not in seen)]
    record["surface_forms"] = observed
    return record


def actor_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every canonical actor with the spellings the corpus used for it."""
    forms = store.actor_surface_forms()
    for actor in store.list_actors():
        yield actor_record(actor, forms.get(actor.id))


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


def stance_record(s: Stance) -> dict[str, Any]:
    """One `claims[].stances[]` entry; evidence items carry their voice."""
    return {
        "doc_id": s.doc_id,
        "holder": s.holder,
        "holder_kind": s.holder_kind.value,
        "stance": s.stance.value,
        "score": s.score,
        "evidence": [evidence_record(e) for e in s.evidence],
        "actor_id": s.actor_id,
        "statement_id": s.statement_id,
    }


def member_record(m: ClaimMember) -> dict[str, Any]:
    return {
        "kind": m.fact.kind,
        "id": m.fact.id,
        "doc_id": m.fact.doc_id,
        "polarity": m.polarity,
        "voice": m.voice.value,
        "start": m.span.start,
        "end": m.span.end,
        "holder": m.holder,
    }


def verdict_record(v: Verdict | None) -> dict[str, Any]:
    """`{label, confidence, explanation}`; a claim the verdict step has not judged is unverified."""
    if v is None:
        return {"label": "unverified", "confidence": 0.0, "explanation": "No verdict has been computed."}
    return {"label": v.label.value, "confidence": v.confidence, "explanation": v.explanation}


def claim_record(claim: Claim, stances: Iterable[Stance], verdict: Verdict | None) -> dict[str, Any]:
    """One `claims[]` entry: {id, text, subject, relation, object, place, stances, verdict, members}."""
    return {
        "id": claim.id,
        "text": claim.text,
        "subject": to_dict(claim.subject),
        "relation": claim.relation,
        "object": to_dict(claim.object),
        "place": claim.place,
        "stances": [stance_record(s) for s in stances],
        "verdict": verdict_record(verdict),
        "members": [member_record(m) for m in claim.members],
    }


def contradiction_record(c: Contradiction) -> dict[str, Any]:
    """One `contradictions[]` entry: {id, claim_id, a: {kind, id, doc_id}, b: {...}, reason}."""
    return to_dict(c)


def source_record(s: SourceReliability) -> dict[str, Any]:
    """One `sources[]` entry: {name, reliability, documents}."""
    return to_dict(s)


def claim_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every claim with its stances and verdict, in the corpus stage's order."""
    stances: dict[str, list[Stance]] = {}
    for s in store.iter_stances():
        stances.setdefault(s.claim_id, []).append(s)
    verdicts = store.list_verdicts()
    for claim in store.list_claims():
        yield claim_record(claim, stances.get(claim.id, []), verdicts.get(claim.id))


def _json_records(store: Store, name: str) -> Iterable[dict[str, Any]]:
    if name == "documents":
        return map(document_record, store.iter_documents())
    if name == "actors":
        return actor_records(store)
    if name == "statements":
        return map(statement_record, store.iter_statements())
    if name == "events":
        return map(event_record, store.iter_events())
    if name == "claims":
        return claim_records(store)
    if name == "contradictions":
        return map(contradiction_record, store.list_contradictions())
    if name == "tracked":
        return map(tracked_record, store.tracked_claims())
    return map(source_record, store.list_sources())


def tracked_record(row: tuple[str, str, dict[str, Any] | None]) -> dict[str, Any]:
    """A tracked claim (`check --track`) with its latest judgement, shaped like a `claims[]` entry."""
    claim_id, text, result = row
    result = result or {}
    return {
        "id": claim_id,
        "text": text,
        "tracked": True,
        "verdict": result.get("verdict"),
        "stances": result.get("stances", []),
        "history": result.get("history", []),
    }


def export_dict(store: Store) -> dict[str, Any]:
    """The JSON export as one dict in memory (for the report and the CSV tables)."""
    return {name: list(_json_records(store, name)) for name in JSON_LISTS}


def stance_counts(stances: Iterable[Stance], kind: HolderKind) -> dict[str, int]:
    """agree/disagree/discuss/unrelated counts of one holder kind."""
    counts = {"agree": 0, "disagree": 0, "discuss": 0, "unrelated": 0}
    for s in stances:
        if s.holder_kind == kind:
            counts[s.stance.value] += 1
    return counts


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
    from claimgraph.graph import build_graph, edge_records

    graph = build_graph(store.list_actors(), store.iter_events(), store.list_claims())
    for record in edge_records(graph):
        yield {
            **record,
            "actions": json.dumps(record["actions"], sort_keys=True),
            "months": json.dumps(record["months"], sort_keys=True),
            "event_ids": _joined(record["event_ids"]),
            "claim_ids": _joined(record["claim_ids"]),
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


def spreadsheet_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, prefixed with ' ; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_csv(store: Store, out: TextIO, table: str = "segments") -> int:
    """One table as CSV; returns the number of rows."""
    if table not in CSV_TABLES:
        raise ClaimgraphError(Errors.E013, what="CSV table", value=table, choices=", ".join(CSV_TABLES))
    # RFC 4180 line ends: with "\n" alone, a cell holding a bare CR was written unquoted and split its row.
    writer = csv.DictWriter(out, fieldnames=CSV_TABLES[table], lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in _table_rows(store, table):
        writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
        count += 1
    return count


def export_csv_dir(store: Store, folder: Path) -> dict[str, int]:
    """Every CSV table into `folder` as NAME.csv; returns rows per table."""
    counts = {}
    for table in CSV_TABLES:
        with atomic_output(folder / f"{table}.csv") as out:
            counts[table] = export_csv(store, out, table)
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
    out.write("{")
    count = 0
    for i, name in enumerate(JSON_LISTS):
        written = _json_list(out, name, _json_records(store, name), first=i == 0)
        count = written if name == "documents" else count
    out.write("}\n")
    return count
