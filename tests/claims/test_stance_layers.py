"""The learned layers over the stance model: their features, reading the shipped weights, and the
negation the cross-encoder misses in one-sentence statements."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.claims.stance_layers import (
    FEATURES,
    LABELS,
    LEAD_WORDS,
    MODEL_DIR,
    StanceLayer,
    body_features,
    statement_features,
)

CLAIM = "The United States and Iran cooperate militarily"
AGREEING = {"agree": 0.6, "disagree": 0.1, "discuss": 0.1, "unrelated": 0.2}


def named(kind: str, values: list[float]) -> dict[str, float]:
    names, _ = FEATURES[kind]
    assert len(values) == len(names)
    return dict(zip(names, values, strict=True))


def test_stance_layers_model_probabilities_are_shares_of_related() -> None:
    f = named("statement", statement_features(CLAIM, "They coordinate.", AGREEING))
    assert (f["p_agree"], f["p_disagree"], f["p_discuss"]) == pytest.approx((0.75, 0.125, 0.125))
    assert f["p_related"] == pytest.approx(0.8)
    unrelated_only = named("statement", statement_features(CLAIM, "x", {"unrelated": 1.0}))
    assert unrelated_only["p_agree"] == 0.0 and unrelated_only["p_related"] > 0  # no division by zero


@pytest.mark.parametrize(
    ("claim", "text", "negated", "hedged", "question"),
    [
        (CLAIM, "Washington is coordinating with Tehran.", 0, 0, 0),
        (CLAIM, "We are not coordinating military action with Iran.", 1, 0, 0),
        ("Iran did not strike the town", "Iran did not strike the town.", 0, 0, 0),  # the claim's own
        (CLAIM, "Officials said the two might coordinate.", 0, 1, 0),
        (CLAIM, "Are they coordinating?", 0, 0, 1),
    ],
)
def test_stance_layers_statement_surface_counts(
    claim: str, text: str, negated: int, hedged: int, question: int
) -> None:
    f = named("statement", statement_features(claim, text, AGREEING))
    assert (f["negated_beyond_claim"], f["hedged"], f["question"]) == (negated, hedged, question)


def test_stance_layers_body_lead_is_the_first_words_only() -> None:
    filler = " ".join(["ships"] * LEAD_WORDS)
    early = named("body", body_features(CLAIM, "A hoax. " + filler, AGREEING))
    late = named("body", body_features(CLAIM, filler + " A hoax.", AGREEING))
    assert early["refuting_in_lead"] == 1.0 and late["refuting_in_lead"] == 0.0
    assert early["refuting_per_100_words"] == late["refuting_per_100_words"] > 0


def test_stance_layers_body_claim_refuting_interaction() -> None:
    debunk_claim = "The Banksy arrest was a hoax"
    both = named("body", body_features(debunk_claim, "The arrest story is a hoax, police said.", AGREEING))
    claim_only = named("body", body_features(debunk_claim, "Police arrested the artist.", AGREEING))
    assert (both["claim_refuting"], both["claim_and_lead_refuting"]) == (1.0, 1.0)
    assert (claim_only["claim_refuting"], claim_only["claim_and_lead_refuting"]) == (1.0, 0.0)


@pytest.mark.parametrize("kind", ["statement", "body"])
def test_stance_layers_shipped_layer_predicts_a_distribution(kind: str) -> None:
    layer = StanceLayer.shipped(kind)
    assert StanceLayer.shipped(kind) is layer  # read once per process
    assert set(layer.classes) == set(LABELS)
    label, probs = layer.predict(CLAIM, "Officials said the two countries coordinate air strikes.", AGREEING)
    assert set(probs) == set(LABELS)
    assert sum(probs.values()) == pytest.approx(1.0)
    assert label == max(probs, key=lambda k: probs[k])


def test_stance_layers_statement_layer_hears_the_negation() -> None:
    """The case the layer exists for: the cross-encoder says agree to a plain denial."""
    layer = StanceLayer.shipped("statement")
    plain, _ = layer.predict(CLAIM, "We are coordinating military action with Iran.", AGREEING)
    denied, probs = layer.predict(CLAIM, "We are not coordinating military action with Iran.", AGREEING)
    assert plain == "agree"
    assert denied == "disagree", probs


def test_stance_layers_load_refuses_other_features(tmp_path: Path) -> None:
    data = json.loads((MODEL_DIR / "statement.json").read_text(encoding="utf-8"))
    data["features"] = list(reversed(data["features"]))
    (tmp_path / "statement.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"statement\.json"):
        StanceLayer.load("statement", tmp_path)
