"""The app factory: one FastAPI app over one store, with its guard, error handlers and routers.

`create_app` opens the store read-only once (a store that does not open is a numbered
ClaimgraphError before anything listens) and keeps it for every read; writes open it writable
per request (`writes.Writer`). No Swagger or ReDoc pages: they load scripts from a CDN, which the
Content-Security-Policy forbids; the schema is at /openapi.json.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from claimgraph.config import Config
from claimgraph.store import Store
from claimgraph.web import api_claims, api_reads, pages
from claimgraph.web.problems import install_handlers
from claimgraph.web.security import DEFAULT_MAX_BODY, Guard
from claimgraph.web.state import Reader
from claimgraph.web.writes import Models, Writer

API_VERSION = "1"


def create_app(
    db: str,
    *,
    token: str | None = None,
    everything: bool = False,
    max_body: int = DEFAULT_MAX_BODY,
    config: Config | None = None,
) -> FastAPI:
    """The web app over the store at `db`. With `token`, writes need it; with `everything` too,
    reads need it as well (what `serve` sets for a non-loopback address)."""
    store = Store.open(db, read_only=True)
    app = FastAPI(
        title="claimgraph",
        version=API_VERSION,
        description="Claims, stances, evidence and verdicts over a claimgraph store (docs/web.md).",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    models = Models()
    app.state.reader = Reader(store, db)
    app.state.models = models
    app.state.writer = Writer(db, models, config)
    app.state.token = token
    install_handlers(app)
    app.include_router(api_reads.router)
    app.include_router(api_claims.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(files("claimgraph.web") / "static")), name="static")
    app.add_middleware(Guard, token=token, everything=everything, max_body=max_body)
    app.router.add_event_handler("shutdown", store.close)
    return app
