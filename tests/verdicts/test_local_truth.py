"""Local truth discovery (`verdicts.incremental.LocalTruth`): a few claims' votes change on a stored
estimate; the local update lands within the stated tolerance of a cold `discover` over every
vote, and reads the votes of what it reaches, not of every claim."""

from __future__ import annotations

import random

import pytest

from claimgraph.store import Store
from claimgraph.store.truth_state import StoredVote
from claimgraph.verdicts.explain import Parties
from claimgraph.verdicts.incremental import EPSILON, LocalTruth, VerdictInputs
from claimgraph.verdicts.model import VerdictModel
from claimgraph.verdicts.truth import CLAIM_PRIOR, Vote, discover

RELIABILITY_TOLERANCE = 0.01  # docs/architecture.md, incremental verdicts
POSTERIOR_TOLERANCE = 0.05


def _votes(rng: random.Random, claims: range, holders: int) -> list[StoredVote]:
    """Each claim voted on by 3-6 holders; holder h is right with probability 0.5 + h / (2 * holders)."""
    truth = {c: rng.random() < 0.5 for c in claims}
    out = []
    for c in claims:
        for h in rng.sample(range(holders), rng.randint(3, 6)):
            right = rng.random() < 0.5 + h / (2 * holders)
            sign = 1 if right == truth[c] else -1
            out.append(StoredVote(f"claim:{c:04d}", f"source:h{h:02d}", sign, rng.uniform(0.5, 1.0), 1.0, ()))
    return out


def _cold(votes: list[StoredVote], claim_ids: list[str]) -> tuple[dict[str, float], dict[str, float]]:
    found = discover([Vote(v.holder, v.claim_id, v.sign, v.weight, v.share) for v in votes], claim_ids)
    return found.reliability, found.posterior


def _inputs() -> VerdictInputs:
    return VerdictInputs((), {}, VerdictModel.load(), Parties)


def _save(store: Store, votes: list[StoredVote], claim_ids: list[str]) -> None:
    reliability, posterior = _cold(votes, claim_ids)
    store.put_truth_votes((), votes, {c: (posterior[c], "") for c in claim_ids})
    store.put_holder_reliabilities(reliability)
    store.put_truth_holders({h: (0.5, r) for h, r in reliability.items()})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_local_truth_after_a_few_changed_claims_is_within_tolerance_of_a_cold_start(
    store: Store, seed: int
) -> None:
    rng = random.Random(seed)
    ids = [f"claim:{c:04d}" for c in range(300)]
    before = _votes(rng, range(300), 30)
    _save(store, before, ids)
    changed = set(ids[:5])
    after = [v for v in before if v.claim_id not in changed] + [
        v for v in _votes(rng, range(300), 30) if v.claim_id in changed
    ]
    old_holders = {v.holder for v in before if v.claim_id in changed}
    new_votes = [v for v in after if v.claim_id in changed]
    store.put_truth_votes(changed, new_votes, {c: (CLAIM_PRIOR, "") for c in changed})
    truth = LocalTruth(store, _inputs())
    recomputed = truth.run(changed, old_holders | {v.holder for v in new_votes})
    reliability, posterior = _cold(after, ids)
    with store.transaction():
        stored = store.holder_reliabilities()
        kept = store.truth_posteriors(ids)
    assert stored.keys() == reliability.keys()
    for holder, r in reliability.items():
        assert stored[holder] == pytest.approx(r, abs=RELIABILITY_TOLERANCE)
    for claim_id, p in posterior.items():
        assert kept[claim_id] == pytest.approx(p, abs=POSTERIOR_TOLERANCE)
    assert changed <= recomputed.keys()
    # a holder never drifts further than EPSILON from the reliability its claims were computed with
    with store.transaction():
        held = store.truth_holders(stored)
    assert all(abs(stored[h] - shown) <= EPSILON for h, (_, shown) in held.items())


def test_local_truth_with_nothing_changed_moves_nothing(store: Store) -> None:
    rng = random.Random(7)
    ids = [f"claim:{c:04d}" for c in range(100)]
    votes = _votes(rng, range(100), 12)
    _save(store, votes, ids)
    reliability, posterior = store.holder_reliabilities(), store.truth_posteriors(ids)
    assert LocalTruth(store, _inputs()).run(set(), set()) == {}
    assert store.holder_reliabilities() == reliability and store.truth_posteriors(ids) == posterior


def test_local_truth_reads_only_the_claims_it_reaches(store: Store) -> None:
    """Two separate communities of holders: a change in one never recomputes the other's claims."""
    rng = random.Random(11)
    left = _votes(rng, range(100), 10)
    right = [
        v._replace(holder=v.holder.replace("source:h", "source:r")) for v in _votes(rng, range(100, 200), 10)
    ]
    ids = [f"claim:{c:04d}" for c in range(200)]
    _save(store, left + right, ids)
    changed = {"claim:0000"}
    flipped = [v._replace(sign=-v.sign) for v in left if v.claim_id in changed]
    store.put_truth_votes(changed, flipped, {c: (CLAIM_PRIOR, "") for c in changed})
    recomputed = LocalTruth(store, _inputs()).run(changed, {v.holder for v in flipped})
    assert changed <= recomputed.keys()
    assert not {c for c in recomputed if int(c.removeprefix("claim:")) >= 100}
