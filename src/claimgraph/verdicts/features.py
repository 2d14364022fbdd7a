"""What the verdict model sees of a claim: numbers summarising its stance evidence.

Input is the stance dicts `claimgraph.check` returns (and `stance_dicts` builds from stored
`Stance` rows): `holder`, `holder_kind` ('source' | 'speaker'), `stance`, `score`, optional
`probs` and `evidence` [{text, ...}]. A source's documents fold into one independent voice per
holder (an outlet is one voice however many of its pages talk about the claim; a speaker quoted
by many outlets is one voice). Features:
- how many voices, and how they split: agree/disagree/discuss counts (log) and shares, the
  denial ratio disagree / (agree + disagree) the Emergent README's rule is built on;
- the stance model's probabilities: mean per class, max agree, max disagree, soft counts;
- cue words in the evidence: hedging ("reportedly", "allegedly", "claims", "unconfirmed"),
  debunking ("hoax", "fake", "false", "denied", "rumour"), confirmation ("confirmed", "officially");
Quoted speakers (officials' denials among them) count among the voices like outlets do. A weight of
their own would need training stances gathered with the NLP stage (`claimgraph eval veracity --nlp
--save-stances`); the shipped model's training stances hold only 25 speakers (quoted outlets).
Cue lexicons are fixed word lists, not learned; their weights are (`training/train_verdict.py`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from claimgraph import cue_words
from claimgraph.model import Stance

SIDES = ("agree", "disagree", "discuss")
# The verdict model's cue words (data/model_cues.json, one home for every model's cue lists).
HEDGE = cue_words.pattern("verdict_hedge")
DEBUNK = cue_words.pattern("verdict_debunk")
CONFIRM = cue_words.pattern("verdict_confirm")

FEATURE_NAMES = (
    "log_voices",
    "log_agree",
    "log_disagree",
    "share_agree",
    "share_disagree",
    "share_discuss",
    "denial_ratio",
    "soft_denial_ratio",
    "log_soft_agree",
    "log_soft_disagree",
    "mean_p_agree",
    "mean_p_disagree",
    "mean_p_discuss",
    "max_p_agree",
    "max_p_disagree",
    "share_hedged",
    "share_debunk",
    "share_agree_hedged",
    "share_debunk_not_agreeing",
    "any_disagree",
    "three_agree_none_disagree",
    "mean_log_debunk_cues",
    "mean_log_hedge_cues",
    "share_confirm",
)


def _probs(stance: Mapping[str, Any]) -> np.ndarray:
    """agree/disagree/discuss probabilities; from label and score when the stance has none."""
    probs = stance.get("probs")
    if probs:
        return np.array([float(probs.get(k, 0.0)) for k in SIDES])
    label, score = str(stance.get("stance")), float(stance.get("score") or 0.0)
    rest = (1.0 - score) / 2
    return np.array([score if k == label else rest for k in SIDES])


def evidence_text(stance: Mapping[str, Any]) -> str:
    return " ".join(str(e.get("text", "")) for e in stance.get("evidence") or ())


class Voice:
    """One holder's net position: mean probabilities, label by net signed score, its evidence text
    and the cue counts read from it."""

    def __init__(self, stances: Sequence[Mapping[str, Any]]) -> None:
        self.name = str(stances[0].get("holder", ""))
        self.probs = np.mean([_probs(s) for s in stances], axis=0)
        net = sum(
            float(s.get("score") or 0.0) * {"agree": 1, "disagree": -1}.get(str(s.get("stance")), 0)
            for s in stances
        )
        self.label = "agree" if net > 0 else "disagree" if net < 0 else "discuss"
        self.text = " ".join(evidence_text(s) for s in stances)
        self.debunk = len(DEBUNK.findall(self.text))
        self.hedge_n = len(HEDGE.findall(self.text))
        self.hedged = self.hedge_n > 0  # one pass of the hedge pattern, not two
        self.confirm = bool(CONFIRM.search(self.text))


# Voices already built, by (holder key, identities of its stance dicts): `check`'s history judges
# growing prefixes of one stance list, where most holders' groups do not change between dates.
VoiceCache = dict[tuple[str, tuple[int, ...]], Voice]


def voices(
    stances: Iterable[Mapping[str, Any]],
    kinds: Sequence[str] = ("source", "speaker"),
    cache: VoiceCache | None = None,
) -> list[Voice]:
    """Stances of the given holder kinds folded into one voice per holder (case-blind name): an
    outlet quoted on another outlet's page is the same voice as that outlet's own pages."""
    by_holder: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for s in stances:
        if s.get("holder_kind") in kinds:
            by_holder[" ".join(str(s.get("holder", "")).casefold().split())].append(s)
    if cache is None:
        return [Voice(group) for _, group in sorted(by_holder.items())]
    out = []
    for holder, group in sorted(by_holder.items()):
        key = (holder, tuple(id(s) for s in group))
        out.append(cache.get(key) or cache.setdefault(key, Voice(group)))
    return out


def claim_features(
    stances: Sequence[Mapping[str, Any]], sources: Sequence[Voice] | None = None
) -> np.ndarray:
    """The FEATURE_NAMES vector of one claim (all zeros but the ratios when nobody speaks);
    `sources`: `voices(stances)` when the caller has them already."""
    if sources is None:
        sources = voices(stances)  # every independent voice, outlets and speakers
    n = len(sources)
    labels = [v.label for v in sources]
    agree, disagree = labels.count("agree"), labels.count("disagree")
    probs = np.array([v.probs for v in sources]) if sources else np.zeros((0, 3))
    hedged = np.array([v.hedged for v in sources], dtype=bool)
    debunk = np.array([v.debunk for v in sources], dtype=float)
    hedge_n = np.array([v.hedge_n for v in sources], dtype=float)
    confirm = np.array([v.confirm for v in sources], dtype=float)
    is_agree = np.array([lab == "agree" for lab in labels], dtype=bool)
    soft_agree, soft_disagree = (probs[:, 0].sum(), probs[:, 1].sum()) if n else (0.0, 0.0)

    def mean(values: np.ndarray) -> float:
        return float(values.mean()) if len(values) else 0.0

    row = [
        math.log1p(n),
        math.log1p(agree),
        math.log1p(disagree),
        agree / n if n else 0.0,
        disagree / n if n else 0.0,
        (n - agree - disagree) / n if n else 0.0,
        disagree / (agree + disagree) if agree + disagree else 0.5,
        soft_disagree / (soft_agree + soft_disagree) if soft_agree + soft_disagree > 0 else 0.5,
        math.log1p(soft_agree),
        math.log1p(soft_disagree),
        *(probs.mean(axis=0) if n else np.zeros(3)),
        float(probs[:, 0].max()) if n else 0.0,
        float(probs[:, 1].max()) if n else 0.0,
        mean(hedged.astype(float)),
        mean((debunk > 0).astype(float)),
        float((hedged & is_agree).sum() / max(agree, 1)),
        mean(((debunk > 0) & ~is_agree).astype(float)),
        float(disagree > 0),
        float(agree >= 3 and disagree == 0),
        mean(np.log1p(debunk)),
        mean(np.log1p(hedge_n)),
        mean(confirm),
    ]
    assert len(row) == len(FEATURE_NAMES)
    return np.array(row, dtype=float)


def stance_dicts(stances: Iterable[Stance]) -> list[dict[str, Any]]:
    """Stored `Stance` rows as the dicts the model reads (no probabilities: label and score stand in)."""
    return [
        {
            "doc_id": s.doc_id,
            "holder": s.holder,
            "holder_kind": s.holder_kind.value,
            "stance": s.stance.value,
            "score": s.score,
            "evidence": [{"text": e.text, "voice": e.voice.value} for e in s.evidence],
            "statement_id": s.statement_id,
        }
        for s in stances
    ]
