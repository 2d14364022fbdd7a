"""Event triggers: which tokens name an action of the taxonomy, and which action."""

from __future__ import annotations

import pytest

from claimgraph.nlp.event_triggers import action_of, triggers
from claimgraph.nlp.spacy_model import load_nlp
from claimgraph.taxonomy import ACTIONS
from tests.nlp.handmade import parsed


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.mark.parametrize(
    ("text", "word", "action"),
    [
        ("Iranian jets struck ISIS positions in Iraq.", "struck", "attack"),
        ("Kerry met Zarif in Vienna.", "met", "consult"),
    ],
)
def test_a_taxonomy_verb_triggers_its_action(nlp, text: str, word: str, action: str) -> None:
    doc = nlp(text)
    (k,) = triggers(doc)
    assert doc[k].text == word and action_of(doc[k]) == action and action in ACTIONS


def test_a_sentence_without_a_taxonomy_verb_has_no_trigger(nlp) -> None:
    doc = nlp("The boy ate an apple in the garden.")
    assert triggers(doc) == [] and all(action_of(t) is None for t in doc)


# Rules on hand-built parses: the parse is given, so each case tests the rule alone.
TROOPS_MOVED = """
troops troop NOUN NNS nsubj 1
moved move VERB VBD ROOT 1
north north ADV RB advmod 1
"""


@pytest.mark.parametrize(
    ("rows", "index", "action"),
    [
        (TROOPS_MOVED, 1, "deploy_forces"),  # a motion verb with forces moving
        (TROOPS_MOVED.replace("troops troop", "prices price"), 1, None),  # prices move: no event
        ("Iran Iran PROPN NNP nsubj 1\nco-operated co-operate VERB VBD ROOT 1", 1, "cooperate"),  # British
        ("Iran Iran PROPN NNP nsubj 1\nworked work VERB VBD ROOT 1\nwith with ADP IN prep 1\n"
         "Iraq Iraq PROPN NNP pobj 2", 1, "cooperate"),
        ("Iran Iran PROPN NNP nsubj 1\nworked work VERB VBD ROOT 1\nhard hard ADV RB advmod 1", 1, None),
        ("a a DET DT det 2\njoint joint ADJ JJ amod 2\ncommand command NOUN NN ROOT 2", 2, "cooperate"),
        ("a a DET DT det 1\ncommand command NOUN NN ROOT 1", 1, None),
        ("air air NOUN NN compound 1\nstrikes strike NOUN NNS ROOT 1", 1, "airstrike"),
        ("Strikes Strikes PROPN NNPS ROOT 0", 0, None),  # lemma as written, not "strike"
        ("STRIKE STRIKE PROPN NNP ROOT 0", 0, "airstrike"),  # a shouted headline's lemma
    ],
)  # fmt: skip
def test_event_triggers_rules_on_hand_built_parses(rows: str, index: int, action: str | None) -> None:
    doc = parsed(rows)
    assert action_of(doc[index]) == action
    assert (index in triggers(doc)) == (action is not None)


def test_event_triggers_light_verb_hands_the_event_to_its_object() -> None:
    """ "sent airstrikes": the noun is the trigger, not "send" (a trigger with another object)."""
    rows = "US US PROPN NNP nsubj 1\nsent send VERB VBD ROOT 1\n{obj}"
    doc = parsed(rows.format(obj="airstrikes airstrike NOUN NNS dobj 1"))
    assert action_of(doc[1]) is None and action_of(doc[2]) == "airstrike" and triggers(doc) == [2]
    alone = parsed(rows.format(obj="letters letter NOUN NNS dobj 1"))  # refine() later drops it
    assert action_of(alone[1]) == "deploy_forces" and triggers(alone) == [1]
