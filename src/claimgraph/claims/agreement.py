"""How far two claim sets agree: an incremental store against a rebuild of the same documents.

Greedy clustering is order dependent, so batches may give other claims than a rebuild; these are
the measures the stated tolerance is in (docs/architecture.md, tests/claims/test_incremental.py,
benchmarks/claim_index.py). An evaluation helper, not a pipeline step: the pairwise measure
enumerates the fact pairs of each claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from claimgraph.model import Claim

Fact = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Agreement:
    ids: float  # Jaccard of the two sets of claim ids
    facts: float  # share of facts (members of either) held by the same claims in both
    pairwise_f1: float  # F1 of "these two facts are in one claim"
    identical: int  # claims made alike (id, text, key, members)
    claims: int  # claims of the reference


def _holders(claims: Sequence[Claim]) -> dict[Fact, set[str]]:
    out: dict[Fact, set[str]] = {}
    for c in claims:
        for m in c.members:
            out.setdefault((m.fact.kind, m.fact.id), set()).add(c.id)
    return out


def _pairs(claims: Sequence[Claim]) -> set[tuple[Fact, Fact]]:
    return {p for c in claims for p in combinations(sorted({(m.fact.kind, m.fact.id) for m in c.members}), 2)}


def identical_claims(ours: Sequence[Claim], reference: Sequence[Claim]) -> set[str]:
    """Ids of the reference's claims that `ours` made alike."""
    mine = {c.id: c for c in ours}
    return {c.id for c in reference if mine.get(c.id) == c}


def agreement(ours: Sequence[Claim], reference: Sequence[Claim]) -> Agreement:
    ids_a, ids_b = {c.id for c in ours}, {c.id for c in reference}
    held_a, held_b = _holders(ours), _holders(reference)
    facts = held_a.keys() | held_b.keys()
    pairs_a, pairs_b = _pairs(ours), _pairs(reference)
    both = len(pairs_a) + len(pairs_b)
    return Agreement(
        ids=len(ids_a & ids_b) / len(ids_a | ids_b) if ids_a | ids_b else 1.0,
        facts=sum(held_a.get(f) == held_b.get(f) for f in facts) / len(facts) if facts else 1.0,
        pairwise_f1=2 * len(pairs_a & pairs_b) / both if both else 1.0,
        identical=len(identical_claims(ours, reference)),
        claims=len(reference),
    )
