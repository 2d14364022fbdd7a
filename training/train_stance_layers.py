"""Train the learned stance layers (`claimgraph.claims.stance_layers`) on Emergent.

- `statement`: ../shared/data/emergent/url-versions-2015-06-14-clean-train.csv (article headline
  → claim: for / against / observing = agree / disagree / discuss).
- `body`: ../shared/data/emergent_veracity/train.csv (article body → claim, `articleStance`,
  empty rows skipped).

The shipped FNC-1 stance model scores every pair once; a multinomial logistic
regression (scikit-learn) learns the label from its probabilities and the text's surface counts.
Reported against the model alone: for `statement`, 5-fold cross-validation grouped by claim; for
`body`, held-out scores. The stance model was trained on FNC-1 bodies, which include most Emergent
bodies, so the body layer is fitted on those plus FNC-1 train-split pairs and scored on the bodies
the stance model never saw (training/fnc1_split.json "holdout"), both Emergent's and FNC-1's
related pairs. Each layer is written to
src/claimgraph/models/stance_layers/KIND.json with its figures.

Run: `python training/train_stance_layers.py [statement] [body]` (a few minutes on 2 cores).
"""

from __future__ import annotations

import csv
import json
import random
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold

from claimgraph.claims.stance import StanceModel
from claimgraph.claims.stance_layers import FEATURES, LABELS, MODEL_DIR
from claimgraph.eval.fnc1 import read_bodies, read_stances

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
GOLD = {"for": "agree", "against": "disagree", "observing": "discuss"}
FOLDS = 5
FNC_TRAIN_PAIRS = 1000  # related FNC-1 pairs of the train split (not dev) the body layer also learns from
FNC_HOLDOUT_PAIRS = 700  # related FNC-1 hold-out pairs it is scored on


def _rows(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def examples(kind: str) -> tuple[list[tuple[str, str]], list[str], list[str], list[bool]]:
    """(claim, text) pairs, gold labels, claim ids, and whether the stance model never saw the text."""
    if kind == "statement":
        rows = _rows(DATA / "emergent" / "url-versions-2015-06-14-clean-train.csv")
        pairs = [(r["claimHeadline"], r["articleHeadline"]) for r in rows]
        return (
            pairs,
            [GOLD[r["articleHeadlineStance"]] for r in rows],
            [r["claimId"] for r in rows],
            [True] * len(rows),
        )
    held = set(json.loads((ROOT / "training" / "fnc1_split.json").read_text())["holdout"])
    rows = [r for r in _rows(DATA / "emergent_veracity" / "train.csv") if r["articleStance"]]
    pairs = [(r["claimHeadline"], r["articleBody"]) for r in rows]
    unseen = [r["bodyId"] in held for r in rows]
    return pairs, [GOLD[r["articleStance"]] for r in rows], [r["claimId"] for r in rows], unseen


def _scores(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    return {
        "accuracy": round(float(accuracy_score(y, pred)), 4),
        "macro_f1": round(float(f1_score(y, pred, average="macro")), 4),
    }


def _fit(x: np.ndarray, y: np.ndarray, balanced: bool) -> LogisticRegression:
    return LogisticRegression(max_iter=5000, class_weight="balanced" if balanced else None).fit(x, y)


def _write(kind: str, fitted: LogisticRegression, figures: dict) -> None:
    names, _ = FEATURES[kind]
    note = f"training/train_stance_layers.py {kind}; figures: see docs/check.md"
    record = {
        "note": note,
        "features": list(names),
        "classes": list(fitted.classes_),
        "coef": fitted.coef_.round(6).tolist(),
        "intercept": fitted.intercept_.round(6).tolist(),
        "figures": figures,
    }
    (MODEL_DIR / f"{kind}.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def _featurize(kind: str, model: StanceModel, pairs: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and the model-alone label (argmax of the related labels) of each pair."""
    _, featurize = FEATURES[kind]
    preds = model.predict(pairs)
    x = np.array([featurize(c, t, p.probs) for (c, t), p in zip(pairs, preds, strict=True)])
    return x, np.array([max(LABELS, key=lambda k, p=p: p.probs[k]) for p in preds])


def train_statement(model: StanceModel) -> dict:
    """Class-balanced; 5-fold CV grouped by claim, then refitted on every headline."""
    pairs, gold, groups, _ = examples("statement")
    x, alone = _featurize("statement", model, pairs)
    y = np.array(gold)
    cv = np.empty(len(y), dtype=object)
    for tr, te in GroupKFold(FOLDS).split(x, y, groups):
        cv[te] = _fit(x[tr], y[tr], balanced=True).predict(x[te])
    figures = {
        "rows": len(y),
        "claims": len(set(groups)),
        "model_alone": _scores(y, alone),
        "cv": _scores(y, cv),
    }
    _write("statement", _fit(x, y, balanced=True), figures)
    return figures


def fnc_related(split: str, limit: int, seed: int) -> tuple[list[tuple[str, str]], list[str]]:
    """A seeded sample of related FNC-1 (headline, body) pairs from one part of fnc1_split.json."""
    parts = json.loads((ROOT / "training" / "fnc1_split.json").read_text())
    ids = set(parts[split]) - (set(parts["dev"]) if split == "train" else set())
    bodies = read_bodies(DATA / "fnc1" / "train_bodies.csv")
    pairs = [
        p
        for p in read_stances(DATA / "fnc1" / "train_stances.csv")
        if p.stance != "unrelated" and p.body_id in ids
    ]
    random.Random(seed).shuffle(pairs)
    return [(p.headline, bodies[p.body_id]) for p in pairs[:limit]], [p.stance for p in pairs[:limit]]


def train_body(model: StanceModel) -> dict:
    """Fitted on Emergent bodies the stance model trained on plus FNC-1 train-split related pairs
    (claims and article headlines: one domain alone hurt the other), natural class priors; scored
    on Emergent bodies and FNC-1 hold-out pairs that no model here has seen."""
    pairs, gold, _, unseen = examples("body")
    x, alone = _featurize("body", model, pairs)
    y, mask = np.array(gold), np.array(unseen)
    fnc_pairs, fnc_gold = fnc_related("train", FNC_TRAIN_PAIRS, seed=4)
    xf, _ = _featurize("body", model, fnc_pairs)
    held_pairs, held_gold = fnc_related("holdout", FNC_HOLDOUT_PAIRS, seed=3)
    xh, alone_h = _featurize("body", model, held_pairs)
    fitted = _fit(np.vstack([x[~mask], xf]), np.concatenate([y[~mask], np.array(fnc_gold)]), balanced=False)
    yh = np.array(held_gold)
    figures = {
        "emergent_unseen_bodies": {
            "rows": int(mask.sum()),
            "model_alone": _scores(y[mask], alone[mask]),
            "layer": _scores(y[mask], fitted.predict(x[mask])),
        },
        "fnc1_holdout_related_pairs": {
            "rows": len(yh),
            "model_alone": _scores(yh, alone_h),
            "layer": _scores(yh, fitted.predict(xh)),
        },
        "trained_on": {"emergent_bodies": int((~mask).sum()), "fnc1_train_pairs": len(fnc_gold)},
    }
    _write("body", fitted, figures)
    return figures


def main() -> None:
    kinds = sys.argv[1:] or ["statement", "body"]
    model = StanceModel.load()
    trainers = {"statement": train_statement, "body": train_body}
    for kind in kinds:
        print(kind, json.dumps(trainers[kind](model), indent=1))


if __name__ == "__main__":
    main()
