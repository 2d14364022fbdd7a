"""The store's document tables: documents, their voiced segments, every input uri, ingest errors.

A mixin of `Store` (like `store/nlp.py`, `store/claims.py`, `store/retrieval.py`): rows to and from
`model.Document`. Writes are insert-or-ignore by content-hash id, so re-ingesting the same input
changes nothing; reads stream a page of documents at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import Document, IngestError, Segment, Voice
from claimgraph.store import schema
from claimgraph.store.sql import chunks as _chunks
from claimgraph.store.sql import insert_ignore as _insert_ignore
from claimgraph.store.sql import utc_now

PAGE_SIZE = 500  # documents per read query when streaming: bounded memory, few round trips


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One line of a document listing: metadata and how many segments of each voice."""

    id: str
    uri: str
    title: str | None
    outlet: str | None
    published: str | None
    near_dup_group: str | None
    voices: dict[str, int]


class DocumentTables:
    """Methods `Store` gets for documents, segments, document sources and ingest errors; they use
    Store's `_read` and `_write`."""

    db: str
    _read: Callable[[], AbstractContextManager[Connection]]
    _write: Callable[[], AbstractContextManager[Connection]]

    def insert_documents(self, docs: Iterable[Document], run_id: int | None = None) -> list[str]:
        """Insert documents not yet stored (by id); record every uri; return the new ids in order."""
        docs = list(docs)
        if not docs:
            return []
        with self._write() as conn:
            ids = sorted({d.id for d in docs})
            existing: set[str] = set()
            for chunk in _chunks(ids):
                existing.update(
                    conn.scalars(select(schema.documents.c.id).where(schema.documents.c.id.in_(chunk)))
                )
            new: dict[str, Document] = {}
            for doc in docs:
                if doc.id not in existing and doc.id not in new:
                    new[doc.id] = doc
            _insert_ignore(conn, schema.documents, [_document_row(d, run_id) for d in new.values()])
            _insert_ignore(
                conn,
                schema.segments,
                [_segment_row(d.id, i, s) for d in new.values() for i, s in enumerate(d.segments)],
            )
            sources = {(d.id, d.uri): {"doc_id": d.id, "uri": d.uri, "first_run": run_id} for d in docs}
            _insert_ignore(conn, schema.document_sources, list(sources.values()))
            return list(new)

    def add_documents(self, docs: Iterable[Document], run_id: int | None = None) -> int:
        """Insert-or-ignore by id, in one transaction; return how many were new."""
        return len(self.insert_documents(docs, run_id))

    def count_documents(self) -> int:
        with self._read() as conn:
            return int(conn.scalar(select(func.count()).select_from(schema.documents)) or 0)

    def iter_documents(self) -> Iterator[Document]:
        """Every document in id order, a page at a time: never the whole store in memory."""
        last = ""
        while True:
            with self._read() as conn:
                rows = conn.execute(
                    select(schema.documents)
                    .where(schema.documents.c.id > last)
                    .order_by(schema.documents.c.id)
                    .limit(PAGE_SIZE)
                ).all()
                segments = load_segments(conn, [r.id for r in rows])
            if not rows:
                return
            for row in rows:
                yield document_from_row(row, segments.get(row.id, ()))
            last = rows[-1].id

    def get_document(self, doc_id: str) -> Document:
        """The document with this id, or with this unique id prefix; a clear error otherwise."""
        with self._read() as conn:
            prefix = doc_id.strip().lower()
            rows = conn.execute(
                select(schema.documents)
                .where(schema.documents.c.id.startswith(prefix, autoescape=True))
                .order_by(schema.documents.c.id)
                .limit(3)
            ).all()
            if not prefix or not rows:
                raise ClaimgraphError(Errors.E004, doc_id=doc_id, db=self.db)
            exact = [r for r in rows if r.id == prefix]
            if len(rows) > 1 and not exact:
                raise ClaimgraphError(
                    Errors.E005, doc_id=doc_id, db=self.db, matches=", ".join(r.id for r in rows)
                )
            row = exact[0] if exact else rows[0]
            return document_from_row(row, load_segments(conn, [row.id]).get(row.id, ()))

    def document_sources(self, doc_id: str) -> list[str]:
        """Every input uri that produced this document's text, sorted."""
        with self._read() as conn:
            return list(
                conn.scalars(
                    select(schema.document_sources.c.uri)
                    .where(schema.document_sources.c.doc_id == doc_id)
                    .order_by(schema.document_sources.c.uri)
                )
            )

    def list_documents(self) -> Iterator[DocumentSummary]:
        """Metadata and per-voice segment counts of every document, in id order, paged."""
        docs, segs = schema.documents, schema.segments
        last = ""
        while True:
            with self._read() as conn:
                rows = conn.execute(
                    select(
                        docs.c.id,
                        docs.c.uri,
                        docs.c.title,
                        docs.c.outlet,
                        docs.c.published,
                        docs.c.near_dup_group,
                    )
                    .where(docs.c.id > last)
                    .order_by(docs.c.id)
                    .limit(PAGE_SIZE)
                ).all()
                counts: dict[str, dict[str, int]] = {}
                if rows:
                    voice_rows = conn.execute(
                        select(segs.c.doc_id, segs.c.voice, func.count())
                        .where(segs.c.doc_id.in_([r.id for r in rows]))
                        .group_by(segs.c.doc_id, segs.c.voice)
                    )
                    for doc_id, voice, n in voice_rows:
                        counts.setdefault(doc_id, {})[voice] = n
            if not rows:
                return
            for r in rows:
                yield DocumentSummary(
                    r.id, r.uri, r.title, r.outlet, r.published, r.near_dup_group, counts.get(r.id, {})
                )
            last = rows[-1].id

    # -- ingest errors ------------------------------------------------------------------------

    def add_ingest_errors(self, errors: Iterable[IngestError], run_id: int | None = None) -> None:
        """Record errors once per (uri, problem); a re-run that meets them again adds nothing."""
        now = utc_now()
        rows = {
            (e.uri, e.problem): {"uri": e.uri, "problem": e.problem, "first_run": run_id, "first_seen": now}
            for e in errors
        }
        with self._write() as conn:
            _insert_ignore(conn, schema.ingest_errors, list(rows.values()))

    def iter_ingest_errors(self) -> Iterator[IngestError]:
        with self._read() as conn:
            rows = conn.execute(
                select(schema.ingest_errors.c.uri, schema.ingest_errors.c.problem).order_by(
                    schema.ingest_errors.c.uri, schema.ingest_errors.c.problem
                )
            ).all()
        for row in rows:
            yield IngestError(row.uri, row.problem)

    def document_origins(self) -> Iterator[tuple[str, str | None, str | None, str | None, str]]:
        """(id, language, outlet, url, uri) of every document in id order, without text or
        segments: what the corpus stage needs of every document at once (which it may read,
        whose outlet it is)."""
        d = schema.documents
        query = select(d.c.id, d.c.language, d.c.outlet, d.c.url, d.c.uri).order_by(d.c.id)
        with self._read() as conn:
            rows = conn.execute(query).all()
        for r in rows:
            yield r.id, r.language, r.outlet, r.url, r.uri

    def documents_by_id(self, doc_ids: Sequence[str]) -> dict[str, Document]:
        """These documents with their segments, by id (missing ids are left out)."""
        out: dict[str, Document] = {}
        with self._read() as conn:
            for part in _chunks(list(doc_ids)):
                rows = conn.execute(select(schema.documents).where(schema.documents.c.id.in_(part))).all()
                segments = load_segments(conn, [r.id for r in rows])
                out.update({r.id: document_from_row(r, segments.get(r.id, ())) for r in rows})
        return out


