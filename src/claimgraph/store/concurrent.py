"""A store that several processes write at once: Ray workers storing per-document results.

The store's ordinary write transactions hold PostgreSQL's write lock alone (`store.engine`):
they read, then write (the next passage id, the rows already present), so two must not
interleave. A worker's per-document results need no such read: for each document it deletes
what is stored for it and inserts the new rows (NLP rows keyed by the document, the analyses row
and ingest errors insert-or-ignore on their keys). Such writes can run side by side, so this
store's transactions take the write lock shared: workers write together, and wait only for a
one-at-a-time writer (the driver storing a batch of documents, another run's corpus stage).

Each transaction also locks the documents it writes (`lock_documents`, a transaction-scoped
advisory lock per document, taken in one sorted order so two writers never deadlock): two
workers that got the same document (an input repeated in two in-flight batches) replace it one
after the other, never leaving a mix of both. No migrations run here: the driver opened (and
migrated) the store before any worker started.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from claimgraph.store import Store
from claimgraph.store.engine import SHARED_WRITE, create_store_engine, display_name

DOCUMENT_LOCKS = 0x63677264  # first key ("cgrd") of the per-document advisory locks; the second is the id


class ConcurrentStore(Store):
    """`Store` whose write transactions run alongside each other's (see the module docstring)."""

    @classmethod
    def connect(cls, db: str) -> ConcurrentStore:
        """The store at `db` (a URL with its password), as the driver already opened and migrated it."""
        return cls(create_store_engine(db), display_name(db))

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        """As `Store`'s, with the store's write lock taken shared."""
        with self.engine.connect().execution_options(**{SHARED_WRITE: True}) as conn, conn.begin():
            yield conn

    def lock_documents(self, doc_ids: Iterable[str]) -> None:
        """Hold these documents until the transaction ends (PostgreSQL; SQLite has one writer anyway)."""
        keys = sorted({document_key(d) for d in doc_ids})
        with self._write() as conn:
            if conn.dialect.name != "postgresql":
                return
            for key in keys:
                conn.execute(
                    text("SELECT pg_advisory_xact_lock(:space, :key)"), {"space": DOCUMENT_LOCKS, "key": key}
                )


def document_key(doc_id: str) -> int:
    """A document's advisory-lock key: a signed 32-bit hash of its id (a collision only serialises two)."""
    return int.from_bytes(hashlib.blake2b(doc_id.encode(), digest_size=4).digest(), "big", signed=True)
