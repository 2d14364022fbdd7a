"""Writes through the API: adding an article runs the pipeline and its stances are visible when
the response arrives; check is the same function and JSON as `claimgraph check --json`."""

from __future__ import annotations

from fastapi.testclient import TestClient

from claimgraph.store import Store


def test_web_writes_added_document_stances_are_visible_on_response(writable_db: str) -> None:
    from claimgraph.web import create_app

    with Store.open(writable_db, read_only=True) as store:
        base = next(d for d in store.iter_documents() if d.outlet == "Harbor Times")
        before = store.count_documents()
    text = base.text + "\n\nOfficials in Baghdad repeated the account on Thursday."
    article = {"text": text, "title": "Kerry open to Iran (updated)", "outlet": "River Post",
               "published": "2014-06-18", "url": "https://river.example/kerry"}  # fmt: skip
    with TestClient(create_app(writable_db)) as client:
        listed = client.get("/api/v1/documents", params={"limit": 200}).json()["items"]  # snapshot taken
        assert len(listed) == before
        response = client.post("/api/v1/documents", json={"documents": [article, article]})
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["visible"] == "now" and body["counts"]["new"] == 1
        first, second = body["documents"]
        assert first["new"] and not second["new"] and first["id"] == second["id"]
        doc_id = first["id"]
        doc = client.get(f"/api/v1/documents/{doc_id}").json()["document"]
        assert doc["outlet"] == "River Post" and doc["published"].startswith("2014-06-18")
        assert len(client.get("/api/v1/documents", params={"limit": 200}).json()["items"]) == before + 1
        claims = client.get("/api/v1/claims", params={"source": "River Post", "limit": 200}).json()["items"]
        assert claims, "the new outlet's stances are not in the claim list"
        detail = client.get(f"/api/v1/claims/{claims[0]['id']}").json()
        assert any(s["doc_id"] == doc_id for side in detail["sides"].values() for s in side)
        again = client.post("/api/v1/documents", json={"documents": [article]}).json()
        assert again["documents"][0]["new"] is False and again["counts"]["new"] == 0


def test_web_writes_html_document_is_cleaned(writable_db: str) -> None:
    from claimgraph.web import create_app

    html = ("<html><head><title>T</title></head><body><article><h1>Militia retakes town</h1>"
            "<p>Shiite militias said on Monday they had retaken the town of Amerli from Islamic State "
            "fighters after a siege of several weeks.</p></article></body></html>")  # fmt: skip
    with TestClient(create_app(writable_db)) as client:
        body = client.post("/api/v1/documents", json={"documents": [{"html": html, "outlet": "Wire"}]}).json()
        doc_id = body["documents"][0]["id"]
        text = client.get(f"/api/v1/documents/{doc_id}").json()["document"]["text"]
        assert "retaken the town of Amerli" in text and "<p>" not in text


def test_web_writes_check_is_the_cli_function_and_json(client: TestClient, example_db: str) -> None:
    from claimgraph.api import check

    claim = "Iran and the United States cooperate militarily against Islamic State"
    response = client.post("/api/v1/check", json={"claim": claim})
    assert response.status_code == 200
    assert response.json() == check(claim, example_db).to_json()
    dated = client.post("/api/v1/check", json={"claim": claim, "as_of": "2014-06-16"}).json()
    assert dated["as_of"] == "2014-06-16"
    assert all(s["published"][:10] <= "2014-06-16" for s in dated["stances"])


def test_web_writes_tracked_check_is_listed(writable_db: str) -> None:
    from claimgraph.web import create_app

    claim = "Iran sent advisers to Iraq"
    with TestClient(create_app(writable_db)) as client:
        assert client.get("/api/v1/tracked").json()["items"] == []
        assert client.post("/api/v1/check", json={"claim": claim, "track": True}).status_code == 200
        tracked = client.get("/api/v1/tracked").json()["items"]
        assert [t["claim"] for t in tracked] == [claim] and tracked[0]["result"]["claim"] == claim


def test_web_writes_listings_follow_a_store_changed_elsewhere(writable_db: str, hostile_id: str) -> None:
    """Another process (here: another connection) writes; the next read sees it, no restart."""
    from dataclasses import replace

    from claimgraph.web import create_app

    with TestClient(create_app(writable_db)) as client:
        before = len(client.get("/api/v1/documents", params={"limit": 200}).json()["items"])
        with Store.open(writable_db) as store:
            original = store.get_document(hostile_id)
            store.add_documents([replace(original, id="ffee0000elsewhere", text=original.text + " Again.")])
        after = client.get("/api/v1/documents", params={"limit": 200}).json()["items"]
        assert len(after) == before + 1 and "ffee0000elsewhere" in {d["id"] for d in after}
