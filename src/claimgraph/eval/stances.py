"""The example corpus gold's own-voice stances, per document: claims built and stances assigned from
scratch, then compared with gold.json (`python -c "from claimgraph.eval.stances import
evaluate_corpus_stances as e; print(e())"`, docs/claims.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# The built claim the gold claim names must be this similar to it (cosine of the shipped
# embedder; the right claim scores 0.80 on the example corpus, the next best 0.62).
MIN_GOLD_CLAIM_SIMILARITY = 0.5


def match_claim(text: str, claims: list, embedder: Any) -> tuple[Any, float]:
    """The built claim closest in meaning to `text` (ties: the more widely carried, listed first)."""
    if not claims:
        return None, 0.0
    vectors = embedder.encode([text, *[c.text for c in claims]])
    sims = vectors[1:] @ vectors[0]
    best = int(sims.argmax())
    return claims[best], float(sims[best])


def evaluate_corpus_stances(
    corpus_dir: str | Path | None = None,
    *,
    stance_model: Any = None,
    embedder: Any = None,
    nlp: Any = None,
) -> dict:
    """Own-voice stance of every gold document on the gold `claim`, found vs gold.

    Documents come from ingest + clean, analyses from `nlp.analysis.analyze_document`; a document
    with no source stance on the claim counts as `unrelated`.
    """
    from claimgraph.claims.assign import assign_stances
    from claimgraph.claims.build import build_claims
    from claimgraph.claims.embed import load_embedder
    from claimgraph.eval.gold import corpus_dir_default, corpus_documents, find_gold_document
    from claimgraph.model import HolderKind
    from claimgraph.nlp.actors import ActorResolver
    from claimgraph.nlp.analysis import analyze_document

    root = Path(corpus_dir) if corpus_dir is not None else corpus_dir_default()
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    if nlp is None:
        from claimgraph.nlp.spacy_model import load_nlp

        nlp = load_nlp()
    if stance_model is None:
        from claimgraph.claims.stance import StanceModel

        stance_model = StanceModel.load()
    embedder = embedder or load_embedder()
    found_docs = list(corpus_documents(root))
    docs = list({d.id: d for d, _, _ in found_docs}.values())
    resolver = ActorResolver()
    analyses = [analyze_document(d, nlp, resolver) for d in docs]
    claims = build_claims(docs, analyses, embedder=embedder)
    claim, similarity = match_claim(gold["claim"], claims, embedder)
    if claim is None or similarity < MIN_GOLD_CLAIM_SIMILARITY:
        claim = None
    stances = assign_stances([claim], docs, analyses, stance_model=stance_model) if claim else []
    source = {s.doc_id: s for s in stances if s.holder_kind == HolderKind.SOURCE}
    rows = []
    for entry in gold["documents"]:
        doc = find_gold_document(entry, found_docs)
        stance = source.get(doc.id) if doc else None
        rows.append(
            {
                "file": entry["file"],
                "outlet": entry["outlet"],
                "gold": entry["stance"],
                "found": stance.stance.value if stance else "unrelated",
                "score": stance.score if stance else None,
                "evidence": [e.text for e in stance.evidence] if stance else [],
                "speakers": [
                    (s.holder, s.stance.value)
                    for s in stances
                    if doc and s.doc_id == doc.id and s.holder_kind == HolderKind.SPEAKER
                ],
            }
        )
    right = sum(r["gold"] == r["found"] for r in rows)
    return {
        "claim": gold["claim"],
        "matched_claim": claim.text if claim else None,
        "matched_claim_id": claim.id if claim else None,
        "similarity": round(similarity, 4),
        "accuracy": right / len(rows) if rows else None,
        "right": right,
        "documents": rows,
    }
