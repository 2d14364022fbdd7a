"""Model types to the JSON-ready records of the export contract (docs/schema.md).

One function per record kind, each from a `model.py` value; the list builders read the store only
through `Store`'s public methods. JSON, CSV tables, the report and the listings all start here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from claimgraph.model import (
    Actor,
    Claim,
    ClaimMember,
    Contradiction,
    Document,
    Event,
    HolderKind,
    SourceReliability,
    Stance,
    Statement,
    Verdict,
)
from claimgraph.nlp.names import clean_mention
from claimgraph.serialize import to_dict
from claimgraph.store import Store
from claimgraph.store.claims import evidence_record

# Top-level lists of the JSON export, in order (docs/schema.md).
JSON_LISTS = ("documents", "actors", "statements", "events", "claims", "contradictions", "sources", "tracked")


def document_record(doc: Document) -> dict[str, Any]:
    """One `documents[]` entry of the export contract."""
    return {
        "id": doc.id,
        "source_id": doc.source_id,
        "uri": doc.uri,
        "title": doc.title,
        "outlet": doc.outlet,
        "published": doc.published,
        "author": doc.author,
        "language": doc.language,
        "text": doc.text,
        "segments": [
            {
                "voice": s.voice.value,
                "start": s.start,
                "end": s.end,
                "text": doc.segment_text(s),
                "source": s.source,
                "author": s.author,
            }
            for s in doc.segments
        ],
    }


def surface_forms(forms: Mapping[str, int]) -> list[dict[str, Any]]:
    """Mention texts as names ("the U.S.'s" -> "U.S."), most frequent first, then by text."""
    counts: Counter[str] = Counter()
    for text, n in forms.items():
        name = clean_mention(text)
        if name:
            counts[name] += n
    return [{"text": t, "count": n} for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def actor_record(actor: Actor, forms: Mapping[str, int] | None = None) -> dict[str, Any]:
    """One `actors[]` entry: {id, name, kind, aliases[], affiliation, code, surface_forms[]}.

    `aliases` holds the registry's other names and every other spelling the documents used
    for this actor ("Qassem Suleimani", "Tehran"); `surface_forms` counts each spelling seen.
    """
    record = to_dict(actor)
    observed = surface_forms(forms or {})
    seen = {actor.name, *actor.aliases}
    record["aliases"] = [*actor.aliases, *(f["text"] for f in observed if f["text"] not in seen)]
    record["surface_forms"] = observed
    return record


def actor_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every canonical actor with the spellings the corpus used for it."""
    forms = store.actor_surface_forms()
    for actor in store.list_actors():
        yield actor_record(actor, forms.get(actor.id))


def statement_record(s: Statement) -> dict[str, Any]:
    """One `statements[]` entry; `start`/`end` cover speaker, cue and content, and the content's
    own offsets follow as `content_start`/`content_end`."""
    return {
        "id": s.id,
        "doc_id": s.doc_id,
        "voice": s.voice.value,
        "speaker": to_dict(s.speaker),
        "affiliation": s.affiliation,
        "chain": list(s.chain),
        "cue": s.cue,
        "content": s.content,
        "direct": s.direct,
        "start": s.span.start,
        "end": s.span.end,
        "content_start": s.content_span.start,
        "content_end": s.content_span.end,
    }


def event_record(e: Event) -> dict[str, Any]:
    """One `events[]` entry; `target` is null when the event has none."""
    return {
        "id": e.id,
        "doc_id": e.doc_id,
        "voice": e.voice.value,
        "actor": to_dict(e.actor),
        "action": e.action,
        "cameo": e.cameo,
        "target": to_dict(e.target),
        "place": e.place,
        "date": e.date,
        "modality": e.modality,
        "text": e.text,
        "start": e.span.start,
        "end": e.span.end,
    }


