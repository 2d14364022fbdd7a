"""Every error is JSON `{"error": {"code", "message"}}` with a fitting status (web/problems.py):
numbered errors keep their number, a busy database is a 503 with Retry-After, an unexpected
exception is one line with no traceback, and a page (not the API) gets the message as HTML."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.web.problems import RETRY_AFTER_S, ApiError, body, install_handlers, status_of

SECRET_DIR = "/srv/secret-folder"


@pytest.mark.parametrize(
    ("code", "status"), [("E016", 404), ("E004", 404), ("E012", 503), ("E001", 503), ("E013", 400)]
)
def test_web_problems_status_of_a_numbered_error(code: str, status: int) -> None:
    error = ClaimgraphError.__new__(ClaimgraphError)
    error.code = code
    assert status_of(error) == status


def test_web_problems_api_error_formats_its_template() -> None:
    error = ApiError(400, Errors.E085, problem="it is too long")
    assert error.code == "E085" and "it is too long" in error.message and error.status == 400
    assert body("E085", "m", extra=1) == {"error": {"code": "E085", "message": "m", "extra": 1}}


@pytest.fixture(scope="module")
def failing() -> TestClient:
    """A bare app with the handlers and routes that fail in each way."""
    app = FastAPI()
    app.state.reader = SimpleNamespace(store=SimpleNamespace(db=f"{SECRET_DIR}/claims.db"))
    install_handlers(app)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("SELECT secret FROM claims")

    @app.get("/api/busy")
    def busy() -> None:
        raise ClaimgraphError(Errors.E012, db=f"{SECRET_DIR}/claims.db", problem="locked")

    @app.get("/api/unknown")
    def unknown() -> None:
        raise ClaimgraphError(Errors.E016, claim_id="claim:x", db=f"{SECRET_DIR}/claims.db")

    @app.get("/api/number/{n}")
    def number(n: int) -> int:
        return n

    @app.get("/page")
    def page() -> None:
        raise ApiError(404, Errors.E086, what="page", value="/page")

    return TestClient(app, raise_server_exceptions=False)


def test_web_problems_unexpected_error_is_one_line_500(failing: TestClient) -> None:
    response = failing.get("/api/boom")
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["code"] == "E500" and "RuntimeError" in error["message"]
    assert "SELECT" not in response.text and "Traceback" not in response.text


def test_web_problems_numbered_errors_keep_number_and_hide_folders(failing: TestClient) -> None:
    unknown = failing.get("/api/unknown")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "E016"
    assert SECRET_DIR not in unknown.text and "claims.db" in unknown.text
    busy = failing.get("/api/busy")
    assert busy.status_code == 503 and busy.headers["retry-after"] == RETRY_AFTER_S
    assert busy.json()["error"]["code"] == "E012"


def test_web_problems_validation_is_422_with_where_not_what(failing: TestClient) -> None:
    response = failing.get("/api/number/not-a-number-" + "x" * 500)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "E088" and error["details"][0]["loc"] == ["path", "n"]
    assert "x" * 50 not in response.text  # the input is not echoed back


def test_web_problems_unknown_route_and_pages_get_html(failing: TestClient) -> None:
    missing = failing.get("/api/nothing-here")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "E086"
    page = failing.get("/page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Error 404" in page.text
