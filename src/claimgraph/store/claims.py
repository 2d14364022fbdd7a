"""The store's claim tables: claims and members, stances, contradictions, verdicts, sources.

A mixin of `Store` (same connection and transactions). The corpus stage replaces each table
whole (`replace_*`), so a table always holds one run's consistent result; `ordinal` keeps the
order the building functions returned, so reads give back the same lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import Connection, Table, delete, distinct, func, select

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import (
    ActorRef,
    Claim,
    ClaimMember,
    Contradiction,
    Evidence,
    FactRef,
    HolderKind,
    SourceReliability,
    Span,
    Stance,
    StanceLabel,
    Verdict,
    VerdictLabel,
    Voice,
)
from claimgraph.store import schema
from claimgraph.store.sql import chunks, insert_ignore

CLAIM_PREFIX = "claim:"  # claims.drafts.claim_id: users may type the id with or without it
ROW_CHUNK = 2000  # rows per INSERT statement: bounded memory on big corpora


class ClaimTables:
    """Methods `Store` gets for the claim tables; they use Store's `_read` and `_write`."""

    _read: Callable[[], AbstractContextManager[Connection]]
    _write: Callable[[], AbstractContextManager[Connection]]
    db: str
    renamed_claim: Callable[[str], str | None]  # CorpusStateTables

    # -- writes -------------------------------------------------------------------------------

    def replace_claims(self, claims: Sequence[Claim]) -> None:
        """New claims and members; everything built on the old claims goes with them."""
        with self._write() as conn:
            for table in (schema.verdicts, schema.contradictions, schema.stances, schema.claim_members):
                conn.execute(delete(table))
            conn.execute(delete(schema.claims))
            _insert(conn, schema.claims, [_claim_row(c, i) for i, c in enumerate(claims)])
            members = [_member_row(c.id, i, m) for c in claims for i, m in enumerate(c.members)]
            _insert(conn, schema.claim_members, members)

    def replace_stances(self, stances: Iterable[Stance]) -> None:
        ordinals: dict[str, int] = {}
        rows = []
        for s in stances:
            ordinal = ordinals.get(s.claim_id, 0)
            ordinals[s.claim_id] = ordinal + 1
            rows.append(_stance_row(s, ordinal))
        with self._write() as conn:
            conn.execute(delete(schema.stances))
            _insert(conn, schema.stances, rows)

    def replace_contradictions(
        self, contradictions: Sequence[Contradiction], claim_ids: Iterable[str] | None = None
    ) -> None:
        """All contradictions, or (with `claim_ids`) those of these claims only. `ordinal` is the
        rank inside the claim: reads order by the claim's ordinal first, so a claim's
        contradictions can be replaced without renumbering the others."""
        t = schema.contradictions
        with self._write() as conn:
            if claim_ids is None:
                conn.execute(delete(t))
            else:
                for part in chunks(sorted(set(claim_ids))):
                    conn.execute(delete(t).where(t.c.claim_id.in_(part)))
            ranks: dict[str, int] = {}
            rows: dict[str, dict[str, Any]] = {}
            for c in contradictions:
                if c.id not in rows:
                    rows[c.id] = _contradiction_row(c, ranks.get(c.claim_id, 0))
                    ranks[c.claim_id] = ranks.get(c.claim_id, 0) + 1
            _insert(conn, t, list(rows.values()))

    def replace_verdicts(self, verdicts: Sequence[Verdict], sources: Sequence[SourceReliability]) -> None:
        with self._write() as conn:
            conn.execute(delete(schema.verdicts))
            conn.execute(delete(schema.sources))
            _insert(conn, schema.verdicts, [_verdict_row(v) for v in verdicts])
            rows: dict[str, dict[str, Any]] = {}
            for i, s in enumerate(sources):
                rows.setdefault(s.name, _source_row(s, i))
            _insert(conn, schema.sources, list(rows.values()))

    def replace_priors(self, priors: dict[str, float]) -> None:
        """The outlet priors later runs use (`analyze --priors`); replaces the previous file's."""
        with self._write() as conn:
            conn.execute(delete(schema.source_priors))
            rows = [{"outlet": o, "prior": p} for o, p in sorted(priors.items())]
            _insert(conn, schema.source_priors, rows)

    # -- reads --------------------------------------------------------------------------------

    def source_priors(self) -> dict[str, float]:
        with self._read() as conn:
            return {r.outlet: r.prior for r in conn.execute(select(schema.source_priors))}

    def list_claims(self) -> list[Claim]:
        """Every claim with its members, most widely carried first (then by id): the order the
        corpus stage builds them in, also after incremental runs that wrote only some claims."""
        c, m = schema.claims, schema.claim_members
        with self._read() as conn:
            rows = conn.execute(select(c).order_by(c.c.ordinal)).all()
            members: dict[str, list[ClaimMember]] = {}
            for r in conn.execute(select(m).order_by(m.c.claim_id, m.c.ordinal)):
                members.setdefault(r.claim_id, []).append(_member(r))
        claims = [_claim(r, members.get(r.id, [])) for r in rows]
        return sorted(claims, key=carried_order)

    def claim_order(self) -> list[str]:
        """Every claim's id in `list_claims`' order (`carried_order`), counted by the database: a
        rebuild's steps go through the claims in that order without holding them all."""
        with self._read() as conn:
            ids = list(conn.scalars(select(schema.claims.c.id)))
            order = _carried_keys(conn, None)
        return sorted(ids, key=lambda i: order.get(i, (0, 0, i)))

    def claim_texts(self, claim_ids: Iterable[str]) -> dict[str, str]:
        """Id -> text of these claims (missing ids are left out), without their members."""
        c = schema.claims
        out: dict[str, str] = {}
        with self._read() as conn:
            for part in chunks(sorted(set(claim_ids))):
                out.update({i: t for i, t in conn.execute(select(c.c.id, c.c.text).where(c.c.id.in_(part)))})
        return out

    def get_claim(self, claim_id: str) -> Claim:
        """The claim with this id or unique id prefix ("claim:" optional); a clear error otherwise."""
        prefix = claim_id.strip().lower()
        want = CLAIM_PREFIX + prefix.removeprefix(CLAIM_PREFIX)
        found = [c for c in self.list_claims() if prefix and c.id.startswith(want)]
        exact = [c for c in found if c.id == want]
        if exact:
            return exact[0]
        if not found:
            renamed = self.renamed_claim(want)  # a free-text claim whose text changed as it grew
            if renamed is not None:
                return self.get_claim(renamed)
            raise ClaimgraphError(Errors.E016, claim_id=claim_id, db=self.db)
        if len(found) > 1:
            matches = ", ".join(c.id for c in found[:3])
            raise ClaimgraphError(Errors.E017, claim_id=claim_id, db=self.db, matches=matches)
        return found[0]

    def iter_stances(self, claim_id: str | None = None) -> Iterator[Stance]:
        """Stances in (claim, position) order; one claim's with `claim_id`."""
        t = schema.stances
        query = select(t).order_by(t.c.claim_id, t.c.ordinal)
        if claim_id is not None:
            query = query.where(t.c.claim_id == claim_id)
        with self._read() as conn:
            rows = conn.execute(query).all()
        for r in rows:
            yield _stance(r)

    def list_contradictions(self, claim_id: str | None = None) -> list[Contradiction]:
        """In claim order, strongest first within a claim."""
        t = schema.contradictions
        query = select(t)
        if claim_id is not None:
            query = query.where(t.c.claim_id == claim_id)
        with self._read() as conn:
            rows = list(conn.execute(query))
            order = _carried_keys(conn, sorted({r.claim_id for r in rows}))
        rows.sort(key=lambda r: (order.get(r.claim_id, (0, 0, r.claim_id)), r.ordinal))
        return [_contradiction(r) for r in rows]

    def list_verdicts(self) -> dict[str, Verdict]:
        """Claim id -> its verdict."""
        with self._read() as conn:
            return {
                r.claim_id: Verdict(r.claim_id, VerdictLabel(r.label), r.confidence, r.explanation)
                for r in conn.execute(select(schema.verdicts))
            }

    def list_sources(self) -> list[SourceReliability]:
        t = schema.sources
        with self._read() as conn:
            rows = conn.execute(select(t).order_by(t.c.ordinal)).all()
        return [SourceReliability(r.name, r.reliability, r.documents) for r in rows]


