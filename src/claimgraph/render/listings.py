"""The list commands' output: each listing's columns and rows for a table, or its JSON records.

JSON statements and events are the export's records (`claimgraph export`, export.schema.json), so
a listing carries the same provenance as the export: document id, offsets, voice, chain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from claimgraph.export.records import actor_record, event_record, statement_record
from claimgraph.model import Event, Statement, Voice
from claimgraph.naming import CHAIN_SEPARATOR, LIST_SEPARATOR, speaker_label
from claimgraph.queries import ActorListing, ClaimListing
from claimgraph.render.console import print_json, print_rows, snippet
from claimgraph.serialize import to_dict
from claimgraph.store import DocumentSummary

SIDES = ("agree", "disagree", "discuss")  # the stance columns of `claims`; JSON also has "unrelated"


def document_row(d: DocumentSummary) -> tuple[str, ...]:
    voices = (str(d.voices.get(v.value, 0)) for v in Voice)
    return (d.id, d.outlet or "", d.title or d.uri, d.published or "", *voices, d.near_dup_group or "")


def actor_row(listed: ActorListing) -> tuple[str, ...]:
    a = listed.actor
    aliases = LIST_SEPARATOR.join(a.aliases)
    return (a.id, a.name, a.kind, a.affiliation or "", a.code or "", str(listed.mentions), aliases)


def actor_json(listed: ActorListing) -> dict[str, Any]:
    return {**actor_record(listed.actor), "mentions": listed.mentions}


def statement_row(s: Statement) -> tuple[str, ...]:
    chain = CHAIN_SEPARATOR.join(s.chain)
    return (s.id, s.doc_id, s.voice.value, speaker_label(s.speaker), s.cue, snippet(s.content), chain)


def event_row(e: Event) -> tuple[str, ...]:
    target = e.target.name if e.target else ""
    where = (e.place or "", e.date or "")
    return (
        e.id,
        e.doc_id,
        e.voice.value,
        e.actor.name,
        e.action,
        target,
        *where,
        e.modality,
        snippet(e.text),
    )


def claim_row(c: ClaimListing) -> tuple[str, ...]:
    sources = (str(c.sources[k]) for k in SIDES)
    speakers = (str(c.speakers[k]) for k in SIDES)
    return (c.id, c.verdict, *sources, *speakers, c.text)


@dataclass(frozen=True, slots=True)
class Listing:
    """How one list command prints: table columns, a row per item, a JSON record per item."""

    columns: tuple[str, ...]
    row: Callable[[Any], tuple[str, ...]]
    record: Callable[[Any], dict[str, Any]]


LISTINGS: dict[str, Listing] = {
    "docs": Listing(
        ("id", "outlet", "title", "published", *(v.value for v in Voice), "group"), document_row, to_dict
    ),
    "actors": Listing(
        ("id", "name", "kind", "affiliation", "code", "mentions", "aliases"), actor_row, actor_json
    ),
    "statements": Listing(
        ("id", "doc", "voice", "speaker", "cue", "content", "chain"), statement_row, statement_record
    ),
    "events": Listing(
        ("id", "doc", "voice", "actor", "action", "target", "place", "date", "modality", "text"),
        event_row,
        event_record,
    ),
    "claims": Listing(
        ("id", "verdict", *(f"outlets {k}" for k in SIDES), *(f"speakers {k}" for k in SIDES), "text"),
        claim_row,
        to_dict,
    ),
}


def print_listing(name: str, items: Sequence[Any], as_json: bool) -> None:
    """A list command's items: a JSON array of records with --json, else a table (rows when piped)."""
    listing = LISTINGS[name]
    if as_json:
        print_json([listing.record(item) for item in items])
        return
    rows: Iterator[tuple[str, ...]] = (listing.row(item) for item in items)
    print_rows(listing.columns, rows)
