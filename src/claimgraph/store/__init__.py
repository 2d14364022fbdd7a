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
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, Table, distinct, func, select, update
from sqlalchemy.exc import DBAPIError

from claimgraph.clean.dedupe import BUCKET_CAP
from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import NearDuplicateGroup
from claimgraph.store import schema
from claimgraph.store.claim_index import ClaimIndexTables
from claimgraph.store.claims import ClaimTables
from claimgraph.store.corpus_state import CorpusStateTables
from claimgraph.store.documents import DocumentSummary, DocumentTables
from claimgraph.store.engine import DEFERRED, display_name, is_sqlite_file
from claimgraph.store.migrations import MIGRATIONS, Migration
from claimgraph.store.nlp import NlpTables
from claimgraph.store.opening import database_error, open_read_only, open_writable
from claimgraph.store.retrieval import PassageCache, RetrievalTables
from claimgraph.store.sql import chunks as _chunks
from claimgraph.store.sql import insert_ignore as _insert_ignore
from claimgraph.store.sql import utc_now
from claimgraph.store.truth_state import TruthStateTables

__all__ = ["DocumentSummary", "Store"]


class Store(
    DocumentTables,
    NlpTables,
    ClaimTables,
    RetrievalTables,
    CorpusStateTables,
    ClaimIndexTables,
    TruthStateTables,
):
    """A claimgraph store. Open with `Store.open(db)`; use as a context manager."""

    def __init__(self, engine: Engine, db: str) -> None:
        self.engine = engine
        self.db = db
        self._active: Connection | None = None
        self.passage_cache = PassageCache()

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
            with self._begin() as conn:
                self._active = conn
                try:
                    yield
                except BaseException:
                    self.passage_cache.clear()  # passages this transaction wrote are rolled back
                    raise
                finally:
                    self._active = None
        except DBAPIError as exc:
            # One numbered line naming the store; never the SQL and its parameters (article text).
            raise database_error(exc, self.db) from None

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        """The connection a write transaction runs on, begun (subclasses choose its lock)."""
        with self.engine.begin() as conn:
            yield conn

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
                schema.runs.insert()
                .values(started=utc_now(), pipeline_version=pipeline_version, config_hash=config_hash)
                .returning(schema.runs.c.id)
            )
            return int(result.scalar_one())

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        with self._write() as conn:
            conn.execute(
                update(schema.runs)
                .where(schema.runs.c.id == run_id)
                .values(finished=utc_now(), counts=counts)
            )

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
