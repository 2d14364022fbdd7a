"""What the API and the pages show, computed once for both: filtered claim lists, one claim with
both sides, sources with an uncertainty, the timeline with each fact's stance.

Functions return JSON-ready dicts (through `claimgraph.serialize.to_dict`) shaped as the
response models in `schemas.py`; pages render the same dicts.
"""

from __future__ import annotations

from typing import Any

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import Claim, Document, Stance, TimelineEntry
from claimgraph.report.markup import wilson as report_wilson
from claimgraph.serialize import to_dict
from claimgraph.store import Store
from claimgraph.web.state import ClaimRow, Snapshot

CLAIM_PREFIX = "claim:"
SIDES = ("agree", "disagree", "discuss", "unrelated")


def claim_summary(row: ClaimRow) -> dict[str, Any]:
    return {
        "id": row.claim.id,
        "text": row.claim.text,
        "verdict": to_dict(row.verdict),
        "sources": row.sources,
        "speakers": row.speakers,
        "per_source": dict(sorted(row.per_source.items())),
        "actors": sorted(row.actors),
        "first": row.first,
        "last": row.last,
    }


def filter_claims(
    snap: Snapshot,
    *,
    verdict: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    q: str | None = None,
    source: str | None = None,
) -> list[ClaimRow]:
    """Claims in the corpus stage's order that pass every filter given.

    `actor` is an actor id or a (part of a) name; `since`/`until` keep claims with a stance
    published in that range; `q` is words that must all appear in the claim, its actors or outlets.
    """
    words = (q or "").casefold().split()
    wanted_actors = _actor_ids(snap, actor) if actor else None
    rows = []
    for row in snap.claims:
        label = row.verdict.label.value if row.verdict else "unverified"
        if verdict and label != verdict:
            continue
        if wanted_actors is not None and not (row.actors & wanted_actors):
            continue
        if since and (row.last is None or row.last < since):
            continue
        if until and (row.first is None or row.first > until):
            continue
        if source and source not in row.per_source:
            continue
        if words and not all(w in row.search for w in words):
            continue
        rows.append(row)
    return rows


def _actor_ids(snap: Snapshot, actor: str) -> set[str]:
    if actor in snap.actors:
        return {actor}
    needle = actor.casefold()
    return {a.id for a in snap.actors.values() if any(needle in n.casefold() for n in (a.name, *a.aliases))}


def find_claim(snap: Snapshot, claim_id: str, db: str) -> ClaimRow:
    """The claim with this id or unique prefix ("claim:" optional), as `claimgraph claim` finds it."""
    prefix = claim_id.strip().lower()
    want = CLAIM_PREFIX + prefix.removeprefix(CLAIM_PREFIX)
    if want in snap.claim_index:
        return snap.claim_index[want]
    found = [r for r in snap.claims if prefix and r.claim.id.startswith(want)]
    if not found:
        raise ClaimgraphError(Errors.E016, claim_id=claim_id, db=db)
    if len(found) > 1:
        matches = ", ".join(r.claim.id for r in found[:3])
        raise ClaimgraphError(Errors.E017, claim_id=claim_id, db=db, matches=matches)
    return found[0]


def history_input(stances: list[Stance], snap: Snapshot) -> list[dict[str, Any]]:
    """Stances as check's history reads them: export fields plus each document's publication date."""
    from claimgraph.export.records import stance_record

    out = []
    for s in stances:
        doc = snap.document_index.get(s.doc_id)
        out.append({**stance_record(s), "published": doc.published if doc else None})
    return out


def claim_history(store: Store, snap: Snapshot, row: ClaimRow, verdict_model: Any) -> list[dict[str, Any]]:
    """The verdict at each publication date of the claim's stances (check's `history`), once per
    snapshot: one verdict-model call per date, so it is its own request, not part of the detail."""
    from claimgraph.claims.check import history

    def build() -> list[dict[str, Any]]:
        stances = list(store.iter_stances(row.claim.id))
        return history(history_input(stances, snap), verdict_model=verdict_model)

    return snap.derived(("history", row.claim.id), build)


def claim_detail(store: Store, snap: Snapshot, row: ClaimRow) -> dict[str, Any]:
    """The claim, every stance grouped by side (both sides always whole), contradictions, and the
    documents the stances come from."""
    stances = list(store.iter_stances(row.claim.id))
    sides: dict[str, list[dict[str, Any]]] = {side: [] for side in SIDES}
    for s in stances:
        sides[s.stance.value].append(to_dict(s))
    doc_ids = sorted({s.doc_id for s in stances} | {m.fact.doc_id for m in row.claim.members})
    return {
        "claim": to_dict(row.claim),
        "verdict": to_dict(row.verdict),
        "sides": sides,
        "contradictions": to_dict(store.list_contradictions(row.claim.id)),
        "documents": {d: to_dict(snap.document_index[d]) for d in doc_ids if d in snap.document_index},
    }


def wilson(p: float, n: int) -> tuple[float, float]:
    """The 95% Wilson score interval for a proportion `p` seen over `n` trials (the report's
    `wilson`, rounded for JSON); (0, 1) when n is 0.

    A source's reliability is read as the share of its `n` documents that truth discovery found
    right, so one document gives a wide interval and a hundred a narrow one.
    """
    bounds = report_wilson(min(1.0, max(0.0, p)) * n, n)
    if bounds is None:
        return 0.0, 1.0
    return round(bounds[0], 4), round(bounds[1], 4)


def source_rows(snap: Snapshot) -> list[dict[str, Any]]:
    rows = []
    for s in snap.sources:
        low, high = wilson(s.reliability, s.documents)
        rows.append({"source": to_dict(s), "low": low, "high": high})
    return rows


def light_documents(snap: Snapshot) -> list[Document]:
    """Documents without text: the timeline only reads ids and publication dates."""
    return [Document(d.id, d.uri, "", "", (), published=d.published) for d in snap.documents]


def fact_claims(snap: Snapshot) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """(fact kind, fact id) -> the claims it is a member of, with its polarity and the verdict."""
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in snap.claims:
        label = row.verdict.label.value if row.verdict else "unverified"
        for m in row.claim.members:
            item = {
                "claim_id": row.claim.id,
                "text": row.claim.text,
                "polarity": m.polarity,
                "verdict": label,
            }
            found.setdefault((m.fact.kind, m.fact.id), []).append(item)
    return found


def timeline_rows(
    store: Store, snap: Snapshot, claim: Claim | None = None, actor: str | None = None
) -> list[dict[str, Any]]:
    """One row per fact, oldest first, undated last: a sentence repeated by syndicated copies on the
    same date is one row (with `copies`); each row lists the claims it supports or denies."""
    from claimgraph.timeline import timeline

    def build() -> list[TimelineEntry]:
        return timeline(
            store.iter_events(), store.iter_statements(), light_documents(snap), claim=claim, actor=actor
        )

    entries = snap.derived(("timeline", claim.id if claim else None, actor), build)
    members = snap.derived("fact_claims", lambda: fact_claims(snap))
    rows: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for entry in entries:
        key = (entry.kind, " ".join(entry.text.casefold().split()), entry.date)
        if key in rows:
            rows[key]["copies"] += 1
            continue
        rows[key] = {
            "entry": to_dict(entry),
            "claims": members.get((entry.kind, entry.id), []),
            "copies": 1,
        }
    return list(rows.values())
