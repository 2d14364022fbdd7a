"""The REST API on the example corpus: listings, pages, filters, one claim, errors as JSON."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimgraph.store import Store

LISTINGS = ("documents", "actors", "statements", "events", "claims", "sources", "tracked", "timeline")


def walk(client: TestClient, path: str, limit: int) -> list[dict[str, Any]]:
    """Every item of a listing, following next_cursor."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        response = client.get(path, params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= limit
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


@pytest.mark.parametrize("name", LISTINGS)
def test_web_api_listing_is_a_page(client: TestClient, name: str) -> None:
    response = client.get(f"/api/v1/{name}", params={"limit": 3})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"items", "next_cursor", "limit"}
    assert body["limit"] == 3 and len(body["items"]) <= 3


def test_web_api_cursor_pages_visit_every_claim_once(client: TestClient, example_db: str) -> None:
    with Store.open(example_db, read_only=True) as store:
        expected = [c.id for c in store.list_claims()]
    assert len(expected) >= 3
    assert [c["id"] for c in walk(client, "/api/v1/claims", 2)] == expected


def test_web_api_cursor_pages_visit_every_statement_once(client: TestClient, example_db: str) -> None:
    with Store.open(example_db, read_only=True) as store:
        expected = [s.id for s in store.iter_statements()]
    assert [s["id"] for s in walk(client, "/api/v1/statements", 50)] == expected


@pytest.mark.parametrize("limit", ["0", "-1", "201", "ten", "1e3"])
def test_web_api_bad_limit_is_422_json(client: TestClient, limit: str) -> None:
    response = client.get("/api/v1/claims", params={"limit": limit})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "E088"


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


def test_web_api_claim_has_every_stance_on_both_sides(client: TestClient, example_db: str) -> None:
    with Store.open(example_db, read_only=True) as store:
        stances: dict[str, list[Any]] = {}
        for s in store.iter_stances():
            stances.setdefault(s.claim_id, []).append(s)
    disputed = max(stances, key=lambda c: len({s.stance for s in stances[c]}))
    body = client.get(f"/api/v1/claims/{disputed}").json()
    assert body["claim"]["id"] == disputed
    got = sorted((s["doc_id"], s["holder"], s["stance"]) for side in body["sides"].values() for s in side)
    want = sorted((s.doc_id, s.holder, s.stance.value) for s in stances[disputed])
    assert got == want
    for side, items in body["sides"].items():
        assert all(s["stance"] == side for s in items)
    for item in (s for side in body["sides"].values() for s in side):
        assert item["doc_id"] in body["documents"]
        for ev in item["evidence"]:
            assert {"span", "text", "voice", "chain"} <= set(ev)


def test_web_api_claim_prefix_and_history(client: TestClient) -> None:
    first = client.get("/api/v1/claims", params={"limit": 1}).json()["items"][0]
    body = client.get(f"/api/v1/claims/{first['id'].removeprefix('claim:')[:10]}").json()
    assert body["claim"]["id"] == first["id"]
    history = client.get(f"/api/v1/claims/{first['id']}/history").json()
    dates = [h["date"] for h in history]
    assert dates and all(h["label"] for h in history)
    assert dates == sorted(dates)


def test_web_api_claim_filters(client: TestClient) -> None:
    everything = walk(client, "/api/v1/claims", 200)
    verdicts = {c["verdict"]["label"] for c in everything if c["verdict"]}
    for label in verdicts:
        chosen = client.get("/api/v1/claims", params={"verdict": label, "limit": 200}).json()["items"]
        assert chosen and all(c["verdict"]["label"] == label for c in chosen)
    word = everything[0]["text"].split()[0]
    found = client.get("/api/v1/claims", params={"q": word, "limit": 200}).json()["items"]
    assert everything[0]["id"] in [c["id"] for c in found]
    iran = client.get("/api/v1/claims", params={"actor": "country:irn", "limit": 200}).json()["items"]
    assert iran and all("country:irn" in c["actors"] for c in iran)
    late = client.get("/api/v1/claims", params={"since": "2014-09-01", "limit": 200}).json()["items"]
    assert all(c["last"] >= "2014-09-01" for c in late)
    assert len(late) < len(everything) or all(c["last"] >= "2014-09-01" for c in everything)
    bad = client.get("/api/v1/claims", params={"verdict": "true"})
    assert bad.status_code == 422
    assert client.get("/api/v1/claims", params={"since": "June"}).status_code == 422


def test_web_api_sql_looking_queries_are_plain_text(client: TestClient) -> None:
    for q in ["' OR 1=1 --", '"; DROP TABLE claims; --', "%", "_"]:
        response = client.get("/api/v1/claims", params={"q": q})
        assert response.status_code == 200
        assert response.json()["items"] == []
        assert client.get("/api/v1/statements", params={"speaker": q}).status_code == 200
    assert client.get("/api/v1/claims", params={"limit": 1}).json()["items"]  # nothing was dropped


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


def test_web_api_graph_hides_isolated_and_unresolved(client: TestClient) -> None:
    default = client.get("/api/v1/graph").json()
    everything = client.get("/api/v1/graph", params={"all": "true"}).json()
    assert default["nodes"] and len(everything["nodes"]) > len(default["nodes"])
    assert not any(n["id"].startswith("unresolved:") for n in default["nodes"])
    assert all(n["degree"] > 0 for n in default["nodes"])
    shown = {n["id"] for n in default["nodes"]}
    assert all(e["source"] in shown and e["target"] in shown for e in default["edges"])
    labelled = [n for n in default["nodes"] if n["label"]]
    assert labelled
    boxes = [(n["x"] + 8, n["y"] - 7, n["x"] + 8 + 7 * len(n["name"][:40]), n["y"] + 7) for n in labelled]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), "labels overlap"


def test_web_api_timeline_is_dated_then_undated(client: TestClient) -> None:
    rows = walk(client, "/api/v1/timeline", 200)
    dates = [r["entry"]["date"] for r in rows]
    dated = [d for d in dates if d]
    assert dated == sorted(dated)
    assert dates == dated + [None] * (len(dates) - len(dated))
    assert any(r["claims"] for r in rows)  # facts carry the claims they state


def test_web_api_openapi_lists_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    for path in ("/api/v1/claims", "/api/v1/claims/{claim_id}", "/api/v1/check", "/api/v1/documents"):
        assert path in paths
    assert "Document" in schema["components"]["schemas"]  # built from model.py's dataclass


def test_web_api_hostile_document_json_is_data(client: TestClient, hostile_id: str) -> None:
    body = client.get(f"/api/v1/documents/{hostile_id}").json()
    assert "<script>" in body["document"]["text"]  # JSON carries the text as it is
    assert (
        client.get(f"/api/v1/documents/{hostile_id}").headers["content-type"].startswith("application/json")
    )
