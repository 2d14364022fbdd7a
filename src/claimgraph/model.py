"""The one data model every stage speaks.

Stages pass these types, never dicts of unknown shape. Every extracted fact carries a
`Span` (document id + character offsets into `Document.text`) and the `Voice` of the
segment it came from, so any output can be pointed back to the sentence that said it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Voice(StrEnum):
    """Who is speaking in a stretch of a page."""

    OWN = "own"  # the outlet's own writing: the only voice that counts as the outlet's assertion
    QUOTED = "quoted"  # text reproduced from another outlet (blockquote, "From the Guardian:")
    COMMENT = "comment"  # reader comments, with their author when the page names one
    BOILERPLATE = "boilerplate"  # site chrome: log-in, share, "read more", footers


@dataclass(frozen=True, slots=True)
class Span:
    """A character range of one document's text: the provenance of every fact."""

    doc_id: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end} in {self.doc_id}")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a document's text spoken in one voice.

    Offsets index `Document.text`; segments of a document are sorted, do not overlap,
    and together cover every non-whitespace character.
    """

    voice: Voice
    start: int
    end: int
    source: str | None = None  # the quoted outlet, when the page names it
    author: str | None = None  # the comment's author, when the page names one


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader yields: one page or record before cleaning.

    Exactly one of `html` and `text` is set. Metadata is whatever the container says
    (feed item, CSV columns, sidecar JSON); cleaning fills gaps from the HTML itself.
    """

    uri: str
    format: str  # "text", "markdown", "html", "rss", "warc", "jsonl", "csv"
    html: str | None = None
    text: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    url: str | None = None

    def __post_init__(self) -> None:
        if (self.html is None) == (self.text is None):
            raise ValueError(f"{self.uri}: a RawDocument needs exactly one of html and text")


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned document: main text, metadata and voiced segments.

    `id` is a stable hash of the normalised text, so the same article read twice (or
    from two formats) is one document.
    """

    id: str
    uri: str
    format: str
    text: str
    segments: tuple[Segment, ...]
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None

    def segment_text(self, segment: Segment) -> str:
        return self.text[segment.start : segment.end]

    def voice_text(self, voice: Voice) -> str:
        """All text of one voice, paragraphs joined by newlines."""
        return "\n".join(self.segment_text(s) for s in self.segments if s.voice == voice)


@dataclass(frozen=True, slots=True)
class IngestError:
    """A file or record that could not be read: an error as a value, reported, never raised."""

    uri: str
    problem: str

    def __str__(self) -> str:
        return f"{self.uri}: {self.problem}"


@dataclass(frozen=True, slots=True)
class NearDuplicateGroup:
    """Documents that are copies of one another (syndication), above the similarity threshold."""

    id: str
    doc_ids: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a statement is attributed to: a name, a description, or both.

    "lieutenant commander Bill Speaks, a Pentagon spokesman" has both; "a senior State
    Department official" has only a description. `actor_id` links to the actor registry
    once actor resolution has run.
    """

    name: str | None
    actor_id: str | None
    description: str | None


@dataclass(frozen=True, slots=True)
class Statement:
    """An attributed utterance: who said what, in which voice, reported through whom.

    `chain` runs from the document's outlet to the speaker: a blog quoting the Washington
    Post quoting an NSC spokeswoman is ("<blog>", "Washington Post", "Bernadette Meehan").
    `span` covers cue, speaker and content; `content_span` is what was said.
    """

    id: str
    doc_id: str
    voice: Voice
    speaker: Speaker
    affiliation: str | None
    chain: tuple[str, ...]
    cue: str
    content: str
    direct: bool
    span: Span
    cue_span: Span | None
    speaker_span: Span | None
    content_span: Span
