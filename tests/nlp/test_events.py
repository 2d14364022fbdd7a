"""Events from invented sentences: actor, action, target, place, date, modality and voice."""

from __future__ import annotations

import pytest

from claimgraph.model import Document, Segment, Voice
from claimgraph.nlp.actors import ActorResolver
from claimgraph.nlp.events import extract_events
from claimgraph.nlp.spacy_model import load_nlp
from claimgraph.taxonomy import CAMEO


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


def _events(text: str, nlp, resolver, voice: Voice = Voice.OWN, published: str = "2014-06-17"):
    doc = Document("doc", "u", "text", text, (Segment(voice, 0, len(text)),), published=published)
    return extract_events(doc, nlp, resolver)


@pytest.mark.parametrize(
    ("sentence", "actor", "action", "target", "modality"),
    [
        (
            "Iran launched airstrikes against Islamic State forces.",
            "country:irn",
            "airstrike",
            "armed_group:isis",
            "asserted",
        ),
        (
            "The US will not cooperate militarily with Iran.",
            "country:usa",
            "cooperate_militarily",
            "country:irn",
            "denied",
        ),
        (
            "Iran didn't coordinate the strikes with the U.S.",
            "country:irn",
            "cooperate_militarily",
            "country:usa",
            "denied",
        ),
        (
            "The Pentagon ruled out military coordination with Iran.",
            "government_body:pentagon",
            "cooperate_militarily",
            "country:irn",
            "denied",
        ),
        (
            "Iran is hotly denying that it has co-operated with the US.",
            "country:irn",
            "cooperate",
            "country:usa",
            "denied",
        ),
        (
            "Kerry declined to rule out military cooperation with Iran.",
            "person:john-kerry",
            "cooperate_militarily",
            "country:irn",
            "hypothetical",
        ),
        (
            "If Iran attacks Israel, the US would respond.",
            "country:irn",
            "attack",
            "country:isr",
            "hypothetical",
        ),
        (
            "The United States plans to deploy 275 troops to Baghdad.",
            "country:usa",
            "deploy_forces",
            None,
            "planned",
        ),
        ("Officials said Iran had seized Tikrit.", "country:irn", "seize", None, "reported"),
        (
            "Washington and Tehran are in practical talks.",
            "country:usa",
            "consult",
            "country:irn",
            "asserted",
        ),
        (
            "Obama praised the Kurdish forces.",
            "person:barack-obama",
            "praise",
            "armed_group:peshmerga",
            "asserted",
        ),
        (
            "Iran was accused of supplying weapons to Hezbollah.",
            "country:irn",
            "provide_military_aid",
            "armed_group:hezbollah",
            "reported",
        ),
        ("Iranian units moved into Iraq last week.", "country:irn", "deploy_forces", None, "asserted"),
        (
            "Obama said he would send 300 advisers to Iraq.",
            "person:barack-obama",
            "deploy_forces",
            None,
            "planned",
        ),
        (
            "Iraqi troops and militias, some of them armed by Iran, broke the siege of the town.",
            "country:irn",
            "provide_military_aid",
            None,
            "asserted",
        ),
        (
            "Washington had no intention of coordinating militarily with Tehran.",
            "country:usa",
            "cooperate_militarily",
            "country:irn",
            "denied",
        ),
        (
            "Iranian officials said cooperation with Washington was out of the question.",
            "country:irn",
            "cooperate",
            "country:usa",
            "denied",
        ),
        ("Tehran rejected an American request.", "country:irn", "reject", "country:usa", "asserted"),
        (
            "Obama said he was prepared to order airstrikes against ISIS if the situation required it.",
            "person:barack-obama",
            "airstrike",
            "armed_group:isis",
            "hypothetical",
        ),
        (
            "US officials said the talks would not extend to military coordination with Iran.",
            "country:usa",
            "cooperate_militarily",
            "country:irn",
            "denied",
        ),
    ],
)
def test_events_actor_action_target_modality(
    nlp, resolver, sentence, actor, action, target, modality
) -> None:
    events = [e for e in _events(sentence, nlp, resolver) if e.action == action]
    assert events, f"no {action} event in {sentence!r}"
    event = events[0]
    assert event.actor.actor_id == actor
    assert (event.target.actor_id if event.target else None) == target
    assert event.modality == modality
    assert event.cameo == CAMEO[action]


@pytest.mark.parametrize(
    ("sentence", "place", "date"),
    [
        ("Iran launched airstrikes against Islamic State forces in Iraq on Monday.", "Iraq", "2014-06-16"),
        ("US and Iranian officials held talks in Vienna on Monday.", "Vienna", "2014-06-16"),
        ("Iran sent 2,000 troops to Baghdad.", "Baghdad", None),
    ],
)
def test_events_place_and_date(nlp, resolver, sentence: str, place: str, date: str | None) -> None:
    event = _events(sentence, nlp, resolver)[0]
    assert (event.place, event.date) == (place, date)


