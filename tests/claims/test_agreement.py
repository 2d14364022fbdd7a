"""How far two claim sets agree (claims/agreement.py): the measures the incremental claims step's
tolerance against a rebuild is stated in. Every expected figure below is counted by hand from
the claims' member facts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimgraph.claims.agreement import Agreement, agreement, identical_claims
from claimgraph.model import Claim, ClaimMember, FactRef, Span, Voice


def _claim(claim_id: str, *facts: str) -> Claim:
    members = tuple(
        ClaimMember(FactRef("sentence", f, "d"), 1, Voice.OWN, Span("d", k, k + 1), "X")
        for k, f in enumerate(facts)
    )
    return Claim(claim_id, claim_id, members=members)


REFERENCE = [_claim("claim:a", "1", "2", "3"), _claim("claim:b", "4", "5")]


def test_identical_builds_agree_fully() -> None:
    assert agreement(REFERENCE, REFERENCE) == Agreement(1.0, 1.0, 1.0, 2, 2)
    assert identical_claims(REFERENCE, REFERENCE) == {"claim:a", "claim:b"}


def test_a_fact_moved_between_claims() -> None:
    moved = [_claim("claim:a", "1", "2"), _claim("claim:b", "3", "4", "5")]
    found = agreement(moved, REFERENCE)
    assert found.ids == 1.0 and found.identical == 0 and found.claims == 2
    assert found.facts == pytest.approx(4 / 5)  # fact 3 is held by another claim
    # ours: (1,2) (3,4) (3,5) (4,5); reference: (1,2) (1,3) (2,3) (4,5); shared: (1,2) and (4,5)
    assert found.pairwise_f1 == pytest.approx(2 * 2 / (4 + 4))


def test_disjoint_builds_agree_on_nothing() -> None:
    found = agreement([_claim("claim:c", "6", "7")], REFERENCE)
    assert found == Agreement(0.0, 0.0, 0.0, 0, 2)


def test_same_grouping_under_other_ids() -> None:
    """Pairs do not depend on claim ids; ids and facts-held-alike do."""
    renamed = [_claim("claim:x", "1", "2", "3"), _claim("claim:y", "4", "5")]
    found = agreement(renamed, REFERENCE)
    assert found.ids == 0.0 and found.facts == 0.0 and found.identical == 0
    assert found.pairwise_f1 == 1.0


def test_empty_builds() -> None:
    assert agreement([], []) == Agreement(1.0, 1.0, 1.0, 0, 0)
    # nothing built against two claims: no id, fact or pair in common (4 reference pairs)
    assert agreement([], REFERENCE) == Agreement(0.0, 0.0, 0.0, 0, 2)
    assert agreement(REFERENCE, []) == Agreement(0.0, 0.0, 0.0, 0, 0)


def test_single_fact_claims_have_no_pairs() -> None:
    singles = [_claim("claim:a", "1"), _claim("claim:b", "2")]
    assert agreement(singles, singles).pairwise_f1 == 1.0
    assert agreement(singles, [_claim("claim:a", "1", "2")]).pairwise_f1 == 0.0  # 0 of 1 pair


def test_a_fact_in_two_claims() -> None:
    ours = [_claim("claim:a", "1", "2"), _claim("claim:b", "2", "3")]
    reference = [_claim("claim:a", "1", "2"), _claim("claim:b", "3")]
    found = agreement(ours, reference)
    assert found.ids == 1.0
    assert found.facts == pytest.approx(2 / 3)  # fact 2: {a, b} against {a}
    assert found.pairwise_f1 == pytest.approx(2 * 1 / (2 + 1))  # (1,2) shared; (2,3) ours only
    assert found.identical == 1 and identical_claims(ours, reference) == {"claim:a"}


def test_identical_needs_the_same_text_too() -> None:
    retold = [replace(REFERENCE[0], text="another wording"), REFERENCE[1]]
    assert identical_claims(retold, REFERENCE) == {"claim:b"}
    assert agreement(retold, REFERENCE).facts == 1.0  # the same facts held alike
