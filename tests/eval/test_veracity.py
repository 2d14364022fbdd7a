"""`claimgraph eval veracity`: reading Emergent CSVs, scoring, calibration, per-fold retraining, CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from shared_data import require_shared
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.errors import ClaimgraphError
from claimgraph.eval.veracity import (
    COLUMNS,
    ClaimResult,
    EmergentClaim,
    claim_result,
    expected_calibration_error,
    read_claims,
    refold,
    reliability_bins,
    score,
)

SHARED_CSV = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "emergent_veracity" / "train.csv"
)
KEYS = {
    "claims", "articles", "verdict_accuracy", "verdict_macro_f1", "verdict_confusion", "stance_accuracy",
    "stance_macro_f1", "stance_confusion", "ece", "articles_per_second",
}  # fmt: skip

# Our own short articles (no third-party text): one claim debunked, one confirmed.
ROWS = [
    ("c1", "A shark was found swimming in a flooded subway station", "false", "1", "against",
     "Photos said to show a shark swimming in a flooded subway station are a hoax. The transit authority "
     "said the picture was edited and that no shark was ever found in the subway station."),
    ("c1", "A shark was found swimming in a flooded subway station", "false", "2", "for",
     "A shark was found swimming in a flooded subway station on Tuesday, according to posts shared by "
     "commuters. The shark was seen swimming near the platform of the subway station."),
    ("c1", "A shark was found swimming in a flooded subway station", "false", "3", "",
     "The weather service expects more rain this week across the region and warned drivers about floods."),
    ("c2", "The city council approved a new bridge over the river", "true", "4", "for",
     "The city council approved a new bridge over the river on Monday by a vote of seven to two. The "
     "council said construction of the bridge would begin next spring."),
    ("c2", "The city council approved a new bridge over the river", "true", "5", "observing",
     "Residents discussed whether the city council approved a new bridge over the river, and what such "
     "a bridge would mean for traffic, at a meeting on Tuesday."),
]  # fmt: skip


def write_csv(path: Path, rows: list[tuple[str, ...]], columns: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


def shared_csv() -> Path:
    """The Emergent development file (fails under CI=true when missing, see conftest.require_shared)."""
    return require_shared(SHARED_CSV)


def test_veracity_read_claims_groups_rows_by_claim(tmp_path: Path) -> None:
    claims = read_claims(write_csv(tmp_path / "e.csv", ROWS))
    assert [(c.claim_id, c.truth, len(c.articles)) for c in claims] == [("c1", "false", 3), ("c2", "true", 2)]
    assert claims[0].articles[2][1] == ""
    assert len(read_claims(tmp_path / "e.csv", limit=1)) == 1


@pytest.mark.parametrize(
    ("rows", "columns", "message"),
    [
        (ROWS, COLUMNS[:-1], "missing column(s) articleBody"),
        ([(*ROWS[0][:2], "maybe", *ROWS[0][3:])], COLUMNS, "row 2: claimTruthiness 'maybe'"),
        ([(*ROWS[0][:4], "pro", ROWS[0][5])], COLUMNS, "row 2: articleStance 'pro'"),
        ([("", *ROWS[0][1:])], COLUMNS, "row 2: empty claimId"),
        ([], COLUMNS, "no claims in the file"),
    ],
)
def test_veracity_bad_csv_is_one_numbered_line_naming_the_file(
    tmp_path: Path, rows: list, columns: tuple[str, ...], message: str
) -> None:
    path = write_csv(tmp_path / "bad.csv", rows, columns)
    with pytest.raises(ClaimgraphError) as err:
        read_claims(path)
    assert err.value.code == "E072"
    assert str(path) in str(err.value) and message in str(err.value)


def test_veracity_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ClaimgraphError, match=r"\[E006\]"):
        read_claims(tmp_path / "none.csv")


def test_veracity_ece_and_reliability_bins() -> None:
    assert expected_calibration_error([0.9, 0.9, 0.9, 0.9], [True, True, True, False]) == pytest.approx(0.15)
    assert expected_calibration_error([0.55, 0.95], [True, True]) == pytest.approx(0.5 * 0.45 + 0.5 * 0.05)
    bins = reliability_bins([0.55, 0.95, 0.99], [True, False, True])
    assert [(b["low"], b["count"], b["accuracy"]) for b in bins] == [(0.5, 1, 1.0), (0.9, 2, 0.5)]


def _result(
    claim: EmergentClaim, label: str, probs: dict[str, float], stances: dict[str, str]
) -> ClaimResult:
    rows = [
        {"holder": f"body-{b}", "holder_kind": "source", "stance": s, "score": 0.9, "outlet": f"body-{b}"}
        for b, s in stances.items()
    ]
    return claim_result(claim, rows, label, probs, max(probs.values()))


def test_veracity_score_maps_labels_and_counts_missing_articles_as_observing() -> None:
    c1 = EmergentClaim("c1", "x", "false", [("1", "against", ""), ("2", "for", ""), ("3", "", "")])
    c2 = EmergentClaim("c2", "y", "true", [("4", "for", ""), ("5", "observing", "")])
    results = [
        _result(c1, "denied", {"true": 0.1, "false": 0.8, "unknown": 0.1}, {"1": "disagree", "2": "agree"}),
        _result(c2, "disputed", {"true": 0.3, "false": 0.1, "unknown": 0.6}, {"4": "agree"}),
    ]
    out = score(results, seconds=2.5)
    assert set(out) >= KEYS
    assert out["claims"] == 2 and out["articles"] == 5 and out["articles_per_second"] == 2.0
    assert out["verdict_accuracy"] == 0.5
    assert out["verdict_confusion"]["true"]["unknown"] == 1  # disputed reads as unknown
    assert out["stance_accuracy"] == 1.0  # body 5 has no stance: observing, as gold says
    assert out["stance_confusion"]["observing"]["observing"] == 1
    assert out["ece"] == pytest.approx(0.5 * 0.2 + 0.5 * 0.6)


def test_veracity_duplicate_bodies_share_the_stored_copy_stance() -> None:
    claim = EmergentClaim("c", "x", "true", [("1", "for", "Same text."), ("2", "for", "Same  text.")])
    result = _result(claim, "corroborated", {"true": 1.0, "false": 0.0, "unknown": 0.0}, {"1": "agree"})
    assert result.article_stances == {"1": "agree", "2": "agree"}


def test_veracity_refold_retrains_per_fold_on_other_claims() -> None:
    rng = np.random.default_rng(1)
    results = []
    for i in range(30):
        truth = ("true", "false", "unknown")[i % 3]
        side = {"true": "agree", "false": "disagree", "unknown": "discuss"}[truth]
        stances = {str(10 * i + k): side for k in range(int(rng.integers(2, 6)))}
        claim = EmergentClaim(f"c{i}", "x", truth, [(b, "", "") for b in stances])
        results.append(_result(claim, "unverified", {"unknown": 1.0}, stances))
    refolded = refold(results, folds=5)
    assert [r.claim.claim_id for r in refolded] == [r.claim.claim_id for r in results]
    assert score(refolded, 1.0)["verdict_accuracy"] >= 0.9


@pytest.mark.slow
def test_veracity_cli_end_to_end_on_own_articles(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "e.csv", ROWS)
    saved = tmp_path / "stances.json"
    result = CliRunner().invoke(
        app, ["eval", "veracity", "--csv", str(path), "--json", "--save-stances", str(saved)]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) >= KEYS and out["claims"] == 2 and out["articles"] == 5
    assert out["verdict_model"] == "shipped"
    stances = json.loads(saved.read_text())
    holders = {s["holder"] for s in stances["c1"]}
    assert {"body-1", "body-2"} <= holders  # both on-topic bodies take a position; body 3 is off topic


def test_veracity_cli_bad_csv_is_one_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bad.csv", ROWS, COLUMNS[:-1])
    result = CliRunner().invoke(app, ["eval", "veracity", "--csv", str(path)])
    assert result.exit_code != 0
    assert "[E072]" in result.output and "Traceback" not in result.output


@pytest.mark.slow
def test_veracity_emergent_cross_validated_targets() -> None:
    """The issue's targets on the development file, 5-fold CV by claim, the stance model alone on
    (claim, body) as `training/train_verdict.py` trains on (see docs/benchmarks.md)."""
    from claimgraph.claims.stance import StanceModel
    from claimgraph.eval.veracity import model_stances

    claims = read_claims(shared_csv())
    stances = model_stances(claims, StanceModel.load())
    results = [claim_result(c, stances[c.claim_id], "unverified", {}, 0.0) for c in claims]
    out = score(refold(results, 5), 1.0)
    assert out["claims"] == 190
    assert out["verdict_accuracy"] >= 0.68
    assert out["verdict_macro_f1"] >= 0.60
    assert out["ece"] <= 0.10
