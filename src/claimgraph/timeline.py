"""The timeline: events and statements in the order they happened, per claim or per actor (pair).

An event sorts by its own date when the text gives one (resolved against publication by
`claimgraph.nlp.time`), else by its document's publication date; a statement by its document's
publication date (the day it was reported said). Undated entries come last; ties keep document and
offset order, so the same input gives the same timeline.

One row per fact: an event's text starts with what happened ("United States attack ISIS: <sentence>"),
so two events read from one sentence are two different rows rather than the same sentence twice, and
the same event found twice in one document (the same actor, action, target, date and modality) is
one row.
"""

from __future__ import annotations

from collections.abc import Iterable

from claimgraph.model import Claim, Document, Event, Statement, TimelineEntry
from claimgraph.naming import holder_key as normalise

ISO_DATE_LENGTH = 10  # "YYYY-MM-DD": publication timestamps are cut to their day


def published_day(published: str | None) -> str | None:
    """A publication timestamp cut to its day ("2014-09-20T08:00:00Z" -> "2014-09-20"); the
    timeline, the report's and the web app's listings all date a document this way."""
    return published[:ISO_DATE_LENGTH] if published else None


def event_phrase(actor: str, action: str | None, target: str | None = None, place: str | None = None) -> str:
    """The fact in a few words: "United States attack ISIS (in Mosul)" (the timeline's rows here
    and in the report)."""
    words = " ".join(x for x in (actor, (action or "").replace("_", " "), target) if x)
    return f"{words} (in {place})" if place else words


def _published(doc: Document | None) -> str | None:
    return published_day(doc.published) if doc is not None else None


def _event_entry(event: Event, doc: Document | None) -> TimelineEntry:
    date, source = (event.date, "event") if event.date else (_published(doc), "published")
    target = event.target.name if event.target is not None else None
    text = f"{event_phrase(event.actor.name, event.action, target, event.place)}: {event.text}"
    return TimelineEntry("event", event.id, event.doc_id, event.span, event.voice, text, date,
                         source if date else None)  # fmt: skip


def _fact_key(event: Event) -> tuple[object, ...]:
    target = (event.target.actor_id or event.target.name) if event.target is not None else None
    return (event.doc_id, event.actor.actor_id or event.actor.name, event.action, target, event.date,
            event.modality)  # fmt: skip


def _statement_entry(statement: Statement, doc: Document | None) -> TimelineEntry:
    who = statement.speaker.name or statement.speaker.description or "someone"
    text = f"{who} {statement.cue}: {statement.content}"
    date = _published(doc)
    return TimelineEntry("statement", statement.id, statement.doc_id, statement.span, statement.voice, text,
                         date, "published" if date else None)  # fmt: skip


def _matches(name: str | None, actor_id: str | None, wanted: str) -> bool:
    return actor_id == wanted or (name is not None and normalise(name) == normalise(wanted))


def _event_involves(event: Event, actors: tuple[str, ...]) -> bool:
    sides = [(event.actor.name, event.actor.actor_id)]
    if event.target is not None:
        sides.append((event.target.name, event.target.actor_id))
    return all(any(_matches(n, i, a) for n, i in sides) for a in actors)


def _statement_involves(statement: Statement, actors: tuple[str, ...]) -> bool:
    """The speaker (or its affiliation) is one actor; with a pair, the content names the other."""
    sp = statement.speaker
    speaking = [
        a for a in actors if _matches(sp.name, sp.actor_id, a) or _matches(statement.affiliation, None, a)
    ]
    if not speaking:
        return False
    others = [a for a in actors if a not in speaking[:1]]
    content = normalise(statement.content)
    return all(normalise(a) in content for a in others)


def timeline(
    events: Iterable[Event],
    statements: Iterable[Statement],
    documents: Iterable[Document],
    *,
    claim: Claim | None = None,
    actor: str | tuple[str, str] | None = None,
) -> list[TimelineEntry]:
    """Dated entries, oldest first, undated last.

    `claim` keeps the facts that are members of that claim; `actor` (an actor id or name, or a pair
    of them) keeps events with that actor as actor or target (both, for a pair) and statements
    spoken by it or its affiliation (for a pair: whose content also names the other).
    """
    docs = {d.id: d for d in documents}
    members = {(m.fact.kind, m.fact.id) for m in claim.members} if claim is not None else None
    wanted = (actor,) if isinstance(actor, str) else actor
    entries = []
    seen: set[tuple[object, ...]] = set()
    for event in sorted(events, key=lambda e: (e.doc_id, e.span.start, e.id)):
        if members is not None and ("event", event.id) not in members:
            continue
        if wanted and not _event_involves(event, wanted):
            continue
        if _fact_key(event) in seen:
            continue
        seen.add(_fact_key(event))
        entries.append(_event_entry(event, docs.get(event.doc_id)))
    for statement in statements:
        if members is not None and ("statement", statement.id) not in members:
            continue
        if wanted and not _statement_involves(statement, wanted):
            continue
        entries.append(_statement_entry(statement, docs.get(statement.doc_id)))
    return sorted(entries, key=lambda e: (e.date is None, e.date or "", e.doc_id, e.span.start, e.kind, e.id))
