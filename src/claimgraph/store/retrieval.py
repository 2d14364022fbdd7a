"""The store's retrieval tables: sentence passages, their BM25 index, and tracked claims.

A mixin of `Store`. Passages are written with their document, in the same batch transaction, so
the index grows with the store (no rebuild) and a killed run leaves no half-indexed document.
On SQLite the index is FTS5 (BM25 ranking, Porter stemming) — a maintained engine inside SQLite
itself; on PostgreSQL a tsvector column with a GIN index, ranked by the same BM25 formula
(`claimgraph.store.pg_search`).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, select, text

from claimgraph.model import Document, Voice
from claimgraph.store import pg_search, schema
from claimgraph.store.sql import chunks, insert_ignore

# Passages a store keeps by id for its searches: ~300 bytes each (a sentence), ~20 MB when full.
PASSAGE_CACHE_SIZE = 65536
_VOICES = {str(v): v for v in Voice}  # stored value -> Voice, without Enum's slower call
_SEARCH = "SELECT rowid, bm25(passages_fts) FROM passages_fts WHERE passages_fts MATCH ? ORDER BY 2 LIMIT ?"
_SCORE = (
    "SELECT rowid, bm25(passages_fts) FROM passages_fts "
    "WHERE passages_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY 2, 1"
)
_HIT_ROWS = (
    'SELECT p.id, p.doc_id, p.start, p."end", p.voice, p.source, '
    'substr(d.text, p.start + 1, p."end" - p.start) AS body '
    "FROM json_each(?) AS j JOIN passages AS p ON p.id = j.value JOIN documents AS d ON d.id = p.doc_id"
)


@dataclass(frozen=True, slots=True)
class Passage:
    """One indexed sentence: where it is in its document and in which voice."""

    id: int
    doc_id: str
    start: int
    end: int
    voice: Voice
    source: str | None
    text: str = ""  # filled by `search_passages` (read from the document by offsets)


class PassageCache:
    """Passages by id, the least recently used dropped past `size`. A stored passage is never
    updated or deleted, so an entry cannot go stale; the corpus stage's searches (one per claim,
    up to 3,000 hits each) come back to the same passages, whose text is the costly part."""

    def __init__(self, size: int = PASSAGE_CACHE_SIZE) -> None:
        self.size = size
        self.items: OrderedDict[int, Passage] = OrderedDict()

    def get_many(self, ids: Iterable[int]) -> dict[int, Passage]:
        found = {}
        for k in ids:
            p = self.items.get(k)
            if p is not None:
                self.items.move_to_end(k)
                found[k] = p
        return found

    def clear(self) -> None:
        self.items.clear()

    def put(self, passages: Iterable[Passage]) -> None:
        for p in passages:
            self.items[p.id] = p
            self.items.move_to_end(p.id)
        while len(self.items) > self.size:
            self.items.popitem(last=False)


@dataclass(frozen=True, slots=True)
class PassageHit:
    passage: Passage
    score: float  # BM25, higher is better


class RetrievalTables:
    """Methods `Store` gets for passages, BM25 search over them and tracked claims; they use
    Store's `_read` and `_write`."""

    _read: Callable[[], AbstractContextManager[Connection]]
    _write: Callable[[], AbstractContextManager[Connection]]
    db: str
    passage_cache: PassageCache

    def unindexed_document_ids(self) -> list[str]:
        """Stored documents whose passages are not indexed yet (older stores, --no-nlp runs)."""
        with self._read() as conn:
            indexed = select(schema.passage_docs.c.doc_id)
            return list(
                conn.scalars(
                    select(schema.documents.c.id)
                    .where(schema.documents.c.id.not_in(indexed))
                    .order_by(schema.documents.c.id)
                )
            )

    def index_passages(
        self, docs: Iterable[tuple[Document, Sequence[tuple[int, int, Voice, str | None]]]]
    ) -> int:
        """Index each document's passages (start, end, voice, source) unless it already is."""
        written = 0
        with self._write() as conn:
            todo = list(docs)
            ids = [d.id for d, _ in todo]
            done: set[str] = set()
            for part in chunks(ids):
                done |= set(
                    conn.scalars(
                        select(schema.passage_docs.c.doc_id).where(schema.passage_docs.c.doc_id.in_(part))
                    )
                )
            next_id = (conn.scalar(select(func.max(schema.passages.c.id))) or 0) + 1
            rows: list[dict[str, Any]] = []
            fts: list[dict[str, Any]] = []
            marks: list[dict[str, Any]] = []
            for doc, spans in todo:
                if doc.id in done:
                    continue
                done.add(doc.id)
                for start, end, voice, source in spans:
                    rows.append(
                        {
                            "id": next_id,
                            "doc_id": doc.id,
                            "start": start,
                            "end": end,
                            "voice": str(voice),
                            "source": source,
                        }
                    )
                    fts.append({"rowid": next_id, "text": doc.text[start:end]})
                    next_id += 1
                marks.append({"doc_id": doc.id, "passages": len(spans)})
            if rows:
                conn.execute(schema.passages.insert(), rows)
                if conn.dialect.name == "postgresql":
                    pg_search.insert(conn, [f["rowid"] for f in fts], [f["text"] for f in fts])
                else:
                    conn.execute(text("INSERT INTO passages_fts(rowid, text) VALUES (:rowid, :text)"), fts)
            insert_ignore(conn, schema.passage_docs, marks)
            written = len(rows)
        return written

    def search_passages(self, match: str, limit: int) -> list[PassageHit]:
        """Best `limit` passages for an FTS5 query (terms already quoted by the caller)."""
        if not match:
            return []
        with self._read() as conn:
            if conn.dialect.name == "postgresql":
                return _cached_hits(
                    pg_search.search(conn, match, limit), self.passage_cache, lambda ids: _passages(conn, ids)
                )
            # Both statements on the DB-API cursor, the hits' ids passed as one JSON list: the
            # corpus stage searches once per claim, up to `max_passages` (3,000) hits each, and
            # SQLAlchemy's row-by-row fetch and chunked IN selects cost 3x the search itself
            # (docs/benchmarks.md, "Re-retrieval at the caps").
            raw = conn.connection.driver_connection
            assert raw is not None
            ranked = raw.execute(_SEARCH, (match, limit)).fetchall()
            score = {rowid: -float(rank) for rowid, rank in ranked}  # FTS5's bm25() is lower-is-better

            def fetch(ids: list[int]) -> list[Passage]:
                rows = raw.execute(_HIT_ROWS, (json.dumps(ids),)).fetchall()
                return [
                    Passage(id_, doc_id, start, end, _VOICES[voice], source, body)
                    for id_, doc_id, start, end, voice, source, body in rows
                ]

            return _cached_hits(score, self.passage_cache, fetch)

    def score_passages(self, match: str, first: int, last: int) -> dict[int, float]:
        """BM25 (higher is better) of the passages with ids `first`..`last` that an FTS5 query
        matches, with the statistics of the whole index, as `search_passages` would score them:
        a new document's passages scored without ranking the index (claims/update.py).

        On SQLite a rowid range, not a list: FTS5 then walks the query's terms once (0.25 ms per
        claim on the 1,000-document store, where `rowid IN (...)` recomputes bm25()'s statistics
        for every id listed, 13 ms)."""
        if not match or last < first:
            return {}
        with self._read() as conn:
            if conn.dialect.name == "postgresql":
                return pg_search.score(conn, match, first, last)
            raw = conn.connection.driver_connection
            assert raw is not None
            rows = raw.execute(_SCORE, (match, first, last)).fetchall()
        return {rowid: -float(rank) for rowid, rank in rows}

    def document_passages(self, doc_ids: Sequence[str]) -> dict[str, list[Passage]]:
        """Every indexed passage of these documents, in text order."""
        out: dict[str, list[Passage]] = {d: [] for d in doc_ids}
        with self._read() as conn:
            for part in chunks(list(doc_ids)):
                query = (
                    select(schema.passages)
                    .where(schema.passages.c.doc_id.in_(part))
                    .order_by(schema.passages.c.doc_id, schema.passages.c.start)
                )
                for r in conn.execute(query):
                    out[r.doc_id].append(Passage(r.id, r.doc_id, r.start, r.end, Voice(r.voice), r.source))
        return out

    # -- tracked claims -----------------------------------------------------------------------

    def track_claim(self, claim_id: str, claim_text: str) -> None:
        row = {"id": claim_id, "text": claim_text, "added": datetime.now(UTC).isoformat(), "result": None}
        with self._write() as conn:
            insert_ignore(conn, schema.tracked_claims, [row])

    def untrack_claim(self, claim_id: str) -> bool:
        with self._write() as conn:
            return bool(
                conn.execute(
                    delete(schema.tracked_claims).where(schema.tracked_claims.c.id == claim_id)
                ).rowcount
            )

    def tracked_claims(self) -> list[tuple[str, str, dict[str, Any] | None]]:
        """(id, text, latest result) of every tracked claim, oldest first."""
        with self._read() as conn:
            rows = conn.execute(
                select(schema.tracked_claims).order_by(
                    schema.tracked_claims.c.added, schema.tracked_claims.c.id
                )
            )
            return [(r.id, r.text, r.result) for r in rows]

    def set_tracked_result(self, claim_id: str, result: dict[str, Any]) -> None:
        with self._write() as conn:
            conn.execute(
                schema.tracked_claims.update()
                .where(schema.tracked_claims.c.id == claim_id)
                .values(result=result)
            )


def _cached_hits(
    score: dict[int, float], cache: PassageCache, fetch: Callable[[list[int]], list[Passage]]
) -> list[PassageHit]:
    """Ranked hits (id -> BM25) as passages with their text, in rank order: from the store's
    cache, `fetch` reading the others (then cached)."""
    found = cache.get_many(score)
    missing = [k for k in score if k not in found]
    if missing:
        fetched = fetch(missing)
        cache.put(fetched)
        found.update((x.id, x) for x in fetched)
    return [PassageHit(found[k], s) for k, s in score.items() if k in found]


def _passages(conn: Connection, ids: list[int]) -> list[Passage]:
    """These passages with their text, through SQLAlchemy (PostgreSQL)."""
    p, d = schema.passages, schema.documents
    body = func.substr(d.c.text, p.c.start + 1, p.c.end - p.c.start).label("body")
    out = []
    for part in chunks(ids):
        query = select(p, body).join(d, d.c.id == p.c.doc_id).where(p.c.id.in_(part))
        for r in conn.execute(query):
            out.append(Passage(r.id, r.doc_id, r.start, r.end, Voice(r.voice), r.source, r.body))
    return out
