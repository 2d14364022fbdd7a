"""Per-document view: voices coloured and labelled, most-cited documents in full, the rest listed."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.report.documents import (
    MAX_FULL_DOCUMENTS,
    coloured_text,
    documents_section,
    ordered_documents,
)
from claimgraph.report.index import ExportIndex


@pytest.mark.parametrize(
    ("voice", "label"),
    [("quoted", "quoted from River Gazette"), ("comment", "comment by farmer_joe"), ("boilerplate", None)],
)
def test_documents_voices_coloured_and_labelled(
    mini_export: dict[str, Any], voice: str, label: str | None
) -> None:
    doc = mini_export["documents"][0]
    segment = next(s for s in doc["segments"] if s["voice"] == voice)
    before_text = coloured_text(doc).split(f'<span class="seg v-{voice}"')[1].split(segment["text"])[0]
    assert (f'<span class="tag">{label}</span>' in before_text) if label else "tag" not in before_text


def test_documents_text_is_kept_whole(mini_export: dict[str, Any], parse_page: Any) -> None:
    doc = mini_export["documents"][0]
    parser = parse_page(coloured_text(doc))
    assert parser.tags[0] == ("div", {"class": "doctext"})
    html = coloured_text({**doc, "segments": []})
    assert html == f'<div class="doctext">{doc["text"]}</div>'


def test_documents_bad_offsets_do_not_duplicate_text() -> None:
    doc = {
        "text": "abcdef",
        "segments": [{"voice": "own", "start": 0, "end": 4}, {"voice": "quoted", "start": 2, "end": 99}],
    }
    html = coloured_text(doc)
    assert html.count("ab") == 1 and html.count("ef") == 1 and "cd" in html


def test_documents_most_cited_first(mini_export: dict[str, Any]) -> None:
    order = [d["id"][:2] for d in ordered_documents(ExportIndex.build(mini_export))]
    assert order == ["a1", "c3", "b2"]  # cited 3, 2 and 2 times; the tie goes to the newer


def test_documents_full_text_only_for_the_first(mini_export: dict[str, Any]) -> None:
    docs = [dict(mini_export["documents"][0], id=f"{i:016x}") for i in range(MAX_FULL_DOCUMENTS + 7)]
    index = ExportIndex.build({"documents": docs})
    html = documents_section(index, ordered_documents(index))
    assert html.count('<details class="doc"') == MAX_FULL_DOCUMENTS
    assert html.count("<li id=") == 7
