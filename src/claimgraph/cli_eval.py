"""`claimgraph eval ...`: score claimgraph against the shared evaluation sets, one sub-command each."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from claimgraph.cli_edge import JsonOption, edge
from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.render.console import print_result

NER_DATASETS = ("wikigold", "re3d")

eval_app = typer.Typer(help="Score claimgraph against the shared evaluation sets.", no_args_is_help=True)


def _require(*paths: Path) -> None:
    for path in paths:
        if not path.exists():
            raise ClaimgraphError(Errors.E006, path=path)


@eval_app.command("extraction")
@edge
def eval_extraction(
    html_dir: Annotated[Path, typer.Option(help="Folder of the benchmark's HTML pages.")],
    truth: Annotated[Path, typer.Option(help="The benchmark's ground-truth JSON file.")],
    split: Annotated[
        Path | None, typer.Option(help="Split file (benchmarks/extraction_split.json): score one part.")
    ] = None,
    part: Annotated[str, typer.Option(help="Part of --split to score: tune or held-out.")] = "held-out",
    as_json: JsonOption = False,
) -> None:
    """Score main-text extraction (own voice of HTML pages) against trafilatura on the same pages."""
    from claimgraph.eval.extraction import evaluate_extraction, read_split

    _require(html_dir, truth)
    pages = None
    if split is not None:
        _require(split)
        try:
            pages = read_split(split, part)
        except ValueError as error:
            raise ClaimgraphError(Errors.E050, path=split, problem=error) from None
    result: dict[str, Any] = dict(evaluate_extraction(html_dir, truth, pages=pages))
    if split is not None:
        result = {"split": part, **result}
    print_result(result, as_json)


@eval_app.command("polnear")
@edge
def eval_polnear(
    split_dir: Annotated[Path, typer.Option(help="A PolNeAR split folder holding text/ and attributions/.")],
    as_json: JsonOption = False,
) -> None:
    """Attribution (source, cue, content) span F1 on a PolNeAR split, overlap and exact."""
    from claimgraph.eval.polnear import evaluate_polnear

    _require(split_dir)
    for part in ("text", "attributions"):
        if not (split_dir / part).is_dir():
            raise ClaimgraphError(Errors.E010, path=split_dir, problem=f"not a PolNeAR split (no {part}/)")
    print_result(evaluate_polnear(split_dir), as_json)


@eval_app.command("ner")
@edge
def eval_ner(
    dataset: Annotated[str, typer.Option(help=f"One of: {', '.join(NER_DATASETS)}.")],
    dir: Annotated[Path, typer.Option("--dir", help="The data set's folder.")],
    as_json: JsonOption = False,
) -> None:
    """Entity (person, organisation, location) P/R/F1 of spaCy alone and with the actor registry."""
    from claimgraph.eval.ner import evaluate_ner

    if dataset not in NER_DATASETS:
        raise ClaimgraphError(
            Errors.E013, what="NER data set", value=dataset, choices=", ".join(NER_DATASETS)
        )
    _require(dir)
    print_result(evaluate_ner(dir, dataset), as_json)


@eval_app.command("events")
@edge
def eval_events(
    dir: Annotated[Path, typer.Option("--dir", help="The PETRARCH/CAMEO unit-test folder.")],
    as_json: JsonOption = False,
) -> None:
    """Event recall and precision (source, target, CAMEO root) on PETRARCH's unit-test records."""
    from claimgraph.eval.events import evaluate_petrarch

    _require(dir)
    print_result(evaluate_petrarch(dir), as_json)


@eval_app.command("fnc1")
@edge
def eval_fnc1(
    bodies: Annotated[Path, typer.Option(help="FNC-1 bodies CSV (Body ID, articleBody).")],
    stances: Annotated[Path, typer.Option(help="FNC-1 stances CSV (Headline, Body ID, Stance).")],
    as_json: JsonOption = False,
) -> None:
    """Stance classification on FNC-1: relative score, macro-F1, per-class F1, confusion matrix."""
    from claimgraph.eval.fnc1 import Fnc1FormatError, evaluate_fnc1

    _require(bodies, stances)
    try:
        result = evaluate_fnc1(bodies, stances)
    except Fnc1FormatError as exc:
        raise ClaimgraphError(Errors.E010, path=stances, problem=f"bad FNC-1 input: {exc}") from None
    print_result(result, as_json)


@eval_app.command("gold")
@edge
def eval_gold(
    corpus: Annotated[
        Path | None, typer.Option(help="Corpus folder with gold.json (default: the bundled example corpus).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Statements, events and actors against the example corpus's hand-written gold."""
    if importlib.util.find_spec("claimgraph.eval.gold") is None:
        raise ClaimgraphError(
            Errors.E014, what="eval gold", problem="claimgraph.eval.gold is not in this installation"
        )
    from claimgraph.eval.gold import evaluate_gold

    if corpus is not None:
        _require(corpus / "gold.json")
    print_result(evaluate_gold(corpus), as_json)


@eval_app.command("veracity")
@edge
def eval_veracity(
    csv_file: Annotated[
        Path, typer.Option("--csv", help="Emergent-format CSV (claimId, claimHeadline, ...).")
    ],
    folds: Annotated[
        int, typer.Option(help="Retrain the verdict model per fold (GroupKFold by claim); 0: shipped model.")
    ] = 0,
    limit: Annotated[int | None, typer.Option(help="Only the first N claims of the file.")] = None,
    nlp: Annotated[
        bool, typer.Option(help="Run the NLP stage too (quoted speakers' stances; ~20x slower).")
    ] = False,
    save_stances: Annotated[
        Path | None, typer.Option(help="Write the gathered stances (JSON) for training/train_verdict.py.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Check each claim of an Emergent CSV on its own articles: verdict and article-stance scores."""
    from claimgraph.eval.veracity import evaluate_veracity, stances_json

    _require(csv_file)
    if save_stances is not None and not save_stances.parent.is_dir():  # before hours of evaluation
        raise ClaimgraphError(Errors.E008, path=save_stances, problem="no such folder")

    def progress(done: int, total: int) -> None:
        if not as_json:
            sys.stderr.write(f"\r{done}/{total} claims")
            sys.stderr.flush()

    kept: list[Any] = []
    result = evaluate_veracity(csv_file, folds=folds, limit=limit, nlp=nlp, progress=progress, keep=kept)
    if not as_json:
        sys.stderr.write("\n")
        result.pop("reliability", None)
    if save_stances is not None:
        try:
            save_stances.write_text(json.dumps(stances_json(kept)), encoding="utf-8")
        except OSError as exc:
            raise ClaimgraphError(Errors.E008, path=save_stances, problem=str(exc)) from None
    print_result(result, as_json)
