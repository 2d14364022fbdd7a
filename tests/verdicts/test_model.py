"""The learned verdict model: loading, the label read-out, explanations, fitting, bad weight files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.settings import VerdictSettings
from claimgraph.verdicts.features import FEATURE_NAMES, claim_features, voices
from claimgraph.verdicts.model import CLASSES, MODEL_PATH, VerdictModel, fit, read_label


def stance(holder: str, label: str, p: float = 0.9, text: str = "", kind: str = "source") -> dict:
    probs = {"agree": 0.02, "disagree": 0.02, "discuss": 0.02, "unrelated": 0.02, label: p}
    return {
        "doc_id": f"d-{holder}",
        "holder": holder,
        "holder_kind": kind,
        "stance": label,
        "score": p,
        "probs": probs,
        "evidence": [{"text": text, "voice": "own"}],
    }


@pytest.fixture(scope="module")
def model() -> VerdictModel:
    return VerdictModel.load()


def test_verdict_model_shipped_weights_are_small_json(model: VerdictModel) -> None:
    assert MODEL_PATH.stat().st_size < 20_000
    data = json.loads(MODEL_PATH.read_text())
    assert tuple(data["features"]) == FEATURE_NAMES and tuple(data["classes"]) == CLASSES
    assert model.temperature > 0
    assert "train.csv" in data["meta"]["trained_on"]


def test_verdict_model_nothing_said_is_unverified_and_says_so(model: VerdictModel) -> None:
    pred = model.predict([])
    assert pred.label == "unverified"
    assert "nothing in the corpus" in pred.explanation
    assert pred.probs["unknown"] == 1.0


def test_verdict_model_many_debunking_denials_are_denied(model: VerdictModel) -> None:
    rows = [
        stance(f"outlet {i}", "disagree", 0.9, "The photo is a hoax; the claim is false.") for i in range(8)
    ]
    pred = model.predict(rows)
    assert pred.label == "denied"
    assert pred.confidence > 0.8
    assert "8 independent voices deny or dispute it" in pred.explanation


def test_verdict_model_many_confirmations_are_corroborated(model: VerdictModel) -> None:
    rows = [stance(f"outlet {i}", "agree", 0.95, "Police confirmed the arrest on Monday.") for i in range(12)]
    pred = model.predict(rows)
    assert pred.label == "corroborated"
    assert pred.confidence == pytest.approx(pred.probs["true"], abs=1e-4)


def test_verdict_model_probabilities_sum_to_one_and_confidence_is_the_label_class(
    model: VerdictModel,
) -> None:
    rows = [stance("a", "agree"), stance("b", "disagree"), stance("c", "discuss", 0.8)]
    pred = model.predict(rows)
    assert sum(pred.probs.values()) == pytest.approx(1.0, abs=1e-3)
    assert pred.confidence == pytest.approx(max(pred.probs.values()), abs=1e-4)
    assert "1 independent voice supports it (a)" in pred.explanation
    assert "1 independent voice denies or disputes it (b)" in pred.explanation
    assert "1 report it without taking a side" in pred.explanation


def test_verdict_model_min_decisive_probability_keeps_unsure_claims_unknown(model: VerdictModel) -> None:
    rows = [stance(f"o{i}", "disagree", 0.9, "a hoax") for i in range(8)]
    pred = model.predict(rows, VerdictSettings(min_decisive_probability=1.01))
    assert pred.label not in ("corroborated", "denied")


@pytest.mark.parametrize(
    ("rows", "label"),
    [
        ([stance("a", "agree"), stance("b", "disagree")], "disputed"),
        ([stance("a", "agree"), stance("a", "agree"), stance("c", "discuss")], "single-source"),
        ([stance("x", "agree", kind="speaker")], "single-source"),
        ([stance("a", "discuss"), stance("b", "discuss")], "unverified"),
        ([stance("a", "agree"), stance("b", "agree")], "unverified"),
    ],
)
def test_verdict_model_unknown_reads_as_the_voices_allow(rows: list[dict], label: str) -> None:
    assert read_label("unknown", rows) == label
    assert read_label("true", rows) == "corroborated"
    assert read_label("false", rows) == "denied"


def test_verdict_features_one_voice_per_holder_and_speakers_across_outlets() -> None:
    rows = [
        stance("Alpha", "agree"),
        stance("alpha ", "agree"),
        stance("John Kirby", "disagree", kind="speaker"),
        stance("John  Kirby", "disagree", kind="speaker"),
    ]
    assert len(voices(rows)) == 2
    x = dict(zip(FEATURE_NAMES, claim_features(rows), strict=True))
    assert x["log_voices"] == pytest.approx(np.log1p(2))
    assert x["denial_ratio"] == pytest.approx(0.5)  # a quoted speaker's denial is a voice too


def test_verdict_features_without_probabilities_use_label_and_score() -> None:
    row = {"holder": "A", "holder_kind": "source", "stance": "agree", "score": 0.8, "evidence": []}
    x = dict(zip(FEATURE_NAMES, claim_features([row]), strict=True))
    assert x["mean_p_agree"] == pytest.approx(0.8)
    assert x["mean_p_disagree"] == pytest.approx(0.1)


def test_verdict_features_hedging_and_debunking_cues() -> None:
    rows = [
        stance("a", "agree", text="The singer reportedly quit."),
        stance("b", "discuss", text="It is a hoax."),
    ]
    x = dict(zip(FEATURE_NAMES, claim_features(rows), strict=True))
    assert x["share_hedged"] == 0.5 and x["share_debunk"] == 0.5
    assert x["share_agree_hedged"] == 1.0 and x["share_debunk_not_agreeing"] == 0.5


def test_verdict_model_fit_save_load_round_trip(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    truths = [CLASSES[i % 3] for i in range(60)]
    x = rng.normal(size=(60, len(FEATURE_NAMES)))
    x[:, 0] += [3.0 * CLASSES.index(t) for t in truths]  # one informative feature
    model = fit(x, truths, [f"claim{i}" for i in range(60)], c=1.0)
    accuracy = np.mean(
        [CLASSES[k] == t for k, t in zip(model.probabilities(x).argmax(1), truths, strict=True)]
    )
    assert accuracy > 0.8
    path = tmp_path / "m.json"
    model.save(path)
    again = VerdictModel.load(path)
    assert np.allclose(again.probabilities(x), model.probabilities(x), atol=1e-4)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("not json", "E070"),
        ('{"format": 99}', "E071"),
        ('{"format": 1, "features": ["x"], "classes": ["true", "false", "unknown"]}', "E071"),
    ],
)
def test_verdict_model_bad_weight_file_names_the_file(tmp_path: Path, content: str, code: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(ClaimgraphError) as err:
        VerdictModel.load(path)
    assert err.value.code == code and str(path) in str(err.value)


def test_verdict_model_missing_weight_file(tmp_path: Path) -> None:
    with pytest.raises(ClaimgraphError, match=r"\[E070\].*no such file"):
        VerdictModel.load(tmp_path / "missing.json")


def test_verdict_model_never_denies_what_nobody_denies(model: VerdictModel) -> None:
    for rows in ([stance("a", "agree", text="x")], [stance("a", "agree"), stance("b", "discuss")]):
        pred = model.predict(rows)
        assert pred.label not in ("denied",)
        assert pred.confidence == pytest.approx(
            pred.probs[
                {"single-source": "unknown", "unverified": "unknown", "corroborated": "true"}[pred.label]
            ],
            abs=1e-4,
        )
    assert read_label("unknown", [stance("a", "agree", text="x")]) == "single-source"
