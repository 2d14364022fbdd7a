"""Train the verdict model (src/claimgraph/models/verdict/verdict.json) on Emergent rumours.

    python training/train_verdict.py [--csv ../shared/data/emergent_veracity/train.csv]
        [--stances FILE] [--cache /tmp/claimgraph-verdict-stances.json] [--c 0.1]
        [--out src/claimgraph/models/verdict/verdict.json] [--plot docs/verdict-reliability.png]

Stances per claim come from `--stances` (claim id -> check-style stance dicts, as written by
`claimgraph eval veracity --save-stances FILE`, i.e. what `claimgraph.check` sees at inference),
or else from the shipped stance model alone on (claim, whole article body), cached at `--cache`
(outside the repo: the texts are third-party). Prints 5-fold cross-validation by claim (GroupKFold):
accuracy, macro-F1, confusion, ECE, reliability bins; draws the reliability diagram (matplotlib,
`pip install -e .[train]`); then fits on every claim and writes the weights.

Leakage: the stance model was fine-tuned on FNC-1 train bodies, which are these bodies except the
337 of training/fnc1_split.json "holdout"; stance figures are printed for both parts.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimgraph.eval.veracity import (  # noqa: E402
    DEFAULT_C,
    ClaimResult,
    claim_result,
    classification,
    expected_calibration_error,
    model_stances,
    read_claims,
    refold,
    score,
)
from claimgraph.verdicts.features import claim_features  # noqa: E402
from claimgraph.verdicts.model import CLASSES, MODEL_PATH, fit  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "emergent_veracity" / "train.csv"
SPLIT = ROOT / "training" / "fnc1_split.json"
FOLDS = 5


def load_stances(args: argparse.Namespace, claims: list) -> tuple[dict[str, list[dict]], str]:
    if args.stances:
        return json.loads(
            Path(args.stances).read_text(encoding="utf-8")
        ), f"check() stances from {args.stances}"
    cache = Path(args.cache)
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8")), "stance model alone on (claim, body), cached"
    from claimgraph.claims.stance import StanceModel

    stances = model_stances(claims, StanceModel.load())
    cache.write_text(json.dumps(stances), encoding="utf-8")
    return stances, "stance model alone on (claim, body)"


def stance_by_part(results: list[ClaimResult]) -> dict[str, dict]:
    """Article stance scored separately on bodies the stance model was and was not trained on."""
    holdout = set(json.loads(SPLIT.read_text(encoding="utf-8"))["holdout"])
    out = {}
    for part, keep in (("held-out bodies", True), ("trained-on bodies", False)):
        gold, pred = [], []
        for r in results:
            for body_id, stance, _ in r.claim.articles:
                if stance and (body_id in holdout) == keep:
                    gold.append(stance)
                    pred.append(
                        {"agree": "for", "disagree": "against"}.get(
                            r.article_stances.get(body_id, ""), "observing"
                        )
                    )
        out[part] = {"articles": len(gold), **classification(gold, pred, ("for", "against", "observing"))}
    return out


def plot(bins: list[dict], ece: float, path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4.5, 4.5), dpi=120)
    ax.plot([0, 1], [0, 1], ls="--", c="grey", lw=1, label="perfect calibration")
    centers = [(b["low"] + b["high"]) / 2 for b in bins]
    ax.bar(centers, [b["accuracy"] for b in bins], width=0.09, alpha=0.7, label="accuracy in bin")
    ax.plot(
        [b["confidence"] for b in bins],
        [b["accuracy"] for b in bins],
        "o-",
        c="C3",
        label="accuracy at the bin's mean confidence",
    )
    for c, b in zip(centers, bins, strict=True):
        ax.text(c, b["accuracy"] + 0.02, str(b["count"]), ha="center", fontsize=7)
    ax.set(
        xlim=(0, 1),
        ylim=(0, 1.08),
        xlabel="confidence (probability of the predicted class)",
        ylabel="accuracy",
    )
    ax.set_title(f"{title}\nECE {ece:.3f} (numbers: claims per bin)", fontsize=9)
    ax.legend(loc="upper left", fontsize=7)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DATA))
    parser.add_argument("--stances", help="claim id -> stance dicts (eval veracity --save-stances)")
    parser.add_argument("--cache", default="/tmp/claimgraph-verdict-stances.json")
    parser.add_argument("--c", type=float, default=DEFAULT_C, help="inverse L2 strength")
    parser.add_argument("--out", default=str(MODEL_PATH))
    parser.add_argument("--plot", default=str(ROOT / "docs" / "verdict-reliability.png"))
    parser.add_argument("--no-write", action="store_true", help="cross-validate only")
    args = parser.parse_args()
    claims = read_claims(args.csv)
    stances, source = load_stances(args, claims)
    results = [claim_result(c, stances.get(c.claim_id, []), "unverified", {}, 0.0) for c in claims]
    cv = score(refold(results, FOLDS, args.c), 0.0)
    cv.pop("articles_per_second")
    report = {"stances": source, "c": args.c, "folds": FOLDS, **cv, "stance_by_part": stance_by_part(results)}
    print(json.dumps(report, indent=1))
    if args.plot:
        plot(
            cv["reliability"],
            cv["ece"],
            Path(args.plot),
            f"Verdict model, {FOLDS}-fold CV by claim ({len(claims)} claims)",
        )
    if args.no_write:
        return
    x = np.array([claim_features(stances.get(c.claim_id, [])) for c in claims])
    model = fit(x, [c.truth for c in claims], [c.claim_id for c in claims], c=args.c)
    n_articles = sum(len(c.articles) for c in claims)
    meta = {
        "C": args.c,
        "trained_on": f"{Path(args.csv).name}: {len(claims)} claims, {n_articles} articles",
        "stances": source,
        "cv": {k: cv[k] for k in ("verdict_accuracy", "verdict_macro_f1", "ece")},
    }
    model = type(model)(model.mean, model.scale, model.coef, model.intercept, model.temperature, meta)
    model.save(Path(args.out))
    train_p = model.probabilities(x)
    train_acc = float(
        np.mean([CLASSES[k] == c.truth for k, c in zip(train_p.argmax(1), claims, strict=True)])
    )
    ece = expected_calibration_error(
        train_p.max(1), [CLASSES[k] == c.truth for k, c in zip(train_p.argmax(1), claims, strict=True)]
    )
    print(
        f"wrote {args.out}: temperature {model.temperature:.3f}, "
        f"training accuracy {train_acc:.3f}, training ECE {ece:.3f}"
    )


if __name__ == "__main__":
    main()
