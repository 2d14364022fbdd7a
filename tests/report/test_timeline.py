"""Timelines: stances dated by publication, events by their own date else the document's; month and
year dates as periods; one row per fact; undated facts listed apart."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from claimgraph.model import ActorRef, Event, HolderKind, Span, Stance, StanceLabel, TimelineEntry, Voice
from claimgraph.report import as_model, render_report
from claimgraph.report.index import ExportIndex
from claimgraph.report.markup import date_of
from claimgraph.report.timeline import (
    MAX_CLAIM_LANES,
    claim_lanes,
    export_claims,
    export_days,
    export_names,
    facts,
    lanes_view,
    pair_lanes,
    ticks,
    timeline_events,
)
from claimgraph.timeline import timeline

D = dt.date


def _claim_lanes(export: dict[str, Any]) -> list[Any]:
    index = ExportIndex.build(export)
    return claim_lanes(export_claims(index), export_days(index))


def _pair_lanes(index: ExportIndex) -> list[Any]:
    return pair_lanes(timeline_events(index), export_names(index))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2014-06-16", D(2014, 6, 16)),
        ("2014-09-15T18:20:00+00:00", D(2014, 9, 15)),
        ("2014-06", D(2014, 6, 1)),
        ("2014", D(2014, 1, 1)),
        ("June 2014", None),
        (None, None),
        (20140616, None),
    ],
)
def test_timeline_date_of_partial_dates(value: Any, expected: dt.date | None) -> None:
    assert date_of(value) == expected


def test_timeline_claim_lanes_colour_stances_by_date(mini_export: dict[str, Any]) -> None:
    lanes = _claim_lanes(mini_export)
    assert [lane.label for lane in lanes] == [
        c["text"] for c in mini_export["claims"][:2]
    ]  # k3 has no stances
    assert lanes[0].dots == {
        (D(2021, 3, 2), D(2021, 3, 2), "agree"): 3,
        (D(2021, 3, 4), D(2021, 3, 4), "disagree"): 2,
        (D(2021, 3, 10), D(2021, 3, 10), "discuss"): 1,
    }


def test_timeline_pair_lanes_use_document_date_when_event_has_none(mini_export: dict[str, Any]) -> None:
    lanes = {lane.label: lane for lane in _pair_lanes(ExportIndex.build(mini_export))}
    dots = lanes["Northland – Southland"].dots
    assert dots == {
        (D(2021, 3, 1), D(2021, 3, 1), "asserted"): 1,
        (D(2021, 3, 4), D(2021, 3, 4), "denied"): 1,
        (D(2021, 3, 8), D(2021, 3, 8), "reported"): 1,
    }


def test_timeline_lanes_take_model_types_and_meet_aliases_in_the_registry_name() -> None:
    """`claimgraph timeline -o x.svg` passes the store's types straight in: no export dict."""
    entry = TimelineEntry("event", "e1", "d1", Span("d1", 0, 5), Voice.OWN, "text", "2014-06")
    tehran, kurds = ActorRef("Tehran", "country:irn"), ActorRef("Kurdish forces")
    event = Event("e1", "d1", Voice.OWN, tehran, "attack", "190", kurds, None, "2014-06", "denied", "text",
                  Span("d1", 0, 5))  # fmt: skip
    (lane,) = pair_lanes([(entry, event)], {"country:irn": "Iran"})
    assert lane.label == "Kurdish forces – Iran"  # keys sorted: the registry id, the name as written
    assert lane.dots == {(D(2014, 6, 1), D(2014, 6, 30), "denied"): 1}
    nobody = Event("e2", "d1", Voice.OWN, ActorRef(""), "attack", None, kurds, None, None, "", "", event.span)
    assert pair_lanes([(entry, nobody)], {}) == []
    own = Stance("k1", "d1", "/data/harbor-times.csv#3", HolderKind.SOURCE, StanceLabel.AGREE, 0.9)
    said = Stance("k1", "d2", "Ada Brun", HolderKind.SPEAKER, StanceLabel.DISAGREE, 0.8)
    (claim,) = claim_lanes([("Dam deal", [own, said])], {"d1": D(2021, 3, 2)})  # d2 undated: no dot
    assert claim.dots == {(D(2021, 3, 2), D(2021, 3, 2), "agree"): 1}
    assert claim.who[D(2021, 3, 2), D(2021, 3, 2), "agree"] == {"harbor-times.csv"}


def test_timeline_lanes_are_capped() -> None:
    claims = [
        {"id": str(i), "text": f"claim {i}", "stances": [{"doc_id": "d", "stance": "agree"}] * (i + 1)}
        for i in range(MAX_CLAIM_LANES + 3)
    ]
    export = {"documents": [{"id": "d", "published": "2020-01-01"}], "claims": claims}
    lanes = _claim_lanes(export)
    assert len(lanes) == MAX_CLAIM_LANES and lanes[0].label == f"claim {MAX_CLAIM_LANES + 2}"


