"""Learned layers over the stance model: what a statement, or an outlet's body, says about a claim.

The FNC-1 cross-encoder (`claims/stance.py`) gives agree / disagree / discuss / unrelated. It
misses negation in one-sentence statements ("we are not coordinating military action with Iran"
comes out `agree` to "the US and Iran cooperate militarily") and under-uses the debunking and
hedging vocabulary of whole articles. Each layer is a multinomial logistic regression over the
model's related-label probabilities, its related probability, and a few surface counts of the text;
a learned model decides how much each count matters, so these word lists are inputs, not rules.

- `statement`: trained on Emergent article headlines against their claims (../shared/data/emergent).
- `body`: trained on Emergent article bodies against their claims (../shared/data/emergent_veracity).

Both are trained and cross-validated by claim in `training/train_stance_layers.py`; figures in
docs/check.md. Weights ship as JSON in `models/stance_layers/`.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph import cue_words

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "stance_layers"
LABELS = ("agree", "disagree", "discuss")
LEAD_WORDS = 80  # a body's lead: where news states what it thinks of the claim

# The trained layers' cue words (data/model_cues.json, one home for every model's cue lists).
NEGATION = cue_words.pattern("stance_negation")
HEDGING = cue_words.pattern("stance_hedging")
REFUTING = cue_words.pattern("stance_refuting")
PLAIN_NEGATION = cue_words.pattern("stance_plain_negation")


def _model_probs(probs: dict[str, Any]) -> list[float]:
    related = max(1e-9, 1.0 - float(probs.get("unrelated", 0.0)))
    return [float(probs.get(k, 0.0)) / related for k in LABELS] + [related]


# Texts whose cue counts are kept, most recently used first: the corpus stage judges a body once
# per claim that retrieves it, and the counts (regex passes over the whole text) do not depend on
# the claim. An entry is a few floats keyed by the text (which the caller holds while judging).
TEXT_CACHE_SIZE = 4096


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def _statement_counts(text: str) -> tuple[int, float, float]:
    """(negations, hedged, question) of a statement's text."""
    return len(NEGATION.findall(text)), float(bool(HEDGING.search(text))), float(text.strip().endswith("?"))


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def _body_counts(text: str) -> tuple[float, ...]:
    """A body's features that do not depend on the claim, in `body_features` order, and its
    lead's refuting flag last."""
    words = text.split()
    n = max(1, len(words))
    lead = " ".join(words[:LEAD_WORDS])
    refuting_lead = float(bool(REFUTING.search(lead)))
    return (
        100.0 * len(REFUTING.findall(text)) / n,
        refuting_lead,
        100.0 * len(HEDGING.findall(text)) / n,
        float(bool(HEDGING.search(lead))),
        float(len(PLAIN_NEGATION.findall(lead))),
        math.log(n),
        refuting_lead,
    )


def statement_features(claim: str, text: str, probs: dict[str, Any]) -> list[float]:
    negations, hedged, question = _statement_counts(text)
    return [
        *_model_probs(probs),
        float(negations > len(NEGATION.findall(claim))),
        hedged,
        question,
        float(negations),
    ]


def body_features(claim: str, text: str, probs: dict[str, Any]) -> list[float]:
    *counts, refuting_lead = _body_counts(text)
    # A claim that is itself a debunk ("Banksy arrest hoax") is agreed with by a body full of
    # "hoax": the interaction lets the layer learn that sign flip from FNC-1's headlines.
    claim_refuting = float(bool(REFUTING.search(claim)))
    return [*_model_probs(probs), *counts, claim_refuting, claim_refuting * refuting_lead]


FEATURES = {
    "statement": (
        (
            "p_agree",
            "p_disagree",
            "p_discuss",
            "p_related",
            "negated_beyond_claim",
            "hedged",
            "question",
            "negations",
        ),
        statement_features,
    ),
    "body": (
        (
            "p_agree",
            "p_disagree",
            "p_discuss",
            "p_related",
            "refuting_per_100_words",
            "refuting_in_lead",
            "hedging_per_100_words",
            "hedging_in_lead",
            "negations_in_lead",
            "log_words",
            "claim_refuting",
            "claim_and_lead_refuting",
        ),
        body_features,
    ),
}


@dataclass(frozen=True, slots=True)
class StanceLayer:
    kind: str  # "statement" | "body"
    classes: tuple[str, ...]
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray  # (classes,)

    @classmethod
    def load(cls, kind: str, model_dir: Path = MODEL_DIR) -> StanceLayer:
        path = model_dir / f"{kind}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        names, _ = FEATURES[kind]
        if tuple(data["features"]) != names:
            raise ValueError(f"{path}: features {data['features']} do not match this code's {names}")
        return cls(kind, tuple(data["classes"]), np.array(data["coef"]), np.array(data["intercept"]))

    @classmethod
    @functools.cache
    def shipped(cls, kind: str) -> StanceLayer:
        """The shipped layer of this kind, read once per process (`judge_documents` runs per
        document in the corpus stage: thousands of calls)."""
        return cls.load(kind)

    def predict(self, claim: str, text: str, probs: dict[str, Any]) -> tuple[str, dict[str, float]]:
        """(label, probability of each related label) for a text the stance model found related."""
        _, featurize = FEATURES[self.kind]
        logits = self.coef @ np.array(featurize(claim, text, probs)) + self.intercept
        exp = np.exp(logits - logits.max())
        shares = exp / exp.sum()
        out = {label: float(v) for label, v in zip(self.classes, shares, strict=True)}
        return max(out, key=lambda k: out[k]), out