def test_events_symmetric_action_takes_partner_from_subject_phrase(nlp, resolver) -> None:
    event = _events("US and Iranian officials held talks in Vienna.", nlp, resolver)[0]
    assert (event.actor.actor_id, event.action, event.target.actor_id) == (
        "country:usa",
        "consult",
        "country:irn",
    )


@pytest.mark.parametrize("voice", [Voice.OWN, Voice.QUOTED, Voice.COMMENT])
def test_events_keep_segment_voice_and_span(nlp, resolver, voice: Voice) -> None:
    text = "Iran sent 2,000 troops to Baghdad."
    (event,) = _events(text, nlp, resolver, voice=voice)
    assert event.voice == voice
    assert text[event.span.start : event.span.end] == event.text


def test_events_skip_boilerplate_and_non_events(nlp, resolver) -> None:
    assert _events("Iran sent 2,000 troops to Baghdad.", nlp, resolver, voice=Voice.BOILERPLATE) == []
    assert _events("The weather in Baghdad was hot.", nlp, resolver) == []


def test_events_ids_are_deterministic(nlp, resolver) -> None:
    text = "ISIS seized Tal Afar. Iran sent 2,000 troops to Baghdad."
    first = [e.id for e in _events(text, nlp, resolver)]
    assert first and first == [e.id for e in _events(text, nlp, resolver)]
    assert len(set(first)) == len(first)


@pytest.mark.parametrize(
    ("sentence", "actor", "modality"),
    [
        # futurate progressive: a deployment "being sent" is announced, not under way
        ("Washington has said it is sending 300 military advisers to Iraq.", "country:usa", "planned"),
        ("Iran is already sending troops to Syria.", "country:irn", "asserted"),
        # a side announcing what its own forces could do: authorised, so planned
        (
            "President Obama notified Congress that 275 US troops could be sent to Iraq.",
            "country:usa",
            "planned",
        ),
        (
            "President Obama told Congress that 275 American troops could go to Iraq.",
            "country:usa",
            "planned",
        ),
        # ... but not when another side speaks, nor under a condition
        ("Rouhani said that American troops could be sent to Iraq.", "country:usa", "hypothetical"),
        (
            "Obama told Congress that US troops could be sent to Iraq if Baghdad asks.",
            "country:usa",
            "hypothetical",
        ),
    ],
)
def test_events_deployment_modality_in_context(
    nlp, resolver, sentence: str, actor: str, modality: str
) -> None:
    events = [e for e in _events(sentence, nlp, resolver) if e.action == "deploy_forces"]
    assert len(events) == 1, events
    group = events[0].actor.actor_id
    group = resolver.entries[group].actor.affiliation if group and not group.startswith("country:") else group
    assert (group, events[0].modality) == (actor, modality)


def test_events_relative_clause_stands_outside_the_matrix_modality(nlp, resolver) -> None:
    text = "Kerry declined to rule out working with Iran against the militants who overran Mosul."
    (seize,) = [e for e in _events(text, nlp, resolver) if e.action == "seize"]
    assert seize.modality == "asserted"


@pytest.mark.parametrize(
    ("sentence", "action"),
    [
        ("There is no joint command between the two armies.", "cooperate_militarily"),
        ("The two armies ran combined operations near Mosul.", "cooperate_militarily"),
        ("The ministers issued a statement.", None),
    ],
)
def test_events_joint_activities_are_cooperation(nlp, resolver, sentence: str, action: str | None) -> None:
    text = "Syria and Russia traded accusations on Monday. " + sentence
    actions = {e.action for e in _events(text, nlp, resolver) if e.span.start >= text.index(sentence)}
    assert (action in actions) if action else not actions & {"cooperate", "cooperate_militarily"}


@pytest.mark.parametrize(
    ("sentence", "action"),
    [
        ("The Pentagon ruled out military contacts with Tehran.", "cooperate_militarily"),
        ("The Defense Department had no contact with the Iranian military.", "cooperate_militarily"),
        ("There was no contact between the department and the Iranian army.", "cooperate_militarily"),
        ("US and Iranian diplomats held talks in Vienna.", "consult"),
        ("Kerry met Zarif to discuss the military campaign.", "consult"),
        ("His words cooled talk that the two enemies might join forces.", None),
    ],
)
def test_events_military_contact_is_military_cooperation(
    nlp, resolver, sentence: str, action: str | None
) -> None:
    actions = {e.action for e in _events(sentence, nlp, resolver)}
    if action == "consult":
        assert "consult" in actions and "cooperate_militarily" not in actions
    else:
        assert "consult" not in actions and (action is None or action in actions)
