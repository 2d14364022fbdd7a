"""The persistent claim index (issue 11, migration 0008), a mixin of `Store`.

Free-text clusters (leader text, centroid as a running sum, size), the facts each holds, their
LSH buckets (random-hyperplane bands of the centroid, MinHash bands of the leader's words), and
the documents holding triple facts of each (actor, relation). `claims.claim_index` keeps them;
every read here is an indexed lookup by key, never a scan of all clusters or claims.
Like the rest of the corpus state it can be thrown away: `analyze --rebuild` rebuilds it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Column, Connection, Integer, LargeBinary, String, Table, Text, delete, func, select

from claimgraph.model import Claim, ClaimMember
from claimgraph.store import schema
from claimgraph.store.claims import ROW_CHUNK, _claim, _insert, _member
from claimgraph.store.sql import chunks, insert_ignore

# -- live tables (0008_claim_index) -----------------------------------------------------------

# One free-text cluster: its leader's text (words compared with each newcomer), the sum of its
# members' vectors (float64, little-endian) and how many there are. Ids grow in creation order.
claim_clusters = Table(
    "claim_clusters",
    schema.metadata,
    Column("id", Integer, primary_key=True),
    Column("leader", Text, nullable=False),
    Column("centroid", LargeBinary, nullable=False),
    Column("size", Integer, nullable=False),
)

# The free-text assertions (titles, leads, statement contents) of each cluster, in joining order.
cluster_facts = Table(
    "cluster_facts",
    schema.metadata,
    Column("fact_kind", String(20), primary_key=True),
    Column("fact_id", String(64), primary_key=True),
    Column("doc_id", String(16), nullable=False),
    Column("cluster_id", Integer, nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
)

# LSH buckets: "v<band>:<bits>" (hyperplanes over the centroid), "w<band>:<hash>" (MinHash of
# the leader's content words). A bucket lists the clusters a newcomer is compared with.
cluster_buckets = Table(
    "cluster_buckets",
    schema.metadata,
    Column("bucket", String(40), primary_key=True),
    Column("cluster_id", Integer, primary_key=True),
)

# Documents with a triple fact (event or statement member) of relation `relation` naming this
# group-level actor as subject or object: a triple claim's documents, found by its key.
triple_facts = Table(
    "triple_facts",
    schema.metadata,
    Column("actor_id", String(schema.ACTOR_ID), primary_key=True),
    Column("relation", String(60), primary_key=True),
    Column("doc_id", String(16), primary_key=True),
)

CLAIM_INDEX_TABLES = (claim_clusters, cluster_facts, cluster_buckets, triple_facts)


@dataclass(slots=True)
class StoredCluster:
    id: int
    leader: str
    centroid: np.ndarray  # sum of member vectors
    size: int


@dataclass(frozen=True, slots=True)
class ClusterFact:
    kind: str
    fact_id: str
    doc_id: str
    cluster_id: int
    ordinal: int


class ClaimIndexTables:
    """Methods `Store` gets for the claim index; they use Store's `_read` and `_write`."""

    _read: Callable[[], AbstractContextManager[Connection]]
    _write: Callable[[], AbstractContextManager[Connection]]

    def clear_claim_index(self) -> None:
        with self._write() as conn:
            for table in CLAIM_INDEX_TABLES:
                conn.execute(delete(table))

    # -- clusters -------------------------------------------------------------------------------

    def put_clusters(self, clusters: Iterable[StoredCluster]) -> None:
        """Insert or overwrite clusters (a grown cluster's centroid and size)."""
        rows = [
            {"id": c.id, "leader": c.leader, "centroid": c.centroid.astype("<f8").tobytes(), "size": c.size}
            for c in clusters
        ]
        with self._write() as conn:
            for part in chunks(rows, 1000):
                insert_ignore(conn, claim_clusters, list(part), update=("leader", "centroid", "size"))

    def clusters(self, ids: Iterable[int]) -> dict[int, StoredCluster]:
        t = claim_clusters
        out: dict[int, StoredCluster] = {}
        with self._read() as conn:
            for part in chunks(sorted(set(ids))):
                for r in conn.execute(select(t).where(t.c.id.in_(part))):
                    centroid = np.frombuffer(r.centroid, dtype="<f8").copy()
                    out[r.id] = StoredCluster(r.id, r.leader, centroid, r.size)
        return out

    def recent_cluster_ids(self, n: int) -> list[int]:
        """The `n` most recently created clusters, oldest first (an index range, not a scan)."""
        t = claim_clusters
        with self._read() as conn:
            return sorted(conn.scalars(select(t.c.id).order_by(t.c.id.desc()).limit(n)))

    def next_cluster_id(self) -> int:
        with self._read() as conn:
            top = conn.scalar(select(func.max(claim_clusters.c.id)))
            return 0 if top is None else int(top) + 1

    def next_fact_ordinal(self) -> int:
        with self._read() as conn:
            top = conn.scalar(select(func.max(cluster_facts.c.ordinal)))
            return 0 if top is None else int(top) + 1

    # -- facts and buckets ----------------------------------------------------------------------

    def put_cluster_facts(self, facts: Sequence[ClusterFact]) -> None:
        rows = [
            {
                "fact_kind": f.kind,
                "fact_id": f.fact_id,
                "doc_id": f.doc_id,
                "cluster_id": f.cluster_id,
                "ordinal": f.ordinal,
            }
            for f in facts
        ]
        with self._write() as conn:
            _insert(conn, cluster_facts, rows)

    def cluster_facts(self, cluster_ids: Iterable[int]) -> list[ClusterFact]:
        """Every fact of these clusters, in joining order."""
        t = cluster_facts
        out: list[ClusterFact] = []
        with self._read() as conn:
            for part in chunks(sorted(set(cluster_ids))):
                for r in conn.execute(select(t).where(t.c.cluster_id.in_(part))):
                    out.append(ClusterFact(r.fact_kind, r.fact_id, r.doc_id, r.cluster_id, r.ordinal))
        return sorted(out, key=lambda f: f.ordinal)

    def clusters_of_facts(self, facts: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """(fact kind, fact id) -> its cluster, for the facts that have one."""
        t = cluster_facts
        by_kind: dict[str, list[str]] = {}
        for kind, fact_id in set(facts):
            by_kind.setdefault(kind, []).append(fact_id)
        out: dict[tuple[str, str], int] = {}
        with self._read() as conn:
            for kind, ids in sorted(by_kind.items()):
                for part in chunks(sorted(ids)):
                    query = select(t.c.fact_id, t.c.cluster_id).where(
                        t.c.fact_kind == kind, t.c.fact_id.in_(part)
                    )
                    out.update({(kind, r.fact_id): r.cluster_id for r in conn.execute(query)})
        return out

    def put_buckets(self, pairs: Iterable[tuple[str, int]]) -> None:
        """File these (bucket, cluster) rows, their row dicts made `ROW_CHUNK` at a time: a rebuild
        files 31 a cluster, and all its dicts at once added 56 MB to the claims step's last phase
        at 10,000 generated documents (issue 11, memory)."""
        found = sorted(set(pairs))
        with self._write() as conn:
            for part in chunks(found, ROW_CHUNK):
                insert_ignore(conn, cluster_buckets, [{"bucket": b, "cluster_id": c} for b, c in part])

    def clusters_in_buckets(self, buckets: Iterable[str]) -> dict[str, set[int]]:
        """bucket -> the clusters filed under it (buckets with none are left out)."""
        t = cluster_buckets
        out: dict[str, set[int]] = {}
        with self._read() as conn:
            for part in chunks(sorted(set(buckets))):
                for r in conn.execute(select(t).where(t.c.bucket.in_(part))):
                    out.setdefault(r.bucket, set()).add(r.cluster_id)
        return out

    # -- triple facts ---------------------------------------------------------------------------

    def put_triple_facts(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """(group-level actor, relation, document) rows."""
        found = [{"actor_id": a, "relation": r, "doc_id": d} for a, r, d in sorted(set(rows))]
        with self._write() as conn:
            _insert(conn, triple_facts, found)

    def triple_fact_documents(self, pairs: Iterable[tuple[str, str]]) -> set[str]:
        """Documents holding a triple fact of any of these (actor, relation) pairs."""
        return {d for docs in self.triple_fact_documents_by_pair(pairs).values() for d in docs}

    def triple_fact_documents_by_pair(
        self, pairs: Iterable[tuple[str, str]]
    ) -> dict[tuple[str, str], set[str]]:
        """(actor, relation) -> the documents holding a triple fact of it (pairs with none left out)."""
        t = triple_facts
        out: dict[tuple[str, str], set[str]] = {}
        with self._read() as conn:
            for relation, part in _pair_parts(pairs):
                query = select(t.c.actor_id, t.c.doc_id).where(
                    t.c.relation == relation, t.c.actor_id.in_(part)
                )
                for r in conn.execute(query):
                    out.setdefault((r.actor_id, relation), set()).add(r.doc_id)
        return out

    # -- claims by member -----------------------------------------------------------------------

    def claims_with_facts_in(self, doc_ids: Iterable[str]) -> dict[str, set[tuple[str, str]]]:
        """claim id -> its member facts (kind, id) in these documents (the members' doc index)."""
        out: dict[str, set[tuple[str, str]]] = {}
        for held in self.claim_facts_by_document(doc_ids).values():
            for claim_id, facts in held.items():
                out.setdefault(claim_id, set()).update(facts)
        return out

    def claim_facts_by_document(self, doc_ids: Iterable[str]) -> dict[str, dict[str, set[tuple[str, str]]]]:
        """document -> claim id -> that claim's member facts (kind, id) in the document
        (documents with none left out)."""
        m = schema.claim_members
        out: dict[str, dict[str, set[tuple[str, str]]]] = {}
        with self._read() as conn:
            for part in chunks(sorted(set(doc_ids))):
                query = select(m.c.doc_id, m.c.claim_id, m.c.fact_kind, m.c.fact_id).where(
                    m.c.doc_id.in_(part)
                )
                for r in conn.execute(query):
                    out.setdefault(r.doc_id, {}).setdefault(r.claim_id, set()).add((r.fact_kind, r.fact_id))
        return out

    def claims_by_id(self, claim_ids: Iterable[str]) -> dict[str, Claim]:
        """These claims with their members (missing ids are left out)."""
        c, m = schema.claims, schema.claim_members
        ids = sorted(set(claim_ids))
        members: Mapping[str, list[ClaimMember]] = {i: [] for i in ids}
        out: dict[str, Claim] = {}
        with self._read() as conn:
            for part in chunks(ids):
                query = select(m).where(m.c.claim_id.in_(part)).order_by(m.c.claim_id, m.c.ordinal)
                for r in conn.execute(query):
                    members[r.claim_id].append(_member(r))
                for r in conn.execute(select(c).where(c.c.id.in_(part))):
                    out[r.id] = _claim(r, members[r.id])
        return out

    # -- sizes, for settled claims (`claims.settled`) ---------------------------------------------

    def claim_document_counts(self, claim_ids: Iterable[str]) -> dict[str, int]:
        """claim id -> the documents its members are in (claims without members left out)."""
        return self._claim_counts(claim_ids, func.count(func.distinct(schema.claim_members.c.doc_id)))

    def claim_member_counts(self, claim_ids: Iterable[str]) -> dict[str, int]:
        """claim id -> its members (claims without members left out)."""
        return self._claim_counts(claim_ids, func.count())

    def _claim_counts(self, claim_ids: Iterable[str], count: Any) -> dict[str, int]:
        m = schema.claim_members
        out: dict[str, int] = {}
        with self._read() as conn:
            for part in chunks(sorted(set(claim_ids))):
                query = select(m.c.claim_id, count).where(m.c.claim_id.in_(part)).group_by(m.c.claim_id)
                out.update({claim_id: n for claim_id, n in conn.execute(query)})
        return out

    def triple_claim_keys(self, claim_ids: Iterable[str]) -> dict[str, tuple[str, str, str | None]]:
        """claim id -> (subject, relation, object) for those of these claims that are triple claims
        (read from the claims table alone, not their members)."""
        c = schema.claims
        out: dict[str, tuple[str, str, str | None]] = {}
        with self._read() as conn:
            for part in chunks(sorted(set(claim_ids))):
                query = select(c.c.id, c.c.subject_actor_id, c.c.relation, c.c.object_actor_id).where(
                    c.c.id.in_(part), c.c.relation.is_not(None)
                )
                out.update(
                    {r.id: (r.subject_actor_id, r.relation, r.object_actor_id) for r in conn.execute(query)}
                )
        return out

    def triple_fact_document_counts(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """(actor, relation) -> the documents holding a triple fact of it (pairs with none left out)."""
        t = triple_facts
        out: dict[tuple[str, str], int] = {}
        with self._read() as conn:
            for relation, part in _pair_parts(pairs):
                query = (
                    select(t.c.actor_id, func.count())
                    .where(t.c.relation == relation, t.c.actor_id.in_(part))
                    .group_by(t.c.actor_id)
                )
                out.update({(actor, relation): n for actor, n in conn.execute(query)})
        return out

    def triple_claims(
        self, keys: Iterable[tuple[str, str, str | None]]
    ) -> dict[tuple[str, str, str | None], list[tuple[str, str | None, int]]]:
        """(subject, relation, object) -> its stored claims as (id, place, members), one per place
        (keys without a claim left out). The claims table has no index on its key's columns: this
        reads the claims of the keys' subjects (a scan of the claims table, not of their members)."""
        c = schema.claims
        wanted = set(keys)
        found: dict[str, tuple[tuple[str, str, str | None], str | None]] = {}
        with self._read() as conn:
            for part in chunks(sorted({s for s, _, _ in wanted})):
                query = select(
                    c.c.id, c.c.subject_actor_id, c.c.relation, c.c.object_actor_id, c.c.place
                ).where(c.c.subject_actor_id.in_(part), c.c.relation.is_not(None))
                for r in conn.execute(query):
                    key = (r.subject_actor_id, r.relation, r.object_actor_id)
                    if key in wanted:
                        found[r.id] = (key, r.place)
        sizes = self.claim_member_counts(found)
        out: dict[tuple[str, str, str | None], list[tuple[str, str | None, int]]] = {}
        for claim_id, (key, place) in sorted(found.items()):
            out.setdefault(key, []).append((claim_id, place, sizes.get(claim_id, 0)))
        return out


def _pair_parts(pairs: Iterable[tuple[str, str]]) -> Iterator[tuple[str, Sequence[str]]]:
    """(relation, a chunk of its actors) for (actor, relation) pairs: `triple_facts` is read one
    relation at a time, its actors in chunks."""
    by_relation: dict[str, list[str]] = {}
    for actor, relation in set(pairs):
        by_relation.setdefault(relation, []).append(actor)
    for relation, actors in sorted(by_relation.items()):
        for part in chunks(sorted(actors)):
            yield relation, part
