"""What the verdict model sees (verdicts/features.py): voices folded per holder, their net label and
cue words, and the feature vector checked by name against counts worked out by hand."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from claimgraph.model import Evidence, HolderKind, Span, Stance, StanceLabel, Voice
from claimgraph.verdicts.features import FEATURE_NAMES, VoiceCache, claim_features, stance_dicts, voices


def stance(
    holder: str, label: str, score: float = 0.9, text: str = "", kind: str = "source", **kw: Any
) -> dict:
    return {
        "holder": holder,
        "holder_kind": kind,
        "stance": label,
        "score": score,
        "evidence": [{"text": text}],
        **kw,
    }


def named(row: np.ndarray) -> dict[str, float]:
    assert row.shape == (len(FEATURE_NAMES),)
    return dict(zip(FEATURE_NAMES, row.tolist(), strict=True))


def test_features_fold_holders_case_and_space_blind_and_filter_kinds() -> None:
    found = voices(
        [
            stance("Reuters", "agree"),
            stance(" reuters ", "agree"),
            stance("Ada Brun", "disagree", kind="speaker"),
            stance("x", "agree", kind="commenter"),
        ]
    )
    assert [v.name for v in found] == ["Ada Brun", "Reuters"]
    assert [v.name for v in voices([stance("Ada Brun", "agree", kind="speaker")], kinds=("source",))] == []


def test_features_voice_label_is_the_net_signed_score() -> None:
    (v,) = voices([stance("A", "agree", 0.9), stance("A", "disagree", 0.6)])
    assert v.label == "agree"
    (tied,) = voices([stance("A", "agree", 0.7), stance("A", "disagree", 0.7)])
    assert tied.label == "discuss"
    (side,) = voices([stance("A", "discuss", 0.9)])
    assert side.label == "discuss"


def test_features_probabilities_from_label_and_score_when_absent() -> None:
    (v,) = voices([stance("A", "agree", 0.8)])
    assert v.probs == pytest.approx([0.8, 0.1, 0.1])
    (given,) = voices([stance("A", "agree", 0.8, probs={"agree": 0.5, "disagree": 0.3, "discuss": 0.2})])
    assert given.probs == pytest.approx([0.5, 0.3, 0.2])
    (mean,) = voices([stance("A", "agree", 0.8), stance("A", "disagree", 0.6)])
    assert mean.probs == pytest.approx([(0.8 + 0.2) / 2, (0.1 + 0.6) / 2, (0.1 + 0.2) / 2])


def test_features_cue_words_whole_words_only() -> None:
    (v,) = voices([stance("A", "agree", text="Police reportedly found it; others called it a hoax, a hoax.")])
    assert v.hedged and v.hedge_n == 1 and v.debunk == 2 and not v.confirm
    (sure,) = voices([stance("A", "agree", text="It was confirmed today.")])
    assert sure.confirm and not sure.hedged and sure.debunk == 0
    (plain,) = voices([stance("A", "agree", text="The falsetto singer claimsman.")])
    assert not plain.hedged and plain.debunk == 0


def test_features_empty_claim_is_zeros_but_the_neutral_ratios() -> None:
    f = named(claim_features([]))
    assert f["denial_ratio"] == f["soft_denial_ratio"] == 0.5
    assert all(value == 0.0 for name, value in f.items() if name not in ("denial_ratio", "soft_denial_ratio"))


def test_features_counts_and_shares_by_hand() -> None:
    """Two agreeing outlets (one hedged), one denying speaker, one outlet only discussing."""
    stances = [
        stance("A", "agree", 0.8, "It was reportedly signed."),
        stance("B", "agree", 0.6, "The deal was confirmed."),
        stance("C", "disagree", 1.0, "This is a hoax.", kind="speaker"),
        stance("D", "discuss", 0.9),
    ]
    f = named(claim_features(stances))
    assert f["log_voices"] == pytest.approx(math.log(5))
    assert f["log_agree"] == pytest.approx(math.log(3)) and f["log_disagree"] == pytest.approx(math.log(2))
    assert (f["share_agree"], f["share_disagree"], f["share_discuss"]) == pytest.approx((0.5, 0.25, 0.25))
    assert f["denial_ratio"] == pytest.approx(1 / 3)
    # probabilities from label and score: A [.8 .1 .1], B [.6 .2 .2], C [0 1 0], D [.05 .05 .9]
    soft_agree, soft_disagree = 0.8 + 0.6 + 0.0 + 0.05, 0.1 + 0.2 + 1.0 + 0.05
    assert f["soft_denial_ratio"] == pytest.approx(soft_disagree / (soft_agree + soft_disagree))
    assert f["log_soft_agree"] == pytest.approx(math.log1p(soft_agree))
    assert f["mean_p_agree"] == pytest.approx(soft_agree / 4)
    assert (f["max_p_agree"], f["max_p_disagree"]) == pytest.approx((0.8, 1.0))
    assert f["share_hedged"] == pytest.approx(0.25) and f["share_agree_hedged"] == pytest.approx(0.5)
    assert f["share_debunk"] == pytest.approx(0.25) and f["share_debunk_not_agreeing"] == pytest.approx(0.25)
    assert f["share_confirm"] == pytest.approx(0.25)
    assert f["mean_log_debunk_cues"] == pytest.approx(math.log(2) / 4)
    assert f["any_disagree"] == 1.0 and f["three_agree_none_disagree"] == 0.0


def test_features_three_agree_none_disagree() -> None:
    three = named(claim_features([stance(h, "agree") for h in "ABC"]))
    assert three["three_agree_none_disagree"] == 1.0 and three["any_disagree"] == 0.0
    two = named(claim_features([stance(h, "agree") for h in "AB"]))
    assert two["three_agree_none_disagree"] == 0.0


def test_features_given_voices_and_cache_give_the_same_vector() -> None:
    stances = [stance("A", "agree"), stance("B", "disagree", text="false"), stance("a", "discuss")]
    plain = claim_features(stances)
    assert np.array_equal(claim_features(stances, voices(stances)), plain)
    cache: VoiceCache = {}
    first = voices(stances, cache=cache)
    again = voices(stances, cache=cache)
    assert all(x is y for x, y in zip(first, again, strict=True))  # reused, not rebuilt
    assert np.array_equal(claim_features(stances, again), plain)


def test_features_stance_dicts_carry_what_the_model_reads() -> None:
    stored = Stance(
        "c1", "d1", "Alpha", HolderKind.SOURCE, StanceLabel.DISAGREE, 0.7,
        (Evidence(Span("d1", 3, 9), "denied", Voice.QUOTED),), statement_id="s1",
    )  # fmt: skip
    (row,) = stance_dicts([stored])
    assert row == {
        "doc_id": "d1", "holder": "Alpha", "holder_kind": "source", "stance": "disagree", "score": 0.7,
        "evidence": [{"text": "denied", "voice": "quoted"}], "statement_id": "s1",
    }  # fmt: skip
    (v,) = voices([row])
    assert v.label == "disagree" and v.debunk == 1
