"""The statement stance layer's cross-validated figure with each stemmer, paired, with its noise.

    python benchmarks/stemmer_statement_cv.py --before DIR [--boot 2000]

`DIR` holds the stance model files from before the Snowball switch (models/stance at commit
a7e9f68: the same cross-encoder, stage 1 and idf fitted with the hand-written stemmer, which
`benchmarks/handwritten.py` keeps). Both variants featurize the 2,071 Emergent headlines as
`training/train_stance_layers.py statement` does and are scored by the same 5-fold CV grouped by
claim; the noise is a paired bootstrap over claims (resampling the 240 claims with their
headlines) of the macro-F1 difference, Snowball minus hand-written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import handwritten
import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))


def cv_predictions(model_dir: Path | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gold labels, out-of-fold layer predictions and claim ids for the statement layer."""
    import train_stance_layers as tsl

    from claimgraph.claims.stance import StanceModel

    pairs, gold, groups, _ = tsl.examples("statement")
    x, _ = tsl._featurize("statement", StanceModel.load(model_dir), pairs)
    y = np.array(gold)
    pred = np.empty(len(y), dtype=object)
    for tr, te in GroupKFold(tsl.FOLDS).split(x, y, groups):
        pred[te] = tsl._fit(x[tr], y[tr], balanced=True).predict(x[te])
    return y, pred, np.array(groups)


def main() -> None:
    from claimgraph.claims import features as feats

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="stance model files before the switch")
    parser.add_argument("--boot", type=int, default=2000)
    args = parser.parse_args()
    y, new, groups = cv_predictions(None)
    shipped_stem = feats.stem
    feats.stem = handwritten.stem
    _, old, _ = cv_predictions(args.before)
    feats.stem = shipped_stem
    claims = np.unique(groups)
    rows = {c: np.flatnonzero(groups == c) for c in claims}
    rng = np.random.default_rng(0)
    diffs = []
    for _ in range(args.boot):
        idx = np.concatenate([rows[c] for c in rng.choice(claims, len(claims))])
        f1_new, f1_old = (f1_score(y[idx], p[idx], average="macro") for p in (new, old))
        diffs.append(f1_new - f1_old)
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    for name, pred in (("hand-written", old), ("Snowball", new)):
        acc = float((pred == y).mean())
        print(f"  {name:12s} CV accuracy {acc:.4f}   macro-F1 {f1_score(y, pred, average='macro'):.4f}")
    print(f"  macro-F1 difference, Snowball - hand-written, 95% paired bootstrap: [{lo:+.4f}, {hi:+.4f}]")
    print(f"  headlines whose prediction differs: {int((old != new).sum())} of {len(y)}")


if __name__ == "__main__":
    main()
