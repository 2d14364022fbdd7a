"""The web UI: server-rendered pages over the same views as the API (no page needs a script to
show its content; /static/app.js adds expand-all, graph pan/zoom and hover names)."""

from __future__ import annotations

import hmac
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.serialize import to_dict
from claimgraph.web.api_reads import document_view, find_actor
from claimgraph.web.deps import models, reader, writer
from claimgraph.web.layout import HEIGHT, WIDTH, actor_relations, graph_view
from claimgraph.web.markup import pieces, templates_env
from claimgraph.web.paging import page, query_key
from claimgraph.web.problems import ApiError
from claimgraph.web.schemas import MAX_CLAIM_CHARS
from claimgraph.web.security import COOKIE
from claimgraph.web.state import source_counts
from claimgraph.web.views import (
    claim_detail,
    claim_history,
    claim_summary,
    filter_claims,
    find_claim,
    source_rows,
    timeline_rows,
)

router = APIRouter(include_in_schema=False)
ENV = templates_env()
PAGE_SIZE = 50
ACTOR_STATEMENTS = 30
Short = Annotated[str | None, Query(max_length=200)]
CursorQ = Annotated[str | None, Query(max_length=200, pattern=r"^[A-Za-z0-9_-]*$")]
VerdictQ = Literal["corroborated", "disputed", "denied", "single-source", "unverified", ""]


def form_date(name: str, value: str | None) -> str | None:
    """A date field of a form: empty is no filter, anything but YYYY-MM-DD a clear 422."""
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ApiError(422, Errors.E088, problem=f"{name}: give a date as YYYY-MM-DD") from None


def render(
    name: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any
) -> HTMLResponse:
    return HTMLResponse(ENV.get_template(name).render(**context), status_code=status, headers=headers)


def error_page(request: Request, status: int, message: str, headers: dict[str, str]) -> Response:
    return render("error.html", status, headers, title=f"Error {status}", message=message)


@router.get("/", response_class=HTMLResponse)
def claims_page(
    request: Request,
    q: Short = None,
    verdict: VerdictQ = "",
    actor: Short = None,
    source: Short = None,
    since: Short = None,
    until: Short = None,
    cursor: CursorQ = None,
) -> HTMLResponse:
    snap = reader(request).snapshot()
    filters = {
        "verdict": verdict or None,
        "actor": actor or None,
        "since": form_date("since", since),
        "until": form_date("until", until),
        "q": q or None,
        "source": source or None,
    }
    rows = filter_claims(snap, **filters)
    chosen, next_cursor = page(rows, cursor, PAGE_SIZE, query_key("claims-page", **filters))
    return render(
        "claims.html",
        title="Claims",
        claims=[claim_summary(r) for r in chosen],
        total=len(rows),
        all_claims=len(snap.claims),
        filters=filters,
        outlets=[name for name, _ in source_counts(snap.claims).most_common(50)],
        next_cursor=next_cursor,
        tracked=snap.tracked,
    )


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, claim_id: str) -> HTMLResponse:
    the_reader = reader(request)
    snap = the_reader.snapshot()
    row = find_claim(snap, claim_id[:200], the_reader.db)
    detail = claim_detail(the_reader.store, snap, row)
    points = claim_history(the_reader.store, snap, row, models(request).verdicts())
    return render("claim.html", title=row.claim.text, d=detail, history=points, summary=claim_summary(row))


@router.get("/check", response_class=HTMLResponse)
def check_page(
    request: Request, claim: Annotated[str, Query(max_length=MAX_CLAIM_CHARS)] = ""
) -> HTMLResponse:
    """The check box: judges the claim on the store (never tracks: that is a write)."""
    result = None
    problem = None
    if claim.strip():
        try:
            result = writer(request).check(claim, None, False)
        except ClaimgraphError as exc:
            problem = str(exc)
    return render("check.html", title="Check a claim", claim=claim, result=result, problem=problem)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, cursor: CursorQ = None) -> HTMLResponse:
    snap = reader(request).snapshot()
    chosen, next_cursor = page(snap.documents, cursor, PAGE_SIZE, query_key("documents-page"))
    return render(
        "documents.html", title="Documents", docs=chosen, total=len(snap.documents), next_cursor=next_cursor
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(
    request: Request,
    doc_id: str,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    view = document_view(request, doc_id[:200])
    highlight = (start, end) if start is not None and end is not None and start < end else None
    parts = pieces(view["document"], view["statements"], view["events"], highlight)
    return render(
        "document.html", title=view["document"]["title"] or view["document"]["id"], v=view, pieces=parts
    )


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str) -> HTMLResponse:
    actor = find_actor(request, actor_id[:200])
    the_reader = reader(request)
    snap = the_reader.snapshot()
    relations = actor_relations(the_reader.store, snap, actor.id)
    said = []
    for s in the_reader.store.iter_statements(speaker=actor.name):
        said.append(to_dict(s))
        if len(said) >= ACTOR_STATEMENTS:
            break
    months = sorted({m for r in relations for m in r["months"]})
    claims = [claim_summary(r) for r in filter_claims(snap, actor=actor.id)]
    return render(
        "actor.html",
        title=actor.name,
        actor=to_dict(actor),
        relations=relations,
        months=months,
        statements=said,
        claims=claims,
        names={a.id: a.name for a in snap.actors.values()},
    )


@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request, all: bool = False) -> HTMLResponse:
    the_reader = reader(request)
    view = graph_view(the_reader.store, the_reader.snapshot(), show_all=all)
    where = {n["id"]: n for n in view["nodes"]}
    return render(
        "graph.html", title="Relation graph", g=view, where=where, show_all=all, width=WIDTH, height=HEIGHT
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, claim: Short = None, actor: Short = None) -> HTMLResponse:
    the_reader = reader(request)
    snap = the_reader.snapshot()
    chosen = find_claim(snap, claim, the_reader.db).claim if claim else None
    rows = timeline_rows(the_reader.store, snap, chosen, actor or None)
    dated = [r for r in rows if r["entry"]["date"]]
    undated = [r for r in rows if not r["entry"]["date"]]
    return render(
        "timeline.html",
        title="Timeline",
        dated=dated,
        undated=undated,
        claim=chosen,
        actor=actor,
        docs=snap.document_index,
    )


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> HTMLResponse:
    return render("sources.html", title="Sources", sources=source_rows(reader(request).snapshot()))


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return render("login.html", title="Log in", problem=None)


@router.post("/login", response_model=None)
def login(request: Request, token: Annotated[str, Form(max_length=500)]) -> Response:
    """Trade the token for an HttpOnly, SameSite=Strict cookie (accepted for reads only)."""
    expected = request.app.state.token
    if expected is None or not hmac.compare_digest(token.encode(), expected.encode()):
        return render("login.html", 401, title="Log in", problem=Errors.E084.value)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response
