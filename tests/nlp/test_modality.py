"""Modality: an event presented as fact, denied or hypothetical."""

from __future__ import annotations

import pytest

from claimgraph.model import Modality
from claimgraph.nlp.event_triggers import triggers
from claimgraph.nlp.modality import modality
from claimgraph.nlp.spacy_model import load_nlp


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran struck ISIS positions.", Modality.ASSERTED),
        ("Iran did not strike ISIS.", Modality.DENIED),
        ("Iran may strike ISIS next week.", Modality.HYPOTHETICAL),
    ],
)
def test_modality_of_the_trigger(text: str, expected: Modality) -> None:
    doc = load_nlp()(text)
    (k,) = triggers(doc)
    assert modality(doc[k]) == expected
