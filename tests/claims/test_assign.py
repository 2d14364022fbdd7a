"""Stance assignment with a fake stance model (hand-built inputs), plus the example corpus end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.claims.assign import assign_stances
from claimgraph.claims.text import polarity_on
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


def blog() -> tuple[Document, DocumentAnalysis, Claim]:
    """A blog quoting a denial in a blockquote-free statement, then asserting in its own voice."""
    quote = "we do not coordinate military action with Iran"
    own = "It's not only possible, it happened: the United States and Iran cooperate militarily."
    text = f"The State Department said {quote}. {own}"
    d = Document("blog", "blog.html", "html", text, (Segment(Voice.OWN, 0, len(text)),), None, "Watchtower")
    q0 = text.index(quote)
    st = Statement(
        "s1",
        d.id,
        Voice.OWN,
        Speaker("State Department", "government_body:state", None),
        None,
        ("Watchtower", "State Department"),
        "said",
        quote,
        False,
        Span(d.id, 0, q0 + len(quote) + 1),
        None,
        None,
        Span(d.id, q0, q0 + len(quote)),
    )
    o0 = text.index(own)
    members = (
        ClaimMember(FactRef("statement", "s1", d.id), -1, Voice.OWN, st.content_span, "State Department"),
        ClaimMember(FactRef("event", "e1", d.id), 1, Voice.OWN, Span(d.id, o0, o0 + len(own)), "Watchtower"),
    )
    claim = Claim(
        "claim:x",
        CLAIM_TEXT,
        ActorRef("United States", "country:usa"),
        "cooperate_militarily",
        ActorRef("Iran", "country:irn"),
        None,
        members,
    )
    return d, DocumentAnalysis(d.id, statements=(st,)), claim


def test_assign_quoted_denial_is_not_the_outlets_stance(fake_stance_model: type) -> None:
    d, analysis, claim = blog()
    stances = assign_stances([claim], [d], [analysis], stance_model=fake_stance_model("discuss"))
    source = [s for s in stances if s.holder_kind == HolderKind.SOURCE]
    speakers = [s for s in stances if s.holder_kind == HolderKind.SPEAKER]
    assert len(source) == 1 and source[0].stance == StanceLabel.AGREE and source[0].holder == "Watchtower"
    assert all(e.voice == Voice.OWN and "do not coordinate" not in e.text for e in source[0].evidence)
    assert [(s.holder, s.stance, s.statement_id) for s in speakers] == [
        ("State Department", StanceLabel.DISAGREE, "s1")
    ]
    assert speakers[0].evidence[0].text == "we do not coordinate military action with Iran"


def test_assign_source_body_excludes_attributed_text(fake_stance_model: type) -> None:
    d, analysis, claim = blog()
    model = fake_stance_model("discuss")
    assign_stances([claim], [d], [analysis], stance_model=model)
    source_body = model.pairs[0][1]
    assert source_body.startswith("It's not only possible") and "State Department" not in source_body


@pytest.mark.parametrize(
    ("model_label", "expected"), [("disagree", StanceLabel.DISCUSS), ("agree", StanceLabel.DISCUSS)]
)
def test_assign_document_that_only_quotes_is_discuss(
    model_label: str, expected: StanceLabel, fake_stance_model: type
) -> None:
    d, analysis, claim = blog()
    text = d.text[: d.text.index(" It's")]
    d = Document(d.id, d.uri, d.format, text, (Segment(Voice.OWN, 0, len(text)),), None, "Wire")
    claim = Claim(claim.id, claim.text, claim.subject, claim.relation, claim.object, None, claim.members[:1])
    stances = assign_stances([claim], [d], [analysis], stance_model=fake_stance_model(model_label))
    assert [s.stance for s in stances if s.holder_kind == HolderKind.SOURCE] == [expected]


def test_assign_one_source_stance_per_claim_and_document(fake_stance_model: type) -> None:
    d, analysis, claim = blog()
    other = Document("other", "o.txt", "text", "Oil prices fell.", (Segment(Voice.OWN, 0, 16),), None, "Oil")
    stances = assign_stances(
        [claim, claim], [d, other], [analysis], stance_model=fake_stance_model("discuss")
    )
    keys = [(s.claim_id, s.doc_id) for s in stances if s.holder_kind == HolderKind.SOURCE]
    assert keys == [("claim:x", "blog"), ("claim:x", "blog")]  # the unrelated document gets none


@pytest.mark.parametrize(
    "text",
    ["", "Yes.", "Die Vereinigten Staaten und Iran arbeiten militärisch zusammen, sagte er am Montag."],
)
def test_assign_bad_input_does_not_crash(text: str, fake_stance_model: type) -> None:
    segments = (Segment(Voice.OWN, 0, len(text)),) if text else ()
    d = Document("d", "d.txt", "text", text, segments, None, "Outlet")
    claim = Claim("claim:y", CLAIM_TEXT)
    stances = assign_stances([claim], [d], [DocumentAnalysis("d")], stance_model=fake_stance_model("discuss"))
    assert all(s.stance in (StanceLabel.UNRELATED, StanceLabel.DISCUSS) for s in stances)
    assert assign_stances([claim], [], [], stance_model=fake_stance_model("discuss")) == []


STANCE_DIR = Path(__file__).resolve().parents[2] / "src" / "claimgraph" / "models" / "stance"
EMBED_DIR = Path(__file__).resolve().parents[2] / "src" / "claimgraph" / "models" / "embed"


def test_assign_real_model_one_word_body_is_not_enough_text() -> None:
    if not (STANCE_DIR / "model.int8.onnx").is_file():
        pytest.skip("stance model files absent")
    from claimgraph.claims.stance import StanceModel

    text = "Yes."
    d = Document("d", "d.txt", "text", text, (Segment(Voice.OWN, 0, len(text)),), None, "Outlet")
    claim = Claim(
        "claim:y",
        CLAIM_TEXT,
        members=(
            ClaimMember(FactRef("sentence", "d:0-4", "d"), 1, Voice.COMMENT, Span("d", 0, 4), "someone"),
        ),
    )
    [stance] = assign_stances([claim], [d], [DocumentAnalysis("d")], stance_model=StanceModel.load())
    assert stance.stance == StanceLabel.UNRELATED and stance.evidence == ()


@pytest.mark.slow
def test_assign_example_corpus_own_voice_stances() -> None:
    """Issue 4's target: every gold document's own-voice stance on the gold claim is right."""
    if not (STANCE_DIR / "model.int8.onnx").is_file() or not (EMBED_DIR / "model.int8.onnx").is_file():
        pytest.skip("model files absent")
    from claimgraph.claims import evaluate_corpus_stances

    result = evaluate_corpus_stances()
    assert result["matched_claim"] is not None and "cooperate militarily" in result["matched_claim"]
    assert result["right"] == len(result["documents"]), result["documents"]


@pytest.mark.parametrize(
    ("text", "relation", "expected"),
    [
        ("Washington is not coordinating its operations with Tehran", "cooperate_militarily", -1),
        ("they did not work together", "cooperate_militarily", -1),
        # the negation denies coordination, not the deployment named later
        (
            "the US is not coordinating military operations with Iran in Iraq, while US forces advise",
            "deploy_forces",
            1,
        ),
        ("that he had rejected an American request", "reject", 1),  # a rejection asserts itself
        ("he did not reject the request", "reject", -1),
        ("it is sending up to 300 military advisers but no combat troops", "deploy_forces", 1),
        ("We will not be sending U.S. troops back into combat", "deploy_forces", -1),
        ("an outcome that was ruled out", "cooperate", -1),
    ],
)
def test_assign_polarity_on_scopes_negation_to_the_relation(text: str, relation: str, expected: int) -> None:
    assert polarity_on(text, relation) == expected


def _deployment_doc(own: str, said: str) -> tuple[Document, DocumentAnalysis, Claim]:
    """A page with one own sentence and one White House statement, against a US deployment claim."""
    from claimgraph.model import Actor, ActorMention, Event

    text = f"{own} The White House said {said}."
    d = Document("dp", "dp.txt", "text", text, (Segment(Voice.OWN, 0, len(text)),), None, "Dispatch")
    usa, irq = Actor("country:usa", "United States", "country"), Actor("country:irq", "Iraq", "country")
    mentions = tuple(
        ActorMention(actor.id, word, Span(d.id, k, k + len(word)), Voice.OWN)
        for actor, word in ((usa, "American"), (usa, "United States"), (irq, "Iraqi"))
        for k in [text.find(word)]
        if k >= 0
    )
    own_span = Span(d.id, 0, len(own))
    iraqi = Event("e1", d.id, Voice.OWN, ActorRef("Iraqi", irq.id), "deploy_forces", None, None, None, None,
                  "asserted", own, own_span)  # fmt: skip
    c0 = text.index(said)
    st = Statement("s1", d.id, Voice.OWN, Speaker("The White House", None, None), None, ("The White House",),
                   "said", said, False, Span(d.id, len(own) + 1, len(text)), None, None,
                   Span(d.id, c0, c0 + len(said)))  # fmt: skip
    analysis = DocumentAnalysis(d.id, (irq, usa), mentions, statements=(st,), events=(iraqi,))
    claim = Claim("claim:d", "United States deploys forces in Iraq", ActorRef("United States", usa.id),
                  "deploy_forces", None, "Iraq", ())  # fmt: skip
    return d, analysis, claim


@pytest.mark.parametrize(
    ("said", "model_label", "expected"),
    [
        ("the United States is not coordinating operations, pushing back on talk of joint forces", "disagree",
         StanceLabel.DISCUSS),  # denies coordination, not the deployment
        ("the United States is not sending forces", "disagree", StanceLabel.DISAGREE),
        ("the United States is sending forces", "agree", StanceLabel.AGREE),
    ],
)  # fmt: skip
def test_assign_speaker_denial_of_another_relation_is_discuss(
    said: str, model_label: str, expected: StanceLabel, fake_stance_model: type
) -> None:
    d, analysis, claim = _deployment_doc("The weather was fine.", said)
    stances = assign_stances([claim], [d], [analysis], stance_model=fake_stance_model(model_label))
    assert [s.stance for s in stances if s.holder_kind == HolderKind.SPEAKER] == [expected]


def test_assign_sentence_about_another_actor_doing_the_relation_does_not_touch(
    fake_stance_model: type,
) -> None:
    own = "Iraqi troops broke the siege with the help of American airstrikes."
    d, analysis, claim = _deployment_doc(own, "the weather was fine")
    stances = assign_stances([claim], [d], [analysis], stance_model=fake_stance_model("agree"))
    assert [s for s in stances if s.holder_kind == HolderKind.SOURCE] == []
