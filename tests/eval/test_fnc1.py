"""FNC-1 metric on hand-made files: weighted score, F1, confusion matrix, errors naming the row."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from claimgraph.eval.fnc1 import Fnc1FormatError, evaluate_fnc1, read_bodies, read_stances, score

DATA = Path(__file__).resolve().parents[1] / "data" / "fnc1"
EXPECTED_KEYS = {"relative_score", "macro_f1", "per_class_f1", "confusion_matrix", "pairs_per_second"}


@dataclass
class _Label:
    label: str


class _FixedModel:
    """Stands in for StanceModel: answers a fixed label list, so the metric is checked alone."""

    def __init__(self, labels: list[str]) -> None:
        self.labels = labels

    def predict(self, pairs: list[tuple[str, str]]) -> list[_Label]:
        assert len(pairs) == len(self.labels)
        return [_Label(label) for label in self.labels]


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        (["agree", "unrelated"], ["agree", "unrelated"], 1.0),
        # 1.0 (exact) + 0.25 (related confusion) + 0.25 (unrelated) + 0 (miss) over 1+1+0.25+1.
        (
            ["agree", "disagree", "unrelated", "discuss"],
            ["agree", "discuss", "unrelated", "unrelated"],
            1.5 / 3.25,
        ),
        (["discuss", "discuss"], ["unrelated", "unrelated"], 0.0),
        (["unrelated", "unrelated"], ["agree", "discuss"], 0.0),
    ],
)
def test_fnc1_score_relative(gold: list[str], predicted: list[str], expected: float) -> None:
    assert score(gold, predicted)["relative_score"] == pytest.approx(expected)


def test_fnc1_score_confusion_and_f1() -> None:
    result = score(
        ["agree", "agree", "disagree", "unrelated"], ["agree", "disagree", "disagree", "unrelated"]
    )
    assert result["confusion_matrix"] == [[1, 1, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]]
    assert result["per_class_f1"] == pytest.approx(
        {"agree": 2 / 3, "disagree": 2 / 3, "discuss": 0.0, "unrelated": 1.0}
    )
    assert result["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0 + 1) / 4)


def test_fnc1_score_length_mismatch_raises() -> None:
    with pytest.raises(ValueError, match="2 gold labels but 1 predictions"):
        score(["agree", "agree"], ["agree"])


def test_fnc1_evaluate_has_exactly_the_cli_keys() -> None:
    model = _FixedModel(["agree", "discuss", "discuss", "unrelated"])
    result = evaluate_fnc1(DATA / "bodies.csv", DATA / "stances.csv", model=model)
    assert set(result) == EXPECTED_KEYS
    # agree exact 1.0, disagree→discuss 0.25, discuss exact 1.0, unrelated 0.25; max 3.25.
    assert result["relative_score"] == pytest.approx(2.5 / 3.25)
    assert result["pairs_per_second"] > 0


def test_fnc1_read_valid_files() -> None:
    bodies = read_bodies(DATA / "bodies.csv")
    pairs = read_stances(DATA / "stances.csv", bodies)
    assert sorted(bodies) == ["1", "2"]
    assert [p.stance for p in pairs] == ["agree", "disagree", "discuss", "unrelated"]


@pytest.mark.parametrize(
    ("stances", "message"),
    [
        ("stances_unknown_label.csv", r"stances_unknown_label\.csv: row 3: unknown stance label 'supports'"),
        (
            "stances_missing_column.csv",
            r"stances_missing_column\.csv: row 1 \(header\): missing column\(s\) Stance",
        ),
        (
            "stances_unknown_body.csv",
            r"stances_unknown_body\.csv: row 4: Body ID '99' is not in the bodies file",
        ),
        ("no_such_file.csv", r"no_such_file\.csv: cannot read file"),
    ],
)
def test_fnc1_read_stances_errors_name_the_row(stances: str, message: str) -> None:
    bodies = read_bodies(DATA / "bodies.csv")
    with pytest.raises(Fnc1FormatError, match=message):
        read_stances(DATA / stances, bodies)


def test_fnc1_read_bodies_missing_column() -> None:
    with pytest.raises(
        ValueError, match=r"bodies_missing_column\.csv: row 1 \(header\): missing column\(s\) articleBody"
    ):
        read_bodies(DATA / "bodies_missing_column.csv")
