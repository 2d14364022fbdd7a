"""Event roles: who did it (subjects) and to whom (objects) around a trigger."""

from __future__ import annotations

from claimgraph.nlp.event_roles import objects_of, subject_heads
from claimgraph.nlp.event_triggers import action_of, triggers
from claimgraph.nlp.spacy_model import load_nlp


def test_subject_and_object_of_a_trigger() -> None:
    doc = load_nlp()("Iran did not strike ISIS.")
    (k,) = triggers(doc)
    verb = doc[k]
    subjects, _ = subject_heads(verb)
    assert [t.text for t in subjects] == ["Iran"]
    assert [t.text for t in objects_of(verb, action_of(verb) or "")] == ["ISIS"]
