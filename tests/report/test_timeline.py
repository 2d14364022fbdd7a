"""Timelines: stances dated by publication, events by their own date else the document's."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from claimgraph.report.index import ExportIndex
from claimgraph.report.markup import date_of
from claimgraph.report.timeline import MAX_CLAIM_LANES, claim_lanes, lanes_svg, pair_lanes

D = dt.date


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
    lanes = claim_lanes(ExportIndex.build(mini_export))
    assert [lane.label for lane in lanes] == [
        c["text"] for c in mini_export["claims"][:2]
    ]  # k3 has no stances
    assert lanes[0].dots == {
        (D(2021, 3, 2), "agree"): 3,
        (D(2021, 3, 4), "disagree"): 2,
        (D(2021, 3, 10), "discuss"): 1,
    }


def test_timeline_pair_lanes_use_document_date_when_event_has_none(mini_export: dict[str, Any]) -> None:
    lanes = {lane.label: lane for lane in pair_lanes(ExportIndex.build(mini_export))}
    dots = lanes["Northland – Southland"].dots
    assert dots == {
        (D(2021, 3, 1), "asserted"): 1,
        (D(2021, 3, 4), "denied"): 1,
        (D(2021, 3, 8), "reported"): 1,
    }


def test_timeline_lanes_are_capped() -> None:
    claims = [
        {"id": str(i), "text": f"claim {i}", "stances": [{"doc_id": "d", "stance": "agree"}] * (i + 1)}
        for i in range(MAX_CLAIM_LANES + 3)
    ]
    export = {"documents": [{"id": "d", "published": "2020-01-01"}], "claims": claims}
    lanes = claim_lanes(ExportIndex.build(export))
    assert len(lanes) == MAX_CLAIM_LANES and lanes[0].label == f"claim {MAX_CLAIM_LANES + 2}"


def test_timeline_svg_merges_dots_of_one_day(mini_export: dict[str, Any]) -> None:
    svg = lanes_svg(claim_lanes(ExportIndex.build(mini_export)), "t", "st")
    assert svg.count('<circle class="st-') == 4  # 3 days for k1, 1 for k2, however many stances
    assert "2021-03-02: 3 agree" in svg
    assert lanes_svg([], "t", "st") == '<p class="muted">Nothing dated.</p>'
