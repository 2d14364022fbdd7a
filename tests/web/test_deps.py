"""The shared query parameters and app-state accessors (web/deps.py): a bad limit or cursor is a
numbered 422 before any route runs; routes get the app's own reader, writer and models."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from claimgraph.web.deps import models, reader, writer
from claimgraph.web.paging import MAX_CURSOR_CHARS


@pytest.mark.parametrize("limit", ["0", "-1", "201", "ten", "1e3"])
def test_web_api_bad_limit_is_422_json(client: TestClient, limit: str) -> None:
    response = client.get("/api/v1/claims", params={"limit": limit})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "E088"


@pytest.mark.parametrize("cursor", ["a b<c>", "x" * (MAX_CURSOR_CHARS + 1), "abc=="])
def test_web_deps_cursor_outside_its_alphabet_or_length_is_422(client: TestClient, cursor: str) -> None:
    response = client.get("/api/v1/documents", params={"cursor": cursor})
    assert response.status_code == 422 and response.json()["error"]["code"] == "E088"


def test_web_deps_limit_bounds_are_inclusive(client: TestClient) -> None:
    assert client.get("/api/v1/documents", params={"limit": 1}).status_code == 200
    assert client.get("/api/v1/documents", params={"limit": 200}).status_code == 200


def test_web_deps_accessors_return_the_apps_own_objects(client: TestClient) -> None:
    class Request:
        app = client.app

    state = client.app.state  # type: ignore[attr-defined]
    assert reader(Request()) is state.reader  # type: ignore[arg-type]
    assert writer(Request()) is state.writer  # type: ignore[arg-type]
    assert models(Request()) is state.models  # type: ignore[arg-type]
