"""Stances on built claims: what each holder's body is, with a fake stance model (hand-built inputs)."""

from __future__ import annotations

import pytest

from claimgraph.claims.assign import assign_stances
from claimgraph.model import (
    ActorRef,
    Claim,
    ClaimMember,
    Document,
    DocumentAnalysis,
    FactRef,
    HolderKind,
    Segment,
    Span,
    Speaker,
    StanceLabel,
    Statement,
    Voice,
)

CLAIM_TEXT = "United States and Iran cooperate militarily"
QUOTE = "we do not coordinate military action with Iran"
OWN = "It happened: the United States and Iran cooperate militarily in Iraq."
GUARDIAN = "The Guardian reported that Iran and the United States cooperate militarily."


def blog() -> tuple[Document, DocumentAnalysis, Claim]:
    """A blog quoting a denial, asserting in its own voice, and reproducing another outlet."""
    text = f"The State Department said {QUOTE}. {OWN}\n\n{GUARDIAN}"
    g0 = text.index(GUARDIAN)
    segments = (Segment(Voice.OWN, 0, g0 - 2), Segment(Voice.QUOTED, g0, len(text), source="The Guardian"))
    d = Document("blog", "blog.html", "html", text, segments, None, "Watchtower")
    q0 = text.index(QUOTE)
    st = Statement(
        "s1",
        d.id,
        Voice.OWN,
        Speaker("State Department", "government_body:state", None),
        None,
        ("Watchtower", "State Department"),
        "said",
        QUOTE,
        False,
        Span(d.id, 0, q0 + len(QUOTE) + 1),
        None,
        None,
        Span(d.id, q0, q0 + len(QUOTE)),
    )
    member = ClaimMember(FactRef("statement", "s1", d.id), -1, Voice.OWN, st.content_span, "State Department")
    claim = Claim(
        "claim:x",
        CLAIM_TEXT,
        ActorRef("United States", "country:usa"),
        "cooperate_militarily",
        ActorRef("Iran", "country:irn"),
        None,
        (member,),
    )
    return d, DocumentAnalysis(d.id, statements=(st,)), claim


def test_each_holder_is_judged_on_its_own_words(fake_stance_model: type) -> None:
    d, analysis, claim = blog()
    model = fake_stance_model("agree")
    stances = assign_stances([claim], [d], [analysis], stance_model=model)
    bodies = [body for _, body in model.pairs]
    # The outlet's body is its own voice only: never the other outlet's reproduced paragraph.
    assert GUARDIAN not in bodies[0] and OWN in bodies[0]
    assert QUOTE in bodies[1] and bodies[2] == GUARDIAN
    assert [(s.holder, s.holder_kind) for s in stances] == [
        ("Watchtower", HolderKind.SOURCE),
        ("State Department", HolderKind.SPEAKER),
        ("The Guardian", HolderKind.SPEAKER),
    ]
    speaker = stances[1]
    assert speaker.statement_id == "s1" and speaker.actor_id == "government_body:state"
    assert speaker.evidence[0].text == QUOTE
    assert speaker.evidence[0].chain == ("Watchtower", "State Department")
    assert stances[2].evidence[0].voice == Voice.QUOTED
    assert stances[2].evidence[0].chain == ("Watchtower", "The Guardian")


@pytest.mark.parametrize("label", ["agree", "disagree", "discuss"])
def test_the_models_label_is_the_stance_of_outlets(label: str, fake_stance_model: type) -> None:
    d, analysis, claim = blog()
    stances = assign_stances([claim], [d], [analysis], stance_model=fake_stance_model(label))
    outlets = [s for s in stances if s.statement_id is None]
    assert len(outlets) == 2 and {s.stance for s in outlets} == {StanceLabel(label)}
    # without debunking or hedging words the body layer follows a sure model; score = its share
    assert all(0.5 < s.score <= 1.0 for s in outlets)


def test_a_negated_statement_is_read_by_the_statement_layer(fake_stance_model: type) -> None:
    """The cross-encoder says agree to "we do not coordinate military action with Iran"; the
    learned statement layer (trained on Emergent headlines) reads the negation."""
    d, analysis, claim = blog()
    stances = assign_stances([claim], [d], [analysis], stance_model=fake_stance_model("agree"))
    [speaker] = [s for s in stances if s.statement_id == "s1"]
    assert speaker.stance == StanceLabel.DISAGREE


def test_unrelated_holders_take_no_position(fake_stance_model: type) -> None:
    d, analysis, claim = blog()
    assert assign_stances([claim], [d], [analysis], stance_model=fake_stance_model("unrelated")) == []


def test_documents_that_do_not_mention_the_claim_are_not_judged(fake_stance_model: type) -> None:
    d, analysis, claim = blog()
    other_text = "Floods closed three roads in the north on Tuesday, officials said."
    other = Document(
        "other", "o.txt", "text", other_text, (Segment(Voice.OWN, 0, len(other_text)),), None, "Wire"
    )
    model = fake_stance_model("agree")
    stances = assign_stances([claim], [d, other], [analysis], stance_model=model)
    assert {s.doc_id for s in stances} == {"blog"}
    assert all("Floods" not in body for _, body in model.pairs)


def test_candidate_finder_bounds_the_documents_read(fake_stance_model: type) -> None:
    d, analysis, claim = blog()
    claim = Claim(claim.id, claim.text, claim.subject, claim.relation, claim.object)  # no members
    stances = assign_stances(
        [claim], [d], [analysis], stance_model=fake_stance_model("agree"), candidates=lambda c: []
    )
    assert stances == []


@pytest.mark.parametrize("text", ["", "   ", "Iran."])
def test_bad_documents_give_no_stance(text: str, fake_stance_model: type) -> None:
    """Empty text has no passages; one word cannot cover a two-word claim: nothing to judge."""
    d = Document("d", "d.txt", "text", text, (Segment(Voice.OWN, 0, len(text)),) if text.strip() else ())
    claim = Claim("claim:y", "Iran attacks", members=())
    assert (
        assign_stances([claim], [d], [DocumentAnalysis("d")], stance_model=fake_stance_model("agree")) == []
    )
