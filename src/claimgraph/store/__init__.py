"""The store: the one interface the rest of claimgraph uses to keep and read results.

SQLAlchemy Core over SQLite by default (a path) or any database by URL. All SQL lives in
this package. Writes are insert-or-ignore on content-hash keys, so re-ingesting the same input
changes nothing; `transaction()` groups a batch of writes into one commit, so a killed run
leaves only whole batches behind.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, Table, distinct, func, select, update
from sqlalchemy.exc import DBAPIError

from claimgraph.clean.dedupe import BUCKET_CAP
from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import Document, IngestError, NearDuplicateGroup, Segment, Voice
from claimgraph.store import schema
from claimgraph.store.claims import ClaimTables
from claimgraph.store.corpus_state import CorpusStateTables
from claimgraph.store.engine import DEFERRED, display_name, is_sqlite_file
from claimgraph.store.migrations import MIGRATIONS, Migration
from claimgraph.store.nlp import NlpTables
from claimgraph.store.opening import database_error, open_read_only, open_writable
from claimgraph.store.retrieval import RetrievalTables
from claimgraph.store.sql import chunks as _chunks
from claimgraph.store.sql import insert_ignore as _insert_ignore

__all__ = ["DocumentSummary", "Store"]

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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store(NlpTables, ClaimTables, RetrievalTables, CorpusStateTables):
    """A claimgraph store. Open with `Store.open(db)`; use as a context manager."""

    def __init__(self, engine: Engine, db: str) -> None:
        self.engine = engine
        self.db = db
        self._active: Connection | None = None

    @classmethod
    def open(
        cls,
        db: str | Path = "claimgraph.db",
        *,
        create: bool = True,
        read_only: bool = False,
        migrations: Sequence[Migration] = MIGRATIONS,
    ) -> Store:
        """Open (and migrate) a store; with `create=False` a missing SQLite file is an error.

        `read_only` opens it as read commands need: SQLite `mode=ro` (no new tables, no switch to
        WAL, works on read-only files and folders), and a database that is not a claimgraph
        store is refused rather than changed.
        """
        name, shown = str(db), display_name(db)
        if is_sqlite_file(name):
            path = Path(name).expanduser()
            if (read_only or not create) and not path.exists():
                raise ClaimgraphError(Errors.E006, path=name)
            if path.is_dir():
                raise ClaimgraphError(Errors.E001, db=shown, problem="it is a directory")
        if read_only:
            return cls(open_read_only(name, shown, migrations), shown)
        return cls(open_writable(name, shown, migrations), shown)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together, or not at all; nested use joins the outer one."""
        if self._active is not None:
            yield
            return
        try:
            with self.engine.begin() as conn:
                self._active = conn
                try:
                    yield
                finally:
                    self._active = None
        except DBAPIError as exc:
            # One numbered line naming the store; never the SQL and its parameters (article text).
            raise database_error(exc, self.db) from None

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.transaction():
            assert self._active is not None
            yield self._active

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        if self._active is not None:
            yield self._active
            return
        try:
            with self.engine.connect().execution_options(**{DEFERRED: True}) as conn:
                yield conn
        except DBAPIError as exc:
            raise database_error(exc, self.db) from None

    # -- runs ---------------------------------------------------------------------------------

    def start_run(self, pipeline_version: str, config_hash: str) -> int:
        with self._write() as conn:
            result = conn.execute(
                schema.runs.insert().values(
                    started=_now(), pipeline_version=pipeline_version, config_hash=config_hash
                )
            )
            return int(result.inserted_primary_key[0])

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        with self._write() as conn:
            conn.execute(
                update(schema.runs).where(schema.runs.c.id == run_id).values(finished=_now(), counts=counts)
            )

    # -- documents ----------------------------------------------------------------------------

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
                segments = _load_segments(conn, [r.id for r in rows])
            if not rows:
                return
            for row in rows:
                yield _document(row, segments.get(row.id, ()))
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
            return _document(row, _load_segments(conn, [row.id]).get(row.id, ()))

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
        now = _now()
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

    # -- per-document analyses ----------------------------------------------------------------

    def has_analysis(self, doc_id: str, version: str, config_hash: str) -> bool:
        return not self.missing_analyses([doc_id], version, config_hash)

    def missing_analyses(self, doc_ids: Sequence[str], version: str, config_hash: str) -> list[str]:
        """The ids among `doc_ids` with no stored analysis for this version and config, in order."""
        t = schema.analyses
        have: set[str] = set()
        with self._read() as conn:
            for chunk in _chunks(sorted(set(doc_ids))):
                have.update(
                    conn.scalars(
                        select(t.c.doc_id).where(
                            t.c.doc_id.in_(chunk),
                            t.c.pipeline_version == version,
                            t.c.config_hash == config_hash,
                        )
                    )
                )
        return [d for d in dict.fromkeys(doc_ids) if d not in have]

    def put_analysis(self, doc_id: str, version: str, config_hash: str, payload: dict[str, Any]) -> None:
        row = {"doc_id": doc_id, "pipeline_version": version, "config_hash": config_hash, "payload": payload}
        with self._write() as conn:
            _insert_ignore(conn, schema.analyses, [row])

    def get_analysis(self, doc_id: str, version: str, config_hash: str) -> dict[str, Any] | None:
        t = schema.analyses
        with self._read() as conn:
            return conn.scalar(
                select(t.c.payload).where(
                    t.c.doc_id == doc_id, t.c.pipeline_version == version, t.c.config_hash == config_hash
                )
            )

    # -- near-duplicates ----------------------------------------------------------------------

    def set_near_dup_group(
        self, group_id: str, doc_ids: Iterable[str], old_groups: Iterable[str] = ()
    ) -> None:
        """Give `group_id` to `doc_ids` and to every member of the groups it absorbs."""
        ids, old = sorted(set(doc_ids)), sorted(set(old_groups) - {group_id})
        d = schema.documents
        with self._write() as conn:
            for chunk in _chunks(ids):
                conn.execute(update(d).where(d.c.id.in_(chunk)).values(near_dup_group=group_id))
            for chunk in _chunks(old):
                conn.execute(update(d).where(d.c.near_dup_group.in_(chunk)).values(near_dup_group=group_id))

    def near_dup_groups(self) -> list[NearDuplicateGroup]:
        d = schema.documents
        with self._read() as conn:
            rows = conn.execute(
                select(d.c.near_dup_group, d.c.id)
                .where(d.c.near_dup_group.is_not(None))
                .order_by(d.c.near_dup_group, d.c.id)
            ).all()
        groups: dict[str, list[str]] = {}
        for group, doc_id in rows:
            groups.setdefault(group, []).append(doc_id)
        return [NearDuplicateGroup(g, tuple(ids)) for g, ids in groups.items()]

    def count_near_dup_groups(self) -> int:
        with self._read() as conn:
            return int(conn.scalar(select(func.count(distinct(schema.documents.c.near_dup_group)))) or 0)

    def bucket_store(self) -> StoreBucketStore:
        """The near-duplicate index's signatures and LSH buckets, kept in this store."""
        return StoreBucketStore(self)

    # -- checks -------------------------------------------------------------------------------

    def table_counts(self) -> dict[str, int]:
        with self._read() as conn:
            return {
                t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
                for t in schema.metadata.sorted_tables
            }

    def content_checksum(self, tables: Sequence[Table] = schema.CONTENT_TABLES) -> str:
        """SHA-256 over every row of `tables` in key order (default: all but the `runs` log)."""
        digest = hashlib.sha256()
        with self._read() as conn:
            for table in tables:
                digest.update(table.name.encode())
                for row in conn.execute(select(table).order_by(*table.primary_key.columns)):
                    digest.update(json.dumps([_plain(v) for v in row], sort_keys=True).encode())
        return digest.hexdigest()


