"""Per-document view: voices coloured and labelled, most-cited documents in full, the rest listed."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.report import render_report
from claimgraph.report.documents import MAX_FULL_DOCUMENTS, coloured_text, ordered_documents
from claimgraph.report.index import ExportIndex


def _documents_html(export: dict[str, Any]) -> str:
    return render_report(export).split('<section id="documents">', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize(
    ("voice", "label"),
    [("quoted", "quoted from River Gazette"), ("comment", "comment by farmer_joe"), ("boilerplate", "")],
)
def test_documents_voices_coloured_and_labelled(mini_export: dict[str, Any], voice: str, label: str) -> None:
    doc = mini_export["documents"][0]
    segment = next(s for s in doc["segments"] if s["voice"] == voice)
    parts, _ = coloured_text(doc)
    part = next(p for p in parts if p.voice == voice and segment["text"] in p.text)
    assert part.label == label
    html = _documents_html(mini_export)
    if label:
        assert f'<span class="seg v-{voice}" title="{voice}"><span class="tag">{label}</span>' in html


def test_documents_text_is_kept_whole(mini_export: dict[str, Any]) -> None:
    doc = mini_export["documents"][0]
    parts, cut = coloured_text(doc)
    assert "".join(p.text for p in parts) == doc["text"] and cut == 0
    plain, _ = coloured_text({**doc, "segments": []})
    assert [(p.text, p.voice) for p in plain] == [(doc["text"], "")]


def test_documents_bad_offsets_do_not_duplicate_text() -> None:
    doc = {
        "text": "abcdef",
        "segments": [{"voice": "own", "start": 0, "end": 4}, {"voice": "quoted", "start": 2, "end": 99}],
    }
    parts, _ = coloured_text(doc)
    assert "".join(p.text for p in parts) == "abcdef"


def test_documents_most_cited_first(mini_export: dict[str, Any]) -> None:
    order = [d["id"][:2] for d in ordered_documents(ExportIndex.build(mini_export))]
    assert order == ["a1", "c3", "b2"]  # cited 3, 2 and 2 times; the tie goes to the newer


def test_documents_full_text_only_for_the_first(mini_export: dict[str, Any]) -> None:
    docs = [dict(mini_export["documents"][0], id=f"{i:016x}") for i in range(MAX_FULL_DOCUMENTS + 7)]
    html = _documents_html({"documents": docs})
    assert html.count('<details class="doc"') == MAX_FULL_DOCUMENTS
    assert html.count("<li id=") == 7 and "<summary>7 more documents, without text</summary>" in html


def test_documents_without_outlet_or_title_never_show_a_path() -> None:
    docs = [
        {"id": "d" * 16, "uri": "/srv/corpus/fnc/bodies.jsonl#12", "source_id": "fnc-12", "text": "Text."}
    ]
    html = _documents_html({"documents": docs})
    assert "<b>bodies.jsonl</b> · record fnc-12" in html and "/srv/corpus" not in html and "#12" not in html
