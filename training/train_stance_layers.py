"""Train the learned stance layers (`claimgraph.claims.stance_layers`) on Emergent.

- `statement`: ../shared/data/emergent/url-versions-2015-06-14-clean-train.csv (article headline
  → claim: for / against / observing = agree / disagree / discuss).
- `body`: ../shared/data/emergent_veracity/train.csv (article body → claim, `articleStance`,
  empty rows skipped).

The shipped FNC-1 stance model scores every pair once; a class-balanced multinomial logistic
regression (scikit-learn) learns the label from its probabilities and the text's surface counts.
Reported: 5-fold cross-validation grouped by claim against the model alone. Caveat for `body`: the
stance model was trained on FNC-1 bodies, which include most of these; its probabilities are too
sure on them. The body layer is therefore fitted on the other bodies only and scored on the bodies
the stance model never saw (training/fnc1_split.json "holdout"). Each layer is written to
src/claimgraph/models/stance_layers/KIND.json with its figures.

Run: `python training/train_stance_layers.py [statement] [body]` (a few minutes on 2 cores).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold

from claimgraph.claims.stance import StanceModel
from claimgraph.claims.stance_layers import FEATURES, LABELS, MODEL_DIR

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
GOLD = {"for": "agree", "against": "disagree", "observing": "discuss"}
FOLDS = 5


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


def train(kind: str, model: StanceModel) -> dict:
    names, featurize = FEATURES[kind]
    pairs, gold, groups, unseen = examples(kind)
    preds = model.predict(pairs)
    x = np.array([featurize(c, t, p.probs) for (c, t), p in zip(pairs, preds, strict=True)])
    y = np.array(gold)
    mask = np.array(unseen)
    alone = np.array([max(LABELS, key=lambda k, p=p: p.probs[k]) for p in preds])
    cv = np.empty(len(y), dtype=object)
    for tr, te in GroupKFold(FOLDS).split(x, y, groups):
        cv[te] = LogisticRegression(max_iter=5000, class_weight="balanced").fit(x[tr], y[tr]).predict(x[te])
    figures = {
        "rows": len(y),
        "claims": len(set(groups)),
        "model_alone": _scores(y, alone),
        "cv": _scores(y, cv),
        "cv_per_class_f1": dict(
            zip(LABELS, f1_score(y, cv, average=None, labels=list(LABELS)).round(4).tolist(), strict=True)
        ),
    }
    # Fit on what the stance model was trained on too; bodies it never saw stay a clean test set
    # (so benchmarks/check_vs_model.py on the FNC-1 hold-out is not contaminated either).
    fit = ~mask if not mask.all() else np.ones(len(y), dtype=bool)
    final = LogisticRegression(max_iter=5000, class_weight="balanced").fit(x[fit], y[fit])
    if not mask.all():
        figures["unseen_by_stance_model"] = {
            "rows": int(mask.sum()),
            "model_alone": _scores(y[mask], alone[mask]),
            "layer_fitted_on_the_others": _scores(y[mask], final.predict(x[mask])),
        }
    (MODEL_DIR / f"{kind}.json").write_text(
        json.dumps(
            {
                "note": f"training/train_stance_layers.py {kind}; figures: {FOLDS}-fold CV grouped by claim",
                "features": list(names),
                "classes": list(final.classes_),
                "coef": final.coef_.round(6).tolist(),
                "intercept": final.intercept_.round(6).tolist(),
                "figures": figures,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    return figures


def main() -> None:
    kinds = sys.argv[1:] or ["statement", "body"]
    model = StanceModel.load()
    for kind in kinds:
        print(kind, json.dumps(train(kind, model), indent=1))


if __name__ == "__main__":
    main()
