"""One document in, everything the NLP layer finds out: actors, mentions, statements, events.

A pure function of the document (and the model and registry), so the pipeline can run it in
any process and skip it when the document is unchanged. The spaCy parse is shared by the
extractors through `nlp.parsed` and never leaves this package.

A document longer than CHUNK_CHARS is analysed in chunks cut at paragraph (else sentence, else
word) breaks: spaCy's time and memory grow with the text it holds at once (a 1.1 MB article
took 3.2 GB and then failed with E088 at 1,000,000 characters), and no fact spans chunks of
this size. The time limit is checked between chunks.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any, TypeVar

from spacy.language import Language

from claimgraph.model import Actor, Document, DocumentAnalysis, Event, Segment, Span, Statement
from claimgraph.nlp.actors import ActorResolver, extract_actors
from claimgraph.nlp.attribution import extract_statements
from claimgraph.nlp.events import extract_events

Fact = TypeVar("Fact", Statement, Event)
# Characters analysed at once: ~3,500 words, longer than nearly every news article (those are
# one chunk, analysed exactly as before). The extractors' time grows faster than linearly
# with a parse's length (Token.sent walks the doc): measured 415 s per million characters at
# 10k and 20k, 600 s at 40k, so chunks stay in the linear range (docs/ingest.md).
CHUNK_CHARS = 20_000
_BREAKS = (re.compile(r"\n\s*"), re.compile(r"[.!?][\"')\]]*\s+"), re.compile(r"\s+"))


class TimeLimitExceeded(RuntimeError):
    """A document's analysis ran past `Config.document_seconds`."""


def analyze_document(
    doc: Document, nlp: Language, resolver: ActorResolver, max_seconds: float | None = None
) -> DocumentAnalysis:
    """Actors (with mentions), statements and events of one document, in chunks when it is long;
    past `max_seconds` the chunks analysed so far are kept with a note saying where it stopped
    (TimeLimitExceeded when not even the first chunk could start)."""
    if len(doc.text) <= CHUNK_CHARS:
        return _analyze(doc, nlp, resolver)
    started = time.monotonic()
    parts: list[DocumentAnalysis] = []
    notes: tuple[str, ...] = ()
    for start, end in chunk_bounds(doc.text, CHUNK_CHARS):
        elapsed = time.monotonic() - started
        if max_seconds is not None and elapsed > max_seconds:
            done = f"{start:,} of {len(doc.text):,} characters"
            limit = f"NLP time limit of {max_seconds:g} s reached after {done} (Config.document_seconds)"
            if not parts:
                raise TimeLimitExceeded(f"{limit}; stored without NLP")
            notes = (f"{limit}; the facts of the analysed part are kept, the rest was not analysed",)
            break
        chunk = _chunk(doc, start, end)
        parts.append(_shifted(_analyze(chunk, nlp, resolver), start, chunk.id, doc.id))
    actors = {a.id: a for part in parts for a in part.actors}
    return DocumentAnalysis(
        doc_id=doc.id,
        actors=tuple(sorted(actors.values(), key=lambda a: a.id)),
        mentions=tuple(m for part in parts for m in part.mentions),
        statements=_unique(s for part in parts for s in part.statements),
        events=_unique(e for part in parts for e in part.events),
        notes=notes,
    )


def chunk_bounds(text: str, size: int) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of at most `size` characters covering `text`, each cut at the last
    paragraph break of its second half, else sentence end, else whitespace, else hard."""
    start = 0
    while len(text) - start > size:
        window = text[start + size // 2 : start + size]
        cut = start + size
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window)]
            if ends:
                cut = start + size // 2 + ends[-1]
                break
        yield start, cut
        start = cut
    yield start, len(text)


def _chunk(doc: Document, start: int, end: int) -> Document:
    """The document's text[start:end] as a document of its own (a distinct id keeps the ids of
    facts, hashed from doc id and offsets, distinct across chunks)."""
    segments = tuple(
        dataclasses.replace(s, start=max(s.start, start) - start, end=min(s.end, end) - start)
        for s in doc.segments
        if s.end > start and s.start < end
    )
    return dataclasses.replace(doc, id=f"{doc.id}@{start}", text=doc.text[start:end], segments=segments)


def _shifted(value: Any, offset: int, chunk_id: str, doc_id: str) -> Any:
    """`value` with every Span moved by `offset` and every mention of the chunk id replaced."""
    if isinstance(value, Span):
        return Span(doc_id, value.start + offset, value.end + offset)
    if isinstance(value, str):
        return doc_id if value == chunk_id else value
    if isinstance(value, tuple):
        return tuple(_shifted(item, offset, chunk_id, doc_id) for item in value)
    if isinstance(value, list):
        return [_shifted(item, offset, chunk_id, doc_id) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type | Segment):
        changes = {
            f.name: _shifted(getattr(value, f.name), offset, chunk_id, doc_id)
            for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    return value


def _analyze(doc: Document, nlp: Language, resolver: ActorResolver) -> DocumentAnalysis:
    """Actors (with mentions), statements with resolved speakers, and events of one document.

    Speakers are resolved against the registry at the publication date (roles → holders).
    Every actor id a statement or event points to is added to `actors`, so a store can keep
    referential integrity without consulting the registry.
    """
    actors, mentions = extract_actors(doc, nlp, resolver)
    statements = extract_statements(doc, nlp, resolve_actor=partial(resolver.resolve, context=doc.published))
    events = extract_events(doc, nlp, resolver)
    by_id: dict[str, Actor] = {a.id: a for a in actors}
    referenced = [s.speaker.actor_id for s in statements]
    referenced += [ref.actor_id for e in events for ref in (e.actor, e.target) if ref is not None]
    for actor_id in referenced:
        if actor_id and actor_id not in by_id and actor_id in resolver.entries:
            by_id[actor_id] = resolver.entries[actor_id].actor
    return DocumentAnalysis(
        doc_id=doc.id,
        actors=tuple(sorted(by_id.values(), key=lambda a: a.id)),
        mentions=tuple(mentions),
        statements=_unique(statements),
        events=_unique(events),
    )


def _unique(items: Iterable[Fact]) -> tuple[Fact, ...]:
    """First of each id, in order: two triggers of one action in one sentence make one event
    (same id), and ids are the store's keys."""
    first: dict[str, Fact] = {}
    for item in items:
        first.setdefault(item.id, item)
    return tuple(first.values())
