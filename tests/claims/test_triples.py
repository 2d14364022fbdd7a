"""Triple claims (`claims/triples.py`) from hand-built events and statements, without free text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest
from claim_inputs import IRN, PENTAGON, USA, doc, event, mention, named, statement  # tests/claims

from claimgraph.claims.drafts import finish
from claimgraph.claims.text import ActorTable
from claimgraph.claims.triples import triple_drafts, triple_members
from claimgraph.model import ActorMention, ActorRef, Claim, Document, DocumentAnalysis, Span, Voice


def triple_claims(documents: Sequence[Document], analyses: Sequence[DocumentAnalysis]) -> list[Claim]:
    """The claims the events alone make (build_claims adds the free-text side)."""
    table = ActorTable(analyses)
    return [finish(d, table) for d in triple_drafts(triple_members(documents, analyses, table), table)]


def test_triples_symmetric_pair_is_one_claim() -> None:
    a = doc("a", "Iran is cooperating militarily with the United States.")
    b = doc("b", "The United States and Iran cooperate on military operations.")
    analyses = [
        DocumentAnalysis("a", (IRN, USA), named(a), events=(event(a, IRN, "cooperate_militarily", USA),)),
        DocumentAnalysis("b", (IRN, USA), named(b), events=(event(b, USA, "cooperate", IRN),)),
    ]
    claims = triple_claims([a, b], analyses)
    assert len(claims) == 1
    assert claims[0].relation == "cooperate_militarily"
    assert {m.fact.doc_id for m in claims[0].members} == {"a", "b"}
    assert claims[0].text in (
        "Iran and United States cooperate militarily",
        "United States and Iran cooperate militarily",
    )


def test_triples_denial_joins_same_claim_with_negative_polarity() -> None:
    a = doc("a", "That is military cooperation between the United States and Iran.", "Blog")
    content = "we do not coordinate military action with Iran"
    b = doc("b", f"The Pentagon said {content}.", "Wire")
    analyses = [
        DocumentAnalysis("a", (IRN, USA), named(a), events=(event(a, USA, "cooperate_militarily", IRN),)),
        DocumentAnalysis(
            "b",
            (IRN, PENTAGON, USA),
            named(b),
            statements=(statement(b, "Pentagon", PENTAGON, "said", content),),
            events=(event(b, PENTAGON, "cooperate_militarily", IRN, "denied"),),
        ),
    ]
    claims = triple_claims([a, b], analyses)
    assert len(claims) == 1
    by_doc = {m.fact.doc_id: m for m in claims[0].members}
    assert by_doc["a"].polarity == 1 and by_doc["a"].holder == "Blog"
    assert by_doc["b"].polarity == -1 and by_doc["b"].holder == "Pentagon"
    assert by_doc["b"].fact.kind == "statement"


@pytest.mark.parametrize(
    ("content", "holder"),
    [
        ("there was no contact with Iran", "Pentagon"),  # the event's partner is in what was said
        ("the weather was fine", "Wire"),  # the statement says nothing of the event's participants
    ],
)
def test_triples_event_joins_a_statement_naming_its_participants(content: str, holder: str) -> None:
    d = doc("b", f"The Pentagon said {content}, a military matter.", "Wire")
    analysis = DocumentAnalysis(
        "b",
        (IRN, PENTAGON, USA),
        named(d),
        statements=(statement(d, "Pentagon", PENTAGON, "said", content),),
        events=(event(d, PENTAGON, "cooperate_militarily", IRN, "denied"),),
    )
    claims = triple_claims([d], [analysis])
    members = [m for c in claims for m in c.members if c.relation == "cooperate_militarily"]
    assert [(m.holder, m.polarity) for m in members] == [(holder, -1)]


def test_triples_subject_and_relation_alone_is_no_claim() -> None:
    """'Iran attacks' (no object, no place) is a fragment; with a place it is a claim."""
    a = doc("a", "Iran attacked overnight.")
    b = doc("b", "Iran attacked overnight in Basra.")
    placed = replace(event(b, IRN, "attack", None), place="Basra")
    analyses = [
        DocumentAnalysis("a", (IRN,), named(a), events=(event(a, IRN, "attack", None),)),
        DocumentAnalysis("b", (IRN,), named(b), events=(placed,)),
    ]
    claims = triple_claims([a, b], analyses)
    assert [c.text for c in claims] == ["Iran carries out attacks in Basra"]


def test_triples_denial_event_is_no_claim_of_its_own() -> None:
    a = doc("a", "Iran denied the United States report.")
    analyses = [DocumentAnalysis("a", (IRN, USA), named(a), events=(event(a, IRN, "deny", USA),))]
    assert triple_claims([a], analyses) == []


def test_triples_event_of_a_longer_place_name_makes_no_claim() -> None:
    a = doc("a", "New Iran sends aid to the United States.")
    e = replace(event(a, IRN, "provide_aid", USA), actor=ActorRef("New Iran", IRN.id))
    analyses = [DocumentAnalysis("a", (IRN, USA), named(a), events=(e,))]
    assert triple_claims([a], analyses) == []


def test_triples_actor_named_only_by_longer_place_names_makes_no_claim() -> None:
    a = doc("a", "Officials in New Iran said the United States sends aid to Iran.")
    start = a.text.index("New Iran")
    mentions = (
        ActorMention(IRN.id, "New Iran", Span("a", start, start + 8), Voice.OWN),
        mention(a, USA, "United States"),
    )
    analyses = [DocumentAnalysis("a", (IRN, USA), mentions, events=(event(a, USA, "provide_aid", IRN),))]
    assert triple_claims([a], analyses) == []
