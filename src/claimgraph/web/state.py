"""The read side of the web app: one read-only store and an in-memory snapshot of its listings.

Listing 10,000 claims with their stance counts from SQL on every request is slow (the store reads
claims with all their members), so the claim, document and source listings are read once into a
`Snapshot` and served from memory. The snapshot is rebuilt when the store changes: for a SQLite
file, when the database or its WAL file changes size or time (another `claimgraph analyze` or this
app's own POST); for a server database, at most `SERVER_TTL_S` seconds after. Details (one
document, one claim's stances) are read from the store on each request.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph.model import Actor, Claim, SourceReliability, Verdict
from claimgraph.store import DocumentSummary, Store
from claimgraph.store.engine import is_sqlite_file
from claimgraph.timeline import published_day

SERVER_TTL_S = 5.0  # how stale a listing from a server database may be
LABELS = ("agree", "disagree", "discuss")


def empty_counts() -> dict[str, int]:
    return dict.fromkeys(LABELS, 0)


@dataclass(slots=True)
class ClaimRow:
    """One claim as listings need it: verdict, stance counts, actors and dates for the filters."""

    claim: Claim
    verdict: Verdict | None
    sources: dict[str, int] = field(default_factory=empty_counts)  # outlets' own voice
    speakers: dict[str, int] = field(default_factory=empty_counts)  # quoted speakers
    per_source: dict[str, dict[str, int]] = field(default_factory=dict)  # outlet -> label -> count
    actors: set[str] = field(default_factory=set)
    first: str | None = None  # earliest publication date of a document that takes a stance
    last: str | None = None
    search: str = ""  # lower-case text the `q` filter looks in


@dataclass(slots=True)
class Snapshot:
    """Everything a listing reads, taken at one moment."""

    marker: Any
    taken: float
    claims: list[ClaimRow]
    claim_index: dict[str, ClaimRow]
    documents: list[DocumentSummary]
    document_index: dict[str, DocumentSummary]
    actors: dict[str, Actor]
    sources: list[SourceReliability]
    tracked: list[tuple[str, str, dict[str, Any] | None]]
    cache: dict[Any, Any] = field(default_factory=dict)  # derived views (graph, timeline), per snapshot
    lock: threading.RLock = field(default_factory=threading.RLock)

    def derived(self, key: Any, build: Any) -> Any:
        """`build()` once per snapshot and key (the graph layout, the timeline)."""
        with self.lock:
            if key not in self.cache:
                self.cache[key] = build()
            return self.cache[key]


def store_marker(db: str) -> Any:
    """What changes when a SQLite store is written; None for a server database (use the TTL)."""
    if not is_sqlite_file(db):
        return None
    marks: list[tuple[int, int] | None] = []
    for suffix in ("", "-wal"):
        path = Path(db + suffix).expanduser()
        try:
            stat = path.stat()
        except OSError:
            marks.append(None)
            continue
        marks.append((stat.st_mtime_ns, stat.st_size))
    return tuple(marks)


def _published(summary: DocumentSummary | None) -> str | None:
    return published_day(summary.published) if summary is not None else None


def take_snapshot(store: Store, marker: Any) -> Snapshot:
    """Read the listings from the store (claims, stance counts, documents, actors, sources)."""
    documents = list(store.list_documents())
    doc_index = {d.id: d for d in documents}
    verdicts = store.list_verdicts()
    actors = {a.id: a for a in store.list_actors()}
    rows: dict[str, ClaimRow] = {}
    for claim in store.list_claims():
        row = ClaimRow(claim, verdicts.get(claim.id))
        for ref in (claim.subject, claim.object):
            if ref is not None and ref.actor_id:
                row.actors.add(ref.actor_id)
        rows[claim.id] = row
    for stance in store.iter_stances():
        found = rows.get(stance.claim_id)
        if found is None or stance.stance.value not in LABELS:
            continue
        row = found
        label = stance.stance.value
        if stance.holder_kind.value == "source":
            row.sources[label] += 1
            row.per_source.setdefault(stance.holder, empty_counts())[label] += 1
        else:
            row.speakers[label] += 1
        if stance.actor_id:
            row.actors.add(stance.actor_id)
        day = _published(doc_index.get(stance.doc_id))
        if day is not None:
            row.first = min(filter(None, (row.first, day)))
            row.last = max(filter(None, (row.last, day)))
    for row in rows.values():
        names = [actors[a].name for a in sorted(row.actors) if a in actors]
        row.search = " ".join([row.claim.text, *names, *row.per_source]).casefold()
    return Snapshot(
        marker=marker,
        taken=time.monotonic(),
        claims=list(rows.values()),
        claim_index=rows,
        documents=documents,
        document_index=doc_index,
        actors=actors,
        sources=store.list_sources(),
        tracked=store.tracked_claims(),
    )


class Reader:
    """The app's read-only store and its current snapshot; safe to share between threads."""

    def __init__(self, store: Store, db: str) -> None:
        self.store = store
        self.db = db
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    def _fresh(self, snap: Snapshot | None, marker: Any) -> bool:
        if snap is None:
            return False
        if marker is None:
            return time.monotonic() - snap.taken < SERVER_TTL_S
        return bool(snap.marker == marker)

    def snapshot(self) -> Snapshot:
        """The current snapshot, re-read first when the store has changed since it was taken."""
        marker = store_marker(self.db)
        snap = self._snapshot
        if self._fresh(snap, marker):
            assert snap is not None
            return snap
        with self._lock:
            snap = self._snapshot
            if not self._fresh(snap, marker):
                snap = take_snapshot(self.store, marker)
                self._snapshot = snap
            assert snap is not None
            return snap

    def invalidate(self) -> None:
        """Forget the snapshot (after this app wrote to the store)."""
        with self._lock:
            self._snapshot = None


def source_counts(rows: list[ClaimRow]) -> Counter[str]:
    """How many claims each outlet takes a stance on (the claims page's outlet filter)."""
    found: Counter[str] = Counter()
    for row in rows:
        found.update(row.per_source.keys())
    return found
