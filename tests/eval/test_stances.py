"""The example corpus's own-voice stance evaluation: matching the gold claim to a built one, and
scoring each gold document's found stance (none found: unrelated)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

import claimgraph.claims.assign
import claimgraph.claims.build
import claimgraph.nlp.analysis
from claimgraph.eval.gold import corpus_dir_default, corpus_documents, find_gold_document
from claimgraph.eval.stances import MIN_GOLD_CLAIM_SIMILARITY, evaluate_corpus_stances, match_claim
from claimgraph.model import (
    Claim,
    Document,
    DocumentAnalysis,
    Evidence,
    HolderKind,
    Span,
    Stance,
    StanceLabel,
)

GOLD = json.loads((corpus_dir_default() / "gold.json").read_text(encoding="utf-8"))
ON_CLAIM = Claim("claim:b", "United States and Iran cooperate militarily in Iraq")
OFF_CLAIM = Claim("claim:a", "Ships waited in the harbour")


class KeywordEmbedder:
    """Texts naming Iran point one way, the rest the other: similarity 1 or 0, by construction."""

    kind = "test"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.array([[1.0, 0.0] if "Iran" in t else [0.0, 1.0] for t in texts])


def test_stances_match_claim_picks_the_closest() -> None:
    embedder = KeywordEmbedder()
    assert match_claim("Iran and the US", [OFF_CLAIM, ON_CLAIM], embedder) == (ON_CLAIM, 1.0)
    assert match_claim("harbour news", [OFF_CLAIM, ON_CLAIM], embedder) == (OFF_CLAIM, 1.0)


def test_stances_match_claim_ties_go_to_the_first_listed() -> None:
    twin = Claim("claim:c", "Iran again")
    assert match_claim("Iran", [ON_CLAIM, twin], KeywordEmbedder())[0] == ON_CLAIM
    assert match_claim("Iran", [twin, ON_CLAIM], KeywordEmbedder())[0] == twin


def test_stances_match_claim_without_claims() -> None:
    assert match_claim("anything", [], KeywordEmbedder()) == (None, 0.0)


@pytest.fixture
def no_nlp(monkeypatch: pytest.MonkeyPatch) -> None:
    """Analyses are empty: these tests are about the scoring, not the extraction."""
    monkeypatch.setattr(
        claimgraph.nlp.analysis, "analyze_document", lambda doc, nlp, resolver: DocumentAnalysis(doc.id)
    )


def gold_documents() -> list[Document | None]:
    found = list(corpus_documents(corpus_dir_default()))
    return [find_gold_document(entry, found) for entry in GOLD["documents"]]


def stance(doc: Document, label: str, kind: HolderKind = HolderKind.SOURCE, holder: str = "outlet") -> Stance:
    evidence = (Evidence(Span(doc.id, 0, 4), doc.text[:4], doc.segments[0].voice),)
    return Stance(ON_CLAIM.id, doc.id, holder, kind, StanceLabel(label), 0.8, evidence)


def test_stances_found_stances_are_scored_against_the_gold(
    monkeypatch: pytest.MonkeyPatch, no_nlp: None
) -> None:
    docs = gold_documents()
    first, third = docs[0], docs[2]
    assert first is not None and third is not None
    right = GOLD["documents"][0]["stance"]
    wrong = next(s for s in ("agree", "disagree", "discuss") if s != GOLD["documents"][2]["stance"])
    asked: list[list[Claim]] = []

    def assign(claims: list[Claim], documents: list, analyses: list, stance_model: object) -> list[Stance]:
        asked.append(claims)
        return [
            stance(first, right),
            stance(first, "disagree", HolderKind.SPEAKER, "Marie Harf"),
            stance(third, wrong),
        ]

    monkeypatch.setattr(
        claimgraph.claims.build, "build_claims", lambda docs, analyses, embedder: [OFF_CLAIM, ON_CLAIM]
    )
    monkeypatch.setattr(claimgraph.claims.assign, "assign_stances", assign)
    result = evaluate_corpus_stances(stance_model=object(), embedder=KeywordEmbedder(), nlp=object())

    assert asked == [[ON_CLAIM]]  # only the matched claim is judged
    assert (result["matched_claim"], result["matched_claim_id"], result["similarity"]) == (
        ON_CLAIM.text,
        ON_CLAIM.id,
        1.0,
    )
    rows = result["documents"]
    assert [(r["file"], r["gold"]) for r in rows] == [(d["file"], d["stance"]) for d in GOLD["documents"]]
    assert rows[0]["found"] == right and rows[0]["speakers"] == [("Marie Harf", "disagree")]
    assert rows[0]["evidence"] == [first.text[:4]] and rows[0]["score"] == 0.8
    assert rows[2]["found"] == wrong
    others = [r for k, r in enumerate(rows) if k not in (0, 2)]
    assert all(r["found"] == "unrelated" and r["score"] is None for r in others)
    expected_right = 1 + sum(r["gold"] == "unrelated" for r in others)
    assert result["right"] == expected_right and result["accuracy"] == expected_right / len(rows)


def test_stances_no_close_claim_means_every_document_unrelated(
    monkeypatch: pytest.MonkeyPatch, no_nlp: None
) -> None:
    def assign(*args: object, **kwargs: object) -> list[Stance]:
        raise AssertionError("nothing to judge without a matched claim")

    monkeypatch.setattr(claimgraph.claims.build, "build_claims", lambda docs, analyses, embedder: [OFF_CLAIM])
    monkeypatch.setattr(claimgraph.claims.assign, "assign_stances", assign)
    result = evaluate_corpus_stances(stance_model=object(), embedder=KeywordEmbedder(), nlp=object())
    assert result["similarity"] < MIN_GOLD_CLAIM_SIMILARITY and result["matched_claim"] is None
    assert {r["found"] for r in result["documents"]} == {"unrelated"}
    unrelated = sum(d["stance"] == "unrelated" for d in GOLD["documents"])
    assert result["accuracy"] == unrelated / len(GOLD["documents"])


def test_stances_missing_gold_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"gold\.json"):
        evaluate_corpus_stances(tmp_path, stance_model=object(), embedder=KeywordEmbedder(), nlp=object())