def carried_order(c: Claim) -> tuple[int, int, str]:
    """Claims' order, as a build returns them and the store lists them: most documents first, then
    most members, then id."""
    return (-len({m.fact.doc_id for m in c.members}), -len(c.members), c.id)


def _carried_keys(conn: Connection, claim_ids: Sequence[str] | None) -> dict[str, tuple[int, int, str]]:
    """`carried_order`'s key of these claims (every claim with None) from the database's counts of
    their members' documents and members; a claim without members is absent (its key: 0, 0, id)."""
    m = schema.claim_members
    counted = select(m.c.claim_id, func.count(distinct(m.c.doc_id)), func.count()).group_by(m.c.claim_id)
    queries = (
        [counted] if claim_ids is None else [counted.where(m.c.claim_id.in_(p)) for p in chunks(claim_ids)]
    )
    return {cid: (-docs, -members, cid) for q in queries for cid, docs, members in conn.execute(q)}


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    for chunk in chunks(rows, ROW_CHUNK):
        insert_ignore(conn, table, list(chunk))


def _ref(name: str | None, actor_id: str | None) -> ActorRef | None:
    return None if name is None else ActorRef(name, actor_id)


def _claim_row(c: Claim, ordinal: int) -> dict[str, Any]:
    return {
        "id": c.id,
        "ordinal": ordinal,
        "text": c.text,
        "subject_name": c.subject.name if c.subject else None,
        "subject_actor_id": c.subject.actor_id if c.subject else None,
        "relation": c.relation,
        "object_name": c.object.name if c.object else None,
        "object_actor_id": c.object.actor_id if c.object else None,
        "place": c.place,
    }


