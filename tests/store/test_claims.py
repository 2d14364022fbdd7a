"""The claim tables: claims, members, stances, contradictions, verdicts and sources round-trip in
the order they were built; each `replace_*` replaces its table whole; claim ids resolve by prefix."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.model import (
    ActorRef,
    Claim,
    ClaimMember,
    Contradiction,
    Document,
    Evidence,
    FactRef,
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

A, B = "a" * 16, "b" * 16


@pytest.fixture
def stored(store: Store, make_doc: Callable[..., Document]) -> Store:
    store.add_documents([make_doc(A), make_doc(B)])
    return store


def _member(doc_id: str, polarity: int = 1, kind: str = "statement") -> ClaimMember:
    return ClaimMember(
        FactRef(kind, f"{kind}-{doc_id[:4]}", doc_id), polarity, Voice.OWN, Span(doc_id, 3, 9), "Outlet"
    )


def _claims() -> list[Claim]:
    return [
        Claim(
            "claim:bb01",
            "Iran struck targets in Diyala",
            subject=ActorRef("Iran", "country:iran"),
            relation="attack",
            object=ActorRef("targets"),
            place="Diyala",
            members=(_member(B), _member(A, -1, "event")),
        ),
        Claim("claim:aa02", "the talks ended", members=(_member(A, kind="sentence"),)),
        Claim("claim:aa03", "the envoy met the minister"),
    ]


def _stance(claim_id: str, doc_id: str, holder: str, label: StanceLabel = StanceLabel.AGREE) -> Stance:
    evidence = (Evidence(Span(doc_id, 0, 5), "Title", Voice.QUOTED, ("Outlet", holder)),)
    return Stance(claim_id, doc_id, holder, HolderKind.SPEAKER, label, 0.75, evidence, "person:x", "st1")


def test_claims_round_trip_in_built_order(stored: Store) -> None:
    claims = _claims()
    stored.replace_claims(claims)
    assert stored.list_claims() == claims  # not sorted by id: the order the corpus stage gave


def test_claim_order_is_list_claims_order_without_reading_members(stored: Store) -> None:
    """Stored against the order (ordinals reversed, a tie on counts broken by id): the database's
    counts give `list_claims`' order, which a rebuild's steps go through a batch at a time."""
    tie = Claim("claim:aa01", "the envoy left", members=(_member(B, kind="sentence"),))
    stored.replace_claims([*reversed(_claims()), tie])
    expected = ["claim:bb01", "claim:aa01", "claim:aa02", "claim:aa03"]
    assert [c.id for c in stored.list_claims()] == expected == stored.claim_order()
    assert stored.claim_texts(["claim:aa02", "claim:zz99"]) == {"claim:aa02": "the talks ended"}


def test_claims_replace_drops_what_was_built_on_the_old_claims(stored: Store) -> None:
    stored.replace_claims(_claims())
    stored.replace_stances([_stance("claim:aa02", A, "Ann")])
    stored.replace_contradictions(
        [Contradiction("c1", "claim:bb01", FactRef("event", "e", A), FactRef("event", "f", B), "no")]
    )
    stored.replace_verdicts([Verdict("claim:aa02", VerdictLabel.DISPUTED, 0.6, "why")], [])
    stored.replace_claims(_claims()[2:])
    assert [c.id for c in stored.list_claims()] == ["claim:aa03"]
    assert list(stored.iter_stances()) == []
    assert stored.list_contradictions() == [] and stored.list_verdicts() == {}


def test_claims_stances_keep_order_and_evidence(stored: Store) -> None:
    stored.replace_claims(_claims())
    stances = [
        _stance("claim:bb01", B, "Bo"),
        _stance("claim:aa02", A, "Ann", StanceLabel.DISAGREE),
        _stance("claim:bb01", A, "Al", StanceLabel.DISCUSS),
    ]
    stored.replace_stances(stances)
    # (claim, position within the claim) order; evidence with its chain and voice intact
    assert list(stored.iter_stances()) == [stances[1], stances[0], stances[2]]
    assert list(stored.iter_stances("claim:bb01")) == [stances[0], stances[2]]
    stored.replace_stances(stances[:1])
    assert list(stored.iter_stances()) == stances[:1]


def _contradiction(cid: str, claim_id: str) -> Contradiction:
    return Contradiction(
        cid, claim_id, FactRef("event", cid + "a", A), FactRef("statement", cid + "b", B), cid
    )


def test_claims_contradictions_replaced_per_claim(stored: Store) -> None:
    stored.replace_claims(_claims())
    first = [
        _contradiction("x1", "claim:aa02"),
        _contradiction("x2", "claim:bb01"),
        _contradiction("x3", "claim:aa02"),
    ]
    stored.replace_contradictions([*first, first[0]])  # a repeated id is stored once
    # claim order (bb01 was built first), then the rank within the claim
    assert [c.id for c in stored.list_contradictions()] == ["x2", "x1", "x3"]
    assert stored.list_contradictions("claim:aa02") == [first[0], first[2]]
    stored.replace_contradictions([_contradiction("y1", "claim:aa02")], claim_ids=["claim:aa02"])
    assert [c.id for c in stored.list_contradictions()] == ["x2", "y1"]  # bb01's stay


def test_claims_verdicts_and_sources(stored: Store) -> None:
    stored.replace_claims(_claims())
    verdict = Verdict("claim:bb01", VerdictLabel.CORROBORATED, 0.9, "three outlets agree")
    sources = [
        SourceReliability("Zeta", 0.8, 3),
        SourceReliability("Alpha", 0.4, 1),
        SourceReliability("Zeta", 0.1, 9),
    ]
    stored.replace_verdicts([verdict], sources)
    assert stored.list_verdicts() == {"claim:bb01": verdict}
    assert stored.list_sources() == sources[:2]  # most reliable first; a repeated name kept once
    stored.replace_verdicts([], [])
    assert stored.list_verdicts() == {} and stored.list_sources() == []


def test_claims_priors_replaced_whole(stored: Store) -> None:
    stored.replace_priors({"A": 0.2, "B": 0.7})
    stored.replace_priors({"B": 0.9})
    assert stored.source_priors() == {"B": 0.9}


def test_claims_get_by_id_or_unique_prefix(stored: Store) -> None:
    stored.replace_claims(_claims())
    assert stored.get_claim("claim:bb01").text == "Iran struck targets in Diyala"
    assert stored.get_claim(" BB ").id == "claim:bb01"  # "claim:" optional, case and spaces ignored
    assert stored.get_claim("aa03").id == "claim:aa03"
    with pytest.raises(ClaimgraphError) as ambiguous:
        stored.get_claim("aa")
    assert ambiguous.value.code == "E017" and "claim:aa02" in str(ambiguous.value)
    for missing in ("cc", ""):
        with pytest.raises(ClaimgraphError) as info:
            stored.get_claim(missing)
        assert info.value.code == "E016"


def test_claims_get_follows_a_renamed_claim(stored: Store) -> None:
    stored.replace_claims(_claims())
    stored.update_claims(_claims(), dropped=[], renames={"claim:old1": "claim:aa02"})
    assert stored.get_claim("claim:old1").id == "claim:aa02"
