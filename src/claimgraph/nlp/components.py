"""The NLP layer's per-parse work as registered spaCy components, results on `Doc._`.

`parsed.prepare` adds them after the parser, so the one `nlp.pipe` over a document's voice
runs leaves on each run's `Doc` its actor candidate spans (`claimgraph_actors`), its
attributions (`claimgraph_attribution`) and its event triggers (`claimgraph_events`). The
per-document extractors (actors, statements, and events with the discourse model across
runs) read them from there; called on a `Doc` from elsewhere they compute them on first need.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.nlp.actors import SPANS_EXTENSION, candidate_spans, default_resolver
from claimgraph.nlp.attribution_rules import FOUND_EXTENSION, attributions
from claimgraph.nlp.cues import CUE_EXTENSION
from claimgraph.nlp.event_triggers import TRIGGER_WORDS, TRIGGERS_EXTENSION, triggers

ACTORS = "claimgraph_actors"
ATTRIBUTION = "claimgraph_attribution"
EVENTS = "claimgraph_events"
NAMES = (ACTORS, ATTRIBUTION, EVENTS)
PARSE = ["token.dep", "token.head", "token.lemma", "token.tag", "doc.sents"]  # what the rules read


@Language.factory(ACTORS, assigns=[f"doc._.{SPANS_EXTENSION}"], requires=["doc.ents", *PARSE])
def make_actors(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Candidate actor spans (entities and registry names) over the packaged registry."""
    resolver = default_resolver()

    def actors(doc: Doc) -> Doc:
        candidate_spans(doc, nlp, resolver)
        return doc

    return actors


@Language.component(
    ATTRIBUTION, assigns=[f"doc._.{CUE_EXTENSION}", f"doc._.{FOUND_EXTENSION}"], requires=PARSE
)
def attribution(doc: Doc) -> Doc:
    """The cue patterns' matches (`cues.CUES`), then source, cue and content of every
    attribution at them (`attribution_rules.find_attributions`)."""
    attributions(doc)
    return doc


@Language.component(
    EVENTS, assigns=[f"doc._.{TRIGGER_WORDS.extension}", f"doc._.{TRIGGERS_EXTENSION}"], requires=PARSE
)
def events(doc: Doc) -> Doc:
    """The trigger patterns' matches (`event_triggers.TRIGGER_WORDS`), then the tokens among
    them that trigger an action of the taxonomy in context (`event_triggers.action_of`)."""
    triggers(doc)
    return doc


def add_components(nlp: Language) -> None:
    """Add the three components at the end of `nlp` (idempotent)."""
    for name in NAMES:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
