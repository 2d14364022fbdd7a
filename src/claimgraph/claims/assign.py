"""Stances on the claims the corpus stage built: the same judgement as `claimgraph check`.

For each claim, the documents that talk about it (its members' documents, plus what retrieval
finds) are judged by `claims.judge.judge_documents`: the stance model over the claim and each
document's own voice, each statement it quotes that shares the claim's words, and each outlet it
reproduces. No rule overrides the model: the rules that used to (own-fact polarity, cue words)
were written on the example corpus and lost to the model alone on held-out FNC-1 bodies
(docs/claims.md, `benchmarks/check_vs_model.py`).

The corpus stage passes `candidates` backed by the store's sentence index (linear in the
documents that mention a claim); without it every document's passages are scanned, which is
meant for tests and small in-memory corpora.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from claimgraph.claims.features import content_terms
from claimgraph.claims.judge import judge_documents
from claimgraph.claims.retrieval import coverage, document_passages
from claimgraph.model import (
    Claim,
    Document,
    DocumentAnalysis,
    Evidence,
    HolderKind,
    Span,
    Stance,
    StanceLabel,
    Voice,
)
from claimgraph.settings import DEFAULT_SETTINGS, Settings

CandidateFinder = Callable[[Claim], Iterable[str]]  # claim -> ids of documents that may talk about it


def assign_stances(
    claims: Sequence[Claim],
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    *,
    stance_model: Any,
    settings: Settings | None = None,
    candidates: CandidateFinder | None = None,
) -> list[Stance]:
    """Source and speaker stances for every claim, ordered by claim, document, holder."""
    settings = settings or DEFAULT_SETTINGS
    docs = {d.id: d for d in documents}
    statements = {a.doc_id: a.statements for a in analyses}
    find = candidates or scan_candidates(documents, settings)
    out: list[Stance] = []
    for claim in claims:
        ids = sorted({m.fact.doc_id for m in claim.members} | set(find(claim)))
        chosen = [docs[i] for i in ids if i in docs]
        said = {m.fact.id for m in claim.members if m.fact.kind == "statement"}
        for record in judge_documents(claim.text, chosen, statements, settings, stance_model, said):
            out.append(to_stance(claim.id, record))
    return out


def scan_candidates(documents: Sequence[Document], settings: Settings) -> CandidateFinder:
    """Documents with a passage covering enough of the claim's words, by reading every passage."""
    passages = {d.id: [d.text[a:b] for a, b, _, _ in document_passages(d)] for d in documents}

    def find(claim: Claim) -> list[str]:
        wanted = set(content_terms(claim.text))
        need = settings.stance.min_passage_coverage if len(wanted) > 2 else 1.0
        return [
            d
            for d, texts in passages.items()
            if any(0 < share >= need for share in (coverage(wanted, t) for t in texts))
        ]

    return find


def to_stance(claim_id: str, record: dict[str, Any]) -> Stance:
    """A `check` stance record as the model's `Stance`."""
    evidence = tuple(
        Evidence(Span(e["doc_id"], e["start"], e["end"]), e["text"], Voice(e["voice"]), tuple(e["chain"]))
        for e in record["evidence"]
    )
    return Stance(
        claim_id=claim_id,
        doc_id=record["doc_id"],
        holder=record["holder"],
        holder_kind=HolderKind(record["holder_kind"]),
        stance=StanceLabel(record["stance"]),
        score=record["score"],
        evidence=evidence,
        actor_id=record["actor_id"],
        statement_id=record["statement_id"],
    )
