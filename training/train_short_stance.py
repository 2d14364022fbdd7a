"""Train the short-statement stance layer (`claimgraph.claims.short_stance`) on Emergent headlines.

Data: ../shared/data/emergent/url-versions-2015-06-14-clean-train.csv (article headline → claim,
for/against/observing = agree/disagree/discuss). The shipped FNC-1 stance model scores every pair
once; a multinomial logistic regression (scikit-learn, class-balanced) learns the label from its
probabilities and the statement's surface signals. Reported: 5-fold cross-validation grouped by
claim (no claim on both sides) against the stance model alone; then the model is refitted on all
rows and written to src/claimgraph/models/short_stance/model.json with those figures.

Run: `python training/train_short_stance.py` (about 1-2 minutes on 2 cores).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold

from claimgraph.claims.short_stance import FEATURES, LABELS, MODEL_PATH, features
from claimgraph.claims.stance import StanceModel

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "emergent" / "url-versions-2015-06-14-clean-train.csv"
GOLD = {"for": "agree", "against": "disagree", "observing": "discuss"}
FOLDS = 5


def main() -> None:
    with DATA.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    model = StanceModel.load()
    preds = model.predict([(r["claimHeadline"], r["articleHeadline"]) for r in rows])
    pairs = zip(rows, preds, strict=True)
    x = np.array([features(r["claimHeadline"], r["articleHeadline"], p.probs) for r, p in pairs])
    y = np.array([GOLD[r["articleHeadlineStance"]] for r in rows])
    groups = [r["claimId"] for r in rows]
    alone = np.array([max(LABELS, key=lambda k, p=p: p.probs[k]) for p in preds])
    cv = np.empty(len(y), dtype=object)
    for train, test in GroupKFold(FOLDS).split(x, y, groups):
        fitted = LogisticRegression(max_iter=5000, class_weight="balanced").fit(x[train], y[train])
        cv[test] = fitted.predict(x[test])
    figures = {
        "rows": len(rows),
        "claims": len(set(groups)),
        "model_alone_accuracy": round(accuracy_score(y, alone), 4),
        "model_alone_macro_f1": round(f1_score(y, alone, average="macro"), 4),
        "cv_accuracy": round(accuracy_score(y, cv), 4),
        "cv_macro_f1": round(f1_score(y, cv, average="macro"), 4),
        "cv_per_class_f1": dict(
            zip(LABELS, f1_score(y, cv, average=None, labels=list(LABELS)).round(4).tolist(), strict=True)
        ),
    }
    final = LogisticRegression(max_iter=5000, class_weight="balanced").fit(x, y)
    MODEL_PATH.write_text(
        json.dumps(
            {
                "note": "training/train_short_stance.py on Emergent headlines (train split); figures: "
                f"{FOLDS}-fold CV grouped by claim",
                "features": list(FEATURES),
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
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
