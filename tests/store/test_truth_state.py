"""The truth-discovery state (`store/truth_state.py`) on SQLite and PostgreSQL: votes per claim and
holder, posteriors and stance digests, holders' priors, the M-step sums, and the reads incremental
verdicts make by claim or holder."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.model import (
    Claim,
    Document,
    Evidence,
    HolderKind,
    SourceReliability,
    Span,
    Stance,
    StanceLabel,
    Verdict,
    VerdictLabel,
    Voice,
)
from claimgraph.store import Store
from claimgraph.store.truth_state import StoredVote

A, B = "a" * 16, "b" * 16


def _stance(claim_id: str, doc_id: str, label: StanceLabel = StanceLabel.AGREE, score: float = 0.9) -> Stance:
    evidence = (Evidence(Span(doc_id, 0, 5), "Title", Voice.OWN),)
    return Stance(claim_id, doc_id, "Test Outlet", HolderKind.SOURCE, label, score, evidence)


@pytest.fixture
def stored(store: Store, make_doc: Callable[..., Document]) -> Store:
    store.add_documents([make_doc(A), make_doc(B)])
    store.replace_claims([Claim("claim:c1", "one"), Claim("claim:c2", "two"), Claim("claim:c3", "three")])
    store.replace_stances([_stance("claim:c1", A), _stance("claim:c1", B), _stance("claim:c2", A)])
    votes = [
        StoredVote("claim:c1", "source:x", 1, 1.0, 0.5, (A,)),
        StoredVote("claim:c1", "source:y", -1, 0.5, 1.0, (B,)),
        StoredVote("claim:c2", "source:x", -1, 0.8, 1.0, (A, B)),
    ]
    claims = {"claim:c1": (0.8, "d1"), "claim:c2": (0.25, "d2"), "claim:c3": (0.5, "")}
    store.put_truth_votes((), votes, claims)
    store.put_holder_reliabilities({"source:x": 0.7, "source:y": 0.6})
    store.put_truth_holders({"source:x": (0.7, 0.7), "source:y": (0.9, 0.6)})
    return store


def test_truth_state_votes_posteriors_and_digests_round_trip(stored: Store) -> None:
    votes = stored.truth_votes(["claim:c1", "claim:c2", "claim:c3"])
    assert set(votes) == {"claim:c1", "claim:c2"}
    assert [v.holder for v in votes["claim:c1"]] == ["source:x", "source:y"]
    assert votes["claim:c2"][0] == StoredVote("claim:c2", "source:x", -1, 0.8, 1.0, (A, B))
    assert stored.truth_posteriors(["claim:c1", "claim:c3"]) == {"claim:c1": 0.8, "claim:c3": 0.5}
    assert stored.truth_digests(["claim:c1", "claim:c9"]) == {"claim:c1": "d1"}
    stored.put_truth_posteriors({"claim:c1": 0.6})
    assert stored.truth_posteriors(["claim:c1"]) == {"claim:c1": 0.6}
    assert stored.claims_voted_by(["source:x"]) == {"claim:c1", "claim:c2"}
    assert stored.claims_voted_by(["source:y"]) == {"claim:c1"}
    assert stored.heard_documents(["source:x", "source:z"]) == {"source:x": {A, B}}


def test_truth_state_holder_sums_are_the_m_step_over_stored_posteriors(stored: Store) -> None:
    sums = stored.holder_sums(["source:x", "source:y", "source:z"])
    assert sums["source:x"] == pytest.approx((1.8, 1.0 * 0.8 + 0.8 * (1 - 0.25)))
    assert sums["source:y"] == pytest.approx((0.5, 0.5 * (1 - 0.8)))
    assert "source:z" not in sums


def test_truth_state_replacing_a_claims_votes_leaves_the_others(stored: Store) -> None:
    stored.put_truth_votes(["claim:c1"], [StoredVote("claim:c1", "source:z", 1, 1.0, 1.0, ())], {})
    assert [v.holder for v in stored.truth_votes(["claim:c1"])["claim:c1"]] == ["source:z"]
    assert stored.truth_posteriors(["claim:c1", "claim:c2"]) == {"claim:c2": 0.25}  # c1's row went too
    assert stored.claims_voted_by(["source:y"]) == set()


def test_truth_state_holders_priors_and_reliabilities(stored: Store) -> None:
    assert stored.truth_holders(["source:x", "source:q"]) == {"source:x": (0.7, 0.7)}
    assert stored.holders_with_prior_other_than(0.7) == {"source:y": 0.9}
    stored.update_reliabilities({"source:x": 0.65}, dropped=["source:y"])
    assert stored.holder_reliabilities() == {"source:x": 0.65}
    assert stored.reliabilities_of(["source:x", "source:y"]) == {"source:x": 0.65}
    assert stored.truth_holders(["source:y"]) == {}
    assert stored.has_truth_state()
    stored.clear_truth_state()
    assert not stored.has_truth_state()  # claims, but no posterior kept: a full step first


def test_stance_digests_change_with_the_stances_only(stored: Store) -> None:
    before = stored.stance_digests()
    assert set(before) == {"claim:c1", "claim:c2"}
    assert stored.stance_digests(["claim:c1"]) == {"claim:c1": before["claim:c1"]}
    stances = stored.stances_of(["claim:c1", "claim:c3"])
    assert [s.doc_id for s in stances["claim:c1"]] == [A, B] and stances["claim:c3"] == []
    stored.replace_stances(
        [_stance("claim:c1", A), _stance("claim:c1", B), _stance("claim:c2", A, score=0.8)]
    )
    after = stored.stance_digests()
    assert after["claim:c1"] == before["claim:c1"] and after["claim:c2"] != before["claim:c2"]
    assert stored.claims_with_stances_on([B]) == {"claim:c1"}


def test_put_verdicts_replaces_only_the_claims_named(stored: Store) -> None:
    one = Verdict("claim:c1", VerdictLabel.CORROBORATED, 0.9, "x")
    two = Verdict("claim:c2", VerdictLabel.DENIED, 0.8, "y")
    stored.replace_verdicts([one, two], [SourceReliability("Test Outlet", 0.7, 2)])
    newer = Verdict("claim:c1", VerdictLabel.DISPUTED, 0.6, "z")
    stored.put_verdicts([newer], ["claim:c1", "claim:c3"])
    assert stored.list_verdicts() == {"claim:c1": newer, "claim:c2": two}
    stored.put_verdicts([], ["claim:c2"])
    assert stored.list_verdicts() == {"claim:c1": newer}
    stored.replace_sources([SourceReliability("B", 0.8, 1), SourceReliability("A", 0.6, 3)])
    assert [s.name for s in stored.list_sources()] == ["B", "A"]
    assert stored.existing_claims(["claim:c1", "claim:zz"]) == {"claim:c1"}
    assert stored.near_dup_groups_of([A]) == {}
    stored.set_near_dup_group("g1", [A, B])
    assert stored.near_dup_groups_of([A]) == {A: "g1", B: "g1"}
    assert stored.claims_heard_from(["test outlet"]) == set()  # a source, not a quoted speaker


def test_claims_heard_from_quoted_speakers_by_holder_key(stored: Store) -> None:
    quoted = [
        Stance("claim:c2", A, "The Cedar Observer", HolderKind.SPEAKER, StanceLabel.AGREE, 0.8),
        Stance("claim:c3", B, "Ann Lee", HolderKind.SPEAKER, StanceLabel.AGREE, 0.8),
    ]
    stored.replace_stances([_stance("claim:c1", A), *quoted])
    assert stored.claims_heard_from(["cedar observer"]) == {"claim:c2"}
    assert stored.claims_heard_from(["cedar observer", "ann lee"]) == {"claim:c2", "claim:c3"}
    assert stored.claims_heard_from(["test outlet"]) == stored.claims_heard_from([]) == set()
