"""The store's NLP tables: per-document actors, mentions, statements, events; corpus actors.

A mixin of `Store` (same connection and transactions), kept apart so each module has one job.
Reads map actor ids through `actor_merges`, so callers see canonical ids; the per-document
rows keep the ids as found, which is what makes re-running the corpus stage idempotent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import Connection, Select, Table, Text, cast, delete, func, or_, select

from claimgraph.model import (
    Actor,
    ActorMention,
    ActorRef,
    DocumentAnalysis,
    Event,
    Span,
    Speaker,
    Statement,
    Voice,
)
from claimgraph.store import schema
from claimgraph.store.sql import chunks, insert_ignore

READ_PAGE = 1000  # rows per query when streaming statements/events: bounded memory


class NlpTables:
    """Methods `Store` gets for the NLP tables; they use Store's `_read` and `_write`."""

    _read: Callable[[], AbstractContextManager[Connection]]
    _write: Callable[[], AbstractContextManager[Connection]]

    # -- writes -------------------------------------------------------------------------------

    def put_document_analysis(self, analysis: DocumentAnalysis) -> None:
        """Replace everything stored for this document's NLP (a re-analysis leaves no stale rows)."""
        doc_id = analysis.doc_id
        with self._write() as conn:
            for table in schema.DOCUMENT_NLP_TABLES:
                conn.execute(delete(table).where(table.c.doc_id == doc_id))
            insert_ignore(conn, schema.document_actors, [_actor_row(a, doc_id) for a in analysis.actors])
            insert_ignore(
                conn, schema.actor_mentions, [_mention_row(m, i) for i, m in enumerate(analysis.mentions)]
            )
            insert_ignore(
                conn, schema.statements, [_statement_row(s, i) for i, s in enumerate(analysis.statements)]
            )
            insert_ignore(conn, schema.events, [_event_row(e, i) for i, e in enumerate(analysis.events)])

    def replace_actors(self, actors: Iterable[Actor], merges: dict[str, str]) -> None:
        """The corpus stage's result: canonical actors and found id -> canonical id."""
        with self._write() as conn:
            conn.execute(delete(schema.actors))
            conn.execute(delete(schema.actor_merges))
            insert_ignore(conn, schema.actors, [_actor_row(a) for a in actors])
            rows = [{"actor_id": k, "canonical_id": v} for k, v in sorted(merges.items()) if k != v]
            insert_ignore(conn, schema.actor_merges, rows)

    # -- reads --------------------------------------------------------------------------------

    def found_actors(self) -> list[Actor]:
        """Every distinct actor as documents found it, in id order (the corpus stage's input)."""
        t = schema.document_actors
        # JSON has no equality on PostgreSQL: compare the aliases as their (identical) JSON text.
        aliases = cast(t.c.aliases, Text)
        cols = (t.c.actor_id, t.c.name, t.c.kind, aliases, t.c.affiliation, t.c.code)
        order = (*cols[:4], t.c.affiliation.nulls_first(), t.c.code.nulls_first())  # as SQLite orders NULLs
        with self._read() as conn:
            rows = conn.execute(select(*cols).distinct().order_by(*order)).all()
        return [Actor(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], r[5]) for r in rows]

    def actor_merges(self) -> dict[str, str]:
        with self._read() as conn:
            return {r.actor_id: r.canonical_id for r in conn.execute(select(schema.actor_merges))}

    def list_actors(self, ids: Iterable[str] | None = None) -> list[Actor]:
        """The corpus's canonical actors (or those of these ids), in id order."""
        t = schema.actors
        with self._read() as conn:
            if ids is None:
                rows = conn.execute(select(t).order_by(t.c.id)).all()
            else:
                rows = [
                    r
                    for part in chunks(sorted(set(ids)))
                    for r in conn.execute(select(t).where(t.c.id.in_(part)))
                ]
                rows.sort(key=lambda r: r.id)
        return [Actor(r.id, r.name, r.kind, tuple(r.aliases), r.affiliation, r.code) for r in rows]

    def actor_mention_counts(self) -> dict[str, int]:
        """Mentions per canonical actor."""
        t = schema.actor_mentions
        merges = self.actor_merges()
        counts: dict[str, int] = {}
        with self._read() as conn:
            for actor_id, n in conn.execute(select(t.c.actor_id, func.count()).group_by(t.c.actor_id)):
                key = merges.get(actor_id, actor_id)
                counts[key] = counts.get(key, 0) + n
        return counts

    def actor_surface_forms(self) -> dict[str, dict[str, int]]:
        """Canonical actor id -> {mention text as written: count}: the spellings merged into it."""
        t = schema.actor_mentions
        merges = self.actor_merges()
        forms: dict[str, dict[str, int]] = {}
        with self._read() as conn:
            query = select(t.c.actor_id, t.c.text, func.count()).group_by(t.c.actor_id, t.c.text)
            for actor_id, text, n in conn.execute(query):
                found = forms.setdefault(merges.get(actor_id, actor_id), {})
                found[text] = found.get(text, 0) + n
        return forms

    def get_document_analysis(self, doc_id: str) -> DocumentAnalysis | None:
        """What the NLP stage stored for one document, ids as found; None if never analysed."""
        da, m = schema.document_actors, schema.actor_mentions
        with self._read() as conn:
            actor_rows = conn.execute(select(da).where(da.c.doc_id == doc_id).order_by(da.c.actor_id)).all()
            mention_rows = conn.execute(select(m).where(m.c.doc_id == doc_id).order_by(m.c.ordinal)).all()
            statement_rows = conn.execute(_by_doc(schema.statements, doc_id)).all()
            event_rows = conn.execute(_by_doc(schema.events, doc_id)).all()
        if not (actor_rows or mention_rows or statement_rows or event_rows):
            return None
        return DocumentAnalysis(
            doc_id=doc_id,
            actors=tuple(
                Actor(r.actor_id, r.name, r.kind, tuple(r.aliases), r.affiliation, r.code) for r in actor_rows
            ),
            mentions=tuple(
                ActorMention(r.actor_id, r.text, Span(doc_id, r.start, r.end), Voice(r.voice))
                for r in mention_rows
            ),
            statements=tuple(_statement(r, {}) for r in statement_rows),
            events=tuple(_event(r, {}) for r in event_rows),
        )

    def document_analyses(self, doc_ids: Sequence[str] | None = None) -> list[DocumentAnalysis]:
        """Every analysed document's NLP result (or these documents') with canonical actor ids, in
        document id order: the corpus stage's input (claims need "Bill Speaks" and "Speaks" to be
        one holder)."""
        da, m = schema.document_actors, schema.actor_mentions
        merges = self.actor_merges()
        actors: dict[str, dict[str, Actor]] = {}
        mentions: dict[str, list[ActorMention]] = {}
        statements: dict[str, list[Statement]] = {}
        events: dict[str, list[Event]] = {}
        with self._read() as conn:

            def rows(table: Table, *order: Any) -> Iterator[Any]:
                if doc_ids is None:
                    yield from conn.execute(select(table).order_by(*order))
                    return
                for part in chunks(sorted(set(doc_ids))):
                    yield from conn.execute(select(table).where(table.c.doc_id.in_(part)).order_by(*order))

            for r in rows(da, da.c.doc_id, da.c.actor_id):
                key = merges.get(r.actor_id, r.actor_id)
                found = Actor(key, r.name, r.kind, tuple(r.aliases), r.affiliation, r.code)
                actors.setdefault(r.doc_id, {}).setdefault(key, found)
            for r in rows(m, m.c.doc_id, m.c.ordinal):
                mentions.setdefault(r.doc_id, []).append(
                    ActorMention(
                        merges.get(r.actor_id, r.actor_id),
                        r.text,
                        Span(r.doc_id, r.start, r.end),
                        Voice(r.voice),
                    )
                )
            st, ev = schema.statements, schema.events
            for r in rows(st, st.c.doc_id, st.c.ordinal):
                statements.setdefault(r.doc_id, []).append(_statement(r, merges))
            for r in rows(ev, ev.c.doc_id, ev.c.ordinal):
                events.setdefault(r.doc_id, []).append(_event(r, merges))
        # the corpus's canonical record of each actor, read for these documents' actors only: an
        # incremental run reads a few documents' analyses several times, not every actor each time
        keys = {key for by_key in actors.values() for key in by_key}
        canonical = {a.id: a for a in self.list_actors(keys if doc_ids is not None else None)}
        for by_key in actors.values():
            for key in by_key:
                by_key[key] = canonical.get(key, by_key[key])
        doc_ids = sorted(actors.keys() | mentions.keys() | statements.keys() | events.keys())
        return [
            DocumentAnalysis(
                doc_id=d,
                actors=tuple(sorted(actors.get(d, {}).values(), key=lambda a: a.id)),
                mentions=tuple(mentions.get(d, ())),
                statements=tuple(statements.get(d, ())),
                events=tuple(events.get(d, ())),
            )
            for d in doc_ids
        ]

    def iter_statements(
        self, doc_id: str | None = None, speaker: str | None = None, doc_ids: Sequence[str] | None = None
    ) -> Iterator[Statement]:
        """Statements in (document, text) order, actor ids canonical; `doc_ids`: of these documents
        only, in one query (`check` reads the statements of its candidates).

        `speaker` matches (case-insensitively, anywhere) the speaker's name or description, or
        the name or an alias of the speaker's canonical actor.
        """
        t = schema.statements
        query = select(t)
        if doc_id is not None:
            query = query.where(t.c.doc_id == doc_id)
        if doc_ids is not None:
            query = query.where(t.c.doc_id.in_(sorted(set(doc_ids))))
        if speaker:
            ids = self._actor_ids_named(speaker)
            query = query.where(
                or_(
                    t.c.speaker_name.icontains(speaker, autoescape=True),
                    t.c.speaker_description.icontains(speaker, autoescape=True),
                    t.c.speaker_actor_id.in_(ids),
                )
            )
        merges = self.actor_merges()
        for row in self._paged(query, (t.c.doc_id, t.c.ordinal)):
            yield _statement(row, merges)

    def statements_by_document(
        self, doc_ids: Sequence[str], merges: dict[str, str] | None = None
    ) -> dict[str, list[Statement]]:
        """These documents' statements in text order, by document (every id a key), actor ids
        canonical through `merges` (read from the store when None: pass it to read many times)."""
        t = schema.statements
        merges = self.actor_merges() if merges is None else merges
        out: dict[str, list[Statement]] = {d: [] for d in doc_ids}
        with self._read() as conn:
            for part in chunks(sorted(set(doc_ids))):
                query = select(t).where(t.c.doc_id.in_(part)).order_by(t.c.doc_id, t.c.ordinal)
                for row in conn.execute(query):
                    out[row.doc_id].append(_statement(row, merges))
        return out

    def statement_affiliations(self) -> dict[str, str]:
        """Statement id -> its speaker's affiliation, for the statements that give one (verdict
        explanations group officials under their party), without the statements."""
        t = schema.statements
        with self._read() as conn:
            rows = conn.execute(select(t.c.id, t.c.affiliation).where(t.c.affiliation != "")).all()
        return {r.id: r.affiliation for r in rows}

    def iter_events(self, doc_id: str | None = None, actor: str | None = None) -> Iterator[Event]:
        """Events in (document, text) order, actor ids canonical; `actor` matches the source
        actor's name as written or its canonical actor's name or aliases."""
        t = schema.events
        query = select(t)
        if doc_id is not None:
            query = query.where(t.c.doc_id == doc_id)
        if actor:
            ids = self._actor_ids_named(actor)
            query = query.where(or_(t.c.actor_name.icontains(actor, autoescape=True), t.c.actor_id.in_(ids)))
        merges = self.actor_merges()
        for row in self._paged(query, (t.c.doc_id, t.c.ordinal)):
            yield _event(row, merges)

    def _actor_ids_named(self, name: str) -> list[str]:
        """Found actor ids whose canonical actor's name or an alias contains `name`."""
        needle = name.casefold()
        canonical = {
            a.id for a in self.list_actors() if any(needle in n.casefold() for n in (a.name, *a.aliases))
        }
        merges = self.actor_merges()
        return sorted(canonical | {k for k, v in merges.items() if v in canonical})

    def _paged(self, query: Select[Any], order: Sequence[Any]) -> Iterator[Any]:
        offset = 0
        while True:
            with self._read() as conn:
                rows = conn.execute(query.order_by(*order).limit(READ_PAGE).offset(offset)).all()
            yield from rows
            if len(rows) < READ_PAGE:
                return
            offset += READ_PAGE


