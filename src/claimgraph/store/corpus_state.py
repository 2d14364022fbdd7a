"""The state the incremental corpus stage keeps between runs (issue 11), a mixin of `Store`.

Documents already taken in, cached sentence vectors, what retrieval found per claim, the
documents judged per claim, truth discovery's reliabilities, and renamed claim ids. Everything
here can be thrown away: `analyze --rebuild` recomputes it from the per-document rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from contextlib import AbstractContextManager
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Column, Connection, bindparam, delete, func, select, text, update

from claimgraph.model import Claim, Stance
from claimgraph.store import schema
from claimgraph.store.claims import _claim_row, _insert, _member_row, _stance_row, carried_order
from claimgraph.store.sql import chunks, insert_ignore


@dataclass(frozen=True, slots=True)
class RetrievalScores:
    """What admission at the caps reads of a claim's last retrieval (migration 0010)."""

    passage_floor: float | None  # the last passage's BM25 when retrieval stopped at the passage cap
    scores: dict[str, float]  # retrieved document -> its `claims.retrieval.document_score`
    index_size: int | None  # the passage index's size at the claim's last full retrieval


class CorpusStateTables:
    """Methods `Store` gets for the corpus stage's state; they use Store's `_read` and `_write`."""

    _read: Callable[[], AbstractContextManager[Connection]]
    _write: Callable[[], AbstractContextManager[Connection]]

    # -- documents taken in -------------------------------------------------------------------

    def corpus_document_ids(self) -> set[str]:
        with self._read() as conn:
            return set(conn.scalars(select(schema.corpus_documents.c.doc_id)))

    def document_ids(self) -> set[str]:
        """Every stored document's id (any language)."""
        with self._read() as conn:
            return set(conn.scalars(select(schema.documents.c.id)))

    def documents_with_actors(self, actor_ids: Sequence[str]) -> set[str]:
        """Documents in which any of these actors (ids as found) appears."""
        t = schema.document_actors
        return self._values_where(t.c.doc_id, t.c.actor_id, actor_ids)

    def claims_judged_on(self, doc_ids: Sequence[str]) -> set[str]:
        """Claims whose stances were judged on any of these documents."""
        t = schema.claim_candidates
        return self._values_where(t.c.claim_id, t.c.doc_id, doc_ids)

    def _values_where(self, wanted: Column[str], key: Column[str], values: Sequence[str]) -> set[str]:
        """Distinct `wanted` of the rows whose `key` is one of `values` (queried in chunks)."""
        out: set[str] = set()
        with self._read() as conn:
            for part in chunks(list(values)):
                out |= set(conn.scalars(select(wanted).where(key.in_(part))))
        return out

    def add_corpus_documents(self, doc_ids: Iterable[str]) -> None:
        with self._write() as conn:
            _insert(conn, schema.corpus_documents, [{"doc_id": d} for d in sorted(set(doc_ids))])

    def clear_corpus_state(self) -> None:
        """Forget everything incremental runs kept (a rebuild starts from the per-document rows);
        cached sentence vectors stay: they are a pure function of the text."""
        with self._write() as conn:
            for table in (
                schema.corpus_documents,
                schema.claim_retrieval,
                schema.claim_candidates,
                schema.holder_reliability,
            ):
                conn.execute(delete(table))
            if conn.dialect.name == "sqlite":
                conn.execute(text("DELETE FROM claim_terms_fts"))

    def corpus_counts(self) -> dict[str, int]:
        """Rows of each corpus-stage table, keyed by the step that writes it."""
        tables = {
            "actors": schema.actors,
            "claims": schema.claims,
            "stances": schema.stances,
            "contradictions": schema.contradictions,
            "verdicts": schema.verdicts,
        }
        with self._read() as conn:
            return {k: int(conn.scalar(select(func.count()).select_from(t)) or 0) for k, t in tables.items()}

    # -- sentence vectors ---------------------------------------------------------------------

    def sentence_vectors(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        t = schema.sentence_vectors
        out: dict[str, np.ndarray] = {}
        with self._read() as conn:
            for part in chunks(list(dict.fromkeys(keys))):
                for r in conn.execute(select(t).where(t.c.key.in_(part))):
                    out[r.key] = np.frombuffer(r.vector, dtype="<f4")
        return out

    def put_sentence_vectors(self, vectors: Mapping[str, np.ndarray]) -> None:
        rows = [{"key": k, "vector": np.asarray(v, dtype="<f4").tobytes()} for k, v in vectors.items()]
        with self._write() as conn:
            _insert(conn, schema.sentence_vectors, rows)

    # -- claims, changed in place -------------------------------------------------------------

    def update_claims(
        self, claims: Sequence[Claim], dropped: Iterable[str], renames: Mapping[str, str]
    ) -> None:
        """Write these claims (new or changed, with their members) and delete what was built on
        the `dropped` ids (changed or gone claims): their stances, contradictions, verdicts and
        retrieval state; dropped ids not written are deleted. Other claims stay as they are, so
        the cost follows the claims a run changed, not the store."""
        dropped = sorted(set(dropped))
        with self._write() as conn:
            for table in (schema.verdicts, schema.contradictions, schema.stances):
                for part in chunks(dropped):
                    conn.execute(delete(table).where(table.c.claim_id.in_(part)))
            for table in (schema.claim_retrieval, schema.claim_candidates):
                for part in chunks(dropped):
                    conn.execute(delete(table).where(table.c.claim_id.in_(part)))
            if conn.dialect.name == "sqlite" and dropped:
                conn.execute(
                    text("DELETE FROM claim_terms_fts WHERE rowid = :r"), [{"r": _rowid(c)} for c in dropped]
                )
            live = {c.id for c in claims}
            m = schema.claim_members
            for part in chunks(sorted(live | set(dropped))):
                conn.execute(delete(m).where(m.c.claim_id.in_(part)))
            gone = [c for c in dropped if c not in live]
            for part in chunks(gone):
                conn.execute(delete(schema.claims).where(schema.claims.c.id.in_(part)))
            rows = [_claim_row(c, i) for i, c in enumerate(sorted(claims, key=carried_order))]
            columns = [k for k in rows[0] if k != "id"] if rows else []
            for batch in chunks(rows, 2000):
                insert_ignore(conn, schema.claims, list(batch), update=columns)
            members = [_member_row(c.id, i, m) for c in claims for i, m in enumerate(c.members)]
            _insert(conn, schema.claim_members, members)
            rows = [{"old_id": o, "new_id": n} for o, n in sorted(renames.items()) if o not in live]
            for batch in chunks(rows):
                insert_ignore(conn, schema.claim_renames, list(batch), update=("new_id",))
            # A renamed claim that comes back under its old id is no longer renamed.
            for part in chunks(sorted(live)):
                conn.execute(delete(schema.claim_renames).where(schema.claim_renames.c.old_id.in_(part)))

    def renamed_claim(self, old_id: str) -> str | None:
        """The id a retired claim id now points to, following renames to the end."""
        t = schema.claim_renames
        seen: set[str] = set()
        current = old_id
        with self._read() as conn:
            while current not in seen:
                seen.add(current)
                new = conn.scalar(select(t.c.new_id).where(t.c.old_id == current))
                if new is None:
                    return None if current == old_id else current
                current = new
        return current

    # -- stances per claim --------------------------------------------------------------------

    def put_claim_stances(
        self,
        claim_id: str,
        stances: Sequence[Stance],
        judged: Iterable[str],
        retrieval: tuple[str, int, int],
        terms: str,
        keep: Set[str] = frozenset(),
        scores: Mapping[str, float] | None = None,
        passage_floor: float | None = None,
        index_size: int | None = None,
    ) -> None:
        """One claim's stances, the documents judged for it, its retrieval state and index terms
        (replacing what was stored for it). The stored stances of the documents in `keep` stay
        as they are (not read back and written again: an incremental run keeps most of a
        claim's stances); `stances` (of other documents) join them, every document's stances in
        document id order, each document's in its own order, as one list would be stored.
        `scores`: the retrieved documents' `document_score` (the others' stay NULL); `passage_floor`: the
        last passage's score when retrieval stopped at its passage cap; `index_size`: the passage
        index's size at the claim's last full retrieval."""
        text_, passages, documents = retrieval
        scores = scores or {}
        t = schema.stances
        with self._write() as conn:
            stored = conn.execute(
                select(t.c.ordinal, t.c.doc_id).where(t.c.claim_id == claim_id).order_by(t.c.ordinal)
            ).all()
            gone = [r.ordinal for r in stored if r.doc_id not in keep]
            for part in chunks(gone):
                conn.execute(delete(t).where(t.c.claim_id == claim_id, t.c.ordinal.in_(part)))
            stay = [(r.doc_id, k, r.ordinal) for k, r in enumerate(stored) if r.doc_id in keep]
            order = sorted(
                [(doc_id, 0, k, old) for doc_id, k, old in stay]
                + [(s.doc_id, 1, k, -1) for k, s in enumerate(stances)]
            )  # a document is kept or judged again, never both: its stances stay together
            moves = [(old, new) for new, (_, _, _, old) in enumerate(order) if old >= 0 and old != new]
            if moves:  # through negative ordinals, so no two rows ever share one
                where = (t.c.claim_id == claim_id) & t.c.ordinal.in_([old for old, _ in moves])
                conn.execute(update(t).where(where).values(ordinal=-1 - t.c.ordinal))
                conn.execute(
                    update(t).where(t.c.claim_id == claim_id, t.c.ordinal == bindparam("tmp")),
                    [{"tmp": -1 - old, "ordinal": new} for old, new in moves],
                )
            fresh = {k: new for new, (_, side, k, _) in enumerate(order) if side == 1}
            _insert(conn, t, [_stance_row(s, fresh[k]) for k, s in enumerate(stances)])
            for table in (schema.claim_candidates, schema.claim_retrieval):
                conn.execute(delete(table).where(table.c.claim_id == claim_id))
            rows = [{"claim_id": claim_id, "doc_id": d, "score": scores.get(d)} for d in sorted(judged)]
            _insert(conn, schema.claim_candidates, rows)
            row = {
                "claim_id": claim_id,
                "text": text_,
                "passages": passages,
                "documents": documents,
                "passage_floor": passage_floor,
                "index_size": index_size,
            }
            _insert(conn, schema.claim_retrieval, [row])
            if conn.dialect.name == "sqlite":
                conn.execute(text("DELETE FROM claim_terms_fts WHERE rowid = :r"), {"r": _rowid(claim_id)})
                conn.execute(
                    text("INSERT INTO claim_terms_fts(rowid, claim_id, terms) VALUES (:r, :c, :t)"),
                    {"r": _rowid(claim_id), "c": claim_id, "t": terms},
                )

    def put_retrieved_passages(self, claim_id: str, passages: int) -> None:
        """Only the count of passages a claim's retrieval has found: an incremental run whose new
        passages match the claim but admit no document changes nothing else of it
        (claims/update.py), so its stances, candidates and index terms are not written again."""
        t = schema.claim_retrieval
        with self._write() as conn:
            conn.execute(update(t).where(t.c.claim_id == claim_id).values(passages=passages))

    def passage_index_size(self) -> int:
        """The passage index's size, as its largest passage id (ids only grow)."""
        with self._read() as conn:
            return int(conn.scalar(select(func.max(schema.passages.c.id))) or 0)

    def claim_retrieval(self, claim_ids: Sequence[str]) -> dict[str, tuple[str, int, int]]:
        """Claim id -> (text retrieved for, passages found, documents kept)."""
        t = schema.claim_retrieval
        out: dict[str, tuple[str, int, int]] = {}
        with self._read() as conn:
            for part in chunks(list(claim_ids)):
                for r in conn.execute(select(t).where(t.c.claim_id.in_(part))):
                    out[r.claim_id] = (r.text, r.passages, r.documents)
        return out

    def retrieval_scores(self, claim_ids: Sequence[str]) -> dict[str, RetrievalScores]:
        """Claim id -> its passage floor, retrieved documents' scores and the index size at
        its last full retrieval, for the claims with stored retrieval state."""
        r, c = schema.claim_retrieval, schema.claim_candidates
        out: dict[str, RetrievalScores] = {}
        with self._read() as conn:
            for part in chunks(list(claim_ids)):
                floors = select(r.c.claim_id, r.c.passage_floor, r.c.index_size).where(r.c.claim_id.in_(part))
                for claim_id, floor, size in conn.execute(floors):
                    out[claim_id] = RetrievalScores(floor, {}, size)
                query = select(c.c.claim_id, c.c.doc_id, c.c.score).where(
                    c.c.claim_id.in_(part), c.c.score.is_not(None)
                )
                for claim_id, doc_id, score in conn.execute(query):
                    if claim_id in out:
                        out[claim_id].scores[doc_id] = score
        return out

    def judged_documents(self, claim_ids: Sequence[str]) -> dict[str, set[str]]:
        t = schema.claim_candidates
        out: dict[str, set[str]] = {c: set() for c in claim_ids}
        with self._read() as conn:
            for part in chunks(list(claim_ids)):
                for r in conn.execute(select(t).where(t.c.claim_id.in_(part))):
                    out[r.claim_id].add(r.doc_id)
        return out

    def claims_matching_terms(self, match: str) -> list[str]:
        """Claims whose retrieval terms share a stemmed token with the FTS5 query `match`. Without
        FTS5 (PostgreSQL) every claim with stored retrieval is returned: each is then checked
        against the new sentences, which costs more but misses nothing."""
        if not match:
            return []
        with self._read() as conn:
            if conn.dialect.name != "sqlite":
                return sorted(r[0] for r in conn.execute(select(schema.claim_retrieval.c.claim_id)))
            rows = conn.execute(
                text("SELECT DISTINCT claim_id FROM claim_terms_fts WHERE claim_terms_fts MATCH :q"),
                {"q": match},
            )
            return sorted(r[0] for r in rows)

    # -- truth discovery ----------------------------------------------------------------------

    def holder_reliabilities(self) -> dict[str, float]:
        with self._read() as conn:
            return {r.holder: r.reliability for r in conn.execute(select(schema.holder_reliability))}

    def put_holder_reliabilities(self, reliability: Mapping[str, float]) -> None:
        with self._write() as conn:
            conn.execute(delete(schema.holder_reliability))
            rows = [{"holder": h, "reliability": float(r)} for h, r in sorted(reliability.items())]
            _insert(conn, schema.holder_reliability, rows)


def _rowid(claim_id: str) -> int:
    """The claim's row in `claim_terms_fts`: 60 bits of its hash id (deletes by rowid are indexed)."""
    return int(claim_id.removeprefix("claim:")[:15], 16)


class PassageScratch:
    """The new documents' passages in a throwaway in-memory FTS5 index, tokenised as
    `passages_fts`: which of them an old claim's query finds, at a cost set by the new passages
    alone (the store's index would walk each term's postings over the whole corpus)."""

    def __init__(self, passages: Iterable[tuple[int, str]]) -> None:
        import sqlite3

        self.conn = sqlite3.connect(":memory:")
        self.conn.execute(FTS_SCRATCH_DDL)
        self.conn.executemany("INSERT INTO scratch(rowid, text) VALUES (?, ?)", list(passages))

    def match(self, query: str) -> list[int]:
        if not query:
            return []
        return sorted(
            r[0] for r in self.conn.execute("SELECT rowid FROM scratch WHERE scratch MATCH ?", (query,))
        )

    def close(self) -> None:
        self.conn.close()


FTS_SCRATCH_DDL = (
    "CREATE VIRTUAL TABLE scratch USING fts5(text, tokenize='porter unicode61 remove_diacritics 2')"
)