def stance_record(s: Stance) -> dict[str, Any]:
    """One `claims[].stances[]` entry; evidence items carry their voice."""
    return {
        "doc_id": s.doc_id,
        "holder": s.holder,
        "holder_kind": s.holder_kind.value,
        "stance": s.stance.value,
        "score": s.score,
        "evidence": [evidence_record(e) for e in s.evidence],
        "actor_id": s.actor_id,
        "statement_id": s.statement_id,
    }


def member_record(m: ClaimMember) -> dict[str, Any]:
    return {
        "kind": m.fact.kind,
        "id": m.fact.id,
        "doc_id": m.fact.doc_id,
        "polarity": m.polarity,
        "voice": m.voice.value,
        "start": m.span.start,
        "end": m.span.end,
        "holder": m.holder,
    }


def verdict_record(v: Verdict | None) -> dict[str, Any]:
    """`{label, confidence, explanation}`; a claim the verdict step has not judged is unverified."""
    if v is None:
        return {"label": "unverified", "confidence": 0.0, "explanation": "No verdict has been computed."}
    return {"label": v.label.value, "confidence": v.confidence, "explanation": v.explanation}


def claim_record(claim: Claim, stances: Iterable[Stance], verdict: Verdict | None) -> dict[str, Any]:
    """One `claims[]` entry: {id, text, subject, relation, object, place, stances, verdict, members}."""
    return {
        "id": claim.id,
        "text": claim.text,
        "subject": to_dict(claim.subject),
        "relation": claim.relation,
        "object": to_dict(claim.object),
        "place": claim.place,
        "stances": [stance_record(s) for s in stances],
        "verdict": verdict_record(verdict),
        "members": [member_record(m) for m in claim.members],
    }


def contradiction_record(c: Contradiction) -> dict[str, Any]:
    """One `contradictions[]` entry: {id, claim_id, a: {kind, id, doc_id}, b: {...}, reason}."""
    return to_dict(c)


def source_record(s: SourceReliability) -> dict[str, Any]:
    """One `sources[]` entry: {name, reliability, documents}."""
    return to_dict(s)


def claim_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every claim with its stances and verdict, in the corpus stage's order."""
    stances: dict[str, list[Stance]] = {}
    for s in store.iter_stances():
        stances.setdefault(s.claim_id, []).append(s)
    verdicts = store.list_verdicts()
    for claim in store.list_claims():
        yield claim_record(claim, stances.get(claim.id, []), verdicts.get(claim.id))


def json_records(store: Store, name: str) -> Iterable[dict[str, Any]]:
    if name == "documents":
        return map(document_record, store.iter_documents())
    if name == "actors":
        return actor_records(store)
    if name == "statements":
        return map(statement_record, store.iter_statements())
    if name == "events":
        return map(event_record, store.iter_events())
    if name == "claims":
        return claim_records(store)
    if name == "contradictions":
        return map(contradiction_record, store.list_contradictions())
    if name == "tracked":
        return map(tracked_record, store.tracked_claims())
    return map(source_record, store.list_sources())


def tracked_record(row: tuple[str, str, dict[str, Any] | None]) -> dict[str, Any]:
    """A tracked claim (`check --track`) with its latest judgement, shaped like a `claims[]` entry."""
    claim_id, text, result = row
    result = result or {}
    return {
        "id": claim_id,
        "text": text,
        "tracked": True,
        "verdict": result.get("verdict"),
        "stances": result.get("stances", []),
        "history": result.get("history", []),
    }


def export_dict(store: Store) -> dict[str, Any]:
    """The JSON export as one dict in memory (for the report and the CSV tables)."""
    return {name: list(json_records(store, name)) for name in JSON_LISTS}


def stance_counts(stances: Iterable[Stance], kind: HolderKind) -> dict[str, int]:
    """agree/disagree/discuss/unrelated counts of one holder kind."""
    counts = {"agree": 0, "disagree": 0, "discuss": 0, "unrelated": 0}
    for s in stances:
        if s.holder_kind == kind:
            counts[s.stance.value] += 1
    return counts
