"""`/api/v1` reads of the per-document model: documents, actors, statements, events, sources.

Every listing is a cursor-paged `Page`; every unknown id is a 404 with a numbered JSON error.
All reads go through the app's read-only store.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import Actor, Event, Statement
from claimgraph.serialize import to_dict
from claimgraph.store import DocumentSummary
from claimgraph.web.deps import DEFAULT, Cursor, Limit, Text, reader
from claimgraph.web.layout import actor_relations
from claimgraph.web.paging import page, query_key
from claimgraph.web.schemas import ERROR_RESPONSES, ActorOut, DocumentOut, Page, SourceOut
from claimgraph.web.views import source_rows

router = APIRouter(prefix="/api/v1", tags=["corpus"], responses=ERROR_RESPONSES)
Id = Annotated[str, Path(min_length=1, max_length=200)]


def compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def fast_json(data: Any, status: int = 200) -> Response:
    """`data` (already shaped as the route's response model) as JSON, without FastAPI checking it
    against the model again: that check took 34 ms for one page of 50 claims, 20x the rest of the
    request. The shapes are held to the schema by tests/web/test_schema.py."""
    return Response(compact(data), status_code=status, media_type="application/json")


def _paged(
    items: Any, cursor: str | None, limit: int, key: str, convert: Callable[[Any], Any] | None = None
) -> Response:
    """One page of `items`; `convert` turns only the chosen items into their JSON form."""
    chosen, next_cursor = page(items, cursor, limit, key)
    if convert is not None:
        chosen = [convert(item) for item in chosen]
    return fast_json({"items": chosen, "next_cursor": next_cursor, "limit": limit})


@router.get("/documents", response_model=Page[DocumentSummary])
def list_documents(
    request: Request, cursor: Cursor = None, limit: Limit = DEFAULT, outlet: Text = None, q: Text = None
) -> Response:
    """Documents in id order: metadata and segments per voice. `q` looks in title, outlet and uri."""
    snap = reader(request).snapshot()
    words = (q or "").casefold().split()
    docs = [
        d
        for d in snap.documents
        if (not outlet or d.outlet == outlet)
        and all(w in " ".join(filter(None, (d.title, d.outlet, d.uri))).casefold() for w in words)
    ]
    key = query_key("documents", outlet=outlet, q=q)
    return _paged(docs, cursor, limit, key, to_dict)


def document_view(request: Request, doc_id: str) -> dict[str, Any]:
    """One document with text, segments, sources and its NLP facts (shared with the page)."""
    store = reader(request).store
    doc = store.get_document(doc_id)
    analysis = store.get_document_analysis(doc.id)
    return {
        "document": to_dict(doc),
        "sources": store.document_sources(doc.id),
        "statements": to_dict(list(store.iter_statements(doc_id=doc.id))),
        "events": to_dict(list(store.iter_events(doc_id=doc.id))),
        "mentions": to_dict(list(analysis.mentions)) if analysis else [],
    }


@router.get("/documents/{doc_id}", response_model=DocumentOut)
def get_document(request: Request, doc_id: Id) -> Response:
    """One document (id or unique prefix) with text, voiced segments, statements and events."""
    return fast_json(document_view(request, doc_id))


@router.get("/actors", response_model=Page[Actor])
def list_actors(
    request: Request, cursor: Cursor = None, limit: Limit = DEFAULT, q: Text = None, kind: Text = None
) -> Response:
    """Canonical actors in id order; `q` looks in names and aliases, `kind` is an ActorKind."""
    snap = reader(request).snapshot()
    needle = (q or "").casefold()
    actors = [
        a
        for a in sorted(snap.actors.values(), key=lambda a: a.id)
        if (not kind or a.kind == kind) and any(needle in n.casefold() for n in (a.name, *a.aliases))
    ]
    return _paged(actors, cursor, limit, query_key("actors", q=q, kind=kind), to_dict)


def find_actor(request: Request, actor_id: str) -> Actor:
    snap = reader(request).snapshot()
    actor = snap.actors.get(actor_id)
    if actor is None:
        raise ClaimgraphError(Errors.E086, what="actor", value=actor_id[:200])
    return actor


@router.get("/actors/{actor_id}", response_model=ActorOut)
def get_actor(request: Request, actor_id: Id) -> Response:
    """One actor with its relations over time (edges of the relation graph, month by month)."""
    actor = find_actor(request, actor_id)
    the_reader = reader(request)
    relations = actor_relations(the_reader.store, the_reader.snapshot(), actor.id)
    return fast_json({"actor": to_dict(actor), "relations": relations})


@router.get("/statements", response_model=Page[Statement])
def list_statements(
    request: Request, cursor: Cursor = None, limit: Limit = DEFAULT, doc_id: Text = None, speaker: Text = None
) -> Response:
    """Statements in document and text order; filter by document id or speaker (name or actor)."""
    items = reader(request).store.iter_statements(doc_id=doc_id, speaker=speaker)
    return _paged(items, cursor, limit, query_key("statements", doc_id=doc_id, speaker=speaker), to_dict)


@router.get("/events", response_model=Page[Event])
def list_events(
    request: Request, cursor: Cursor = None, limit: Limit = DEFAULT, doc_id: Text = None, actor: Text = None
) -> Response:
    """Events in document and text order; filter by document id or acting actor (name or id)."""
    items = reader(request).store.iter_events(doc_id=doc_id, actor=actor)
    return _paged(items, cursor, limit, query_key("events", doc_id=doc_id, actor=actor), to_dict)


@router.get("/sources", response_model=Page[SourceOut])
def list_sources(request: Request, cursor: Cursor = None, limit: Limit = DEFAULT) -> Response:
    """Sources with their reliability (truth discovery) and a 95% Wilson interval over the number
    of documents behind it: one document gives a wide interval, many a narrow one."""
    rows = source_rows(reader(request).snapshot())
    return _paged(rows, cursor, limit, query_key("sources"))