def _by_doc(table: Any, doc_id: str) -> Select[Any]:
    return select(table).where(table.c.doc_id == doc_id).order_by(table.c.ordinal)


def _actor_row(actor: Actor, doc_id: str | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "name": actor.name,
        "kind": actor.kind,
        "aliases": list(actor.aliases),
        "affiliation": actor.affiliation,
        "code": actor.code,
    }
    if doc_id is None:
        return {"id": actor.id, **row}
    return {"doc_id": doc_id, "actor_id": actor.id, **row}


def _mention_row(m: ActorMention, ordinal: int) -> dict[str, Any]:
    return {
        "doc_id": m.span.doc_id,
        "ordinal": ordinal,
        "actor_id": m.actor_id,
        "text": m.text,
        "start": m.span.start,
        "end": m.span.end,
        "voice": str(m.voice),
    }


def _offsets(span: Span | None, prefix: str) -> dict[str, int | None]:
    return {f"{prefix}_start": span.start if span else None, f"{prefix}_end": span.end if span else None}


def _statement_row(s: Statement, ordinal: int) -> dict[str, Any]:
    return {
        "id": s.id,
        "doc_id": s.doc_id,
        "ordinal": ordinal,
        "voice": str(s.voice),
        "speaker_name": s.speaker.name,
        "speaker_actor_id": s.speaker.actor_id,
        "speaker_description": s.speaker.description,
        "affiliation": s.affiliation,
        "chain": list(s.chain),
        "cue": s.cue,
        "content": s.content,
        "direct": s.direct,
        "start": s.span.start,
        "end": s.span.end,
        **_offsets(s.cue_span, "cue"),
        **_offsets(s.speaker_span, "speaker"),
        **_offsets(s.content_span, "content"),
    }


