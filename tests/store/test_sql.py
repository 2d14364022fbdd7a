"""The store's SQL helpers: chunked IN lists, insert-or-ignore (or update) on both backends,
row timestamps."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from claimgraph.store import Store, schema
from claimgraph.store.sql import IN_LIMIT, chunks, insert_ignore, utc_now


def test_sql_chunks_cover_every_item_once_in_order() -> None:
    items = list(range(7))
    assert [list(c) for c in chunks(items, 3)] == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunks([], 3)) == []
    big = list(range(IN_LIMIT + 1))
    assert [len(c) for c in chunks(big)] == [IN_LIMIT, 1]


def test_sql_utc_now_is_iso_utc_to_the_second() -> None:
    stamp = datetime.fromisoformat(utc_now())
    assert stamp.utcoffset() == UTC.utcoffset(None)
    assert stamp.microsecond == 0
    assert abs((datetime.now(UTC) - stamp).total_seconds()) < 5


def _priors(store: Store) -> dict[str, float]:
    with store.engine.connect() as conn:
        return {r.outlet: r.prior for r in conn.execute(select(schema.source_priors))}


def test_sql_insert_ignore_keeps_existing_rows(store: Store) -> None:
    t = schema.source_priors
    with store.engine.begin() as conn:
        insert_ignore(conn, t, [{"outlet": "A", "prior": 0.1}, {"outlet": "B", "prior": 0.2}])
        insert_ignore(conn, t, [{"outlet": "A", "prior": 0.9}, {"outlet": "C", "prior": 0.3}])
        insert_ignore(conn, t, [])  # nothing to write: no statement at all
    assert _priors(store) == {"A": 0.1, "B": 0.2, "C": 0.3}


def test_sql_insert_ignore_updates_the_named_columns(store: Store) -> None:
    t = schema.source_priors
    with store.engine.begin() as conn:
        insert_ignore(conn, t, [{"outlet": "A", "prior": 0.1}])
        insert_ignore(
            conn, t, [{"outlet": "A", "prior": 0.9}, {"outlet": "B", "prior": 0.5}], update=["prior"]
        )
    assert _priors(store) == {"A": 0.9, "B": 0.5}
