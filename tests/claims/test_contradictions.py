"""Contradictions on hand-built claims and analyses."""

from __future__ import annotations

import pytest

from claimgraph.claims.contradictions import find_contradictions
from claimgraph.model import (
    ActorRef,
    Claim,
    ClaimMember,
    DocumentAnalysis,
    Event,
    FactRef,
    Span,
    Speaker,
    Statement,
    Voice,
)
from claimgraph.settings import ContradictionSettings


def member(
    doc: str, fid: str, polarity: int, holder: str, kind: str = "statement", start: int = 0
) -> ClaimMember:
    return ClaimMember(FactRef(kind, fid, doc), polarity, Voice.OWN, Span(doc, start, start + 10), holder)


def claim(*members: ClaimMember, relation: str = "cooperate_militarily") -> Claim:
    return Claim(
        "claim:c",
        "United States and Iran cooperate militarily",
        ActorRef("United States", "country:usa"),
        relation,
        ActorRef("Iran", "country:irn"),
        None,
        members,
    )


def test_contradictions_opposite_polarity_with_reason() -> None:
    c = claim(member("a", "e1", 1, "Gulf Ledger", "event"), member("b", "s1", -1, "Bernadette Meehan"))
    [found] = find_contradictions([c], [])
    assert (found.a.id, found.b.id, found.claim_id) == ("e1", "s1", "claim:c")
    assert found.reason == "Gulf Ledger asserts, and Bernadette Meehan denies, that " + c.text


def test_contradictions_same_polarity_is_none() -> None:
    assert find_contradictions([claim(member("a", "e1", 1, "A"), member("b", "e2", 1, "B"))], []) == []
    assert find_contradictions([claim(member("a", "e1", 0, "A"), member("b", "e2", -1, "B"))], []) == []


def test_contradictions_capped_cross_document_first_and_deterministic() -> None:
    members = [member(f"d{k}", f"s{k}", 1 if k % 2 else -1, f"holder{k}") for k in range(20)]
    members.append(member("d1", "x", -1, "holder1", start=50))  # same document and holder as s1
    c = claim(*members)
    found = find_contradictions([c], [])
    assert len(found) == ContradictionSettings().max_per_claim
    assert len(find_contradictions([c], [], ContradictionSettings(max_per_claim=2))) == 2
    one_each = find_contradictions([c], [], ContradictionSettings(max_per_side=1))
    assert len(one_each) == 1  # one asserting and one denying member compared
    assert all(x.a.doc_id != x.b.doc_id for x in found)
    assert [x.id for x in found] == [x.id for x in find_contradictions([c], [])]
    assert len({(x.a.id, x.b.id) for x in found}) == len(found)


def statement(doc: str, sid: str, content: str) -> Statement:
    span = Span(doc, 0, len(content))
    return Statement(
        sid,
        doc,
        Voice.OWN,
        Speaker("X", None, None),
        None,
        (),
        "said",
        content,
        False,
        span,
        None,
        None,
        span,
    )


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("up to 2,000 troops will deploy", "some 500 soldiers will deploy", "2,000 troops"),
        ("up to 275 US military personnel", "up to 300 military advisers", None),  # different units
        ("up to 275 US military personnel", "275 American troops could go", None),  # same count
    ],
)
def test_contradictions_numbers(first: str, second: str, expected: str | None) -> None:
    analyses = [
        DocumentAnalysis("a", statements=(statement("a", "s1", first),)),
        DocumentAnalysis("b", statements=(statement("b", "s2", second),)),
    ]
    c = claim(member("a", "s1", 1, "A"), member("b", "s2", 1, "B"), relation="deploy_forces")
    found = find_contradictions([c], analyses)
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0].reason


def event(doc: str, eid: str, date: str) -> Event:
    span = Span(doc, 0, 10)
    return Event(
        eid,
        doc,
        Voice.OWN,
        ActorRef("Iran", "country:irn"),
        "airstrike",
        None,
        None,
        None,
        date,
        "asserted",
        "Iranian jets struck.",
        span,
    )


def test_contradictions_dates_of_one_off_event() -> None:
    analyses = [
        DocumentAnalysis("a", events=(event("a", "e1", "2014-12-01"),)),
        DocumentAnalysis("b", events=(event("b", "e2", "2014-12-02"),)),
    ]
    c = claim(member("a", "e1", 1, "A", "event"), member("b", "e2", 1, "B", "event"), relation="airstrike")
    [found] = find_contradictions([c], analyses)
    assert "2014-12-01" in found.reason and "2014-12-02" in found.reason


def test_contradictions_empty() -> None:
    assert find_contradictions([], []) == []
    assert find_contradictions([Claim("claim:e", "nothing")], []) == []
