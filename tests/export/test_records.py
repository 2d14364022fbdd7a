"""Export records from model types: spellings as names, merged aliases, unjudged claims, counts."""

from __future__ import annotations

from claimgraph.export.records import (
    actor_record,
    stance_counts,
    stance_record,
    surface_forms,
    verdict_record,
)
from claimgraph.model import Actor, Evidence, HolderKind, Span, Stance, StanceLabel, Voice


def _stance(holder: str, kind: HolderKind, label: StanceLabel) -> Stance:
    return Stance("c1", "d1", holder, kind, label, 0.9)


def test_surface_forms_are_names_most_frequent_first() -> None:
    forms = surface_forms({"the U.S.'s": 2, "U.S.": 1, "Washington": 3})
    assert forms == [{"text": "U.S.", "count": 3}, {"text": "Washington", "count": 3}]


def test_actor_record_adds_observed_spellings_once() -> None:
    iran = Actor("country:irn", "Iran", "country", ("Islamic Republic of Iran",), None, "IRN")
    record = actor_record(iran, {"Tehran's": 2, "Iran": 5})
    assert record["aliases"] == ["Islamic Republic of Iran", "Tehran"]
    assert record["surface_forms"] == [{"text": "Iran", "count": 5}, {"text": "Tehran", "count": 2}]
    assert actor_record(iran)["surface_forms"] == []


def test_unjudged_claim_is_unverified() -> None:
    assert verdict_record(None) == {
        "label": "unverified",
        "confidence": 0.0,
        "explanation": "No verdict has been computed.",
    }


def test_stance_counts_one_holder_kind() -> None:
    stances = [
        _stance("Harbor Times", HolderKind.SOURCE, StanceLabel.AGREE),
        _stance("Gulf Ledger", HolderKind.SOURCE, StanceLabel.DISAGREE),
        _stance("Kerry", HolderKind.SPEAKER, StanceLabel.AGREE),
    ]
    assert stance_counts(stances, HolderKind.SOURCE) == {
        "agree": 1,
        "disagree": 1,
        "discuss": 0,
        "unrelated": 0,
    }
    assert stance_counts(stances, HolderKind.SPEAKER)["agree"] == 1


def test_stance_record_keeps_evidence_provenance() -> None:
    evidence = Evidence(Span("d1", 4, 9), "Kerry", Voice.QUOTED, ("Harbor Times", "Kerry"))
    stance = Stance(
        "c1", "d1", "Kerry", HolderKind.SPEAKER, StanceLabel.AGREE, 0.5, (evidence,), statement_id="s1"
    )
    record = stance_record(stance)
    assert record["evidence"] == [
        {
            "doc_id": "d1",
            "start": 4,
            "end": 9,
            "text": "Kerry",
            "voice": "quoted",
            "chain": ["Harbor Times", "Kerry"],
        }
    ]
    assert (record["holder_kind"], record["stance"], record["statement_id"]) == ("speaker", "agree", "s1")
