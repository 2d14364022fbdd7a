"""The HTML pages (web/pages.py) through a TestClient: each page renders what its API shows, the
claims page filters, bad form input is an HTML error page, the login trades only the right token.
The same pages in a real browser: test_browser.py."""

from __future__ import annotations

import html

from fastapi.testclient import TestClient

from claimgraph.web import create_app


def _html(client: TestClient, path: str, status: int = 200, **params: str) -> str:
    response = client.get(path, params=params)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return html.unescape(response.text)


def test_web_pages_claims_page_lists_and_filters(client: TestClient) -> None:
    claims = client.get("/api/v1/claims", params={"limit": 200}).json()["items"]
    page = _html(client, "/")
    assert claims[0]["text"] in page
    word = claims[0]["text"].split()[-1].strip(".,")
    chosen = client.get("/api/v1/claims", params={"q": word, "limit": 200}).json()["items"]
    left_out = [c for c in claims if c not in chosen]
    filtered = _html(client, "/", q=word)
    assert all(c["text"] in filtered for c in chosen)
    assert not left_out or left_out[0]["text"] not in filtered


def test_web_pages_bad_form_date_is_an_html_422(client: TestClient) -> None:
    page = _html(client, "/", 422, since="June")
    assert "YYYY-MM-DD" in page


def test_web_pages_claim_page_shows_the_claim_and_unknown_is_404(client: TestClient) -> None:
    claim = client.get("/api/v1/claims", params={"limit": 1}).json()["items"][0]
    assert claim["text"] in _html(client, f"/claims/{claim['id']}")
    assert "E016" in _html(client, "/claims/claim:0000000000000000", 404)


def test_web_pages_document_page_has_its_text_and_highlight(client: TestClient, hostile_id: str) -> None:
    doc = client.get("/api/v1/documents", params={"limit": 1}).json()["items"][0]
    text = client.get(f"/api/v1/documents/{doc['id']}").json()["document"]["text"]
    page = _html(client, f"/documents/{doc['id']}", start="0", end="5")
    assert text[:5] in page and "<mark" in page
    assert doc["id"] in _html(client, "/documents")


def test_web_pages_actor_graph_timeline_sources(client: TestClient) -> None:
    graph = client.get("/api/v1/graph").json()
    node = max(graph["nodes"], key=lambda n: n["degree"])
    assert node["name"] in _html(client, f"/actors/{node['id']}")
    graph_page = _html(client, "/graph")
    assert all(n["label"] in graph_page for n in graph["nodes"] if n["label"])
    first = client.get("/api/v1/timeline", params={"limit": 1}).json()["items"][0]
    assert " ".join(first["entry"]["text"].split()) in " ".join(_html(client, "/timeline").split())
    source = client.get("/api/v1/sources", params={"limit": 1}).json()["items"][0]
    assert source["source"]["name"] in _html(client, "/sources")


def test_web_pages_login_takes_only_the_right_token(example_db: str, token: str) -> None:
    with TestClient(create_app(example_db, token=token)) as guarded:
        wrong = guarded.post("/login", data={"token": "not-it"}, follow_redirects=False)
        assert wrong.status_code == 401 and "claimgraph_token" not in wrong.headers.get("set-cookie", "")
        right = guarded.post("/login", data={"token": token}, follow_redirects=False)
        assert right.status_code == 303
        cookie = right.headers["set-cookie"]
        assert "claimgraph_token" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
