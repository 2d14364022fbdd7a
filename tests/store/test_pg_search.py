"""The passage index on PostgreSQL (store/pg_search.py): tokens are FTS5's own, the tsvector
literal keeps positions and quotes safely, and BM25 in SQL gives SQLite's scores to the digit."""

from __future__ import annotations

import re
from pathlib import Path

from claimgraph.model import Document, Voice
from claimgraph.store import Store
from claimgraph.store.pg_search import MAX_LEXEME_BYTES, MAX_POSITION, _quote, _tsvector, tokenize


def test_pg_search_tokenize_is_fts5_porter_without_diacritics() -> None:
    first, second, empty = tokenize(["Jets struck; the strikes continued.", "Café in Zürich", ""])
    assert sorted(first) == [(0, "jet"), (1, "struck"), (2, "the"), (3, "strike"), (4, "continu")]
    assert [t for _, t in sorted(second)] == ["cafe", "in", "zurich"]
    assert empty == []


def test_pg_search_tsvector_literal_positions_and_quotes() -> None:
    assert _quote("o'neil\\x") == "'o''neil\\\\x'"
    vector = _tsvector([(2, "b"), (0, "a"), (1, "b"), (MAX_POSITION + 5, "a")])
    assert vector == f"'a':1,{MAX_POSITION} 'b':2,3"
    assert _tsvector([(0, "x" * (MAX_LEXEME_BYTES + 1)), (1, "ok")]) == "'ok':2"  # too long: not indexed


def test_postgres_passage_search_ranks_rare_words_first(pg_url: str, tmp_path: Path) -> None:
    """BM25 on both backends: the sentence with the rare, accented name outranks those that share
    only a common word, 'strike' finds 'strikes' (stemming), 'cafe' finds 'café', and every score
    is FTS5's (a term named twice, "talks" OR "talk", counts twice on both)."""
    text_ = (
        "Iran said the talks went on. Iran said the talks ended. Iran said nothing else.\n"
        "Officials said Zelenskyy met the Iranian envoy in a café in Vienna.\n"
        "Jets struck targets; the strikes continued."
    )
    scores = []
    for db in (str(tmp_path / "s.db"), pg_url):
        with Store.open(db) as store:
            doc = Document(id="d" * 16, uri="x.txt", format="text", text=text_, segments=())
            store.add_documents([doc])
            spans = [(m.start(), m.end()) for m in _sentences(text_)]
            store.index_passages([(doc, [(s, e, Voice.OWN, None) for s, e in spans])])
            hits = store.search_passages('"iran" OR "zelenskyy" OR "cafe"', 10)
            assert "Zelenskyy" in hits[0].passage.text, db
            assert len(hits) == 4, db  # three sentences name Iran; "Iranian" is another word
            assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
            strikes = store.search_passages('"strike"', 10)
            assert [h.passage.text for h in strikes] == ["Jets struck targets; the strikes continued."], db
            twice = store.search_passages('"iran" OR "iranian" OR "talks" OR "talk" OR "vienna"', 10)
            found = enumerate((hits, strikes, twice))
            scores.append({(i, h.passage.start): h.score for i, q in found for h in q})
    # The same tokens (FTS5's tokenizer on both) and the same formula: the same BM25 scores.
    assert scores[0].keys() == scores[1].keys()
    assert all(abs(scores[0][k] - scores[1][k]) < 1e-9 for k in scores[0]), scores


def _sentences(value: str) -> list[re.Match[str]]:
    return list(re.finditer(r"[^.\n]+[.]", value))
