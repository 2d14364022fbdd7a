"""The passage index on PostgreSQL: a tsvector per passage, a GIN index, and BM25 computed in SQL.

SQLite's FTS5 ranks by BM25; PostgreSQL's own `ts_rank` has no inverse document frequency, so a
word found in every sentence would weigh as much as a rare name. This module scores the passages
that match any query word with FTS5's BM25 formula instead (k1 = 1.2, b = 0.75, idf floored at
1e-6), from the term frequencies kept in each tsvector and corpus totals kept in a one-row table
that every insert updates in the same transaction. The documents' text stays in `documents`
(contentless, as FTS5 is). What still differs from FTS5 is the tokenizer (docs/store.md):
PostgreSQL's `english` configuration drops English stop words and uses the Snowball stemmer
rather than Porter's; accents are folded in Python on both sides, as FTS5's `remove_diacritics`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from sqlalchemy import Connection, text

K1, B = 1.2, 0.75  # FTS5's bm25() defaults

DDL = (
    "CREATE TABLE IF NOT EXISTS passages_fts ("
    " id INTEGER PRIMARY KEY REFERENCES passages (id), tsv TSVECTOR NOT NULL, length INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_passages_fts_tsv ON passages_fts USING GIN (tsv)",
    "CREATE TABLE IF NOT EXISTS passages_fts_stats ("
    " one INTEGER PRIMARY KEY CHECK (one = 1), passages BIGINT NOT NULL, tokens BIGINT NOT NULL)",
    "INSERT INTO passages_fts_stats VALUES (1, 0, 0) ON CONFLICT DO NOTHING",
)

# One round trip per batch: tokenise, store vector and length, and add to the corpus totals.
_INSERT = text(
    "WITH v AS (SELECT x.id, to_tsvector('english', x.body) AS tsv"
    " FROM unnest(CAST(:ids AS integer[]), CAST(:bodies AS text[])) AS x (id, body)),"
    " ins AS (INSERT INTO passages_fts (id, tsv, length)"
    " SELECT v.id, v.tsv, (SELECT coalesce(sum(cardinality(u.positions)), 0) FROM unnest(v.tsv) AS u)"
    " FROM v RETURNING length)"
    " UPDATE passages_fts_stats SET passages = passages + (SELECT count(*) FROM ins),"
    " tokens = tokens + (SELECT coalesce(sum(length), 0) FROM ins)"
)

# Every passage holding a query lexeme; df of a lexeme = how many of those hold it (they are all
# the passages that do), so one pass over the matches gives BM25 with no extra index lookups.
_SEARCH = text(
    "WITH q AS (SELECT DISTINCT u.lexeme FROM unnest(CAST(:terms AS text[])) AS t (term),"
    " unnest(to_tsvector('english', t.term)) AS u),"
    " m AS (SELECT f.id, f.length::float8 AS length, u.lexeme, cardinality(u.positions)::float8 AS tf"
    " FROM passages_fts AS f, unnest(f.tsv) AS u"
    " WHERE f.tsv @@ (SELECT CAST(string_agg(quote_literal(lexeme), ' | ') AS tsquery) FROM q)"
    " AND u.lexeme IN (SELECT lexeme FROM q)),"
    " s AS (SELECT passages::float8 AS total, greatest(tokens::float8 / greatest(passages, 1), 1) AS avgdl"
    " FROM passages_fts_stats),"
    # float8 throughout: numeric arithmetic (what bigint and 0.5 make) is several times slower.
    " df AS (SELECT lexeme, greatest(ln((s.total - count(*) + 0.5) / (count(*) + 0.5)), 1e-6) AS idf"
    " FROM m CROSS JOIN s GROUP BY lexeme, s.total)"
    " SELECT m.id, sum(df.idf"
    f" * m.tf * {K1 + 1} / (m.tf + {K1} * ({1 - B} + {B} * m.length / s.avgdl))) AS score"
    " FROM m JOIN df ON df.lexeme = m.lexeme CROSS JOIN s"
    " GROUP BY m.id ORDER BY score DESC, m.id LIMIT :n"
)

_QUOTED = re.compile(r'"([^"]+)"')


def fold(value: str) -> str:
    """Accents off (é -> e), as FTS5's `remove_diacritics 2` does for the SQLite index."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def insert(conn: Connection, ids: Sequence[int], bodies: Sequence[str]) -> None:
    """Index these passages (ids of `passages` rows, their sentence text)."""
    if ids:
        conn.execute(_INSERT, {"ids": list(ids), "bodies": [fold(b) for b in bodies]})


def search(conn: Connection, match: str, limit: int) -> dict[int, float]:
    """BM25 (higher is better) of the best `limit` passages for the quoted terms of an FTS5 query."""
    terms = [fold(t) for t in _QUOTED.findall(match)]
    if not terms:
        return {}
    # The planner's cost estimate for a few thousand matches trips JIT compilation, which takes
    # ~1 s to save a few ms (measured: 1012 ms with JIT, 57 ms without, docs/benchmarks.md).
    conn.exec_driver_sql("SET LOCAL jit = off")
    rows = conn.execute(_SEARCH, {"terms": terms, "n": limit}).all()
    return {int(r.id): float(r.score) for r in rows}
