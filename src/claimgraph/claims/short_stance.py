"""Stance of a short statement (what a speaker said, a headline) towards a claim: a learned layer
over the stance model.

The FNC-1 cross-encoder reads bodies; on one-sentence statements it misses negation ("we are not
coordinating military action with Iran" comes out `agree` to "the US and Iran cooperate
militarily"). This layer is a multinomial logistic regression over the model's three related
probabilities, its related probability, and a few surface signals of the statement (negation
beyond the claim's own, hedging, a question). It is trained on Emergent article headlines toward
their claims (../shared/data/emergent, `training/train_short_stance.py`); cross-validated by claim
it lifts macro-F1 over for/against/observing from the model's 0.64 to 0.75 (docs/check.md).
The weights ship as JSON in `models/short_stance/model.json`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "short_stance" / "model.json"
LABELS = ("agree", "disagree", "discuss")
# Surface signals the regression weighs (it learns how much; these lists only say what to count).
NEGATION = re.compile(
    r"\b(?:not|no|never|n't|deny|denies|denied|false|fake|hoax|debunk\w*|myth|untrue|isn't|wasn't|"
    r"aren't|didn't|doesn't|won't|rejects?|refutes?|dismiss\w*)\b",
    re.IGNORECASE,
)
HEDGING = re.compile(
    r"\b(?:reportedly|allegedly|claims?|claimed|rumou?rs?|may|might|could|says?|said|reports?|"
    r"according|appears?|apparently|possibly|unconfirmed)\b",
    re.IGNORECASE,
)
FEATURES = (
    "p_agree",
    "p_disagree",
    "p_discuss",
    "p_related",
    "negated_beyond_claim",
    "hedged",
    "question",
    "negations",
)


def features(claim: str, text: str, probs: dict[str, float]) -> list[float]:
    """The regression's inputs for one (claim, statement) pair and the stance model's probabilities."""
    related = max(1e-9, 1.0 - float(probs.get("unrelated", 0.0)))
    negations = len(NEGATION.findall(text))
    return [
        float(probs.get("agree", 0.0)) / related,
        float(probs.get("disagree", 0.0)) / related,
        float(probs.get("discuss", 0.0)) / related,
        related,
        float(negations > len(NEGATION.findall(claim))),
        float(bool(HEDGING.search(text))),
        float(text.strip().endswith("?")),
        float(negations),
    ]


@dataclass(frozen=True, slots=True)
class ShortStanceModel:
    classes: tuple[str, ...]
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray  # (classes,)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> ShortStanceModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path}: features {data['features']} do not match this code's {FEATURES}")
        return cls(tuple(data["classes"]), np.array(data["coef"]), np.array(data["intercept"]))

    def predict(self, claim: str, text: str, probs: dict[str, Any]) -> tuple[str, dict[str, float]]:
        """(label, probability of each related label) for a statement the stance model found related."""
        logits = self.coef @ np.array(features(claim, text, probs)) + self.intercept
        exp = np.exp(logits - logits.max())
        p = exp / exp.sum()
        out = {label: float(v) for label, v in zip(self.classes, p, strict=True)}
        return max(out, key=lambda k: out[k]), out
