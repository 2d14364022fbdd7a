"""The API's request and response models, in one place, built on the types of `claimgraph.model`.

Responses embed the model.py dataclasses themselves (pydantic reads stdlib dataclasses, their
enums and tuples), so the OpenAPI schema is generated from the same definitions the engine uses
and cannot drift from them; only envelopes (pages, counts, intervals) are defined here.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from claimgraph.model import (
    Actor,
    ActorMention,
    Claim,
    Contradiction,
    Document,
    Event,
    SourceReliability,
    Stance,
    Statement,
    TimelineEntry,
    Verdict,
)
from claimgraph.store import DocumentSummary

T = TypeVar("T")
MAX_CLAIM_CHARS = 2_000  # check's own limit is lower (settings); this only bounds the request
MAX_DOCUMENT_CHARS = 2_000_000
MAX_NEW_DOCUMENTS = 20


class ErrorDetail(BaseModel):
    code: str = Field(description="the numbered error, e.g. E016")
    message: str


class ErrorOut(BaseModel):
    """Every error: `{"error": {"code", "message"}}` (422s also list where the input was wrong)."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text}
    for status, text in (
        (400, "bad request (a cursor from another listing, an ambiguous id prefix)"),
        (401, "the token is required and was missing or wrong"),
        (404, "no such id"),
        (413, "the body is over the size limit"),
        (422, "a parameter or the body does not validate"),
        (503, "the database is busy or failing; retry after the Retry-After seconds"),
    )
}


class Page(BaseModel, Generic[T]):
    """One page of a listing; pass `next_cursor` as `cursor` for the next (None: the last page)."""

    items: list[T]
    next_cursor: str | None
    limit: int


class StanceCounts(BaseModel):
    agree: int = 0
    disagree: int = 0
    discuss: int = 0


class DocumentOut(BaseModel):
    """A document with its text, voiced segments, every input it came from, and its NLP facts."""

    document: Document
    sources: list[str]
    statements: list[Statement]
    events: list[Event]
    mentions: list[ActorMention]


class ClaimSummary(BaseModel):
    id: str
    text: str
    verdict: Verdict | None
    sources: StanceCounts = Field(description="stances of outlets in their own voice")
    speakers: StanceCounts = Field(description="stances of speakers they quote")
    per_source: dict[str, StanceCounts]
    actors: list[str]
    first: str | None = Field(description="earliest publication date of a document with a stance")
    last: str | None


class HistoryPoint(BaseModel):
    """The verdict with only what was published by `date` (check's history)."""

    date: str
    agree: int
    disagree: int
    discuss: int
    label: str


class ClaimDetail(BaseModel):
    """One claim with every stance, grouped by side, and the documents they come from."""

    claim: Claim
    verdict: Verdict | None
    sides: dict[str, list[Stance]]
    contradictions: list[Contradiction]
    documents: dict[str, DocumentSummary]


class CheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    claim: str = Field(min_length=1, max_length=MAX_CLAIM_CHARS)
    as_of: date | None = None
    track: bool = False


class CheckVerdictOut(BaseModel):
    label: str
    confidence: float
    explanation: str
    probs: dict[str, float]


class CheckOut(BaseModel):
    """Exactly `claimgraph check --json`'s object."""

    claim: str
    as_of: str | None
    verdict: CheckVerdictOut
    stances: list[dict[str, Any]]
    history: list[dict[str, Any]]
    candidates: int
    matched: int = Field(0, description="documents sharing the claim's words; the best are judged")
    note: str | None


class TrackedOut(BaseModel):
    id: str
    claim: str
    result: CheckOut | None


class SourceOut(BaseModel):
    """A source's reliability with a 95% Wilson interval over the documents behind it."""

    source: SourceReliability
    low: float
    high: float


class TimelineRow(BaseModel):
    entry: TimelineEntry
    claims: list[dict[str, Any]] = Field(description="claims this fact belongs to: claim_id, text, polarity")
    copies: int = Field(description="entries with the same text on the same date (syndicated copies)")


class GraphNode(BaseModel):
    id: str
    name: str
    kind: str
    degree: int
    mentions: int
    events: int
    x: float
    y: float
    r: float = Field(description="the circle's radius")
    label: str | None = Field(description="the name as written in the picture; None: on hover only")
    label_x: float = Field(description="the label's centre")
    label_y: float = Field(description="the label's baseline")


class GraphOut(BaseModel):
    nodes: list[GraphNode]
    edges: list[dict[str, Any]]
    hidden: dict[str, int] = Field(description="nodes left out: isolated, unresolved")


class ActorOut(BaseModel):
    actor: Actor
    relations: list[dict[str, Any]]


class NewDocument(BaseModel):
    """One article to add: its text or its HTML (exactly one), and what is known about it.

    Nothing here is fetched or opened: `url` is metadata (shown as a link only if http/https).
    """

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(default=None, max_length=MAX_DOCUMENT_CHARS)
    html: str | None = Field(default=None, max_length=MAX_DOCUMENT_CHARS)
    title: str | None = Field(default=None, max_length=1_000)
    url: str | None = Field(default=None, max_length=2_000)
    outlet: str | None = Field(default=None, max_length=200)
    author: str | None = Field(default=None, max_length=200)
    published: date | None = None

    @model_validator(mode="after")
    def _one_body(self) -> NewDocument:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of text and html")
        if not (self.text or self.html or "").strip():
            raise ValueError("the document is empty")
        return self

    @field_validator("url")
    @classmethod
    def _web_url(cls, value: str | None) -> str | None:
        if value is not None and not value.lower().startswith(("http://", "https://")):
            raise ValueError("url must be an http(s) address (it is kept as metadata, never fetched)")
        return value


class AddDocumentsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    documents: list[NewDocument] = Field(min_length=1, max_length=MAX_NEW_DOCUMENTS)


class AddedDocument(BaseModel):
    id: str | None
    uri: str
    new: bool
    error: str | None = None


class AddDocumentsOut(BaseModel):
    """What the run did. `visible` is when the new stances can be read: the corpus stage has
    finished before this response is sent, so they are visible to every read that follows."""

    run_id: int
    documents: list[AddedDocument]
    counts: dict[str, int]
    errors: list[str]
    visible: Literal["now"] = "now"
    seconds: float
