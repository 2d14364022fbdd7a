"""Check any claim against a store: who in the corpus stands where on it, and the verdict.

    result = claimgraph.check("Iran and the US coordinated airstrikes in Iraq", db="story.db")
    result.verdict.label, [s["holder"] for s in result.stances]

1. The claim's content words are searched in the store's sentence index (BM25, built at analyze
   time), so the cost depends on how much the store says about the claim, not on its size.
2. `claims.judge.judge_documents` gives the stance of each candidate's own voice, of the
   statements it quotes and of the outlets it reproduces, from the stance model (no rule
   overrides it; docs/claims.md has the measurements that decided this).
3. The verdict model (`claimgraph.verdicts.model`) turns the stances into a calibrated verdict,
   once with everything and once per publication date for the history.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from claimgraph.claims.judge import STANCE_LABELS, judge_documents
from claimgraph.claims.retrieval import (
    Candidate,
    document_passages,
    fts_query,
    query_terms,
    ranked_documents,
)
from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.language import detect_language, is_english
from claimgraph.model import Statement
from claimgraph.settings import DEFAULT_SETTINGS, Settings
from claimgraph.store import Store
from claimgraph.verdicts.features import VoiceCache


@dataclass(frozen=True, slots=True)
class CheckVerdict:
    label: str
    confidence: float
    explanation: str
    probs: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "confidence": round(self.confidence, 4),
            "explanation": self.explanation,
            "probs": {k: round(v, 4) for k, v in self.probs.items()},
        }


@dataclass(slots=True)
class CheckResult:
    """What `check` found: the stances (export Stance fields + model probabilities), the verdict
    and the verdict over time."""

    claim: str
    verdict: CheckVerdict
    stances: list[dict[str, Any]]
    history: list[dict[str, Any]]
    as_of: str | None = None
    candidates: int = 0  # documents retrieval handed to the stance model
    note: str | None = None  # why nothing could be judged, or what was left unjudged
    matched: int = 0  # documents sharing the claim's words; the best `max_documents` are judged

    def to_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "as_of": self.as_of,
            "verdict": self.verdict.to_json(),
            "stances": self.stances,
            "history": self.history,
            "candidates": self.candidates,
            "matched": self.matched,
            "note": self.note,
        }


def tracked_id(claim: str) -> str:
    """A tracked claim's id: the same claim typed twice (case, spacing) is one tracked claim."""
    key = " ".join(claim.lower().split())
    return "tracked:" + hashlib.sha256(key.encode()).hexdigest()[:16]


def normalise_claim(claim: str, settings: Settings = DEFAULT_SETTINGS) -> str:
    """The claim as one line; an empty or over-long claim is a clear error."""
    text = " ".join((claim or "").split())
    if not text:
        raise ClaimgraphError(Errors.E018, problem="the claim is empty: give one sentence to check")
    limit = settings.stance.max_claim_chars
    if len(text) > limit:
        raise ClaimgraphError(
            Errors.E018,
            problem=f"the claim has {len(text):,} characters (at most {limit:,}): give one proposition, "
            "not a document",
        )
    return text


def parse_as_of(value: str | None) -> str | None:
    """`--as-of` as an ISO date (YYYY-MM-DD); anything else is a clear error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        raise ClaimgraphError(Errors.E019, value=value) from None


def check(
    claim: str,
    db: str | Path | Store = "claimgraph.db",
    *,
    as_of: str | None = None,
    track: bool = False,
    settings: Settings | None = None,
    stance_model: Any = None,
    verdict_model: Any = None,
) -> CheckResult:
    """Judge `claim` on the store at `db` (a path, URL or open `Store`); see the module docstring."""
    settings = settings or DEFAULT_SETTINGS
    text = normalise_claim(claim, settings)
    cutoff = parse_as_of(as_of)
    if isinstance(db, Store):
        return _check(db, text, cutoff, track, settings, stance_model, verdict_model)
    with Store.open(db, create=False) as store:
        return _check(store, text, cutoff, track, settings, stance_model, verdict_model)


def _check(
    store: Store,
    claim: str,
    cutoff: str | None,
    track: bool,
    settings: Settings,
    stance_model: Any,
    verdict_model: Any,
) -> CheckResult:
    if track:
        store.track_claim(tracked_id(claim), claim)
    result = judge_claim(store, claim, cutoff, settings, stance_model, verdict_model)
    if track:
        store.set_tracked_result(tracked_id(claim), result.to_json())
    return result


def _unverified(claim: str, cutoff: str | None, reason: str, candidates: int = 0) -> CheckResult:
    """Nothing to judge: certainly unknown (the verdict model says the same of no stances)."""
    verdict = CheckVerdict("unverified", 1.0, reason, {"true": 0.0, "false": 0.0, "unknown": 1.0})
    return CheckResult(claim, verdict, [], [], cutoff, candidates, reason)


def index_missing(store: Store) -> int:
    """Index documents stored before the passage index existed (or by --no-nlp runs of old versions)."""
    missing = store.unindexed_document_ids()
    written = 0
    for start in range(0, len(missing), 256):
        docs = store.documents_by_id(missing[start : start + 256])
        written += store.index_passages((d, document_passages(d)) for d in docs.values())
    return written


def retrieve(store: Store, claim: str, settings: Settings = DEFAULT_SETTINGS) -> list[Candidate]:
    """The documents whose sentences cover the claim's words, best BM25 first (bounded)."""
    return ranked(store, claim, settings)[: settings.stance.max_documents]


