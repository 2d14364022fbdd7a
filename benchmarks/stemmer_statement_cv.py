"""The statement stance layer's cross-validated figure with each stemmer, paired, with its noise.

    python benchmarks/stemmer_statement_cv.py --snowball DIR [--boot 2000]

`DIR` holds stance model files whose stage 1 was fitted with the Snowball stemmer: the shipped
files with `stage1.json` and `idf.json` from commit e1ae47a, where `training/train_stance.py
stage1` retrained them with Snowball:

    mkdir DIR && cp src/claimgraph/models/stance/* DIR
    for f in stage1.json idf.json; do git show e1ae47a:src/claimgraph/models/stance/$f > DIR/$f; done

Both variants featurize the 2,071 Emergent headlines as `training/train_stance_layers.py
statement` does (the shipped model with the hand-written stemmer; `DIR` with Snowball patched in)
and are scored by the same 5-fold CV grouped by claim; the noise is a paired bootstrap over claims
(resampling the 240 claims with their headlines) of the macro-F1 difference, Snowball minus
hand-written.
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

import numpy as np
import snowballstemmer
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
    parser.add_argument("--snowball", type=Path, required=True, help="stance model files, Snowball stage 1")
    parser.add_argument("--boot", type=int, default=2000)
    args = parser.parse_args()
    y, old, groups = cv_predictions(None)
    shipped_stem = feats.stem
    feats.stem = functools.lru_cache(maxsize=1 << 16)(snowballstemmer.stemmer("english").stemWord)
    _, new, _ = cv_predictions(args.snowball)
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
