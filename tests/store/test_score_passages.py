"""Scoring a range of passages (store/retrieval.py `score_passages`, issue 11): a new document's
passages get the BM25 a search of the whole index gives them, on SQLite and on PostgreSQL."""

from __future__ import annotations

import re
from pathlib import Path

from claimgraph.model import Document, Voice
from claimgraph.store import Store

OLD = (
    "Iran said the talks went on. Iran said the talks ended. Iran said nothing else.\n"
    "Officials said the envoy met Iranian officials in Vienna.\n"
    "Jets struck targets; the strikes continued. Talks about talks."
)
NEW = "Iran sent troops to Vienna for talks. The weather was fine. Iran talks, Iran strikes."
QUERY = '"iran" OR "talks" OR "talk" OR "vienna" OR "strike"'


def test_score_passages_is_the_whole_index_bm25_of_a_range(pg_url: str, tmp_path: Path) -> None:
    for db in (str(tmp_path / "s.db"), pg_url):
        with Store.open(db) as store:
            docs = [
                Document(id=k * 16, uri=f"{k}.txt", format="text", text=t, segments=())
                for k, t in (("a", OLD), ("b", NEW))
            ]
            store.add_documents(docs)
            for doc in docs:
                spans = [(m.start(), m.end(), Voice.OWN, None) for m in re.finditer(r"[^.\n]+[.]", doc.text)]
                store.index_passages([(doc, spans)])
            full = {h.passage.id: (h.passage.doc_id, h.score) for h in store.search_passages(QUERY, 100)}
            new_ids = [p.id for p in store.document_passages(["b" * 16])["b" * 16]]
            scored = store.score_passages(QUERY, min(new_ids), max(new_ids))
            # the new document's matching passages (not "The weather was fine."), scored as in `full`
            assert set(scored) == {k for k, (d, _) in full.items() if d == "b" * 16}, db
            assert len(scored) == 2, db
            assert all(abs(scored[k] - full[k][1]) < 1e-9 for k in scored), (db, scored, full)
            # the scores use the whole index's statistics, not the range's alone
            alone = tmp_path / "alone.db"
            with Store.open(str(alone)) as other:
                other.add_documents([docs[1]])
                spans = [(m.start(), m.end(), Voice.OWN, None) for m in re.finditer(r"[^.\n]+[.]", NEW)]
                other.index_passages([(docs[1], spans)])
                by_itself = {h.passage.start: h.score for h in other.search_passages(QUERY, 100)}
            starts = {p.id: p.start for p in store.document_passages(["b" * 16])["b" * 16]}
            assert any(abs(by_itself[starts[k]] - s) > 1e-6 for k, s in scored.items())
            assert store.score_passages(QUERY, max(new_ids) + 1, max(new_ids) + 5) == {}
            assert store.score_passages("", 1, 10) == {}
            alone.unlink()
