"""One document in, everything the NLP layer finds out: actors, mentions, statements, events.

A pure function of the document (and the model and registry), so the pipeline can run it in
any process and skip it when the document is unchanged. The spaCy parse is shared by the
extractors through `nlp.parsed` and never leaves this package.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TypeVar

from spacy.language import Language

from claimgraph.model import Actor, Document, DocumentAnalysis, Event, Statement
from claimgraph.nlp.actors import ActorResolver, extract_actors
from claimgraph.nlp.attribution import extract_statements
from claimgraph.nlp.events import extract_events

Fact = TypeVar("Fact", Statement, Event)


def analyze_document(doc: Document, nlp: Language, resolver: ActorResolver) -> DocumentAnalysis:
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
