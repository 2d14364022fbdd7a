"""The JSON export's records as types: the contract of docs/schema.md, one TypedDict per object.

`export.schema.json` (repository root) is generated from these by `python -m
claimgraph.export_schema`, and tests validate real exports against it, so a field added to the
export without a type here (or typed wrongly) fails CI. Enum-typed fields are written as the
enum's value ("own", "agree"); offsets are Python string indices into the document's `text`.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from claimgraph.model import ActorKind, HolderKind, Modality, StanceLabel, Voice

FactKind = Literal["statement", "event", "sentence"]
VerdictName = Literal["corroborated", "disputed", "denied", "single-source", "unverified"]


class SegmentRecord(TypedDict):
    voice: Voice
    start: int
    end: int
    text: str
    source: str | None
    author: str | None


class DocumentRecord(TypedDict):
    id: str
    source_id: str | None
    uri: str
    title: str | None
    outlet: str | None
    published: str | None
    author: str | None
    language: str | None
    text: str
    segments: list[SegmentRecord]


class SurfaceForm(TypedDict):
    text: str
    count: int


class ActorRecord(TypedDict):
    id: str
    name: str
    kind: ActorKind
    aliases: list[str]
    affiliation: str | None
    code: str | None
    surface_forms: list[SurfaceForm]


class SpeakerRecord(TypedDict):
    name: str | None
    actor_id: str | None
    description: str | None


class ActorRefRecord(TypedDict):
    name: str
    actor_id: str | None


class StatementRecord(TypedDict):
    id: str
    doc_id: str
    voice: Voice
    speaker: SpeakerRecord
    affiliation: str | None
    chain: list[str]
    cue: str
    content: str
    direct: bool
    start: int
    end: int
    content_start: int
    content_end: int


class EventRecord(TypedDict):
    id: str
    doc_id: str
    voice: Voice
    actor: ActorRefRecord
    action: str
    cameo: str | None
    target: ActorRefRecord | None
    place: str | None
    date: str | None
    modality: Modality
    text: str
    start: int
    end: int


class EvidenceRecord(TypedDict):
    doc_id: str
    start: int
    end: int
    text: str
    voice: Voice
    chain: list[str]


class StanceRecord(TypedDict):
    doc_id: str
    holder: str
    holder_kind: HolderKind
    stance: StanceLabel
    score: float
    evidence: list[EvidenceRecord]
    actor_id: str | None
    statement_id: str | None


class MemberRecord(TypedDict):
    kind: FactKind
    id: str
    doc_id: str
    polarity: int
    voice: Voice
    start: int
    end: int
    holder: str


class VerdictRecord(TypedDict):
    label: VerdictName
    confidence: float
    explanation: str


class ClaimRecord(TypedDict):
    id: str
    text: str
    subject: ActorRefRecord | None
    relation: str | None
    object: ActorRefRecord | None
    place: str | None
    stances: list[StanceRecord]
    verdict: VerdictRecord
    members: list[MemberRecord]


class FactRefRecord(TypedDict):
    kind: FactKind
    id: str
    doc_id: str


class ContradictionRecord(TypedDict):
    id: str
    claim_id: str
    a: FactRefRecord
    b: FactRefRecord
    reason: str


class SourceRecord(TypedDict):
    name: str
    reliability: float
    documents: int


class TrackedRecord(TypedDict):
    """A tracked claim: `verdict`, `stances` and `history` are `claimgraph check --json`'s fields
    at the last analyze (`verdict` null until first judged); their shape is `check`'s own."""

    id: str
    text: str
    tracked: bool
    verdict: dict[str, Any] | None
    stances: list[dict[str, Any]]
    history: list[dict[str, Any]]


class Export(TypedDict):
    """`claimgraph export --format json`: the whole store as one object."""

    documents: list[DocumentRecord]
    actors: list[ActorRecord]
    statements: list[StatementRecord]
    events: list[EventRecord]
    claims: list[ClaimRecord]
    contradictions: list[ContradictionRecord]
    sources: list[SourceRecord]
    tracked: list[TrackedRecord]
