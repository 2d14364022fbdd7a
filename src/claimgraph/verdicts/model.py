"""The learned verdict: a calibrated multinomial logistic regression over a claim's stance evidence.

Three classes as Emergent's journalists judged rumours (true / false / unknown), read out as
verdict labels: true -> corroborated, false -> denied, unknown -> disputed (both sides have an
independent voice), single-source (one voice takes a side) or unverified. Weights are a small JSON
file (`claimgraph/models/verdict/verdict.json`: feature means and scales, coefficients, one
temperature) so inference is numpy only; `fit` (scikit-learn) trains them, used by
`training/train_verdict.py` and by `claimgraph eval veracity --folds`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import VerdictLabel
from claimgraph.settings import VerdictSettings
from claimgraph.verdicts.features import (
    DEBUNK,
    FEATURE_NAMES,
    Voice,
    VoiceCache,
    claim_features,
    evidence_text,
    voices,
)

CLASSES = ("true", "false", "unknown")
MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "verdict" / "verdict.json"
FORMAT = 1
NOTHING = "nothing in the corpus talks about this claim: no document or speaker takes a position on it"


@dataclass(frozen=True, slots=True)
class VerdictPrediction:
    """A verdict label, the calibrated probability of the class behind it, and why."""

    label: str
    confidence: float
    probs: dict[str, float]
    explanation: str


@dataclass(frozen=True, slots=True)
class VerdictModel:
    """Standardise, linear scores per class, softmax at a fitted temperature."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (classes, features), rows in CLASSES order
    intercept: np.ndarray
    temperature: float = 1.0
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path | None = None) -> VerdictModel:
        """The shipped weights, or a file written by `save` (bad files stop with E070/E071)."""
        path = Path(path) if path else MODEL_PATH
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ClaimgraphError(Errors.E070, path=path, problem="no such file") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ClaimgraphError(Errors.E070, path=path, problem=str(exc)) from None
        try:
            return cls._from_json(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise ClaimgraphError(Errors.E071, path=path, problem=str(exc)) from None

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> VerdictModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
        if tuple(data["features"]) != FEATURE_NAMES or tuple(data["classes"]) != CLASSES:
            raise ValueError("features or classes differ from this claimgraph's; retrain the model")
        model = cls(
            np.asarray(data["mean"], dtype=float),
            np.asarray(data["scale"], dtype=float),
            np.asarray(data["coef"], dtype=float),
            np.asarray(data["intercept"], dtype=float),
            float(data["temperature"]),
            dict(data.get("meta", {})),
        )
        k, f = len(CLASSES), len(FEATURE_NAMES)
        if model.mean.shape != (f,) or model.scale.shape != (f,) or model.coef.shape != (k, f):
            raise ValueError("weight shapes do not match the features")
        if model.intercept.shape != (k,) or not model.temperature > 0:
            raise ValueError("bad intercept or temperature")
        return model

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "features": list(FEATURE_NAMES),
            "classes": list(CLASSES),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "coef": [[round(float(v), 6) for v in row] for row in self.coef],
            "intercept": [round(float(v), 6) for v in self.intercept],
            "temperature": round(self.temperature, 6),
            "meta": self.meta,
        }

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), indent=1) + "\n", encoding="utf-8")

    def logits(self, features: np.ndarray) -> np.ndarray:
        """Uncalibrated class scores of feature rows (n, features) -> (n, classes)."""
        return ((np.atleast_2d(features) - self.mean) / self.scale) @ self.coef.T + self.intercept

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Calibrated P(true, false, unknown) per feature row."""
        return softmax(self.logits(features) / self.temperature)

    def predict(
        self,
        stances: Sequence[Mapping[str, Any]],
        settings: VerdictSettings | None = None,
        cache: VoiceCache | None = None,
    ) -> VerdictPrediction:
        """The verdict on one claim from its stance dicts (see `claimgraph.verdicts.features`);
        `cache` reuses voices across calls on overlapping stance lists (`check`'s history)."""
        settings = settings or VerdictSettings()
        if not stances:
            return VerdictPrediction(
                VerdictLabel.UNVERIFIED.value, 1.0, {"true": 0.0, "false": 0.0, "unknown": 1.0}, NOTHING
            )
        sources = voices(stances, cache=cache)
        probs = self.probabilities(claim_features(stances, sources))[0]
        sides = sides_of(stances, sources)
        k = CLASSES.index(decide_class(probs, stances, settings, sides))
        label = read_label(CLASSES[k], stances, sides)
        named = {c: round(float(p), 4) for c, p in zip(CLASSES, probs, strict=True)}
        return VerdictPrediction(
            label, round(float(probs[k]), 4), named, explain_sides(stances, named, sides)
        )


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


Sides = dict[str, list[str]]


def sides_of(stances: Sequence[Mapping[str, Any]], sources: Sequence[Voice] | None = None) -> Sides:
    """Holder names per side, one per independent voice (`sources`: the voices, when known)."""
    out: Sides = {"agree": [], "disagree": [], "discuss": []}
    for voice in voices(stances) if sources is None else sources:
        out[voice.label].append(voice.name)
    return out


def decide_class(
    probs: np.ndarray,
    stances: Sequence[Mapping[str, Any]],
    settings: VerdictSettings | None = None,
    sides: Sides | None = None,
) -> str:
    """The most probable class, except that true needs a voice that supports the claim and false a
    voice that denies it or a debunking cue in the evidence (the model's class priors alone must not
    call a claim nobody denies "denied"); an unsupported or unsure class reads as unknown."""
    settings = settings or VerdictSettings()
    cls = CLASSES[int(np.argmax(probs))]
    if cls != "unknown" and probs[CLASSES.index(cls)] < settings.min_decisive_probability:
        return "unknown"
    sides = sides_of(stances) if sides is None else sides
    if cls == "true" and not sides["agree"]:
        return "unknown"
    if cls == "false" and not sides["disagree"] and not any(DEBUNK.search(evidence_text(s)) for s in stances):
        return "unknown"
    return cls


def read_label(cls: str, stances: Sequence[Mapping[str, Any]], sides: Sides | None = None) -> str:
    """The verdict label of a class: unknown splits by how many independent voices take a side."""
    if cls == "true":
        return VerdictLabel.CORROBORATED.value
    if cls == "false":
        return VerdictLabel.DENIED.value
    sides = sides_of(stances) if sides is None else sides
    if sides["agree"] and sides["disagree"]:
        return VerdictLabel.DISPUTED.value
    if len(sides["agree"]) + len(sides["disagree"]) == 1:
        return VerdictLabel.SINGLE_SOURCE.value
    return VerdictLabel.UNVERIFIED.value


def _list(names: list[str], limit: int = 6) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def explain_sides(
    stances: Sequence[Mapping[str, Any]], probs: Mapping[str, float], sides: Sides | None = None
) -> str:
    """Who agrees, who disagrees, who only reports it, with counts of independent voices."""
    sides = sides_of(stances) if sides is None else sides
    parts = []
    for side, one, many in (
        ("agree", "supports", "support"),
        ("disagree", "denies or disputes", "deny or dispute"),
    ):
        names = sides[side]
        head = f"1 independent voice {one}" if len(names) == 1 else f"{len(names)} independent voices {many}"
        parts.append(f"{head} it" + (f" ({_list(names)})" if names else ""))
    if sides["discuss"]:
        parts.append(f"{len(sides['discuss'])} report it without taking a side")
    odds = ", ".join(f"P({c})={probs[c]:.2f}" for c in CLASSES)
    return "; ".join(parts) + f"; the verdict model gives {odds}"


def fit(
    features: np.ndarray,
    targets: Sequence[str],
    groups: Sequence[str],
    c: float = 0.1,
    calibration_folds: int = 5,
) -> VerdictModel:
    """Train on claim feature rows; the temperature is fitted on out-of-fold scores (by claim)."""
    from scipy.optimize import minimize_scalar
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    x, y = np.asarray(features, dtype=float), np.array([CLASSES.index(t) for t in targets])

    def train(rows: np.ndarray) -> VerdictModel:
        mean = x[rows].mean(axis=0)
        scale = x[rows].std(axis=0)
        scale[scale == 0] = 1.0
        lr = LogisticRegression(C=c, max_iter=5000).fit((x[rows] - mean) / scale, y[rows])
        coef = np.zeros((len(CLASSES), x.shape[1]))
        intercept = np.full(len(CLASSES), -1e3)  # a class absent from the rows is never predicted
        for j, cls in enumerate(lr.classes_):
            coef[cls], intercept[cls] = lr.coef_[j], lr.intercept_[j]
        return VerdictModel(mean, scale, coef, intercept)

    folds = min(calibration_folds, len(set(groups)))
    temperature = 1.0
    if folds >= 2:
        oof = np.zeros((len(y), len(CLASSES)))
        for tr, te in GroupKFold(folds).split(x, y, list(groups)):
            oof[te] = train(tr).logits(x[te])

        def nll(t: float) -> float:
            p = softmax(oof / t)[np.arange(len(y)), y]
            return float(-np.log(np.clip(p, 1e-12, None)).mean())

        temperature = float(minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded").x)
    model = train(np.arange(len(y)))
    return VerdictModel(model.mean, model.scale, model.coef, model.intercept, temperature, {"C": c})
