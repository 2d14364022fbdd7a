"""Each listing's table row and JSON record: the same item, columns in the header's order."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from claimgraph.model import DocumentAnalysis, Speaker
from claimgraph.naming import LIST_SEPARATOR, UNNAMED_SPEAKER
from claimgraph.queries import ActorListing, ClaimListing
from claimgraph.render.listings import LISTINGS, print_listing, statement_row
from claimgraph.store import DocumentSummary

SUMMARY = DocumentSummary("d1", "news/a.txt", None, "Harbor Times", "2014-06-17", None, {"own": 2})


def test_every_row_has_a_cell_per_column(nlp_result: Callable[..., DocumentAnalysis]) -> None:
    analysis = nlp_result()
    counts = {"agree": 1, "disagree": 0, "discuss": 2, "unrelated": 0}
    claim = ClaimListing("claim:1", "Iran attacks ISIS", "disputed", counts, counts, tracked=False)
    items = {
        "docs": SUMMARY,
        "actors": ActorListing(analysis.actors[0], 3),
        "statements": analysis.statements[0],
        "events": analysis.events[0],
        "claims": claim,
    }
    for name, item in items.items():
        listing = LISTINGS[name]
        assert len(listing.row(item)) == len(listing.columns), name
        assert json.loads(json.dumps(listing.record(item))), name


def test_document_row_falls_back_to_the_uri_and_counts_each_voice() -> None:
    row = dict(zip(LISTINGS["docs"].columns, LISTINGS["docs"].row(SUMMARY), strict=True))
    assert row["title"] == "news/a.txt" and row["own"] == "2" and row["quoted"] == "0"


def test_actor_aliases_use_the_list_separator(nlp_result: Callable[..., DocumentAnalysis]) -> None:
    iran = next(a for a in nlp_result().actors if a.id == "country:irn")
    row = LISTINGS["actors"].row(ActorListing(iran, 1))
    assert row[-1] == LIST_SEPARATOR.join(("Tehran", "Iranian"))
    assert LISTINGS["actors"].record(ActorListing(iran, 1))["mentions"] == 1


def test_an_unnamed_speaker_has_the_one_label(nlp_result: Callable[..., DocumentAnalysis]) -> None:
    from dataclasses import replace

    statement = replace(nlp_result().statements[0], speaker=Speaker(None, None, None))
    assert statement_row(statement)[3] == UNNAMED_SPEAKER


def test_print_listing_json_is_one_array(
    capsys: pytest.CaptureFixture[str], nlp_result: Callable[..., DocumentAnalysis]
) -> None:
    events = list(nlp_result().events)
    print_listing("events", events, as_json=True)
    data = json.loads(capsys.readouterr().out)
    assert [e["id"] for e in data] == [e.id for e in events]
    print_listing("events", [], as_json=True)
    assert json.loads(capsys.readouterr().out) == []
