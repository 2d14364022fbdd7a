"""The per-document discourse model, on invented texts: salience, pairs, definite
descriptions, event anaphora, first person inside quotations, and how events use them."""

from __future__ import annotations

import pytest

from claimgraph.model import Document, Segment, Voice
from claimgraph.nlp.actors import candidate_spans
from claimgraph.nlp.discourse import Discourse, definite_noun, is_pair_phrase
from claimgraph.nlp.events import extract_events
from claimgraph.nlp.parsed import parse_document


def _doc(text: str) -> Document:
    return Document("doc", "u", "text", text, (Segment(Voice.OWN, 0, len(text)),), published="2015-03-02")


def _discourse(text: str, nlp, resolver) -> Discourse:
    doc = _doc(text)
    parsed = parse_document(doc, nlp)
    return Discourse.build(doc, resolver, [(s, candidate_spans(p, nlp, resolver)) for s, p in parsed])


def _events(text: str, nlp, resolver):
    return extract_events(_doc(text), nlp, resolver)


def _only(events, action: str):
    found = [e for e in events if e.action == action]
    assert len(found) == 1, events
    return found[0]


def test_discourse_locations_are_not_parties(nlp, resolver) -> None:
    text = "Chinese and Indian envoys arrived in Nepal and travelled across Nepal for a week. Then"
    scores = _discourse(text, nlp, resolver).salience(len(text))
    assert set(scores) == {"country:chn", "country:ind"}


def test_discourse_pair_is_the_two_most_salient_in_order_of_introduction(nlp, resolver) -> None:
    text = (
        "France accused Germany of stalling. Paris and Berlin traded notes all week, "
        "and Berlin answered Paris again. Spain stayed quiet. Then"
    )
    pair = _discourse(text, nlp, resolver).recent_pair(len(text))
    assert [r.actor_id for r in pair] == ["country:fra", "country:deu"]


def test_discourse_pair_needs_two_parties(nlp, resolver) -> None:
    text = "Japan held elections on Sunday. Then"
    assert _discourse(text, nlp, resolver).recent_pair(len(text)) == []


@pytest.mark.parametrize(
    ("text", "noun", "actor_id"),
    [
        ("The State Department issued a note. Then", "department", "government_body:state-department"),
        ("Hezbollah fighters crossed the border. Then", "militant", "armed_group:hezbollah"),
        ("Nobody was named here. Then", "department", None),
    ],
)
def test_discourse_definite_points_back(nlp, resolver, text: str, noun: str, actor_id: str | None) -> None:
    found = _discourse(text, nlp, resolver).definite(noun, len(text))
    assert (found.actor_id if found else None) == actor_id


@pytest.mark.parametrize(
    ("phrase", "pair"),
    [("the two countries", True), ("both capitals", True), ("two soldiers", False), ("the countries", False)],
)
def test_discourse_pair_phrases(nlp, phrase: str, pair: bool) -> None:
    doc = nlp(f"{phrase} met.")
    head = next(t for t in doc if t.dep_ == "nsubj")
    assert is_pair_phrase(head) is pair


@pytest.mark.parametrize(
    ("sentence", "noun"),
    [
        ("The ministry said no.", "ministry"),
        ("The Defense Ministry said no.", None),
        ("A ministry said no.", None),
    ],
)
def test_discourse_definite_nouns_only_without_a_name(nlp, sentence: str, noun: str | None) -> None:
    head = next(t for t in nlp(sentence) if t.dep_ == "nsubj")
    assert definite_noun(head) == noun


def test_events_pair_phrase_resolves_to_both_parties(nlp, resolver) -> None:
    text = "Washington sent a letter to Tehran on Monday. Diplomats from the two countries met in Geneva."
    event = _only(_events(text, nlp, resolver), "consult")
    assert {event.actor.actor_id, event.target.actor_id} == {"country:usa", "country:irn"}


@pytest.mark.parametrize(
    ("text", "action", "expected"),
    [
        pytest.param(
            "The State Department issued a statement on Friday. It said there had been no contact "
            "between the department and the Russian military.",
            "cooperate_militarily",  # contact with a military body is military contact
            ("government_body:state-department", "country:rus", "denied"),
            id="definite_description_takes_the_named_body",
        ),
        pytest.param(
            "Turkish jets bombed rebel positions on Friday, but the raids were not coordinated with Russia.",
            "cooperate_militarily",
            ("country:tur", "country:rus", "denied"),
            id="event_anaphora_gives_the_raiders",
        ),
        pytest.param(
            '"Our policy of not coordinating military activity with Iran stands," John Kirby said.',
            "cooperate_militarily",
            ("country:usa", "country:irn", "denied"),
            id="first_person_in_a_quote_is_the_speakers_side",
        ),
        pytest.param(
            "The message from Moscow was clear: there will be no military partnership with Washington.",
            "cooperate_militarily",
            ("country:rus", "country:usa", "denied"),
            id="message_source_speaks_the_clause",
        ),
    ],
)
def test_events_context_gives_actor_target_modality(
    nlp, resolver, text: str, action: str, expected: tuple[str, str, str]
) -> None:
    event = _only(_events(text, nlp, resolver), action)
    assert (event.actor.actor_id, event.target.actor_id, event.modality) == expected


def test_events_relative_pronoun_and_definite_group(nlp, resolver) -> None:
    text = "Hezbollah fighters massed near the border. The militants, who captured Qusayr, moved north."
    event = _only(_events(text, nlp, resolver), "seize")
    assert (event.actor.actor_id, event.modality) == ("armed_group:hezbollah", "asserted")


def test_events_first_person_outside_quotes_is_not_a_speaker(nlp, resolver) -> None:
    assert [e for e in _events("Our policy of coordinating with Iran stands.", nlp, resolver)] == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "France and Germany sent troops to Mali. Paris and Berlin say they act alone. "
            "There is no sign of a joint command between the two militaries.",
            id="bare_cooperation_noun_takes_the_topic_pair",
        ),
        pytest.param(
            "Paris and Berlin met. Whatever the two countries share in Mali, it is not a military alliance.",
            id="characterising_pronoun_is_not_a_party",
        ),
    ],
)
def test_events_denied_cooperation_between_the_topic_pair(nlp, resolver, text: str) -> None:
    event = _only(_events(text, nlp, resolver), "cooperate_militarily")
    assert {event.actor.actor_id, event.target.actor_id} == {"country:fra", "country:deu"}
    assert event.modality == "denied"


@pytest.mark.parametrize(
    ("text", "action"),
    [
        (
            "Russia and Syria are working together militarily. Moscow and Damascus are allies.",
            "cooperate_militarily",
        ),
        ("Russia and Syria signed a trade deal. Moscow and Damascus are allies.", "cooperate"),
    ],
)
def test_events_cooperation_inherits_the_documents_military_relation(
    nlp, resolver, text: str, action: str
) -> None:
    events = [e for e in _events(text, nlp, resolver) if text.index("Moscow") <= e.span.start]
    assert [e.action for e in events] == [action]
