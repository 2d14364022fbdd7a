"""Truth discovery (verdicts/truth.py) on hand-built votes: who is reliable, what is true, and how
weights, shares, priors and warm starts enter. The liar-among-three case lives in tests/test_verdicts.py."""

from __future__ import annotations

import math

import pytest

from claimgraph.verdicts.truth import (
    CLAIM_PRIOR,
    DEFAULT_PRIOR,
    PRIOR_STRENGTH,
    RELIABILITY_CEILING,
    RELIABILITY_FLOOR,
    Vote,
    discover,
)

# Ten claims: c0-c5 true, c6-c9 false. Three careful outlets always vote the truth; "sloppy" gets
# every other claim wrong.
TRUTH = {f"c{i}": i < 6 for i in range(10)}


def _side(true: bool) -> int:
    return 1 if true else -1


def _votes() -> list[Vote]:
    votes = [
        Vote(h, c, _side(t), 1.0) for c, t in TRUTH.items() for h in ("careful1", "careful2", "careful3")
    ]
    votes += [Vote("sloppy", c, _side(t if i % 2 else not t), 1.0) for i, (c, t) in enumerate(TRUTH.items())]
    return votes


def test_truth_ranks_a_reliable_source_above_an_unreliable_one() -> None:
    estimate = discover(_votes())
    assert estimate.converged and 0 < estimate.iterations < 500
    r = estimate.reliability
    assert r["sloppy"] < r["careful1"]
    # sloppy is right on 5 of 10 claims: near a coin (pulled a little toward its 0.7 prior)
    assert 0.4 < r["sloppy"] < DEFAULT_PRIOR < r["careful1"]
    assert r["careful1"] == pytest.approx(r["careful2"]) == pytest.approx(r["careful3"])
    for claim, true in TRUTH.items():
        assert (estimate.posterior[claim] > 0.5) == true, claim


def test_truth_reliability_is_the_smoothed_share_of_agreeing_votes_at_the_fixed_point() -> None:
    """At convergence the M-step reproduces itself: r = (s * prior + right) / (s + total votes)."""
    estimate = discover(_votes())
    by_holder: dict[str, list[Vote]] = {}
    for v in _votes():
        by_holder.setdefault(v.holder, []).append(v)
    for holder, held in by_holder.items():
        right = sum(
            estimate.posterior[v.claim_id] if v.sign > 0 else 1 - estimate.posterior[v.claim_id] for v in held
        )
        expected = (PRIOR_STRENGTH * DEFAULT_PRIOR + right) / (PRIOR_STRENGTH + len(held))
        assert estimate.reliability[holder] == pytest.approx(expected, abs=1e-4), holder


def test_truth_prior_breaks_a_one_against_one_tie() -> None:
    votes = [Vote("trusted", "c", 1, 1.0), Vote("doubted", "c", -1, 1.0)]
    estimate = discover(votes, priors={"trusted": 0.9, "doubted": 0.6})
    assert estimate.posterior["c"] > 0.5
    assert estimate.reliability["trusted"] > estimate.reliability["doubted"]
    flipped = discover(votes, priors={"trusted": 0.6, "doubted": 0.9})
    assert flipped.posterior["c"] < 0.5


def test_truth_first_posterior_is_the_prior_weighted_vote() -> None:
    """One holder alone, held at its prior by an overwhelming prior strength: P(true) = its prior."""
    estimate = discover([Vote("only", "c", 1, 1.0)], priors={"only": 0.8}, prior_strength=1e9)
    assert estimate.posterior["c"] == pytest.approx(0.8)
    against = discover([Vote("only", "c", -1, 1.0)], priors={"only": 0.8}, prior_strength=1e9)
    assert against.posterior["c"] == pytest.approx(0.2)


def test_truth_share_counts_copies_once_in_the_claims_truth() -> None:
    """Two syndicated copies (share 1/2 each) against one independent outlet: a tie, not 2 to 1."""
    copies = [Vote("copy_a", "c", 1, 1.0, share=0.5), Vote("copy_b", "c", 1, 1.0, share=0.5)]
    independent = [Vote("other", "c", -1, 1.0)]
    assert discover(copies + independent).posterior["c"] == pytest.approx(0.5)
    unshared = [Vote(v.holder, v.claim_id, v.sign, v.weight) for v in copies]
    assert discover(unshared + independent).posterior["c"] > 0.5


def test_truth_share_does_not_hide_what_a_holder_gets_wrong() -> None:
    """A copier with a tiny share barely moves the posteriors, yet its reliability is learned in full."""
    votes = [Vote(h, f"c{i}", 1, 1.0) for i in range(20) for h in ("a", "b", "c")]
    votes += [Vote("copier", f"c{i}", -1, 1.0, share=0.001) for i in range(20)]
    estimate = discover(votes)
    assert all(p > 0.95 for p in estimate.posterior.values())
    assert estimate.reliability["copier"] < 0.3


def test_truth_weight_scales_a_vote() -> None:
    """A first-hand vote (weight 1) outweighs a reproduced one (weight 0.5) of an equally trusted holder."""
    estimate = discover([Vote("first", "c", 1, 1.0), Vote("second", "c", -1, 0.5)])
    assert estimate.posterior["c"] > 0.5
    reverse = discover([Vote("first", "c", -1, 1.0), Vote("second", "c", 1, 0.5)])
    assert reverse.posterior["c"] == pytest.approx(1 - estimate.posterior["c"])


@pytest.mark.parametrize("bad", [Vote("x", "c", 0, 1.0), Vote("x", "c", 2, 1.0), Vote("x", "c", 1, 0.0)])
def test_truth_ignores_votes_without_a_side_or_weight(bad: Vote) -> None:
    estimate = discover([bad, Vote("y", "c", -1, 1.0)])
    assert "x" not in estimate.reliability
    assert estimate.posterior["c"] < 0.5  # y alone decides


def test_truth_claims_and_holders_without_votes_keep_their_priors() -> None:
    estimate = discover([], claim_ids=["lonely"], priors={"known": 0.9})
    assert estimate.posterior == {"lonely": CLAIM_PRIOR}
    assert estimate.reliability == {"known": 0.9}
    assert estimate.converged and estimate.iterations == 0


@pytest.mark.parametrize("prior", [0.0, 1.0])
def test_truth_certain_priors_are_clipped_so_log_odds_stay_finite(prior: float) -> None:
    estimate = discover([Vote("sure", "c", 1, 1.0)], priors={"sure": prior})
    assert RELIABILITY_FLOOR <= estimate.reliability["sure"] <= RELIABILITY_CEILING
    assert 0 < estimate.posterior["c"] < 1 and math.isfinite(estimate.posterior["c"])


def test_truth_reliability_stays_inside_the_clip_after_many_unanimous_votes() -> None:
    votes = [Vote(h, f"c{i}", 1, 1.0) for i in range(500) for h in ("a", "b")]
    votes += [Vote("contrarian", f"c{i}", -1, 1.0) for i in range(500)]
    r = discover(votes).reliability
    assert r["a"] == pytest.approx(RELIABILITY_CEILING)
    assert r["contrarian"] == pytest.approx(RELIABILITY_FLOOR)
