"""`claimgraph eval ...`: each sub-command checks its inputs (numbered one-line errors), prints one
JSON object with --json, and leaves the scoring to claimgraph.eval."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import claimgraph.cli_eval
import claimgraph.eval.veracity
from claimgraph.cli import app

REPO_ROOT = Path(__file__).resolve().parents[1]
FNC1 = REPO_ROOT / "tests" / "data" / "fnc1"
runner = CliRunner()


def one_line_error(result: Any, code: str) -> None:
    assert result.exit_code == 2, result.output
    assert code in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["polnear", "--split-dir", "{missing}"], "E006"),
        (["polnear", "--split-dir", "{folder}"], "E010"),  # no text/ and attributions/
        (["ner", "--dataset", "conll", "--dir", "{folder}"], "E013"),
        (["ner", "--dataset", "wikigold", "--dir", "{missing}"], "E006"),
        (["events", "--dir", "{missing}"], "E006"),
        (["fnc1", "--bodies", "{missing}", "--stances", "{missing}"], "E006"),
        (["gold", "--corpus", "{folder}"], "E006"),  # a folder without gold.json
        (["extraction", "--html-dir", "{folder}", "--truth", "{missing}"], "E006"),
        (["extraction", "--html-dir", "{folder}", "--truth", "{truth}", "--split", "{missing}"], "E006"),
        (["veracity", "--csv", "{missing}"], "E006"),
    ],
)
def test_cli_eval_bad_inputs_are_one_line(tmp_path: Path, args: list[str], code: str) -> None:
    truth = tmp_path / "truth.json"
    truth.write_text("{}", encoding="utf-8")
    names = {"missing": str(tmp_path / "missing"), "folder": str(tmp_path), "truth": str(truth)}
    one_line_error(runner.invoke(app, ["eval", *(a.format(**names) for a in args)]), code)


@pytest.fixture
def extraction_pages(tmp_path: Path) -> tuple[Path, Path]:
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    body = "Iran launched airstrikes against militants near the border, officials said on Wednesday. " * 5
    (html_dir / "p1.html").write_text(
        f"<html><head><title>t</title></head><body><nav>Home</nav><article><p>{body}</p></article></body></html>",
        encoding="utf-8",
    )
    truth = tmp_path / "truth.json"
    truth.write_text(json.dumps({"p1": {"articleBody": body}}), encoding="utf-8")
    return html_dir, truth


def test_cli_eval_extraction_json_is_one_object(extraction_pages: tuple[Path, Path]) -> None:
    html_dir, truth = extraction_pages
    result = runner.invoke(
        app, ["eval", "extraction", "--html-dir", str(html_dir), "--truth", str(truth), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"f1", "precision", "recall", "pages", "trafilatura_f1"} <= set(data)
    assert data["pages"] == 1


@pytest.mark.parametrize(("part", "pages"), [("tune", 1), ("held-out", 0)])
def test_cli_eval_extraction_scores_one_part_of_a_split(
    extraction_pages: tuple[Path, Path], tmp_path: Path, part: str, pages: int
) -> None:
    html_dir, truth = extraction_pages
    split = tmp_path / "split.json"
    split.write_text(json.dumps({"tune": ["p1"], "held-out": []}), encoding="utf-8")
    args = ["--html-dir", str(html_dir), "--truth", str(truth), "--split", str(split), "--part", part]
    result = runner.invoke(app, ["eval", "extraction", *args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["split"] == part and data["pages"] == pages


@pytest.mark.parametrize(
    ("content", "part"),
    [("not json", "tune"), ('{"tune": "p1"}', "tune"), ('{"tune": []}', "everything")],
)
def test_cli_eval_extraction_bad_split_is_e050(
    extraction_pages: tuple[Path, Path], tmp_path: Path, content: str, part: str
) -> None:
    html_dir, truth = extraction_pages
    split = tmp_path / "split.json"
    split.write_text(content, encoding="utf-8")
    args = ["--html-dir", str(html_dir), "--truth", str(truth), "--split", str(split), "--part", part]
    result = runner.invoke(app, ["eval", "extraction", *args])
    one_line_error(result, "E050")
    assert str(split) in result.stderr


POLNEAR_KEYS = {
    "source_f1_overlap",
    "cue_f1_overlap",
    "content_f1_overlap",
    "source_f1_exact",
    "content_f1_exact",
    "attributions_gold",
    "attributions_found",
}


def test_cli_eval_polnear_json_keys() -> None:
    split = REPO_ROOT / "tests" / "data" / "polnear"
    result = runner.invoke(app, ["eval", "polnear", "--split-dir", str(split), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == POLNEAR_KEYS and data["attributions_gold"] > 0


@pytest.mark.parametrize(
    ("bodies", "stances"),
    [
        ("bodies.csv", "stances_missing_column.csv"),
        ("bodies.csv", "stances_unknown_label.csv"),
        ("bodies.csv", "stances_unknown_body.csv"),
        ("bodies_missing_column.csv", "stances.csv"),
    ],
)
def test_cli_eval_fnc1_bad_file_is_one_line(bodies: str, stances: str) -> None:
    result = runner.invoke(
        app, ["eval", "fnc1", "--bodies", str(FNC1 / bodies), "--stances", str(FNC1 / stances)]
    )
    one_line_error(result, "E010")


@pytest.mark.skipif(importlib.util.find_spec("claimgraph.eval.gold") is None, reason="no eval.gold yet")
def test_cli_eval_gold_json_is_one_object() -> None:
    result = runner.invoke(app, ["eval", "gold", "--json"])
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), dict)


def test_cli_eval_gold_missing_from_the_installation_is_e014(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        claimgraph.cli_eval.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "claimgraph.eval.gold" else real(name, *a),
    )
    one_line_error(runner.invoke(app, ["eval", "gold"]), "E014")


@pytest.fixture
def fake_veracity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    """evaluate_veracity replaced: reports progress twice, keeps one claim's stances."""
    calls: list[dict[str, Any]] = []

    def evaluate(csv_file: Path, **options: Any) -> dict[str, Any]:
        calls.append(options)
        options["progress"](1, 2)
        options["progress"](2, 2)
        options["keep"].append("kept")
        return {"claims": 2, "accuracy": 0.5, "reliability": {"bins": [1, 2]}}

    monkeypatch.setattr(claimgraph.eval.veracity, "evaluate_veracity", evaluate)
    monkeypatch.setattr(claimgraph.eval.veracity, "stances_json", lambda kept: {"c1": kept})
    csv_file = tmp_path / "claims.csv"
    csv_file.write_text("claimId,claimHeadline\n", encoding="utf-8")
    return csv_file, calls


