"""What incremental verdicts keep between runs (issue 11, migration 0009), a mixin of `Store`.

Truth discovery's votes per claim (one per holder, as `verdicts.votes_of` folds them), each claim's
posterior, and per holder the prior it was estimated with and the reliability its claims'
posteriors were last computed with (`shown`). With them a run reads the votes of the claims it
changed and of the holders whose reliability it moved, never every stance: every read here is
an indexed lookup by claim or holder. Like the rest of the corpus state it can be thrown away:
`analyze --rebuild` rewrites it from the stances.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, NamedTuple

from sqlalchemy import (
    Column,
    Connection,
    Float,
    Index,
    Integer,
    String,
    Table,
    Text,
    bindparam,
    case,
    cast,
    delete,
    func,
    select,
    update,
)

from claimgraph.model import SourceReliability, Stance, Verdict
from claimgraph.naming import holder_key
from claimgraph.store import schema
from claimgraph.store.claims import _insert, _source_row, _stance, _verdict_row
from claimgraph.store.sql import chunks, insert_ignore

# -- live tables (0009_truth_state) -----------------------------------------------------------

# One holder's vote on one claim: side, weight (what the vote teaches about the holder), share
# (its part of an independent voice: its say in the claim's truth), the documents it is heard in.
truth_votes = Table(
    "truth_votes",
    schema.metadata,
    Column("claim_id", String(schema.CLAIM_ID), primary_key=True),
    Column("holder", Text, primary_key=True),
    Column("sign", Integer, nullable=False),
    Column("weight", Float, nullable=False),
    Column("share", Float, nullable=False),
    Column("doc_ids", Text, nullable=False),  # space-separated
)
Index("ix_truth_votes_holder", truth_votes.c.holder)

# P(true) of each claim from its votes and the reliabilities of the last run, and a digest of
# the stances its verdict was made from (a claim whose stances were judged again to the same
# rows keeps its verdict).
truth_claims = Table(
    "truth_claims",
    schema.metadata,
    Column("claim_id", String(schema.CLAIM_ID), primary_key=True),
    Column("posterior", Float, nullable=False),
    Column("digest", String(64), nullable=False),
)

# Per holder: the prior its reliability was estimated with, and the reliability its claims'
# posteriors were last computed with (they are computed again once it moves past a bound).
truth_holders = Table(
    "truth_holders",
    schema.metadata,
    Column("holder", Text, primary_key=True),
    Column("prior", Float, nullable=False),
    Column("shown", Float, nullable=False),
)

TRUTH_TABLES = (truth_votes, truth_claims, truth_holders)


class StoredVote(NamedTuple):
    claim_id: str
    holder: str
    sign: int
    weight: float
    share: float
    doc_ids: tuple[str, ...]


class TruthStateTables:
    """Methods `Store` gets for the truth-discovery state; they use Store's `_read` and `_write`."""

    _read: Callable[[], AbstractContextManager[Connection]]
    _write: Callable[[], AbstractContextManager[Connection]]

    def has_truth_state(self) -> bool:
        """Whether the state is there to update: a posterior is kept for every claim, so a store
        with claims and none (made before migration 0009) needs a full verdicts step first."""
        with self._read() as conn:
            if conn.scalar(select(truth_claims.c.claim_id).limit(1)) is not None:
                return True
            return conn.scalar(select(schema.claims.c.id).limit(1)) is None

    def clear_truth_state(self) -> None:
        with self._write() as conn:
            for table in TRUTH_TABLES:
                conn.execute(delete(table))

    # -- votes ----------------------------------------------------------------------------------

    def truth_votes(self, claim_ids: Iterable[str]) -> dict[str, list[StoredVote]]:
        """The stored votes of these claims, by claim (claims without votes left out)."""
        t = truth_votes
        out: dict[str, list[StoredVote]] = {}
        with self._read() as conn:
            for part in chunks(sorted(set(claim_ids))):
                query = select(t).where(t.c.claim_id.in_(part)).order_by(t.c.claim_id, t.c.holder)
                for r in conn.execute(query):
                    vote = StoredVote(
                        r.claim_id, r.holder, r.sign, r.weight, r.share, tuple(r.doc_ids.split())
                    )
                    out.setdefault(r.claim_id, []).append(vote)
        return out

    def put_truth_votes(
        self, claim_ids: Iterable[str], votes: Iterable[StoredVote], claims: Mapping[str, tuple[float, str]]
    ) -> None:
        """Replace the votes and (posterior, stance digest) of `claim_ids` with `votes` and
        `claims` (a claim given no vote keeps none; one left out of `claims` has no row)."""
        rows = [{**v._asdict(), "doc_ids": " ".join(v.doc_ids)} for v in votes]
        kept = [{"claim_id": c, "posterior": p, "digest": d} for c, (p, d) in sorted(claims.items())]
        with self._write() as conn:
            for part in chunks(sorted(set(claim_ids) | set(claims))):
                conn.execute(delete(truth_votes).where(truth_votes.c.claim_id.in_(part)))
                conn.execute(delete(truth_claims).where(truth_claims.c.claim_id.in_(part)))
            _insert(conn, truth_votes, rows)
            _insert(conn, truth_claims, kept)

    def claims_voted_by(self, holders: Iterable[str]) -> set[str]:
        t = truth_votes
        out: set[str] = set()
        with self._read() as conn:
            for part in chunks(sorted(set(holders))):
                out |= set(conn.scalars(select(t.c.claim_id).where(t.c.holder.in_(part)).distinct()))
        return out

    def holder_sums(self, holders: Iterable[str]) -> dict[str, tuple[float, float]]:
        """Per holder, (total weight of its votes, weight that agrees with the stored posteriors):
        the M-step of truth discovery, summed by the database over the holder's votes."""
        v, c = truth_votes, truth_claims
        agree = case((v.c.sign > 0, c.c.posterior), else_=1.0 - c.c.posterior)
        out: dict[str, tuple[float, float]] = {}
        with self._read() as conn:
            for part in chunks(sorted(set(holders))):
                query = (
                    select(v.c.holder, func.sum(v.c.weight), func.sum(v.c.weight * agree))
                    .join(c, c.c.claim_id == v.c.claim_id)
                    .where(v.c.holder.in_(part), v.c.weight > 0)
                    .group_by(v.c.holder)
                )
                out.update({h: (float(total), float(right)) for h, total, right in conn.execute(query)})
        return out

    def heard_documents(self, holders: Iterable[str]) -> dict[str, set[str]]:
        """Documents each holder is heard in through its votes (its own pages not included)."""
        t = truth_votes
        out: dict[str, set[str]] = {}
        with self._read() as conn:
            for part in chunks(sorted(set(holders))):
                for holder, docs in conn.execute(select(t.c.holder, t.c.doc_ids).where(t.c.holder.in_(part))):
                    out.setdefault(holder, set()).update(docs.split())
        return out

    # -- posteriors and holders -------------------------------------------------------------------

    def truth_posteriors(self, claim_ids: Iterable[str]) -> dict[str, float]:
        t = truth_claims
        out: dict[str, float] = {}
        with self._read() as conn:
            for part in chunks(sorted(set(claim_ids))):
                query = select(t.c.claim_id, t.c.posterior).where(t.c.claim_id.in_(part))
                out.update({cid: float(p) for cid, p in conn.execute(query)})
        return out

    def truth_digests(self, claim_ids: Iterable[str]) -> dict[str, str]:
        t = truth_claims
        out: dict[str, str] = {}
        with self._read() as conn:
            for part in chunks(sorted(set(claim_ids))):
                query = select(t.c.claim_id, t.c.digest).where(t.c.claim_id.in_(part))
                out.update({c: d for c, d in conn.execute(query)})
        return out

    def put_truth_posteriors(self, posteriors: Mapping[str, float]) -> None:
        """New posteriors of claims that have a row."""
        t = truth_claims
        rows = [{"cid": c, "p": float(p)} for c, p in sorted(posteriors.items())]
        if rows:
            with self._write() as conn:
                query = update(t).where(t.c.claim_id == bindparam("cid")).values(posterior=bindparam("p"))
                conn.execute(query, rows)

    def truth_holders(self, holders: Iterable[str]) -> dict[str, tuple[float, float]]:
        """holder -> (prior, shown) for these holders."""
        t = truth_holders
        out: dict[str, tuple[float, float]] = {}
        with self._read() as conn:
            for part in chunks(sorted(set(holders))):
                for r in conn.execute(select(t).where(t.c.holder.in_(part))):
                    out[r.holder] = (float(r.prior), float(r.shown))
        return out

    def holders_with_prior_other_than(self, prior: float) -> dict[str, float]:
        """Holders estimated with a prior of their own (from a prior file), and that prior."""
        t = truth_holders
        with self._read() as conn:
            rows = conn.execute(select(t.c.holder, t.c.prior).where(t.c.prior != prior))
            return {h: float(p) for h, p in rows}

    def put_truth_holders(self, holders: Mapping[str, tuple[float, float]]) -> None:
        rows = [{"holder": h, "prior": p, "shown": s} for h, (p, s) in sorted(holders.items())]
        with self._write() as conn:
            for part in chunks(rows, 2000):
                insert_ignore(conn, truth_holders, list(part), update=("prior", "shown"))

    def reliabilities_of(self, holders: Iterable[str]) -> dict[str, float]:
        """The stored truth-discovery reliabilities of these holders (`holder_reliability`)."""
        t = schema.holder_reliability
        out: dict[str, float] = {}
        with self._read() as conn:
            for part in chunks(sorted(set(holders))):
                query = select(t.c.holder, t.c.reliability).where(t.c.holder.in_(part))
                out.update({h: float(r) for h, r in conn.execute(query)})
        return out

    def update_reliabilities(self, reliability: Mapping[str, float], dropped: Iterable[str] = ()) -> None:
        """Overwrite these holders' reliabilities and forget the `dropped` holders'."""
        t = schema.holder_reliability
        rows = [{"holder": h, "reliability": float(r)} for h, r in sorted(reliability.items())]
        with self._write() as conn:
            for part in chunks(sorted(set(dropped))):
                conn.execute(delete(t).where(t.c.holder.in_(part)))
                conn.execute(delete(truth_holders).where(truth_holders.c.holder.in_(part)))
            for batch in chunks(rows, 2000):
                insert_ignore(conn, t, list(batch), update=("reliability",))

    # -- what verdicts read and write -------------------------------------------------------------

    def stances_of(self, claim_ids: Iterable[str]) -> dict[str, list[Stance]]:
        """These claims' stances in position order, by claim (every id a key)."""
        t = schema.stances
        ids = sorted(set(claim_ids))
        out: dict[str, list[Stance]] = {c: [] for c in ids}
        with self._read() as conn:
            for part in chunks(ids):
                query = select(t).where(t.c.claim_id.in_(part)).order_by(t.c.claim_id, t.c.ordinal)
                for r in conn.execute(query):
                    out[r.claim_id].append(_stance(r))
        return out

    def stance_digests(self, claim_ids: Iterable[str] | None = None) -> dict[str, str]:
        """A sha256 of each claim's stance rows as stored (every claim's with None): whether a
        claim judged again got the same stances, without decoding them."""
        t = schema.stances
        columns = [c for c in t.c if c.name not in ("claim_id", "ordinal", "evidence")]
        query = select(t.c.claim_id, *columns, cast(t.c.evidence, Text)).order_by(t.c.claim_id, t.c.ordinal)
        out: dict[str, str] = {}
        claim: str | None = None
        rows: list[tuple[Any, ...]] = []  # one claim's at a time: rows come in claim order
        with self._read() as conn:
            parts = [None] if claim_ids is None else list(chunks(sorted(set(claim_ids))))
            for part in parts:
                where = query if part is None else query.where(t.c.claim_id.in_(part))
                for r in conn.execute(where):
                    if r[0] != claim:
                        if claim is not None:
                            out[claim] = hashlib.sha256(repr(rows).encode()).hexdigest()
                        claim, rows = r[0], []
                    rows.append(tuple(r[1:]))
        if claim is not None:
            out[claim] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return out

    def claims_with_stances_on(self, doc_ids: Iterable[str]) -> set[str]:
        t = schema.stances
        out: set[str] = set()
        with self._read() as conn:
            for part in chunks(sorted(set(doc_ids))):
                out |= set(conn.scalars(select(t.c.claim_id).where(t.c.doc_id.in_(part)).distinct()))
        return out

    def claims_heard_from(self, speakers: Iterable[str]) -> set[str]:
        """Claims with a speaker stance whose holder's `holder_key` is one of `speakers`: read
        when a new outlet's name may turn a quoted speaker into that outlet
        (`verdicts.voices.VoiceIndex.key`). The (claim, holder) rows are streamed and only the
        matches kept (every speaker stance of the store at once was 10 MB on 7,150 real articles)."""
        keys = set(speakers)
        out: set[str] = set()
        if not keys:
            return out
        t = schema.stances
        query = select(t.c.claim_id, t.c.holder).where(t.c.holder_kind == "speaker").distinct()
        with self._read() as conn:
            for claim_id, holder in conn.execute(query.execution_options(stream_results=True)):
                if holder_key(holder) in keys:
                    out.add(claim_id)
        return out

    def near_dup_groups_of(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """doc id -> near-duplicate group of these documents and of every document sharing a group."""
        d = schema.documents
        groups: set[str] = set()
        with self._read() as conn:
            for part in chunks(sorted(set(doc_ids))):
                query = select(d.c.near_dup_group).where(d.c.id.in_(part), d.c.near_dup_group.is_not(None))
                groups |= set(conn.scalars(query))
            out: dict[str, str] = {}
            for part in chunks(sorted(groups)):
                query = select(d.c.id, d.c.near_dup_group).where(d.c.near_dup_group.in_(part))
                out.update({doc: group for doc, group in conn.execute(query)})
        return out

    def existing_claims(self, claim_ids: Iterable[str]) -> set[str]:
        t = schema.claims
        out: set[str] = set()
        with self._read() as conn:
            for part in chunks(sorted(set(claim_ids))):
                out |= set(conn.scalars(select(t.c.id).where(t.c.id.in_(part))))
        return out

    def put_verdicts(self, verdicts: Sequence[Verdict], claim_ids: Iterable[str]) -> None:
        """Replace the verdicts of `claim_ids` with `verdicts` (the others stay as they are)."""
        t = schema.verdicts
        with self._write() as conn:
            for part in chunks(sorted(set(claim_ids) | {v.claim_id for v in verdicts})):
                conn.execute(delete(t).where(t.c.claim_id.in_(part)))
            _insert(conn, t, [_verdict_row(v) for v in verdicts])

    def replace_sources(self, sources: Sequence[SourceReliability]) -> None:
        """The `sources` table alone (one row per outlet: a small table, rewritten in order)."""
        rows: dict[str, dict[str, Any]] = {}
        for i, s in enumerate(sources):
            rows.setdefault(s.name, _source_row(s, i))
        with self._write() as conn:
            conn.execute(delete(schema.sources))
            _insert(conn, schema.sources, list(rows.values()))