def _claim(r: Any, members: list[ClaimMember]) -> Claim:
    return Claim(
        id=r.id,
        text=r.text,
        subject=_ref(r.subject_name, r.subject_actor_id),
        relation=r.relation,
        object=_ref(r.object_name, r.object_actor_id),
        place=r.place,
        members=tuple(members),
    )


def _member_row(claim_id: str, ordinal: int, m: ClaimMember) -> dict[str, Any]:
    return {
        "claim_id": claim_id,
        "ordinal": ordinal,
        "fact_kind": m.fact.kind,
        "fact_id": m.fact.id,
        "doc_id": m.fact.doc_id,
        "polarity": m.polarity,
        "voice": str(m.voice),
        "start": m.span.start,
        "end": m.span.end,
        "holder": m.holder,
    }


def _member(r: Any) -> ClaimMember:
    return ClaimMember(
        FactRef(r.fact_kind, r.fact_id, r.doc_id),
        r.polarity,
        Voice(r.voice),
        Span(r.doc_id, r.start, r.end),
        r.holder,
    )


def evidence_record(e: Evidence) -> dict[str, Any]:
    """One stance evidence item of the export contract: {doc_id, start, end, text, voice}."""
    return {
        "doc_id": e.span.doc_id,
        "start": e.span.start,
        "end": e.span.end,
        "text": e.text,
        "voice": str(e.voice),
        "chain": list(e.chain),
    }


def _stance_row(s: Stance, ordinal: int) -> dict[str, Any]:
    return {
        "claim_id": s.claim_id,
        "ordinal": ordinal,
        "doc_id": s.doc_id,
        "holder": s.holder,
        "holder_kind": str(s.holder_kind),
        "stance": str(s.stance),
        "score": float(s.score),
        "actor_id": s.actor_id,
        "statement_id": s.statement_id,
        "evidence": [evidence_record(e) for e in s.evidence],
    }


def _stance(r: Any) -> Stance:
    evidence = tuple(
        Evidence(
            Span(e["doc_id"], e["start"], e["end"]), e["text"], Voice(e["voice"]), tuple(e.get("chain", ()))
        )
        for e in r.evidence
    )
    return Stance(
        claim_id=r.claim_id,
        doc_id=r.doc_id,
        holder=r.holder,
        holder_kind=HolderKind(r.holder_kind),
        stance=StanceLabel(r.stance),
        score=r.score,
        evidence=evidence,
        actor_id=r.actor_id,
        statement_id=r.statement_id,
    )


def _contradiction_row(c: Contradiction, ordinal: int) -> dict[str, Any]:
    return {
        "id": c.id,
        "ordinal": ordinal,
        "claim_id": c.claim_id,
        "a_kind": c.a.kind,
        "a_id": c.a.id,
        "a_doc_id": c.a.doc_id,
        "b_kind": c.b.kind,
        "b_id": c.b.id,
        "b_doc_id": c.b.doc_id,
        "reason": c.reason,
    }


def _contradiction(r: Any) -> Contradiction:
    return Contradiction(
        r.id,
        r.claim_id,
        FactRef(r.a_kind, r.a_id, r.a_doc_id),
        FactRef(r.b_kind, r.b_id, r.b_doc_id),
        r.reason,
    )


def _verdict_row(v: Verdict) -> dict[str, Any]:
    return {
        "claim_id": v.claim_id,
        "label": str(v.label),
        "confidence": float(v.confidence),
        "explanation": v.explanation,
    }


def _source_row(s: SourceReliability, ordinal: int) -> dict[str, Any]:
    return {"name": s.name, "ordinal": ordinal, "reliability": float(s.reliability), "documents": s.documents}