def _document_row(doc: Document, run_id: int | None) -> dict[str, Any]:
    return {
        "id": doc.id,
        "uri": doc.uri,
        "format": doc.format,
        "title": doc.title,
        "outlet": doc.outlet,
        "author": doc.author,
        "published": doc.published,
        "url": doc.url,
        "text": doc.text,
        "near_dup_group": None,
        "first_run": run_id,
        "language": doc.language,
        "source_id": doc.source_id,
    }


def _segment_row(doc_id: str, ordinal: int, seg: Segment) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "ordinal": ordinal,
        "voice": str(seg.voice),
        "start": seg.start,
        "end": seg.end,
        "source": seg.source,
        "author": seg.author,
    }


def load_segments(conn: Connection, doc_ids: Sequence[str]) -> dict[str, tuple[Segment, ...]]:
    s = schema.segments
    out: dict[str, list[Segment]] = {}
    for chunk in _chunks(list(doc_ids)):
        rows = conn.execute(select(s).where(s.c.doc_id.in_(chunk)).order_by(s.c.doc_id, s.c.ordinal))
        for r in rows:
            out.setdefault(r.doc_id, []).append(Segment(Voice(r.voice), r.start, r.end, r.source, r.author))
    return {k: tuple(v) for k, v in out.items()}


def document_from_row(row: Any, segments: Sequence[Segment]) -> Document:
    return Document(
        id=row.id,
        uri=row.uri,
        format=row.format,
        text=row.text,
        segments=tuple(segments),
        title=row.title,
        outlet=row.outlet,
        author=row.author,
        published=row.published,
        url=row.url,
        language=row.language,
        source_id=row.source_id,
    )
