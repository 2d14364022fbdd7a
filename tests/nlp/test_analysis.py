"""analyze_document with the real small English model on one short hand-written article."""

from __future__ import annotations

import pytest

from claimgraph.engine.stages import nlp_models
from claimgraph.model import Document, Segment, Voice
from claimgraph.nlp.analysis import analyze_document

OWN = (
    "Kerry open to Iran talks\n"
    'Secretary of State John Kerry said on Monday that Iran could play a constructive role. "We are '
    'open to discussions," Kerry told reporters.'
)
QUOTED = "From the Guardian: Iranian jets struck Islamic State positions in Diyala, a Pentagon official said."


@pytest.fixture(scope="module")
def analysis():
    text = f"{OWN}\n{QUOTED}\nShare this"
    q = text.index(QUOTED)
    doc = Document(
        id="feedfacecafebeef",
        uri="kerry.txt",
        format="text",
        text=text,
        segments=(
            Segment(Voice.OWN, 0, len(OWN)),
            Segment(Voice.QUOTED, q, q + len(QUOTED), source="Guardian"),
            Segment(Voice.BOILERPLATE, text.index("Share"), len(text)),
        ),
        outlet="Harbor Times",
        published="2014-06-17",
    )
    nlp, resolver = nlp_models("en_core_web_sm")
    return doc, analyze_document(doc, nlp, resolver)


def test_analysis_finds_registry_actors(analysis) -> None:
    _, result = analysis
    ids = {a.id for a in result.actors}
    assert {"person:john-kerry", "country:irn"} <= ids


def test_analysis_speakers_resolved_to_actors(analysis) -> None:
    _, result = analysis
    kerry = [s for s in result.statements if s.speaker.actor_id == "person:john-kerry"]
    assert kerry, [s.speaker for s in result.statements]
    assert all(s.voice == Voice.OWN for s in kerry)


def test_analysis_every_referenced_actor_is_listed(analysis) -> None:
    doc, result = analysis
    ids = {a.id for a in result.actors}
    referenced = {m.actor_id for m in result.mentions}
    referenced |= {s.speaker.actor_id for s in result.statements if s.speaker.actor_id}
    referenced |= {r.actor_id for e in result.events for r in (e.actor, e.target) if r and r.actor_id}
    assert referenced <= ids
    assert result.doc_id == doc.id


def test_analysis_ids_unique_and_spans_inside_text(analysis) -> None:
    doc, result = analysis
    for facts in (result.statements, result.events):
        assert len({f.id for f in facts}) == len(facts)
    for s in result.statements:
        assert doc.text[s.content_span.start : s.content_span.end] == s.content
    for e in result.events:
        assert doc.text[e.span.start : e.span.end].strip() == e.text  # the span may keep a newline
    share = doc.text.index("Share")
    assert all(m.span.start < share for m in result.mentions)  # boilerplate is never analysed


def test_analysis_parses_each_voice_run_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Actors, statements, events and the discourse model share one parse (issue 9): spaCy
    makes one Doc per voice run, never one per extractor; boilerplate is blanked, not read."""
    own = "Kerry said Iran could help.\n"
    text = f"{own}Share this\n{own}Iranian jets struck Mosul, an official said."
    doc = Document(
        id="0123456789abcdef",
        uri="runs.txt",
        format="text",
        text=text,
        segments=(
            Segment(Voice.OWN, 0, len(own) - 1),
            Segment(Voice.BOILERPLATE, len(own), len(own) + len("Share this")),
            Segment(Voice.OWN, len(own) + len("Share this\n"), len(text)),
        ),
        published="2014-06-17",
    )
    nlp, resolver = nlp_models("en_core_web_sm")
    made: list[str] = []
    make_doc = nlp.make_doc
    monkeypatch.setattr(nlp, "make_doc", lambda t: made.append(t) or make_doc(t))
    result = analyze_document(doc, nlp, resolver)
    assert made == [text.replace("Share this", "\n" + " " * 9)]  # one run, parsed once
    assert result.statements and result.events
    assert all("Share" not in s.content for s in result.statements)
