"""Stage 1 of the stance model: is a body about the headline's story at all?

A logistic regression over the lexical features of `claimgraph.claims.features`, expanded with
squares and square roots so a linear model can bend. scikit-learn fits it (training only);
inference is a numpy dot product over the saved weights, so loading the model imports no sklearn.
FNC-1 builds its `unrelated` pairs from other stories, so lexical overlap separates them well.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimgraph.claims.features import FEATURE_NAMES

# L2 penalty of the regression (scikit-learn's C = 1 / L2); 1.0 is mild for ~37k rows and 36
# columns (not tuned).
L2 = 1.0


def expand(x: np.ndarray) -> np.ndarray:
    """Add squares and square roots of the (non-negative) features."""
    x = np.atleast_2d(x)
    return np.hstack([x, x * x, np.sqrt(np.clip(x, 0.0, None))])


@dataclass(frozen=True, slots=True)
class RelatednessModel:
    """Standardised logistic regression plus the decision threshold on P(related)."""

    mean: np.ndarray
    std: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float

    def probability(self, features: np.ndarray) -> np.ndarray:
        """P(related) for each row of raw features."""
        z = (expand(features) - self.mean) / self.std
        return 1.0 / (1.0 + np.exp(-(z @ self.weights + self.bias)))

    @classmethod
    def fit(cls, features: np.ndarray, related: np.ndarray, threshold: float = 0.5) -> RelatednessModel:
        """Fit scikit-learn's L2 logistic regression with Newton steps on standardised features.

        The intercept is not penalised. The same weights as the Newton loop this replaced (to 1e-6,
        `python benchmarks/libraries.py lr`); imported here so inference never loads scikit-learn.
        """
        from sklearn.linear_model import LogisticRegression

        x = expand(features)
        mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
        fitted = LogisticRegression(C=1.0 / L2, solver="newton-cholesky", tol=1e-8, max_iter=100)
        fitted.fit((x - mean) / std, related.astype(int))
        return cls(
            mean=mean,
            std=std,
            weights=fitted.coef_[0].copy(),
            bias=float(fitted.intercept_[0]),
            threshold=threshold,
        )

    def with_threshold(self, threshold: float) -> RelatednessModel:
        return RelatednessModel(self.mean, self.std, self.weights, self.bias, threshold)

    def save(self, path: Path) -> None:
        data = {
            "features": list(FEATURE_NAMES),
            "mean": self.mean.tolist(),
            "std": self.std.tolist(),
            "weights": self.weights.tolist(),
            "bias": self.bias,
            "threshold": self.threshold,
        }
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> RelatednessModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURE_NAMES:
            raise ValueError(f"{path}: trained on other features than this code computes")
        return cls(
            mean=np.array(data["mean"]),
            std=np.array(data["std"]),
            weights=np.array(data["weights"]),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
        )
