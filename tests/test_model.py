"""The data model's own rules: spans are ordered ranges, a raw document holds HTML or text, voice text."""

from __future__ import annotations

import pytest

from claimgraph.model import Document, IngestError, RawDocument, Segment, Span, Voice


def test_span_must_be_an_ordered_non_negative_range() -> None:
    assert Span("d", 0, 0).end == 0
    for start, end in ((-1, 3), (5, 4)):
        with pytest.raises(ValueError, match=rf"bad span {start}\.\.{end} in d"):
            Span("d", start, end)


def test_raw_document_holds_exactly_one_of_html_and_text() -> None:
    assert RawDocument("a.txt", "text", text="x").html is None
    for kwargs in ({}, {"html": "<p>x</p>", "text": "x"}):
        with pytest.raises(ValueError, match=r"a\.txt: a RawDocument needs exactly one of html and text"):
            RawDocument("a.txt", "text", **kwargs)


def test_voice_text_joins_one_voice_segments() -> None:
    text = "Own one.\nQuoted.\nOwn two."
    doc = Document(
        "d", "a.txt", "text", text,
        (Segment(Voice.OWN, 0, 8), Segment(Voice.QUOTED, 9, 16), Segment(Voice.OWN, 17, 25)),
    )  # fmt: skip
    assert doc.voice_text(Voice.OWN) == "Own one.\nOwn two."
    assert doc.segment_text(doc.segments[1]) == "Quoted."
    assert doc.voice_text(Voice.COMMENT) == ""


def test_ingest_error_reads_as_one_line() -> None:
    assert str(IngestError("feed.xml#3", "no text")) == "feed.xml#3: no text"
