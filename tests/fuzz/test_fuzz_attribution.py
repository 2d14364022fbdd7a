"""Property tests for the NLP layer on small generated texts: every fact points inside its document.

Texts are built from speakers, cues and contents in the shapes news writes them (plus noise), so
attribution, actor and event rules fire; the properties hold whatever they find. spaCy is slow,
so the example counts are low.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.clean import clean
from claimgraph.model import Document, RawDocument, Span, Voice

SPACY = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

SPEAKERS = st.sampled_from(
    [
        "John Kerry",
        "Secretary of State John Kerry",
        "a senior State Department official",
        "Pentagon spokesman Bill Speaks",
        "He",
        "Лавров",
        "Iran's foreign ministry",
        "the Islamic State",
        "Qassem Suleimani",
        "officials",
    ]
)
CUES = st.sampled_from(["said", "told Reuters", "denied", "added", "warned", "stated", "insisted"])
WORDS = st.lists(
    st.sampled_from(
        [
            "Iran",
            "Iraq",
            "troops",
            "would",
            "not",
            "cooperate",
            "with",
            "the",
            "United",
            "States",
            "in",
            "Baghdad",
            "on",
            "Monday",
            "airstrikes",
            "there",
            "was",
            "no",
            "coordination",
            "Tehran",
            "deployed",
        ]
    ),
    min_size=1,
    max_size=12,
).map(" ".join)
QUOTES = st.sampled_from([('"', '"'), ("\u201c", "\u201d"), ("'", "'"), ("\u00ab", "\u00bb"), ("", "")])


@st.composite
def sentences(draw: st.DrawFn) -> str:
    speaker, cue, content = draw(SPEAKERS), draw(CUES), draw(WORDS)
    opening, closing = draw(QUOTES)
    shape = draw(st.integers(0, 3))
    if shape == 0:
        return f"{speaker} {cue} {opening}{content}{closing}."
    if shape == 1:
        return f"{opening}{content},{closing} {speaker} {cue}."
    if shape == 2:
        return f"According to {speaker}, {content}."
    return draw(st.text(max_size=40)) + f" {content}."


TEXTS = st.lists(
    st.one_of(sentences(), st.sampled_from(["From the Guardian:", "Log in", "3 comments", ""])),
    min_size=1,
    max_size=6,
).map("\n".join)


def _inside(span: Span | None, doc: Document) -> None:
    if span is not None:
        assert span.doc_id == doc.id
        assert 0 <= span.start <= span.end <= len(doc.text)


@pytest.mark.slow
@SPACY
@given(text=TEXTS)
def test_fuzz_attribution_every_fact_points_inside_its_document(nlp, resolver, text: str) -> None:
    from claimgraph.nlp.analysis import analyze_document

    doc = clean(RawDocument(uri="gen.txt", format="text", text=text + "\nEnd."))
    assert isinstance(doc, Document)
    analysis = analyze_document(doc, nlp, resolver)
    known = {a.id for a in analysis.actors}
    for s in analysis.statements:
        for span in (s.span, s.cue_span, s.speaker_span, s.content_span):
            _inside(span, doc)
        assert s.content == doc.text[s.content_span.start : s.content_span.end]
        assert s.span.start <= s.content_span.start and s.content_span.end <= s.span.end
        assert s.voice is not Voice.BOILERPLATE
        assert s.speaker.actor_id is None or s.speaker.actor_id in known
    for e in analysis.events:
        _inside(e.span, doc)
        assert e.text
        for ref in (e.actor, e.target):
            assert ref is None or ref.actor_id is None or ref.actor_id in known
    for m in analysis.mentions:
        _inside(m.span, doc)
        assert m.actor_id in known
