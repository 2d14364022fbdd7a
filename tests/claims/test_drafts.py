"""Claim drafts (`claims/drafts.py`): one member per fact, stable ids, finished claims in text order."""

from __future__ import annotations

from claimgraph.claims.drafts import Draft, add_member, claim_id, finish
from claimgraph.claims.text import ActorTable
from claimgraph.model import Actor, ActorRef, ClaimMember, DocumentAnalysis, FactRef, Span, Voice

IRN = Actor("country:irn", "Iran", "country")


def member(kind: str, fact_id: str, polarity: int, doc_id: str = "a", start: int = 0) -> ClaimMember:
    return ClaimMember(
        FactRef(kind, fact_id, doc_id), polarity, Voice.OWN, Span(doc_id, start, start + 10), "W"
    )


def draft() -> Draft:
    return Draft(
        ("triple", IRN.id, "attack", None, "basra"), IRN.id, "attack", None, "Basra", {}, "Iran attacks"
    )


def test_drafts_a_denial_of_the_same_fact_outweighs_its_assertion() -> None:
    for first, second in ((1, -1), (-1, 1), (0, -1)):
        d = draft()
        add_member(d, member("event", "e1", first))
        add_member(d, member("event", "e1", second))
        assert [m.polarity for m in d.members.values()] == [min(first, second)]


def test_drafts_a_sentence_overlapping_a_member_of_its_document_is_not_added() -> None:
    d = draft()
    add_member(d, member("sentence", "a:0-10", 1))
    add_member(d, member("sentence", "a:5-15", -1, start=5))  # overlaps the first, same document
    add_member(d, member("sentence", "b:5-15", 1, doc_id="b", start=5))  # another document
    add_member(d, member("event", "e1", 1, start=5))  # only sentences are checked for overlap
    assert sorted(d.members) == [("event", "e1"), ("sentence", "a:0-10"), ("sentence", "b:5-15")]


def test_drafts_claim_id_hashes_the_key() -> None:
    key = ("triple", IRN.id, "attack", None, "basra")
    assert claim_id(key) == claim_id(tuple(key)) and claim_id(key).startswith("claim:")
    assert len(claim_id(key)) == len("claim:") + 16
    assert claim_id(key) != claim_id(("triple", IRN.id, "attack", None, None))


def test_drafts_finish_names_actors_and_orders_members() -> None:
    d = draft()
    for m in (
        member("event", "e2", 1, "b", 0),
        member("event", "e1", 1, "a", 30),
        member("event", "e0", 1, "a", 3),
    ):
        add_member(d, m)
    claim = finish(d, ActorTable([DocumentAnalysis("a", (IRN,))]))
    assert claim.id == claim_id(d.key) and claim.text == "Iran attacks" and claim.place == "Basra"
    assert claim.subject == ActorRef("Iran", IRN.id) and claim.object is None
    assert [m.fact.id for m in claim.members] == ["e0", "e1", "e2"]
