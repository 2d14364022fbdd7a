"""The report's lookups over an export (report/index.py): defensive reading, names a person can read,
and the statement that holds an evidence span."""

from __future__ import annotations

import datetime as dt
from typing import Any

from claimgraph.report.index import MAX_TITLE_CHARS, ExportIndex


def test_index_reads_a_broken_export_without_failing() -> None:
    index = ExportIndex.build({"documents": "not a list", "claims": [None, 3, {"id": "c1"}], "actors": None})
    assert index.documents == [] and index.actors == []
    assert index.claims == [{"id": "c1"}]
    assert index.outlet("anything") is None and index.doc_date("anything") is None
    assert index.statement_at("anything", 0, 1) is None


def test_index_tracked_claims_come_first() -> None:
    index = ExportIndex.build({"claims": [{"id": "c1"}, {"id": "c2"}], "tracked": [{"id": "t1"}]})
    assert [c["id"] for c in index.claims] == ["t1", "c1", "c2"]


def test_index_counts_evidence_references_per_document() -> None:
    stances = [{"doc_id": "d1"}, {"doc_id": "d1"}, {"doc_id": "d2"}, "not a stance"]
    index = ExportIndex.build({"claims": [{"id": "c1", "stances": stances}, {"id": "c2", "stances": None}]})
    assert index.evidence_refs == {"d1": 2, "d2": 1}


def _docs(*docs: dict[str, Any]) -> ExportIndex:
    return ExportIndex.build({"documents": list(docs)})


def test_index_outlet_is_never_a_path() -> None:
    index = _docs(
        {"id": "a", "outlet": "Harbor Times", "uri": "/data/a.txt"},
        {"id": "b", "outlet": None, "uri": "/home/someone/corpus/gulf.csv#135"},
        {"id": "c", "outlet": "/srv/feeds/ledger.xml", "uri": "x"},
    )
    assert index.outlet("a") == "Harbor Times"
    assert index.outlet("b") == "gulf.csv"
    assert index.outlet("c") == "ledger.xml"
    assert index.outlet("missing") is None


def test_index_holder_makes_only_outlets_readable() -> None:
    assert ExportIndex.holder({"holder": "/data/alpha.txt", "holder_kind": "source"}) == "alpha.txt"
    assert ExportIndex.holder({"holder": "news/x.txt", "holder_kind": "speaker"}) == "news/x.txt"
    assert ExportIndex.holder({"holder_kind": "source"}) == ""


def test_index_doc_label_prefers_title_then_record_then_short_id() -> None:
    long_title = "word " * 40
    index = _docs(
        {"id": "a", "title": "Dam deal signed"},
        {"id": "b", "title": long_title},
        {"id": "c", "title": "", "source_id": "135"},
        {"id": "0123456789abcdef"},
    )
    assert index.doc_label("a") == "Dam deal signed"
    cut = index.doc_label("b")
    assert len(cut) == MAX_TITLE_CHARS and cut.endswith("…") and long_title.startswith(cut[:-1])
    assert index.doc_label("c") == "record 135"
    assert index.doc_label("0123456789abcdef") == "document 01234567"


def test_index_doc_date_reads_partial_dates() -> None:
    index = _docs({"id": "a", "published": "2014-06"}, {"id": "b", "published": "soon"})
    assert index.doc_date("a") == dt.date(2014, 6, 1)
    assert index.doc_date("b") is None


def test_index_statement_at_finds_the_innermost_statement_holding_the_span() -> None:
    statements = [
        {"id": "outer", "doc_id": "d", "start": 0, "end": 100},
        {"id": "inner", "doc_id": "d", "start": 20, "end": 60},
        {"id": "later", "doc_id": "d", "start": 120, "end": 150},
        {"id": "other", "doc_id": "e", "start": 0, "end": 500},
    ]
    index = ExportIndex.build({"statements": list(reversed(statements))})  # order of the export is no matter

    def at(start: int, end: int, doc: str = "d") -> str | None:
        found = index.statement_at(doc, start, end)
        return found["id"] if found else None

    assert at(30, 40) == "inner"
    assert at(20, 60) == "inner"  # the bounds are inside
    assert at(70, 80) == "outer"
    assert at(50, 70) == "outer"  # spills out of the inner one
    assert at(90, 130) is None  # spans two statements
    assert at(125, 150) == "later"
    assert at(30, 40, "e") == "other" and at(0, 1, "f") is None
    assert index.statement_by_id["inner"]["end"] == 60


def test_index_model_events_are_converted_once(mini_export: dict[str, Any]) -> None:
    """The graph and the timeline share one conversion of the export's events to model types."""
    index = ExportIndex.build(mini_export)
    events = index.model_events()
    assert events is index.model_events() and [e.id for e in events] == [e["id"] for e in index.events]
