"""Event triggers: which tokens name an action of the taxonomy, and which action."""

from __future__ import annotations

import pytest

from claimgraph.nlp.event_triggers import action_of, triggers
from claimgraph.nlp.spacy_model import load_nlp
from claimgraph.taxonomy import ACTIONS


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
