"""Stage 1 of the stance model: a logistic regression that learns relatedness, saved and read back
unchanged, and refusing weights trained on other features."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimgraph.claims.features import FEATURE_NAMES, BodyView, IdfTable, pair_features
from claimgraph.claims.stance_relatedness import RelatednessModel, expand

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "claimgraph" / "models" / "stance" / "stage1.json"
WIDTH = len(FEATURE_NAMES)


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    """Related pairs overlap more (feature 0 high), unrelated ones less; the other features are noise."""
    rng = np.random.default_rng(7)
    related = rng.random(400) < 0.5
    x = rng.random((400, WIDTH)) * 0.2
    x[:, 0] += np.where(related, 0.6, 0.05) + rng.normal(0, 0.1, 400).clip(-0.05, 0.05)
    return x, related


@pytest.fixture(scope="module")
def model(data: tuple[np.ndarray, np.ndarray]) -> RelatednessModel:
    return RelatednessModel.fit(*data, threshold=0.4)


def test_stance_relatedness_expand_adds_squares_and_roots() -> None:
    x = np.array([[0.25, 4.0, -1.0]])
    np.testing.assert_allclose(expand(x), [[0.25, 4.0, -1.0, 0.0625, 16.0, 1.0, 0.5, 2.0, 0.0]])
    assert expand(np.array([0.25, 4.0, 1.0])).shape == (1, 9)  # one row given flat is one row


def test_stance_relatedness_fit_separates_the_classes(
    model: RelatednessModel, data: tuple[np.ndarray, np.ndarray]
) -> None:
    x, related = data
    p = model.probability(x)
    assert p.shape == (len(x),) and ((p > 0) & (p < 1)).all()
    accuracy = ((p >= 0.5) == related).mean()
    assert accuracy > 0.95
    assert p[related].mean() > 0.8 > 0.2 > p[~related].mean()
    assert model.threshold == 0.4


def test_stance_relatedness_more_overlap_is_more_related(model: RelatednessModel) -> None:
    rows = np.full((5, WIDTH), 0.1)
    rows[:, 0] = [0.05, 0.2, 0.4, 0.6, 0.8]
    assert (np.diff(model.probability(rows)) > 0).all()


def test_stance_relatedness_with_threshold_keeps_the_weights(model: RelatednessModel) -> None:
    other = model.with_threshold(0.8)
    assert other.threshold == 0.8 and model.threshold == 0.4
    row = np.full((1, WIDTH), 0.3)
    assert other.probability(row) == pytest.approx(model.probability(row))


def test_stance_relatedness_save_and_load_round_trip(model: RelatednessModel, tmp_path: Path) -> None:
    path = tmp_path / "stage1.json"
    model.save(path)
    loaded = RelatednessModel.load(path)
    rows = np.random.default_rng(3).random((10, WIDTH))
    np.testing.assert_allclose(loaded.probability(rows), model.probability(rows))
    assert loaded.threshold == model.threshold and loaded.bias == model.bias
    assert json.loads(path.read_text(encoding="utf-8"))["features"] == list(FEATURE_NAMES)


def test_stance_relatedness_load_refuses_other_features(model: RelatednessModel, tmp_path: Path) -> None:
    path = tmp_path / "stage1.json"
    model.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"stage1\.json"):
        RelatednessModel.load(path)


def test_stance_relatedness_shipped_model_tells_a_related_body_from_another_story() -> None:
    """The shipped weights read this code's features: a body on the headline's story is over the
    threshold, a body on another story under it."""
    idf = IdfTable.load(SHIPPED.parent / "idf.json")
    shipped = RelatednessModel.load(SHIPPED)
    head = "Iran launched air strikes against Islamic State fighters in Iraq"
    related = (
        "Iranian jets carried out air strikes against Islamic State fighters in eastern Iraq on Monday, "
        "Iraqi officials said. The strikes hit positions near the border. Tehran did not confirm them."
    )
    other = (
        "The city council approved a new budget for the harbour on Tuesday. Fishermen welcomed the plan, "
        "which funds repairs to the old pier and a new market hall."
    )
    rows = np.array([pair_features(head, BodyView.build(body, idf), idf) for body in (related, other)])
    p_related, p_other = shipped.probability(rows)
    assert p_other < shipped.threshold < p_related
