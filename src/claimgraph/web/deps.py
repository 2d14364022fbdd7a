"""What every route needs from the app: the reader, the writer, the models, and the shared
query parameters (cursor and limit, validated: a bad one is a 422)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request

from claimgraph.web.paging import DEFAULT_LIMIT, MAX_CURSOR_CHARS, MAX_LIMIT
from claimgraph.web.state import Reader
from claimgraph.web.writes import Models, Writer

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"items per page (1-{MAX_LIMIT})")]
Cursor = Annotated[
    str | None,
    Query(
        max_length=MAX_CURSOR_CHARS, pattern=r"^[A-Za-z0-9_-]*$", description="next_cursor of the page before"
    ),
]
Text = Annotated[str | None, Query(max_length=200)]
DEFAULT = DEFAULT_LIMIT


def reader(request: Request) -> Reader:
    return request.app.state.reader


def writer(request: Request) -> Writer:
    return request.app.state.writer


def models(request: Request) -> Models:
    return request.app.state.models
