"""The passage index on PostgreSQL: FTS5's own tokens in a tsvector, a GIN index, BM25 in SQL.

SQLite's FTS5 ranks by BM25; PostgreSQL's `ts_rank` has no inverse document frequency, and its
`english` parser and Snowball stemmer cut words differently from FTS5's `unicode61` and Porter,
which changes which documents `check` and the stances step retrieve. So the tokens are made by
FTS5 itself: each batch of passages goes through an in-memory SQLite FTS5 table with the store's
tokenizer (`TOKENIZER`), its `fts5vocab` lists every token with its position, and the tokens are
stored as a literal tsvector (positions kept) with the passage's token count. Queries are
tokenized the same way, and BM25 is computed in SQL with FTS5's formula (k1 = 1.2, b = 0.75, idf
floored at 1e-6) from the term frequencies in the tsvector and corpus totals in a one-row table
that every insert updates in the same transaction. Documents' text stays in `documents`
(contentless, as FTS5 is). Limits (docs/store.md): a quoted query term of several tokens is
searched as separate words, not as a phrase; a token over 2,046 bytes is not indexed (PostgreSQL's
lexeme limit) but counts in the passage length.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Sequence

from sqlalchemy import Connection, text

TOKENIZER = "porter unicode61 remove_diacritics 2"  # the SQLite index's too (versions.m0004_retrieval)
K1, B = 1.2, 0.75  # FTS5's bm25() defaults
MAX_LEXEME_BYTES = 2046
MAX_POSITION = 16383  # tsvector positions stop here (the count, kept apart, does not)

# One round trip per batch: store vectors and lengths, and add to the corpus totals.
_INSERT = text(
    "WITH ins AS (INSERT INTO passages_fts (id, tsv, length)"
    " SELECT x.id, CAST(x.tsv AS tsvector), x.length"
    " FROM unnest(CAST(:ids AS integer[]), CAST(:tsvs AS text[]), CAST(:lengths AS integer[]))"
    " AS x (id, tsv, length) RETURNING length)"
    " UPDATE passages_fts_stats SET passages = passages + (SELECT count(*) FROM ins),"
    " tokens = tokens + (SELECT coalesce(sum(length), 0) FROM ins)"
)

# Every passage holding a query token; df of a token = how many of those hold it (they are all
# the passages that do), so one pass over the matches gives BM25 with no extra index lookups.
# float8 throughout: numeric arithmetic (what bigint and 0.5 make) is several times slower.
_SEARCH = text(
    "WITH m AS (SELECT f.id, f.length::float8 AS length, u.lexeme, cardinality(u.positions)::float8 AS tf"
    " FROM passages_fts AS f, unnest(f.tsv) AS u"
    " WHERE f.tsv @@ CAST(:query AS tsquery) AND u.lexeme = ANY(CAST(:tokens AS text[]))),"
    " s AS (SELECT passages::float8 AS total, greatest(tokens::float8 / greatest(passages, 1), 1) AS avgdl"
    " FROM passages_fts_stats),"
    " df AS (SELECT lexeme, greatest(ln((s.total - count(*) + 0.5) / (count(*) + 0.5)), 1e-6) AS idf"
    " FROM m CROSS JOIN s GROUP BY lexeme, s.total)"
    " SELECT m.id, sum(q.n * df.idf"
    f" * m.tf * {K1 + 1} / (m.tf + {K1} * ({1 - B} + {B} * m.length / s.avgdl))) AS score"
    " FROM m JOIN df ON df.lexeme = m.lexeme CROSS JOIN s"
    " JOIN unnest(CAST(:tokens AS text[]), CAST(:counts AS float8[])) AS q (lexeme, n) ON q.lexeme = m.lexeme"
    " GROUP BY m.id ORDER BY score DESC, m.id LIMIT :n"
)

_QUOTED = re.compile(r'"([^"]+)"')


def tokenize(texts: Sequence[str]) -> list[list[tuple[int, str]]]:
    """Each text's (position, token) pairs exactly as the SQLite index's FTS5 tokenizer makes them."""
    out: list[list[tuple[int, str]]] = [[] for _ in texts]
    with sqlite3.connect(":memory:") as db:
        db.execute(f"CREATE VIRTUAL TABLE t USING fts5(text, tokenize='{TOKENIZER}')")
        db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
        db.executemany("INSERT INTO t (rowid, text) VALUES (?, ?)", enumerate(texts, start=1))
        for term, doc, offset in db.execute("SELECT term, doc, offset FROM v"):
            out[doc - 1].append((offset, term))
    return out


def _quote(token: str) -> str:
    """A lexeme as tsvector and tsquery literals write it."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsvector(tokens: list[tuple[int, str]]) -> str:
    positions: dict[str, list[int]] = {}
    for offset, token in sorted(tokens):
        if len(token.encode()) <= MAX_LEXEME_BYTES:
            positions.setdefault(token, []).append(min(offset + 1, MAX_POSITION))
    return " ".join(f"{_quote(t)}:{','.join(map(str, dict.fromkeys(p)))}" for t, p in positions.items())


def insert(conn: Connection, ids: Sequence[int], bodies: Sequence[str]) -> None:
    """Index these passages (ids of `passages` rows, their sentence text)."""
    if not ids:
        return
    tokens = tokenize(bodies)
    conn.execute(
        _INSERT,
        {"ids": list(ids), "tsvs": [_tsvector(t) for t in tokens], "lengths": [len(t) for t in tokens]},
    )


def search(conn: Connection, match: str, limit: int) -> dict[int, float]:
    """BM25 (higher is better) of the best `limit` passages for the quoted terms of an FTS5 query."""
    found = tokenize(_QUOTED.findall(match))
    # FTS5 sums over the query's phrases: "turkey" OR "turkeys" counts the token `turkey` twice.
    counts = Counter(t for term in found for _, t in term if len(t.encode()) <= MAX_LEXEME_BYTES)
    tokens = list(counts)
    if not tokens:
        return {}
    # The planner's cost estimate for a few thousand matches trips JIT compilation, which takes
    # ~1 s to save a few ms (measured: 1012 ms with JIT, 57 ms without, docs/benchmarks.md).
    conn.exec_driver_sql("SET LOCAL jit = off")
    query = " | ".join(_quote(t) for t in tokens)
    params = {"query": query, "tokens": tokens, "counts": [float(counts[t]) for t in tokens], "n": limit}
    rows = conn.execute(_SEARCH, params).all()
    return {int(r.id): float(r.score) for r in rows}