def test_timeline_merges_dots_of_one_day(mini_export: dict[str, Any]) -> None:
    view = lanes_view(_claim_lanes(mini_export), "t", "st")
    assert view is not None
    assert [m.cls for m in view.marks].count("st-agree") == 2  # 3 days for k1, 1 for k2, however many stances
    assert len(view.marks) == 4 and any(m.title.startswith("2021-03-02: 3 agree") for m in view.marks)
    assert lanes_view([], "t", "st") is None


def test_timeline_year_date_is_a_period_not_a_day() -> None:
    """Issue 10: "since 2009" was plotted as one day, with every tick labelled the same day."""
    events = [{"actor": {"name": "A", "actor_id": "x:a"}, "target": {"name": "B", "actor_id": "x:b"},
               "date": "2009", "modality": "asserted", "doc_id": "d"}]  # fmt: skip
    view = lanes_view(_pair_lanes(ExportIndex.build({"events": events})), "t", "md")
    assert view is not None and len(view.marks) == 1
    assert view.marks[0].width > 500  # a bar across 2009, not a dot
    labels = [text for _, text in view.ticks]
    assert len(labels) == len(set(labels)) >= 2 and all(len(t) == len("2009-01") for t in labels)
    page = render_report({"events": events})
    assert '<rect class="md-asserted period"' in page and "(date known to the year)" in page


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (D(2021, 3, 1), D(2021, 3, 7), ["2021-03-01", "2021-03-02", "2021-03-03", "2021-03-04", "2021-03-05",
                                        "2021-03-06", "2021-03-07"]),
        (D(2009, 1, 1), D(2014, 9, 1), ["2009", "2010", "2011", "2012", "2013", "2014"]),
        (D(2014, 1, 15), D(2014, 7, 2), ["2014-02", "2014-03", "2014-04", "2014-05", "2014-06", "2014-07"]),
    ],
)  # fmt: skip
def test_timeline_ticks_by_span(first: dt.date, last: dt.date, expected: list[str]) -> None:
    assert [text for _, text in ticks(first, last)] == expected


def test_timeline_one_row_per_fact_with_stances(mini_export: dict[str, Any]) -> None:
    """Issue 10: one sentence was listed up to three times, and no row showed a stance."""
    e1 = mini_export["events"][0]
    mini_export["events"] += [dict(e1, id="e1b"), dict(e1, id="e1c")]  # the same fact found three times
    dated, undated = facts(ExportIndex.build(mini_export))
    rows = [(f.date, f.kind, f.what, f.label, f.who) for f in dated + undated]
    assert len(rows) == len(set(rows))
    assert (
        rows.count(
            ("2021-03-01", "event", "Northland cooperate Southland (in Kessel)", "asserted", "Northland")
        )
        == 1
    )
    stance_rows = [f for f in dated if f.kind == "stance"]
    assert {(f.who, f.label) for f in stance_rows} >= {
        ("Southland Herald", "disagree"),
        ("Valley Post", "agree"),
    }
    page = render_report(mini_export)
    assert '<span class="badge st-disagree">disagree</span>' in page.split('id="timeline-dated"')[1]


def test_timeline_undated_corpus_lists_its_facts_apart(mini_export: dict[str, Any]) -> None:
    """Issue 10: an undated corpus got only "Nothing dated"."""
    for doc in mini_export["documents"]:
        doc["published"] = None
    for event in mini_export["events"]:
        event["date"] = None
    dated, undated = facts(ExportIndex.build(mini_export))
    assert dated == [] and len(undated) >= len(mini_export["events"])
    page = render_report(mini_export)
    section = page.split('<details class="more" id="timeline-undated" open>')[1].split("</details>")[0]
    assert "Northland cooperate Southland" in section and "Southland Herald" in section
    assert "Nothing dated" not in page


def test_timeline_events_are_claimgraph_timelines(mini_export: dict[str, Any]) -> None:
    """The report's event rows are `claimgraph.timeline.timeline`'s entries: same facts, same dates."""
    index = ExportIndex.build(mini_export)
    entries = timeline(as_model.events(index.events), (), as_model.documents(index.documents))
    dated, undated = facts(index)
    rows = sorted((f.doc_id, f.date, f.sentence) for f in dated + undated if f.kind == "event")
    assert rows == sorted((e.doc_id, e.date or "", e.text.split(": ", 1)[1]) for e in entries)
    assert len(rows) == len(mini_export["events"])


def test_timeline_one_fact_told_twice_in_a_document_is_one_row_and_one_dot(
    mini_export: dict[str, Any],
) -> None:
    """Two sentences of one document naming the same resolved actors, action, date and modality are
    one fact, as `claimgraph timeline` counts them: one row, and a dot of one."""
    e1 = mini_export["events"][0]
    again = dict(
        e1, id="e1-again", actor=dict(e1["actor"], name="the Northland government"), start=200, end=240
    )
    mini_export["events"].append(again)
    index = ExportIndex.build(mini_export)
    dated, _ = facts(index)
    assert [f.doc_id for f in dated if f.kind == "event" and f.date == e1["date"]] == [e1["doc_id"]]
    dots = {lane.label: lane for lane in _pair_lanes(index)}["Northland – Southland"].dots
    assert dots[(D(2021, 3, 1), D(2021, 3, 1), "asserted")] == 1
