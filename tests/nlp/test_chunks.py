"""Long documents are analysed in chunks (issue 12, item 5): offsets stay exact, nothing is
dropped for spaCy's max_length (E088), and the per-document time limit holds."""

from __future__ import annotations

import itertools

import pytest

import claimgraph.nlp.analysis as analysis
from claimgraph.engine.stages import nlp_models
from claimgraph.model import Document, Segment, Voice
from claimgraph.nlp.analysis import TimeLimitExceeded, analyze_document, chunk_bounds

PARAGRAPH = (
    'Secretary of State John Kerry said on Monday that Iran could play a constructive role. "We are '
    'open to discussions," Kerry told reporters in Vienna.\n'
    "Iranian jets struck Islamic State positions in Diyala, a Pentagon official said.\n"
)


def _long_doc(paragraphs: int) -> Document:
    text = PARAGRAPH * paragraphs
    return Document(
        id="0123456789abcdef",
        uri="long.txt",
        format="text",
        text=text,
        segments=(Segment(Voice.OWN, 0, len(text)),),
        published="2014-06-17",
    )


def test_chunk_bounds_cover_the_text_and_cut_at_breaks() -> None:
    text = PARAGRAPH * 40
    bounds = list(chunk_bounds(text, 1000))
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in itertools.pairwise(bounds))
    assert all(0 < end - start <= 1000 for start, end in bounds)
    assert all(text[end - 1] == "\n" for _, end in bounds[:-1])


def test_chunk_bounds_hard_cut_without_any_break() -> None:
    assert list(chunk_bounds("x" * 25, 10)) == [(0, 10), (10, 20), (20, 25)]


def test_chunked_analysis_keeps_offsets_exact_and_finds_every_copy(monkeypatch) -> None:
    nlp, resolver = nlp_models("en_core_web_sm")
    doc = _long_doc(30)
    whole = analyze_document(_long_doc(1), nlp, resolver)
    monkeypatch.setattr(analysis, "CHUNK_CHARS", 2 * len(PARAGRAPH) + 10)
    found = analyze_document(doc, nlp, resolver)
    assert len(found.statements) == 30 * len(whole.statements) > 0
    assert len(found.events) == 30 * len(whole.events) > 0
    assert len({s.id for s in found.statements}) == len(found.statements)
    for mention in found.mentions:
        assert doc.text[mention.span.start : mention.span.end] == mention.text
        assert mention.span.doc_id == doc.id
    for statement in found.statements:
        assert statement.doc_id == doc.id
        assert doc.text[statement.content_span.start : statement.content_span.end] == statement.content


def test_time_limit_is_a_clear_error(monkeypatch) -> None:
    nlp, resolver = nlp_models("en_core_web_sm")
    monkeypatch.setattr(analysis, "CHUNK_CHARS", 2 * len(PARAGRAPH))
    with pytest.raises(TimeLimitExceeded, match=r"NLP time limit of 0 s .*Config.document_seconds"):
        analyze_document(_long_doc(10), nlp, resolver, max_seconds=0)


def test_time_limit_keeps_the_chunks_already_analysed(monkeypatch) -> None:
    """A long document that runs out of time keeps the facts of its first chunks, with a note
    saying where it stopped (the clock is faked: one minute passes per chunk)."""
    nlp, resolver = nlp_models("en_core_web_sm")
    monkeypatch.setattr(analysis, "CHUNK_CHARS", 2 * len(PARAGRAPH))
    ticks = itertools.count(0, 60)
    monkeypatch.setattr(analysis.time, "monotonic", lambda: next(ticks))
    doc = _long_doc(10)
    found = analyze_document(doc, nlp, resolver, max_seconds=90)  # two chunks start in time
    whole = analyze_document(doc, nlp, resolver)
    assert found.mentions and len(found.mentions) < len(whole.mentions)
    assert all(m.span.end <= 4 * len(PARAGRAPH) for m in found.mentions)
    [note] = found.notes
    assert "NLP time limit of 90 s" in note and "kept" in note


@pytest.mark.slow
def test_text_longer_than_max_length_is_analysed_not_dropped(monkeypatch) -> None:
    """The 1.1 MB article failed with E088: same-voice runs reached spaCy uncut. Reproduced
    cheaply with a lowered max_length."""
    nlp, resolver = nlp_models("en_core_web_sm")
    monkeypatch.setattr(nlp, "max_length", 20_000)
    monkeypatch.setattr(analysis, "CHUNK_CHARS", 10_000)
    doc = _long_doc(25_000 // len(PARAGRAPH) + 1)
    assert len(doc.text) > nlp.max_length
    found = analyze_document(doc, nlp, resolver)
    assert found.statements and found.events
