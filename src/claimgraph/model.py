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
    source_id: str | None = None  # the corpus's own id for this record (`--id-field`)

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
    language: str | None = None  # ISO 639-1 code, "und" when undetermined; None: not detected
    source_id: str | None = None  # the corpus's own id (JSONL/CSV `--id-field`), kept as given

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


class ActorKind(StrEnum):
    """What sort of thing an actor is; decides how it may be resolved and merged."""

    COUNTRY = "country"  # a state and its government: "Iran", "Tehran", "the Iranians"
    GOVERNMENT_BODY = "government_body"  # White House, Pentagon, IRGC, Majlis
    PERSON = "person"
    ARMED_GROUP = "armed_group"  # ISIS, Hezbollah, Peshmerga, Shiite militias
    MEDIA = "media"  # Reuters, the Guardian, Fars News Agency
    ORGANIZATION = "organization"  # any other organisation
    ROLE = "role"  # "US Secretary of State": an office that different people hold over time
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical entity that acts or speaks, with every name it goes by.

    `id` is deterministic (`<kind>:<slug>`, countries `country:<iso3 lower>`), so the same
    actor gets the same id in every document and run. `affiliation` is the id of the actor
    it belongs to (John Kerry → `country:usa`); `code` is an ISO or CAMEO-style code.
    """

    id: str
    name: str
    kind: str  # an ActorKind value
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None
    code: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One place in a document where an actor is named."""

    actor_id: str
    text: str
    span: Span
    voice: Voice


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An event's participant as written, with its canonical actor when resolved."""

    name: str
    actor_id: str | None = None


class Modality(StrEnum):
    """How the text presents an event: as fact, denied, planned, conditional or hearsay."""

    ASSERTED = "asserted"
    DENIED = "denied"  # "will not cooperate", "no coordination", "ruled out"
    PLANNED = "planned"  # "will", "plans to", "is considering"
    HYPOTHETICAL = "hypothetical"  # "if", "would", "could"
    REPORTED = "reported"  # inside someone's reported speech, "reportedly"


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, where and when, as one sentence of one document tells it.

    `action` is a class of the fixed taxonomy in `claimgraph.nlp.events` and `cameo` its
    CAMEO code; `date` is ISO (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when that is all the
    text says), resolved against the publication date; `modality` a Modality value.
    """

    id: str
    doc_id: str
    voice: Voice
    actor: ActorRef
    action: str
    cameo: str | None
    target: ActorRef | None
    place: str | None
    date: str | None
    modality: str
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class DocumentAnalysis:
    """Everything the per-document NLP stage found in one document.

    Actor ids are as found in this document (generated people not yet merged across
    documents); every `actor_id` used by a mention, statement or event is in `actors`.
    """

    doc_id: str
    actors: tuple[Actor, ...] = ()
    mentions: tuple[ActorMention, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
    # What the analysis could not do (a long document cut short by the time limit); reported as
    # ingest errors by the run, not stored with the facts.
    notes: tuple[str, ...] = ()


class StanceLabel(StrEnum):
    """Where a holder stands on a claim: the FNC-1 labels."""

    AGREE = "agree"
    DISAGREE = "disagree"
    DISCUSS = "discuss"  # reports on it without taking a side
    UNRELATED = "unrelated"


class HolderKind(StrEnum):
    """A stance is held by a source (an outlet's own voice) or by a speaker it quotes."""

    SOURCE = "source"
    SPEAKER = "speaker"


@dataclass(frozen=True, slots=True)
class FactRef:
    """A pointer to one extracted fact: a statement, an event, or a plain sentence of a document."""

    kind: str  # "statement" | "event" | "sentence"
    id: str
    doc_id: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """The exact text behind a stance, with the voice it was written in and who it passed through
    (outlet first, then quoted outlet or speaker)."""

    span: Span
    text: str
    voice: Voice
    chain: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimMember:
    """One fact that expresses a claim, for it (polarity +1) or against it (-1)."""

    fact: FactRef
    polarity: int
    voice: Voice
    span: Span
    holder: str  # outlet name for own voice, speaker for statements


@dataclass(frozen=True, slots=True)
class Claim:
    """A proposition several sources talk about, e.g. (United States, cooperate_militarily, Iran, Iraq).

    `subject`/`relation`/`object` are set for claims normalised from events and statements and
    may be None for claims clustered from free-text sentences; `text` is always readable.
    """

    id: str
    text: str
    subject: ActorRef | None = None
    relation: str | None = None
    object: ActorRef | None = None
    place: str | None = None
    members: tuple[ClaimMember, ...] = ()


@dataclass(frozen=True, slots=True)
class Stance:
    """One holder's position on one claim in one document, with its evidence."""

    claim_id: str
    doc_id: str
    holder: str
    holder_kind: HolderKind
    stance: StanceLabel
    score: float
    evidence: tuple[Evidence, ...] = ()
    actor_id: str | None = None
    statement_id: str | None = None  # for speaker stances: the statement it rests on


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two facts about one claim that cannot both hold, and why, in words."""

    id: str
    claim_id: str
    a: FactRef
    b: FactRef
    reason: str


class VerdictLabel(StrEnum):
    """The reader's answer at a glance."""

    CORROBORATED = "corroborated"
    DISPUTED = "disputed"
    DENIED = "denied"
    SINGLE_SOURCE = "single-source"
    UNVERIFIED = "unverified"


@dataclass(frozen=True, slots=True)
class Verdict:
    """Per claim: a label, a confidence in [0, 1], and the explanation a person reads."""

    claim_id: str
    label: VerdictLabel
    confidence: float
    explanation: str


@dataclass(frozen=True, slots=True)
class SourceReliability:
    """A source's estimated reliability from truth discovery over the stance matrix."""

    name: str
    reliability: float
    documents: int


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event or statement on the timeline, with the date it sorts by and where that date came from."""

    kind: str  # "event" | "statement"
    id: str
    doc_id: str
    span: Span
    voice: Voice
    text: str
    date: str | None  # ISO date (or YYYY-MM / YYYY); None sorts last
    date_source: str | None = None  # "event" (the text dates it) | "published" (the document's date)
