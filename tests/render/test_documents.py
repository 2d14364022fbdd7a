"""`show`: a document's segments labelled by voice, its statements and events one line each."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.model import Document, DocumentAnalysis
from claimgraph.render.documents import event_line, render_document, render_findings, statement_line


def test_document_labels_each_segment_with_voice_source_and_author(nlp_doc: Callable[..., Document]) -> None:
    text = render_document(nlp_doc(), []).plain
    assert text.startswith("Kerry open to Iran\n")
    assert "[quoted · WSJ] From the WSJ" in text and "[comment · liz]" in text
    assert "from news/kerry.txt" in text  # no stored sources: the uri it was read from


def test_statement_and_event_lines(nlp_result: Callable[..., DocumentAnalysis]) -> None:
    analysis = nlp_result()
    said = statement_line(analysis.statements[1]).plain
    assert said.startswith("Bill Speaks → “there was no military coordination”")
    assert "chain Harbor Times > WSJ > Bill Speaks" in said and "indirect" in said
    attack = event_line(analysis.events[0]).plain
    assert attack.startswith("Iran ATTACK Islamic State [Diyala, 2014-06-16]") and "CAMEO 190" in attack


def test_findings_count_both_lists(nlp_result: Callable[..., DocumentAnalysis]) -> None:
    analysis = nlp_result()
    text = render_findings(list(analysis.statements), []).plain
    assert "Statements (2)" in text and "Events (0)" in text
