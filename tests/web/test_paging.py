"""Cursor pagination (web/paging.py): cursors round-trip, are bound to their listing and filters,
forged ones are a 400, and a stream is read only as far as the page needs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from claimgraph.web.paging import MAX_CURSOR_CHARS, decode_cursor, encode_cursor, page, query_key
from claimgraph.web.problems import ApiError


def test_web_paging_cursor_round_trips_and_is_url_safe() -> None:
    key = query_key("claims", q="iran", verdict=None)
    cursor = encode_cursor(150, key)
    assert decode_cursor(cursor, key) == 150
    assert "=" not in cursor and "+" not in cursor and "/" not in cursor
    assert decode_cursor(None, key) == 0 and decode_cursor("", key) == 0


def test_web_paging_query_key_depends_on_listing_and_filters_not_their_order() -> None:
    assert query_key("claims", a=1, b=2) == query_key("claims", b=2, a=1)
    assert query_key("claims", a=1) != query_key("claims", a=2)
    assert query_key("claims") != query_key("documents")


@pytest.mark.parametrize(
    "cursor",
    [
        encode_cursor(3, query_key("documents")),  # another listing
        "bm90LWpzb24",  # base64 of "not-json"
        encode_cursor(-1, query_key("claims")),  # negative offset
        "W10",  # a JSON list, not an object
        "x" * (MAX_CURSOR_CHARS + 1),
    ],
)
def test_web_paging_foreign_or_forged_cursor_is_e085(cursor: str) -> None:
    with pytest.raises(ApiError) as caught:
        decode_cursor(cursor, query_key("claims"))
    assert caught.value.status == 400 and caught.value.code == "E085"


def test_web_paging_pages_a_list_and_ends_without_cursor() -> None:
    key = query_key("n")
    items = list(range(7))
    seen: list[int] = []
    cursor: str | None = None
    for _ in range(4):
        chosen, cursor = page(items, cursor, 3, key)
        seen += chosen
        if cursor is None:
            break
    assert seen == items and cursor is None
    assert page(items, None, 7, key) == (items, None)  # exactly one full page: no empty next page


def test_web_paging_reads_a_stream_only_as_far_as_needed() -> None:
    read: list[int] = []

    def stream() -> Iterator[int]:
        for i in range(1000):
            read.append(i)
            yield i

    chosen, cursor = page(stream(), encode_cursor(10, "k"), 5, "k")
    assert chosen == [10, 11, 12, 13, 14] and cursor is not None
    assert decode_cursor(cursor, "k") == 15
    assert len(read) == 16  # one past the page, to know there is more


def test_web_api_foreign_and_forged_cursors_are_400(client: TestClient) -> None:
    cursor = client.get("/api/v1/documents", params={"limit": 1}).json()["next_cursor"]
    assert cursor
    foreign = client.get("/api/v1/claims", params={"cursor": cursor})
    assert foreign.status_code == 400 and foreign.json()["error"]["code"] == "E085"
    other_filter = client.get("/api/v1/documents", params={"cursor": cursor, "q": "iran"})
    assert other_filter.status_code == 400
    forged = client.get("/api/v1/claims", params={"cursor": "bm90LWpzb24"})
    assert forged.status_code == 400 and forged.json()["error"]["code"] == "E085"
    odd = client.get("/api/v1/claims", params={"cursor": "a b<c>"})
    assert odd.status_code == 422
