"""Settled claims (`claims.settled`): what an incremental run grows instead of rebuilding."""

from __future__ import annotations

from claimgraph.claims.settled import key_pairs, triple_pairs
from claimgraph.model import ActorRef, Claim

IRAN, IRAQ = "country:irn", "country:irq"


def test_pairs_of_a_claim() -> None:
    triple = Claim("claim:t", "t", ActorRef("Iran", IRAN), "attack", ActorRef("targets"))  # object unresolved
    assert triple_pairs(triple) == {(IRAN, "attack")}
    both = Claim("claim:u", "u", ActorRef("Iran", IRAN), "attack", ActorRef("Iraq", IRAQ))
    assert triple_pairs(both) == {(IRAN, "attack"), (IRAQ, "attack")}
    assert triple_pairs(Claim("claim:f", "the talks ended")) == set()
    assert key_pairs((IRAN, "attack", IRAQ)) == triple_pairs(both)
    assert key_pairs((IRAN, "attack", None)) == {(IRAN, "attack")}
