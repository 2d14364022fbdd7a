"""The export's actors, events, documents and stances as model types, so the report runs the same
functions as the commands (`claimgraph.timeline.timeline`, `claimgraph.graph.build_graph`, the
timeline's lanes) instead of a copy of them on dicts.

The report reads an export defensively (a half-built store's report should still open): a field
that is missing or of the wrong type gets the model's empty value, an event without an id its
position in the export (`#3`), so that every event still maps to exactly one model object. An
actor without an id and a stance naming no side the model knows are left out: no event could name
the one, no lane could colour the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from claimgraph.model import Actor, ActorRef, Document, Event, HolderKind, Span, Stance, StanceLabel, Voice
from claimgraph.report.markup import name_of

VOICES = {v.value: v for v in Voice}
STANCES = {s.value: s for s in StanceLabel}
HOLDER_KINDS = {k.value: k for k in HolderKind}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _voice(value: Any) -> Voice:
    """An export always names one; OWN only keeps a damaged record readable. A dict lookup, not
    `Voice(value)`: an enum call per event was most of the report timeline's time at 30,000."""
    return VOICES.get(value, Voice.OWN) if isinstance(value, str) else Voice.OWN


def actor_ref(value: Any) -> ActorRef | None:
    """{name, actor_id} (or a bare name) as an ActorRef; None when it names no one."""
    name = name_of(value)
    if not name:
        return None
    return ActorRef(name, _text(value.get("actor_id")) if isinstance(value, dict) else None)


def event_id(record: dict[str, Any], position: int) -> str:
    """The record's id, or its position in the export's event list when it has none."""
    return str(record.get("id") or f"#{position}")


def event(record: dict[str, Any], position: int) -> Event:
    """One exported event record (docs/schema.md) as the model's `Event`."""
    doc_id = str(record.get("doc_id") or "")
    return Event(
        id=event_id(record, position),
        doc_id=doc_id,
        voice=_voice(record.get("voice")),
        actor=actor_ref(record.get("actor")) or ActorRef(""),
        action=str(record.get("action") or ""),
        cameo=_text(record.get("cameo")),
        target=actor_ref(record.get("target")),
        place=_text(record.get("place")),
        date=_text(record.get("date")),
        modality=str(record.get("modality") or ""),
        text=str(record.get("text") or ""),
        span=Span(doc_id, _int(record.get("start")), _int(record.get("end"))),
    )


def events(records: Iterable[dict[str, Any]]) -> list[Event]:
    return [event(r, i) for i, r in enumerate(records)]


def documents(records: Iterable[dict[str, Any]]) -> list[Document]:
    """Documents without text: the timeline reads only their ids and publication dates."""
    return [
        Document(str(r.get("id")), str(r.get("uri") or ""), "", "", (), published=_text(r.get("published")))
        for r in records
    ]


def actor(record: dict[str, Any]) -> Actor | None:
    """One exported actor record as the model's `Actor` (its `surface_forms` counts dropped); None
    without an id, which no event could name."""
    actor_id = _text(record.get("id"))
    if actor_id is None:
        return None
    aliases = record.get("aliases")
    return Actor(
        id=actor_id,
        name=_text(record.get("name")) or actor_id,
        kind=_text(record.get("kind")) or "other",
        aliases=tuple(a for a in aliases if isinstance(a, str)) if isinstance(aliases, list) else (),
        affiliation=_text(record.get("affiliation")),
        code=_text(record.get("code")),
    )


def actors(records: Iterable[dict[str, Any]]) -> list[Actor]:
    return [a for a in map(actor, records) if a is not None]


def stance(record: dict[str, Any], claim_id: str) -> Stance | None:
    """One `claims[].stances[]` record as the model's `Stance`, without its evidence (the timeline
    reads who, where and which side); None when it names no side the model knows, which no lane
    could colour. A holder of unknown kind is shown as written, as a speaker's name is."""
    label = STANCES.get(_text(record.get("stance")) or "")
    if label is None:
        return None
    kind = HOLDER_KINDS.get(_text(record.get("holder_kind")) or "")
    score = record.get("score")
    return Stance(
        claim_id=claim_id,
        doc_id=str(record.get("doc_id") or ""),
        holder=str(record.get("holder") or ""),
        holder_kind=kind or HolderKind.SPEAKER,
        stance=label,
        score=float(score) if isinstance(score, int | float) and not isinstance(score, bool) else 0.0,
        actor_id=_text(record.get("actor_id")),
        statement_id=_text(record.get("statement_id")),
    )


def stances(claim: dict[str, Any]) -> list[Stance]:
    """An exported claim's stances as model `Stance`s, damaged ones left out (`stance`)."""
    records = claim.get("stances")
    claim_id = str(claim.get("id") or "")
    found = (stance(r, claim_id) for r in records if isinstance(r, dict)) if isinstance(records, list) else ()
    return [s for s in found if s is not None]
