"""`/api/v1` reads of the per-document model (web/api_reads.py): listings as pages, documents,
statements, sources, unknown ids as numbered JSON 404s."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimgraph.store import Store

Walk = Callable[[str, int], list[dict[str, Any]]]

LISTINGS = ("documents", "actors", "statements", "events", "claims", "sources", "tracked", "timeline")


@pytest.mark.parametrize("name", LISTINGS)
def test_web_api_listing_is_a_page(client: TestClient, name: str) -> None:
    response = client.get(f"/api/v1/{name}", params={"limit": 3})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"items", "next_cursor", "limit"}
    assert body["limit"] == 3 and len(body["items"]) <= 3


def test_web_api_cursor_pages_visit_every_statement_once(walk: Walk, example_db: str) -> None:
    with Store.open(example_db, read_only=True) as store:
        expected = [s.id for s in store.iter_statements()]
    assert [s["id"] for s in walk("/api/v1/statements", 50)] == expected


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/api/v1/claims/claim:0000000000000000", "E016"),
        ("/api/v1/documents/0000000000000000", "E004"),
        ("/api/v1/actors/person:nobody-at-all", "E086"),
        ("/api/v1/no-such-thing", "E086"),
    ],
)
def test_web_api_unknown_id_is_404_json(client: TestClient, path: str, code: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]["code"] == code
    assert "/tmp" not in response.text  # the store's folder is not shown


def test_web_api_document_has_text_segments_and_facts(client: TestClient, example_db: str) -> None:
    with Store.open(example_db, read_only=True) as store:
        doc_id = next(s.doc_id for s in store.iter_statements())
        doc = store.get_document(doc_id)
    body = client.get(f"/api/v1/documents/{doc_id}").json()
    assert body["document"]["text"] == doc.text
    assert len(body["document"]["segments"]) == len(doc.segments)
    assert body["statements"] and all(s["doc_id"] == doc_id for s in body["statements"])


def test_web_api_sources_interval_brackets_reliability(client: TestClient) -> None:
    rows = client.get("/api/v1/sources", params={"limit": 200}).json()["items"]
    assert rows
    for row in rows:
        assert 0 <= row["low"] <= row["source"]["reliability"] <= row["high"] <= 1
        if row["source"]["documents"] <= 1:
            assert row["high"] - row["low"] > 0.5  # one document says little


def test_web_api_hostile_document_json_is_data(client: TestClient, hostile_id: str) -> None:
    body = client.get(f"/api/v1/documents/{hostile_id}").json()
    assert "<script>" in body["document"]["text"]  # JSON carries the text as it is
    assert (
        client.get(f"/api/v1/documents/{hostile_id}").headers["content-type"].startswith("application/json")
    )