class StoreBucketStore:
    """`claimgraph.clean.dedupe.BucketStore` over the store's tables, inside its transactions."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def candidates(self, keys: Sequence[int], params: str) -> list[tuple[str, bytes, str | None]]:
        b, m, d = schema.minhash_buckets, schema.minhashes, schema.documents
        with self.store._read() as conn:
            # Most documents share no bucket: one light query, then details only for hits.
            found = list(conn.scalars(select(b.c.doc_id).where(b.c.bucket.in_(list(keys))).distinct()))
            if not found:
                return []
            rows = conn.execute(
                select(m.c.doc_id, m.c.signature, d.c.near_dup_group)
                .join(d, d.c.id == m.c.doc_id)
                .where(m.c.doc_id.in_(found), m.c.params == params)
                .order_by(m.c.doc_id)
            ).all()
        return [(r[0], bytes(r[1]), r[2]) for r in rows]  # PostgreSQL's driver gives memoryview

    def add_signature(self, doc_id: str, sig: bytes, keys: Sequence[int], params: str) -> None:
        row = {"doc_id": doc_id, "params": params, "signature": sig}
        b = schema.minhash_buckets
        with self.store._write() as conn:
            _insert_ignore(conn, schema.minhashes, [row], update=("params", "signature"))
            full = set(
                conn.scalars(
                    select(b.c.bucket)
                    .where(b.c.bucket.in_(list(keys)))
                    .group_by(b.c.bucket)
                    .having(func.count() >= BUCKET_CAP)
                )
            )
            rows = [{"bucket": k, "doc_id": doc_id} for k in dict.fromkeys(keys) if k not in full]
            _insert_ignore(conn, b, rows)

    def regroup(self, group_id: str, old_groups: Iterable[str], doc_ids: Iterable[str]) -> None:
        self.store.set_near_dup_group(group_id, doc_ids, old_groups)


def _plain(value: Any) -> Any:
    return bytes(value).hex() if isinstance(value, bytes | memoryview) else value


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


def _load_segments(conn: Connection, doc_ids: Sequence[str]) -> dict[str, tuple[Segment, ...]]:
    s = schema.segments
    out: dict[str, list[Segment]] = {}
    for chunk in _chunks(list(doc_ids)):
        rows = conn.execute(select(s).where(s.c.doc_id.in_(chunk)).order_by(s.c.doc_id, s.c.ordinal))
        for r in rows:
            out.setdefault(r.doc_id, []).append(Segment(Voice(r.voice), r.start, r.end, r.source, r.author))
    return {k: tuple(v) for k, v in out.items()}


def _document(row: Any, segments: Sequence[Segment]) -> Document:
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
