"""FNC-1 stance evaluation: the organisers' weighted score, macro-F1 and a confusion matrix.

The weighted score (see ../shared/data/fnc1/README.md): +0.25 when gold and prediction agree on
related vs unrelated, a further +0.75 when a related gold label is predicted exactly. We report it
relative to a perfect submission, plus macro-F1 over the four classes (Hanselowski et al. 2018),
because the weighted score rewards majority-class strategies.
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimgraph.claims.stance import StanceModel

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = frozenset(LABELS[:3])
BODY_COLUMNS = ("Body ID", "articleBody")
STANCE_COLUMNS = ("Headline", "Body ID", "Stance")
RELATED_CREDIT = 0.25
EXACT_CREDIT = 0.75


class Fnc1FormatError(ValueError):
    """An FNC-1 CSV file is malformed; the message names the file and the row."""


@dataclass(frozen=True, slots=True)
class Fnc1Pair:
    """One labelled (headline, body) row of a stances file."""

    headline: str
    body_id: str
    stance: str


def _rows(path: Path, required: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    csv.field_size_limit(sys.maxsize)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise Fnc1FormatError(f"{path}: row 1 (header): missing column(s) {', '.join(missing)}")
            # Row numbers count the header as row 1, like a spreadsheet.
            return [(i, row) for i, row in enumerate(reader, start=2)]
    except OSError as exc:
        raise Fnc1FormatError(f"{path}: cannot read file ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise Fnc1FormatError(f"{path}: not UTF-8 text") from exc


def read_bodies(path: str | Path) -> dict[str, str]:
    """Body ID → article text."""
    path = Path(path)
    bodies: dict[str, str] = {}
    for i, row in _rows(path, BODY_COLUMNS):
        body_id = (row["Body ID"] or "").strip()
        if not body_id or row["articleBody"] is None:
            raise Fnc1FormatError(f"{path}: row {i}: empty Body ID or missing articleBody")
        bodies[body_id] = row["articleBody"]
    return bodies


def read_stances(path: str | Path, bodies: dict[str, str] | None = None) -> list[Fnc1Pair]:
    """Labelled pairs; every label must be an FNC-1 label and every Body ID known (when given)."""
    path = Path(path)
    pairs: list[Fnc1Pair] = []
    for i, row in _rows(path, STANCE_COLUMNS):
        if row["Headline"] is None or row["Stance"] is None:
            raise Fnc1FormatError(f"{path}: row {i}: too few fields")
        stance = row["Stance"].strip().lower()
        body_id = (row["Body ID"] or "").strip()
        if stance not in LABELS:
            raise Fnc1FormatError(f"{path}: row {i}: unknown stance label {row['Stance']!r}")
        if bodies is not None and body_id not in bodies:
            raise Fnc1FormatError(f"{path}: row {i}: Body ID {body_id!r} is not in the bodies file")
        pairs.append(Fnc1Pair(row["Headline"], body_id, stance))
    return pairs


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def score(gold: Sequence[str], predicted: Sequence[str]) -> dict:
    """Relative FNC-1 score, macro-F1, per-class F1 and the confusion matrix (rows = gold)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    index = {label: k for k, label in enumerate(LABELS)}
    matrix = [[0] * len(LABELS) for _ in LABELS]
    total = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        matrix[index[g]][index[p]] += 1
        best += RELATED_CREDIT + (EXACT_CREDIT if g in RELATED else 0.0)
        if (g in RELATED) == (p in RELATED):
            total += RELATED_CREDIT
            if g in RELATED and g == p:
                total += EXACT_CREDIT
    per_class = {}
    for k, label in enumerate(LABELS):
        tp = matrix[k][k]
        fp = sum(matrix[r][k] for r in range(len(LABELS))) - tp
        fn = sum(matrix[k]) - tp
        per_class[label] = _f1(tp, fp, fn)
    return {
        "relative_score": total / best if best else 0.0,
        "macro_f1": sum(per_class.values()) / len(LABELS),
        "per_class_f1": per_class,
        "confusion_matrix": matrix,
    }


def evaluate_fnc1(bodies_csv: str | Path, stances_csv: str | Path, model: StanceModel | None = None) -> dict:
    """Score the stance model on an FNC-1 file pair; keys are exactly the CLI's JSON keys."""
    from claimgraph.claims.stance import StanceModel

    bodies = read_bodies(bodies_csv)
    pairs = read_stances(stances_csv, bodies)
    model = model or StanceModel.load()
    start = time.perf_counter()
    predictions = model.predict([(p.headline, bodies[p.body_id]) for p in pairs])
    elapsed = time.perf_counter() - start
    result = score([p.stance for p in pairs], [pred.label for pred in predictions])
    result["pairs_per_second"] = len(pairs) / elapsed if elapsed > 0 else 0.0
    return result