def ranked(store: Store, claim: str, settings: Settings = DEFAULT_SETTINGS) -> list[Candidate]:
    """Every document whose sentences cover the claim's words, best BM25 first (unbounded: `check`
    reports how many the `max_documents` cap leaves out).

    Reads the passage index as it is: callers run `index_missing` once before (an older store)."""
    terms = query_terms(claim)
    if not terms:
        return []
    hits = store.search_passages(fts_query(terms), settings.stance.max_passages)
    return ranked_documents(claim, hits, settings.stance)


def judge_claim(
    store: Store,
    claim: str,
    cutoff: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    stance_model: Any = None,
    verdict_model: Any = None,
) -> CheckResult:
    """Retrieve, judge every holder's stance, and decide."""
    language, _ = detect_language(claim)
    if not is_english(language):
        reason = f"the claim is not English text ({language}); claimgraph judges English claims only"
        return _unverified(claim, cutoff, reason)
    if store.count_documents() == 0:
        return _unverified(claim, cutoff, "the store has no documents: run `claimgraph analyze` first")
    if not query_terms(claim):
        return _unverified(claim, cutoff, "the claim has no content words to look for")
    index_missing(store)
    matched = ranked(store, claim, settings)
    candidates = matched[: settings.stance.max_documents]
    docs = store.documents_by_id([c.doc_id for c in candidates])
    if cutoff is not None:
        docs = {k: d for k, d in docs.items() if d.published and d.published[:10] <= cutoff}
    if not docs:
        reason = "nothing in the store talks about this claim"
        if cutoff is not None and candidates:
            reason += f" in documents published by {cutoff}"
        return _unverified(claim, cutoff, reason, len(candidates))
    ordered = [docs[c.doc_id] for c in candidates if c.doc_id in docs]
    statements: dict[str, list[Statement]] = {d.id: [] for d in ordered}
    for st in store.iter_statements(doc_ids=list(statements)):
        statements[st.doc_id].append(st)
    stances = judge_documents(claim, ordered, statements, settings, stance_model)
    verdict = decide(stances, settings, verdict_model)
    if not stances:
        verdict = CheckVerdict(
            "unverified",
            0.0,
            f"{len(docs)} document(s) share the claim's words but none takes a position on it",
        )
    note = None
    if len(matched) > len(candidates):
        note = (
            f"{len(matched) - len(candidates)} more document(s) share the claim's words and were not "
            f"judged: only the best {len(candidates)} by BM25 are (StanceSettings.max_documents)"
        )
    timeline = history(stances, settings, verdict_model)
    return CheckResult(claim, verdict, stances, timeline, cutoff, len(docs), note, len(matched))


def decide(
    stances: Sequence[dict[str, Any]],
    settings: Settings = DEFAULT_SETTINGS,
    verdict_model: Any = None,
    cache: VoiceCache | None = None,
) -> CheckVerdict:
    """The verdict model's decision on these stances."""
    if verdict_model is None:
        from claimgraph.verdicts.model import VerdictModel

        path = settings.verdict.model_path
        verdict_model = VerdictModel.load(Path(path) if path else None)
    model = verdict_model
    pred = model.predict(stances, settings.verdict, cache)
    return CheckVerdict(pred.label, float(pred.confidence), pred.explanation, dict(pred.probs))


def history(
    stances: Sequence[dict[str, Any]], settings: Settings = DEFAULT_SETTINGS, verdict_model: Any = None
) -> list[dict[str, Any]]:
    """The verdict at each publication date: only what was published by then (undated stances
    are left out of the history, and counted in the full verdict)."""
    dates = sorted({s["published"][:10] for s in stances if s.get("published")})
    cache: VoiceCache = {}  # each date adds a few stances: most holders' voices carry over
    out = []
    for day in dates:
        seen = [s for s in stances if s.get("published") and s["published"][:10] <= day]
        counts = {
            label: sum(1 for s in seen if s["holder_kind"] == "source" and s["stance"] == label)
            for label in STANCE_LABELS
        }
        out.append({"date": day, **counts, "label": decide(seen, settings, verdict_model, cache).label})
    return out
