"""Every error the API returns is JSON `{"error": {"code", "message"}}` with a fitting status.

The store's numbered errors keep their numbers (an unknown claim id is E016, 404); a busy or
failing database is a 503 with `Retry-After`; validation problems are 422 and list where the
input was wrong without echoing it back (an input can be megabytes of article text). HTML pages
get the same message in a small page instead of JSON.
"""

from __future__ import annotations

import logging
from pathlib import PurePath
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimgraph.errors import ClaimgraphError, Errors

NOT_FOUND = frozenset({"E004", "E006", "E016", "E086"})
# The database is busy, read-only, failing or gone (E095: the connection was lost mid-transaction).
UNAVAILABLE = frozenset({"E001", "E012", "E040", "E043", "E095"})
RETRY_AFTER_S = "2"
MAX_DETAILS = 20
log = logging.getLogger("claimgraph.web")


class ApiError(Exception):
    """An error with its HTTP status and numbered message."""

    def __init__(self, status: int, template: Errors, **fields: object) -> None:
        self.status = status
        self.code = template.name
        self.message = template.value.format(**fields)
        super().__init__(self.message)


def body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}}


def status_of(error: ClaimgraphError) -> int:
    if error.code in NOT_FOUND:
        return 404
    if error.code in UNAVAILABLE:
        return 503
    return 400


def _respond(request: Request, status: int, code: str, message: str, **extra: Any) -> Response:
    headers = {"Retry-After": RETRY_AFTER_S} if status == 503 else {}
    if not request.url.path.startswith("/api/") and request.method == "GET":
        from claimgraph.web.pages import error_page  # pages import this module

        return error_page(request, status, message, headers)
    return JSONResponse(body(code, message, **extra), status_code=status, headers=headers)


def install_handlers(app: FastAPI) -> None:
    """JSON (or HTML page) answers for every kind of failure; no traceback leaves the server."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return _respond(request, exc.status, exc.code, exc.message)

    @app.exception_handler(ClaimgraphError)
    async def _claimgraph_error(request: Request, exc: ClaimgraphError) -> Response:
        # The store's messages name its file; a client sees the file name, not the server's folders.
        db = str(request.app.state.reader.store.db)
        return _respond(request, status_of(exc), exc.code, str(exc).replace(db, PurePath(db).name))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": e.get("type")}
            for e in exc.errors()[:MAX_DETAILS]
        ]
        where = "; ".join(f"{'.'.join(d['loc'])}: {d['msg']}" for d in details[:3])
        message = Errors.E088.format(problem=where or "invalid input")
        return _respond(request, 422, "E088", message, details=details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return _respond(request, 404, "E086", Errors.E086.format(what="page", value=request.url.path))
        if exc.status_code == 413:  # security.BodyTooLarge, raised while the body streamed in
            return _respond(request, 413, "E083", str(exc.detail))
        return _respond(request, exc.status_code, "E088", Errors.E088.format(problem=str(exc.detail)))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # The client gets one line (no traceback, SQL or article text); the server log gets the rest.
        log.exception("unexpected error answering %s %s", request.method, request.url.path)
        message = f"unexpected {type(exc).__name__} while answering; the server log has the details"
        return _respond(request, 500, "E500", message)