def _event_row(e: Event, ordinal: int) -> dict[str, Any]:
    return {
        "id": e.id,
        "doc_id": e.doc_id,
        "ordinal": ordinal,
        "voice": str(e.voice),
        "actor_name": e.actor.name,
        "actor_id": e.actor.actor_id,
        "action": e.action,
        "cameo": e.cameo,
        "target_name": e.target.name if e.target else None,
        "target_actor_id": e.target.actor_id if e.target else None,
        "place": e.place,
        "date": e.date,
        "modality": e.modality,
        "text": e.text,
        "start": e.span.start,
        "end": e.span.end,
    }


def _span(doc_id: str, start: int | None, end: int | None) -> Span | None:
    return None if start is None or end is None else Span(doc_id, start, end)


def _canonical(actor_id: str | None, merges: dict[str, str]) -> str | None:
    return merges.get(actor_id, actor_id) if actor_id else actor_id


def _statement(r: Any, merges: dict[str, str]) -> Statement:
    content = _span(r.doc_id, r.content_start, r.content_end)
    assert content is not None  # NOT NULL columns
    return Statement(
        id=r.id,
        doc_id=r.doc_id,
        voice=Voice(r.voice),
        speaker=Speaker(r.speaker_name, _canonical(r.speaker_actor_id, merges), r.speaker_description),
        affiliation=r.affiliation,
        chain=tuple(r.chain),
        cue=r.cue,
        content=r.content,
        direct=bool(r.direct),
        span=Span(r.doc_id, r.start, r.end),
        cue_span=_span(r.doc_id, r.cue_start, r.cue_end),
        speaker_span=_span(r.doc_id, r.speaker_start, r.speaker_end),
        content_span=content,
    )


def _event(r: Any, merges: dict[str, str]) -> Event:
    target = None if r.target_name is None else ActorRef(r.target_name, _canonical(r.target_actor_id, merges))
    return Event(
        id=r.id,
        doc_id=r.doc_id,
        voice=Voice(r.voice),
        actor=ActorRef(r.actor_name, _canonical(r.actor_id, merges)),
        action=r.action,
        cameo=r.cameo,
        target=target,
        place=r.place,
        date=r.date,
        modality=r.modality,
        text=r.text,
        span=Span(r.doc_id, r.start, r.end),
    )
