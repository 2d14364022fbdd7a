"""The app factory (web/app.py): one store opened read-only before anything listens, routers and
static files mounted, no CDN-loading docs pages, the schema at /openapi.json."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document
from claimgraph.web import create_app


def test_web_api_openapi_lists_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    for path in ("/api/v1/claims", "/api/v1/claims/{claim_id}", "/api/v1/check", "/api/v1/documents"):
        assert path in paths
    assert "Document" in schema["components"]["schemas"]  # built from model.py's dataclass


def test_web_app_has_no_swagger_or_redoc_pages(client: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        assert client.get(path).status_code == 404


def test_web_app_serves_its_static_files(client: TestClient) -> None:
    names = [p.name for p in (Path(__file__).parents[2] / "src/claimgraph/web/static").iterdir()]
    assert names
    response = client.get(f"/static/{sorted(names)[0]}")
    assert response.status_code == 200 and response.content


def test_web_app_opens_the_store_read_only(example_db: str) -> None:
    app = create_app(example_db)
    assert app.state.reader.db == example_db
    assert app.state.token is None
    with pytest.raises(ClaimgraphError):  # a read-only store refuses writes
        app.state.reader.store.add_documents([Document("0" * 16, "x.txt", "text", "Some text.", ())])
    app.state.reader.store.close()


def test_web_app_store_that_does_not_open_is_a_numbered_error(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-store.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ClaimgraphError) as caught:
        create_app(str(bad))
    assert caught.value.code.startswith("E")
