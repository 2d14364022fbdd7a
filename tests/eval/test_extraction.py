import gzip
import json
from pathlib import Path

import pytest
from shared_data import require_shared

from claimgraph.eval.extraction import (
    PageScore,
    aggregate,
    evaluate_extraction,
    make_split,
    read_split,
    score_page,
    shingles,
)

REPO = Path(__file__).resolve().parents[2]
BENCHMARK = REPO.parent / "shared" / "data" / "article_extraction_benchmark"
SPLIT_FILE = REPO / "benchmarks" / "extraction_split.json"
# Own-voice F1 measured on the 121-page development sample when this floor was set: 0.954
# (trafilatura alone: 0.950). The floor catches a real regression, not noise.
OWN_F1_FLOOR = 0.95
# Main text (own + quoted) may trail trafilatura-without-comments by at most this on held-out
# pages: 0.9486 vs 0.9495 when set (docs/benchmarks.md).
MAIN_TEXT_TOLERANCE = 0.005


def _benchmark() -> Path:
    """The benchmark folder (fails under CI=true when missing, see conftest.require_shared)."""
    require_shared(BENCHMARK / "ground-truth.json")
    return BENCHMARK


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a b c d e", {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}),
        ("Two words", {("Two", "words"): 1}),
        ("x, x. x! x; x", {("x", "x", "x", "x"): 2}),
        ("  ", {}),
    ],
)
def test_extraction_shingles(text: str, expected: dict) -> None:
    assert dict(shingles(text)) == expected


@pytest.mark.parametrize(
    ("predicted", "truth", "precision", "recall"),
    [
        ("a b c d e", "a b c d e", 1.0, 1.0),
        ("a b c d e", "a b c d f", 0.5, 0.5),
        ("a b c d e f", "a b c d", 1 / 3, 1.0),
        ("", "a b c d", None, 0.0),
        ("", "", 1.0, 1.0),
    ],
)
def test_extraction_score_page(predicted: str, truth: str, precision: float | None, recall: float) -> None:
    score = score_page(predicted, truth)
    assert score.precision == (None if precision is None else pytest.approx(precision))
    assert score.recall == pytest.approx(recall)


def test_extraction_aggregate_is_f1_of_means() -> None:
    result = aggregate([PageScore(1.0, 0.5), PageScore(0.5, 1.0), PageScore(None, 0.0)])
    assert result["precision"] == pytest.approx(0.75)
    assert result["recall"] == pytest.approx(0.5)
    assert result["f1"] == pytest.approx(2 * 0.75 * 0.5 / 1.25)


def test_extraction_evaluate_reads_pages_and_scores_both(tmp_path: Path) -> None:
    (tmp_path / "p1.html.gz").write_bytes(gzip.compress(b"<html><body>one</body></html>"))
    (tmp_path / "p2.html").write_text("<html><body>two</body></html>", encoding="utf-8")
    truth = {
        "p1": {"articleBody": "alpha beta gamma delta", "url": "u1"},
        "p2": {"articleBody": "alpha beta gamma delta", "url": "u2"},
        "missing": {"articleBody": "x", "url": "u3"},
    }
    truth_file = tmp_path / "truth.json"
    truth_file.write_text(json.dumps(truth), encoding="utf-8")
    result = evaluate_extraction(
        tmp_path,
        truth_file,
        extractor=lambda html: "alpha beta gamma delta" if "one" in html else "",
        baseline=lambda html: "alpha beta gamma delta",
    )
    assert result["pages"] == 2
    assert result["precision"] == pytest.approx(1.0)
    assert result["recall"] == pytest.approx(0.5)
    assert result["trafilatura_f1"] == pytest.approx(1.0)
    assert set(result) >= {"f1", "precision", "recall", "pages", "trafilatura_f1"}


@pytest.mark.slow
def test_extraction_benchmark_own_voice_beats_trafilatura() -> None:
    _benchmark()
    result = evaluate_extraction(BENCHMARK / "html", BENCHMARK / "ground-truth.json")
    assert result["pages"] == 121
    assert result["f1"] >= result["trafilatura_f1"]
    assert result["f1"] >= OWN_F1_FLOOR


def test_extraction_split_is_fixed_disjoint_and_covers_every_page() -> None:
    """Issue 12 item 16: the committed split is what `make_split` gives, so no page moved parts."""
    truth = json.loads((_benchmark() / "ground-truth.json").read_text(encoding="utf-8"))
    tune, held = read_split(SPLIT_FILE, "tune"), read_split(SPLIT_FILE, "held-out")
    assert not tune & held
    assert tune | held == set(truth)
    assert make_split(truth) == {"tune": sorted(tune), "held-out": sorted(held)}


def test_extraction_split_errors_name_the_problem(tmp_path: Path) -> None:
    bad = tmp_path / "split.json"
    bad.write_text(json.dumps({"tune": ["a"]}), encoding="utf-8")
    with pytest.raises(ValueError, match="held-out"):
        read_split(bad, "held-out")
    with pytest.raises(ValueError, match="unknown part"):
        read_split(bad, "test")
    assert make_split(["b", "a", "c", "d"]) == make_split(["d", "c", "b", "a"])


@pytest.mark.slow
def test_extraction_held_out_own_voice_at_least_trafilatura() -> None:
    """On pages never tuned on, own voice >= trafilatura alone; main text within tolerance of
    trafilatura without comments."""
    benchmark = _benchmark()
    held = read_split(SPLIT_FILE, "held-out")
    result = evaluate_extraction(benchmark / "html", benchmark / "ground-truth.json", pages=held)
    assert result["pages"] == len(held)
    assert result["f1"] >= result["trafilatura_f1"]
    assert result["main_f1"] >= result["trafilatura_no_comments_f1"] - MAIN_TEXT_TOLERANCE