def test_cli_eval_veracity_passes_options_and_keeps_reliability_for_json(
    fake_veracity: tuple[Path, list[dict[str, Any]]],
) -> None:
    csv_file, calls = fake_veracity
    args = ["eval", "veracity", "--csv", str(csv_file), "--folds", "5", "--limit", "7", "--nlp", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["reliability"] == {"bins": [1, 2]}
    assert "claims" not in result.stderr  # no progress line around JSON
    assert {k: calls[0][k] for k in ("folds", "limit", "nlp")} == {"folds": 5, "limit": 7, "nlp": True}


def test_cli_eval_veracity_table_shows_progress_and_drops_reliability(
    fake_veracity: tuple[Path, list[dict[str, Any]]],
) -> None:
    csv_file, _ = fake_veracity
    result = runner.invoke(app, ["eval", "veracity", "--csv", str(csv_file)])
    assert result.exit_code == 0, result.output
    assert "2/2 claims" in result.stderr
    assert "reliability" not in result.stdout and "accuracy" in result.stdout


def test_cli_eval_veracity_saves_the_stances(
    fake_veracity: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    csv_file, _ = fake_veracity
    saved = tmp_path / "stances.json"
    result = runner.invoke(
        app, ["eval", "veracity", "--csv", str(csv_file), "--save-stances", str(saved), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(saved.read_text(encoding="utf-8")) == {"c1": ["kept"]}


def test_cli_eval_veracity_unwritable_stances_file_is_e008_before_evaluating(
    fake_veracity: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    csv_file, calls = fake_veracity
    target = tmp_path / "no" / "such" / "stances.json"
    result = runner.invoke(app, ["eval", "veracity", "--csv", str(csv_file), "--save-stances", str(target)])
    one_line_error(result, "E008")
    assert str(target) in result.stderr
    assert calls == []  # refused before the (long) evaluation, not after it


def test_cli_eval_veracity_failing_write_is_e008(
    fake_veracity: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    csv_file, _ = fake_veracity
    target = tmp_path / "stances.json"
    target.mkdir()  # a folder where the file should go
    result = runner.invoke(
        app, ["eval", "veracity", "--csv", str(csv_file), "--save-stances", str(target), "--json"]
    )
    one_line_error(result, "E008")
