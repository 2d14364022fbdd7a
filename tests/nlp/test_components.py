"""The registered spaCy components: one parse, results on Doc._ (issue 9)."""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.model import Document, Segment, Voice
from claimgraph.nlp import components
from claimgraph.nlp.actors import ActorResolver, candidate_spans, default_resolver
from claimgraph.nlp.attribution_rules import find_attributions
from claimgraph.nlp.event_triggers import action_of
from claimgraph.nlp.parsed import parse_document

VOCAB = English().vocab
TEXT = 'Kerry said Iran and the US would cooperate. "We will not coordinate," he told Reuters.'


def _hand_built() -> Doc:
    """ "Kerry said Iran attacked Mosul ." with a hand-written parse."""
    return Doc(
        VOCAB,
        words=["Kerry", "said", "Iran", "attacked", "Mosul", "."],
        lemmas=["Kerry", "say", "Iran", "attack", "Mosul", "."],
        pos=["PROPN", "VERB", "PROPN", "VERB", "PROPN", "PUNCT"],
        tags=["NNP", "VBD", "NNP", "VBD", "NNP", "."],
        heads=[1, 1, 3, 1, 3, 1],
        deps=["nsubj", "ROOT", "nsubj", "ccomp", "dobj", "punct"],
        ents=["B-PERSON", "O", "B-GPE", "O", "B-GPE", "O"],
    )


def test_components_events_marks_trigger_tokens_on_a_hand_built_doc() -> None:
    doc = components.events(_hand_built())
    assert doc._.claimgraph_triggers == [3]  # "attacked"; "said" is a cue, not an event


def test_components_attribution_on_a_hand_built_doc() -> None:
    doc = components.attribution(_hand_built())
    (found,) = doc._.claimgraph_attributions
    assert (found.source.text, doc.text[slice(*found.cue)], doc.text[slice(*found.content)]) == (
        "Kerry",
        "said",
        "Iran attacked Mosul",
    )


def test_components_run_in_the_pipeline_after_one_parse(nlp: Language, resolver: ActorResolver) -> None:
    document = Document(id="c0ffee" * 2 + "beef", uri="c.txt", format="text", text=TEXT,
                        segments=(Segment(Voice.OWN, 0, len(TEXT)),))  # fmt: skip
    ((_, doc),) = parse_document(document, nlp)
    names = nlp.pipe_names
    assert names[-3:] == list(components.NAMES) and names.index("ner") < names.index(components.ACTORS)
    assert not any(nlp.analyze_pipes()["problems"].values())
    fresh = nlp.make_doc(TEXT)
    for _, pipe in nlp.pipeline[: names.index(components.ACTORS)]:
        fresh = pipe(fresh)  # the same parse, without the claimgraph components
    assert doc._.claimgraph_attributions == find_attributions(doc)
    assert [s.text for s in doc._.claimgraph_actor_spans[1]] == ["Kerry", "Iran", "US", "Reuters"]
    assert doc._.claimgraph_triggers == [t.i for t in fresh if action_of(t)]
    assert candidate_spans(doc, nlp, resolver) is doc._.claimgraph_actor_spans[1]  # read, not redone
    assert resolver.names_key == default_resolver().names_key


@pytest.mark.parametrize("name", components.NAMES)
def test_components_are_registered_factories(name: str) -> None:
    assert English.has_factory(name)
