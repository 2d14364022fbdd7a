"""The guard: tokens, body limits, malformed input, CSP, and article text that tries to be markup."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient


class Tags(HTMLParser):
    """Start tags with attributes, and text inside <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and data.strip():
            self.script_text.append(data)


def tags(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def guarded(example_db: str, token: str) -> Iterator[TestClient]:
    """Writes need the token (loopback with --token)."""
    from claimgraph.web import create_app

    with TestClient(create_app(example_db, token=token, max_body=10_000)) as c:
        yield c


@pytest.fixture(scope="module")
def public(example_db: str, token: str) -> Iterator[TestClient]:
    """Every request needs the token (a non-loopback bind)."""
    from claimgraph.web import create_app

    with TestClient(create_app(example_db, token=token, everything=True)) as c:
        yield c


def test_web_security_hostile_document_page_renders_text_only(client: TestClient, hostile_id: str) -> None:
    page = client.get(f"/documents/{hostile_id}").text
    found = tags(page)
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Evil" not in page
    assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in page
    assert not [t for t, _ in found.tags if t == "img"]
    hrefs = [a.get("href") or "" for t, a in found.tags if t == "a"]
    assert not [h for h in hrefs if "javascript" in h.lower()]
    assert not [a for _, a in found.tags if any(k.startswith("on") for k in a)]
    assert "javascript:alert(&#39;url&#39;)" in page  # shown as text, never as a link


def test_web_security_pages_have_no_inline_script_and_a_strict_csp(
    client: TestClient, hostile_id: str
) -> None:
    for path in ("/", "/graph", "/timeline", "/documents", f"/documents/{hostile_id}", "/sources", "/check"):
        response = client.get(path)
        assert response.status_code == 200, path
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        found = tags(response.text)
        assert not found.script_text, path
        assert all(a.get("src", "").startswith("/static/") for t, a in found.tags if t == "script")
        assert not [a for t, a in found.tags if "style" in a], f"{path}: inline style attribute"
        assert not re.search(
            r"https?://(?!www\.w3\.org)", " ".join(str(a) for _, a in found.tags if _ != "a")
        )
    assert "content-security-policy" in client.get("/api/v1/claims").headers


def test_web_security_writes_need_the_token(guarded: TestClient, token: str) -> None:
    assert guarded.get("/api/v1/claims").status_code == 200  # reads are open on loopback
    body = {"claim": "Iran and the United States cooperate"}
    refused = guarded.post("/api/v1/check", json=body)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "E084"
    assert refused.headers["www-authenticate"].startswith("Bearer")
    wrong = guarded.post("/api/v1/check", json=body, headers={"Authorization": "Bearer not-the-token-at-all"})
    assert wrong.status_code == 401
    cookie_only = guarded.post("/api/v1/documents", json={"documents": [{"text": "x"}]},
                               headers={"Cookie": f"claimgraph_token={token}"})  # fmt: skip
    assert cookie_only.status_code == 401  # a cookie never authorises a write
    ok = guarded.post("/api/v1/check", json=body, headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200 and ok.json()["claim"] == body["claim"]


def test_web_security_public_bind_needs_the_token_for_reads(public: TestClient, token: str) -> None:
    assert public.get("/api/v1/claims").status_code == 401
    page = public.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login"
    assert public.get("/login").status_code == 200
    assert public.get("/static/app.js").status_code == 200  # the login page's own files
    sneaky = public.get("/static/../api/v1/claims")
    assert sneaky.status_code in (401, 404) and "items" not in sneaky.text
    authed = public.get("/api/v1/claims", headers={"Authorization": f"Bearer {token}"})
    assert authed.status_code == 200
    bad = public.post("/login", data={"token": "wrong-token-wrong-token"})
    assert bad.status_code == 401
    good = public.post("/login", data={"token": token}, follow_redirects=False)
    assert good.status_code == 303
    cookie = good.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    assert public.get("/", headers={"Cookie": f"claimgraph_token={token}"}).status_code == 200


def test_web_security_huge_bodies_are_413(guarded: TestClient, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    big = {"documents": [{"text": "word " * 5_000}]}
    response = guarded.post("/api/v1/documents", json=big, headers=headers)
    assert response.status_code == 413 and response.json()["error"]["code"] == "E083"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        yield b'{"claim": "'
        for _ in range(100):
            yield b"x" * 1_000
        yield b'"}'

    streamed = guarded.post(
        "/api/v1/check", content=chunks(), headers={**headers, "content-type": "application/json"}
    )
    assert streamed.status_code == 413


@pytest.mark.parametrize(
    "payload",
    [b"{not json", b"[]", b'{"claim": 5}', b'{"claim": ""}', b'{"claim": "x", "extra": 1}', b"\xff\xfe"],
)
def test_web_security_malformed_json_is_422(client: TestClient, payload: bytes) -> None:
    response = client.post("/api/v1/check", content=payload, headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "E088"


@pytest.mark.parametrize(
    "document",
    [
        {"text": "a", "html": "<p>b</p>"},
        {},
        {"text": "   "},
        {"text": "fine", "url": "file:///etc/passwd"},
        {"text": "fine", "url": "javascript:alert(1)"},
        {"text": "fine", "path": "/etc/passwd"},
        {"text": "fine", "published": "yesterday"},
    ],
)
def test_web_security_bad_documents_are_refused_before_any_work(client: TestClient, document: dict) -> None:
    response = client.post("/api/v1/documents", json={"documents": [document]})
    assert response.status_code == 422, response.text


def test_web_security_no_filesystem_path_reaches_the_store(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]["NewDocument"]["properties"]
    assert set(schema) == {"text", "html", "title", "url", "outlet", "author", "published"}
