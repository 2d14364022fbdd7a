"""`/api/v1` over the corpus model: claims, one claim with both sides, check, tracked claims,
timeline, relation graph, and adding documents (the one write besides a tracked check)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from claimgraph.web.api_reads import _paged, compact, fast_json
from claimgraph.web.deps import DEFAULT, Cursor, Limit, Text, models, reader, writer
from claimgraph.web.layout import graph_view
from claimgraph.web.paging import page, query_key
from claimgraph.web.schemas import (
    ERROR_RESPONSES,
    AddDocumentsIn,
    AddDocumentsOut,
    CheckIn,
    CheckOut,
    ClaimDetail,
    ClaimSummary,
    GraphOut,
    HistoryPoint,
    Page,
    TimelineRow,
    TrackedOut,
)
from claimgraph.web.views import (
    claim_detail,
    claim_history,
    claim_summary,
    filter_claims,
    find_claim,
    timeline_rows,
)

router = APIRouter(prefix="/api/v1", tags=["claims"], responses=ERROR_RESPONSES)
VerdictName = Literal["corroborated", "disputed", "denied", "single-source", "unverified"]
ClaimId = Annotated[str, Path(min_length=1, max_length=200)]


@router.get("/claims", response_model=Page[ClaimSummary])
def list_claims(
    request: Request,
    cursor: Cursor = None,
    limit: Limit = DEFAULT,
    verdict: VerdictName | None = None,
    actor: Text = None,
    since: date | None = None,
    until: date | None = None,
    q: Text = None,
    source: Text = None,
) -> Response:
    """Claims with verdict and stance counts (outlets, speakers, per outlet), in the corpus stage's
    order. Filters: verdict, actor (id or name), a stance published in [since, until], words (q),
    an outlet that takes a stance (source)."""
    filters = {
        "verdict": verdict,
        "actor": actor,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "q": q,
        "source": source,
    }
    snap = reader(request).snapshot()
    rows = filter_claims(snap, **filters)
    chosen, next_cursor = page(rows, cursor, limit, query_key("claims", **filters))
    # Each claim's JSON is encoded once per snapshot: a page is then a join, not 50 encodings.
    items = ",".join(
        snap.derived(("claim-json", r.claim.id), lambda r=r: compact(claim_summary(r))) for r in chosen
    )
    body = f'{{"items":[{items}],"next_cursor":{compact(next_cursor)},"limit":{limit}}}'
    return Response(body, media_type="application/json")


@router.get("/claims/{claim_id}", response_model=ClaimDetail)
def get_claim(request: Request, claim_id: ClaimId) -> Response:
    """One claim (id or unique prefix): every stance grouped by side (agree, disagree, discuss,
    unrelated) with its evidence, voice and chain; contradictions; the documents behind them."""
    the_reader = reader(request)
    snap = the_reader.snapshot()
    row = find_claim(snap, claim_id, the_reader.db)
    return fast_json(claim_detail(the_reader.store, snap, row))


@router.get("/claims/{claim_id}/history", response_model=list[HistoryPoint])
def get_claim_history(request: Request, claim_id: ClaimId) -> list[dict[str, Any]]:
    """The verdict over time: at each publication date, the verdict model's decision on the stances
    published by then (check's `history`; undated stances are left out)."""
    the_reader = reader(request)
    snap = the_reader.snapshot()
    row = find_claim(snap, claim_id, the_reader.db)
    return claim_history(the_reader.store, snap, row, models(request).verdicts())


@router.post("/check", response_model=CheckOut)
def check_claim(request: Request, body: CheckIn) -> dict[str, Any]:
    """Judge any claim on the store: the same function and JSON as `claimgraph check --json`.
    `track: true` keeps it. Like every POST, it needs the token when the server has one."""
    as_of = body.as_of.isoformat() if body.as_of else None
    result = writer(request).check(body.claim, as_of, body.track)
    if body.track:
        reader(request).invalidate()
    return result


@router.get("/tracked", response_model=Page[TrackedOut])
def list_tracked(request: Request, cursor: Cursor = None, limit: Limit = DEFAULT) -> Response:
    """Tracked claims (`check --track`) with their latest result, re-judged after every run."""
    rows = [
        {"id": i, "claim": text, "result": result} for i, text, result in reader(request).snapshot().tracked
    ]
    return _paged(rows, cursor, limit, query_key("tracked"))


@router.get("/timeline", response_model=Page[TimelineRow])
def get_timeline(
    request: Request, cursor: Cursor = None, limit: Limit = DEFAULT, claim: Text = None, actor: Text = None
) -> Response:
    """Events and statements by date (the event's own date, else publication), undated last, one
    row per fact, each with the claims it supports (+1) or denies (-1)."""
    the_reader = reader(request)
    snap = the_reader.snapshot()
    chosen = find_claim(snap, claim, the_reader.db).claim if claim else None
    rows = timeline_rows(the_reader.store, snap, chosen, actor)
    return _paged(rows, cursor, limit, query_key("timeline", claim=claim, actor=actor))


@router.get("/graph", response_model=GraphOut)
def get_graph(
    request: Request, all: Annotated[bool, Query(description="also isolated and unresolved actors")] = False
) -> dict[str, Any]:
    """The relation graph: actors with positions (networkx spring layout), edges per relation class
    with counts and first/last dates; isolated and unresolved actors hidden unless `all`."""
    the_reader = reader(request)
    return graph_view(the_reader.store, the_reader.snapshot(), show_all=all)


@router.post("/documents", response_model=AddDocumentsOut, status_code=201)
def add_documents(request: Request, body: AddDocumentsIn) -> dict[str, Any]:
    """Add articles (text or HTML with metadata). Runs the per-document stages and the corpus
    stage before answering: the new stances are visible when the response arrives."""
    result = writer(request).add_documents(body.documents)
    reader(request).invalidate()
    return result
